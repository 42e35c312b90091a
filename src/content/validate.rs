//! Checks that need more than one field or file: references, uniqueness, ranges, safe slugs.

use super::agree::facts_agree;
use super::reasons::reasons_agree;
use super::schema::{PlanFile, Text};
use super::{Content, Source};
use crate::error::{Diagnostic, Msg};
use crate::msg;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// Placeholder text the scaffold and the importer leave for staff to fill in; `check` refuses a
/// Chinese text that still holds it, and warns of an English one.
pub use super::schema::PLACEHOLDER;

/// The rules a value must follow that editors are told too (the schemas' patterns), kept
/// beside the record's shape ([`super::rules`]).
pub use super::rules::{
    is_roc_year, is_slug, DATE_PATTERN, FEEDBACK_PATTERN, IMAGE_SRC_PATTERN, LANG_TAG_PATTERN,
    PREFIX_PATTERN, ROC_YEARS, SLUG_PATTERN, WEB_URL_PATTERN,
};

/// A character that cannot be seen but changes what a name or id is: the controls that
/// change the direction of the text after them (U+202A–U+202E, U+2066–U+2069, and the marks
/// U+200E, U+200F, U+061C), which can make a title read as something else, and the
/// zero-width characters (U+200B–U+200D, U+2060, U+FEFF), with which a plan is not found by
/// its name as shown.
pub fn hidden_char(s: &str) -> Option<char> {
    s.chars().find(|c| {
        matches!(
            c,
            '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'
                | '\u{2066}'..='\u{2069}'
                | '\u{061C}'
                | '\u{FEFF}'
        )
    })
}

/// Why `c` ([`hidden_char`]) may not be in a `what` (a name, an id: [`Msg`] of a few words).
pub fn hidden_message(c: char, what: &Msg) -> Msg {
    let code = c as u32;
    let (en, zh) = (&what.en, &what.zh);
    match c {
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => msg!(
            "{en} holds U+{code:04X}, an invisible zero-width character: searching for the name as it is shown would not find it; delete it (names and ids may not hold one)",
            "{zh}含有看不見的零寬字元 U+{code:04X}，照畫面上的名稱搜尋會找不到；請刪除它（名稱與 id 不可含有此類字元）"
        ),
        _ => msg!(
            "{en} holds U+{code:04X}, an invisible character that changes the direction of the text after it, so the text can read as something else; delete it (names and ids may not hold one)",
            "{zh}含有看不見的字元 U+{code:04X}，會改變其後文字的方向，使文字看起來像別的內容；請刪除它（名稱與 id 不可含有此類字元）"
        ),
    }
}

/// A name (`field`, both languages) free of [`hidden_char`]s.
fn name<T>(src: &Source<T>, field: &str, t: &Text, out: &mut Vec<Diagnostic>) {
    for (lang, s) in [("zh", &t.zh), ("en", &t.en)] {
        let what = match lang {
            "zh" => Msg::new("the Chinese name", "中文名稱"),
            _ => Msg::new("the English name", "英文名稱"),
        };
        if let Some(c) = hidden_char(s) {
            out.push(src.problem(&format!("{field}.{lang}"), hidden_message(c, &what)));
        }
    }
}

/// What a command is told of a year given on its command line (`--year 2023`) that is not a
/// ROC year.
pub fn not_roc_year(given: &str) -> Msg {
    let (from, to) = (ROC_YEARS.start(), ROC_YEARS.end());
    msg!(
        "{given} is not a ROC year ({from}–{to}); write 112, not 2023",
        "{given} 不是民國年（{from}–{to}）；請寫 112，而非 2023"
    )
}

/// Every problem in the content, in file order.
pub fn validate(c: &Content) -> Vec<Diagnostic> {
    validate_plans(c, |_| true)
}

/// Every problem in the content, checking each plan record on its own only where `check`
/// says so (the records that changed since the content was last valid); what involves
/// several records (items and ids used twice) is checked over all of them.
pub fn validate_plans(
    c: &Content,
    check: impl Fn(&Source<PlanFile>) -> bool + Sync,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    site(c, &mut out);
    years(c, &mut out);
    let slugs = agencies(c, &mut out);
    for (slug, page) in &c.pages {
        if !is_slug(slug) {
            out.push(Diagnostic::new(
                &page.path,
                Msg::new(
                    "page file names must be lowercase ASCII words joined by hyphens (about-us.md)",
                    "頁面檔名須為小寫英文字母或數字，以連字號連接（例如 about-us.md）",
                ),
            ));
        }
        if let Some(c) = hidden_char(slug) {
            out.push(Diagnostic::new(
                &page.path,
                hidden_message(c, &Msg::new("the file name", "檔名")),
            ));
        }
        text(page, "title", &page.value.title, &mut out);
        name(page, "title", &page.value.title, &mut out);
        text(page, "body", &page.value.body, &mut out);
        markdown(page, "body", &page.value.body, &mut out);
    }
    // each record's own checks (Markdown parsed, at 100,000 records seconds of work) on every
    // core; their problems still go out in file order, each record's before its duplicates'
    let own: Vec<Vec<Diagnostic>> = c
        .plans
        .par_iter()
        .map(|p| {
            let mut found = Vec::new();
            if check(p) {
                plan(p, &slugs, &mut found);
            }
            found
        })
        .collect();
    let mut items: BTreeMap<(u32, u32), &Source<PlanFile>> = BTreeMap::new();
    let mut ids: BTreeMap<(u32, &str), &Source<PlanFile>> = BTreeMap::new();
    for (p, found) in c.plans.iter().zip(own) {
        out.extend(found);
        let v = &p.value;
        if let Some(first) = items.insert((v.year, v.item), p) {
            out.push(p.problem(
                "item",
                {
                    let (item, year, other) = (v.item, v.year, first.path.display());
                    msg!(
                        "item {item} of year {year} is also used by {other}: give each plan of a year its own item number",
                        "{year} 年度的項次 {item} 也用在 {other}：同一年度每個計畫的項次須不同"
                    )
                },
            ));
        }
        if let Some(first) = ids.insert((v.year, v.id.as_str()), p) {
            out.push(p.problem("id", {
                let (id, year, other) = (&v.id, v.year, first.path.display());
                msg!(
                    "plan id `{id}` appears twice in year {year} (also {other})",
                    "計畫 id `{id}` 在 {year} 年度出現兩次（另一處在 {other}）"
                )
            }));
        }
    }
    out
}

fn site(c: &Content, out: &mut Vec<Diagnostic>) {
    let s = &c.site;
    let v = &s.value;
    if !(v.base_url.starts_with("https://") || v.base_url.starts_with("http://"))
        || v.base_url.contains(char::is_whitespace)
    {
        out.push(s.problem("base_url", web_url()));
    }
    if !is_slug(&v.theme) {
        out.push(s.problem(
            "theme",
            Msg::new(
                "must be the name of a folder under themes/ (lowercase ASCII, hyphens)",
                "須為 themes/ 下的資料夾名稱（小寫英文字母、數字與連字號）",
            ),
        ));
    }
    languages(s, out);
    if let Some(m) = date_problem(&v.updated) {
        out.push(s.problem("updated", m));
    }
    text(s, "title", &v.title, out);
    name(s, "title", &v.title, out);
    text(s, "description", &v.description, out);
    text(s, "publisher", &v.publisher, out);
    let urls = [
        ("ministry_url", v.ministry_url.as_deref()),
        (
            "accessibility_mark.url",
            v.accessibility_mark.as_ref().map(|m| m.url.as_str()),
        ),
    ];
    for (field, url) in urls {
        if url.is_some_and(|u| !is_web_url(u)) {
            out.push(s.problem(field, web_url()));
        }
    }
    if let Some(Err(m)) = v.feedback.as_deref().map(super::feedback::parse) {
        out.push(s.problem("feedback", m));
    }
    data_license(s, out);
    let images = [
        ("logo.src", v.logo.as_ref().map(|i| i.src.as_str())),
        (
            "accessibility_mark.image.src",
            v.accessibility_mark.as_ref().map(|m| m.image.src.as_str()),
        ),
    ];
    for (field, src) in images {
        if src.is_some_and(|u| !is_web_url(u) && (!u.starts_with('/') || u.starts_with("//"))) {
            out.push(s.problem(
                field,
                Msg::new(
                    "must be a root-relative path (/static/…) or an absolute http(s) URL",
                    "須為以 / 開頭的站內路徑（/static/…），或以 http:// 或 https:// 開頭的完整網址",
                ),
            ));
        }
    }
}

/// The open data's license, when the site names one: its name and web addresses.
fn data_license(s: &Source<crate::content::schema::SiteFile>, out: &mut Vec<Diagnostic>) {
    let Some(l) = &s.value.data_license else {
        return;
    };
    text(s, "data_license.name", &l.name, out);
    name(s, "data_license.name", &l.name, out);
    let urls = [
        ("data_license.url", Some(&l.url)),
        ("data_license.url_en", l.url_en.as_ref()),
    ];
    for (field, url) in urls {
        if url.is_some_and(|u| !is_web_url(u)) {
            out.push(s.problem(field, web_url()));
        }
    }
}

/// The two languages' URL prefixes and tags.
fn languages(s: &Source<crate::content::schema::SiteFile>, out: &mut Vec<Diagnostic>) {
    let v = &s.value;
    if v.languages.zh.prefix.is_empty() == v.languages.en.prefix.is_empty()
        && v.languages.zh.prefix == v.languages.en.prefix
    {
        out.push(s.problem(
            "languages",
            Msg::new(
                "the two languages need different URL prefixes",
                "兩種語言的網址前綴須不同",
            ),
        ));
    }
    for (name, l) in [("zh", &v.languages.zh), ("en", &v.languages.en)] {
        if !l.prefix.is_empty() && !is_slug(&l.prefix) {
            out.push(s.problem(
                &format!("languages.{name}.prefix"),
                Msg::new(
                    "must be empty or lowercase ASCII",
                    "須留空，或為小寫英文字母與數字",
                ),
            ));
        }
        if l.tag.is_empty()
            || !l
                .tag
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        {
            out.push(s.problem(
                &format!("languages.{name}.tag"),
                Msg::new(
                    "must be a language tag such as zh-Hant-TW",
                    "須為語言標籤，例如 zh-Hant-TW",
                ),
            ));
        }
    }
}

/// What a field that must hold a web address is told.
fn web_url() -> Msg {
    Msg::new(
        "must be an absolute http(s) URL",
        "須為以 http:// 或 https:// 開頭的完整網址",
    )
}

/// An absolute http(s) URL without spaces.
fn is_web_url(u: &str) -> bool {
    (u.starts_with("https://") || u.starts_with("http://")) && !u.contains(char::is_whitespace)
}

/// Year records: named after their year, with a valid date and URL when given.
fn years(c: &Content, out: &mut Vec<Diagnostic>) {
    for y in &c.years {
        let v = &y.value;
        if y.path.file_stem().and_then(|s| s.to_str()) != Some(v.year.to_string().as_str()) {
            out.push(y.problem("year", {
                let year = v.year;
                msg!(
                    "year {year} is in a file named otherwise; name it {year}.yaml",
                    "{year} 年度的紀錄檔名不符；請將檔名改為 {year}.yaml"
                )
            }));
        }
        text(y, "source.title", &v.source.title, out);
        name(y, "source.title", &v.source.title, out);
        if let Some(m) = v.source.date.as_deref().and_then(date_problem) {
            out.push(y.problem("source.date", m));
        }
        if v.source.url.as_deref().is_some_and(|u| !is_web_url(u)) {
            out.push(y.problem("source.url", web_url()));
        }
    }
    year_chores(c, out);
}

/// The chores of a new year, as warnings: a year with plans and no year record (its source
/// goes unnamed), and `site.yaml`'s `updated` older than the newest review's date.
fn year_chores(c: &Content, out: &mut Vec<Diagnostic>) {
    let recorded: BTreeSet<u32> = c.years.iter().map(|y| y.value.year).collect();
    let with_plans: BTreeSet<u32> = c.plans.iter().map(|p| p.value.year).collect();
    for year in with_plans.difference(&recorded) {
        out.push(
            Diagnostic::new(
                format!("content/years/{year}.yaml"),
                msg!(
                    "year {year} has plans but no year record, so its pages name no source document; write it with `gongkai new year {year}`",
                    "{year} 年度已有計畫，卻沒有年度紀錄，因此頁面上不會註明資料來源文件；請用 `gongkai new year {year}` 建立"
                ),
            )
            .as_warning(),
        );
    }
    let newest = (c.years.iter())
        .filter_map(|y| {
            y.value
                .source
                .date
                .as_deref()
                .filter(|d| is_date(d))
                .map(|d| (d, y))
        })
        .max_by_key(|(d, _)| *d);
    let updated = &c.site.value.updated;
    if let Some((date, y)) = newest.filter(|(d, _)| is_date(updated) && updated.as_str() < *d) {
        out.push(
            c.site
                .problem(
                    "updated",
                    {
                        let (year, file) = (y.value.year, y.path.display());
                        msg!(
                            "{updated} is older than the review of {year} ({date}, in {file}): set it to the date this edition is published",
                            "{updated} 早於 {year} 年度評核的日期（{date}，見 {file}）：請改為這一版網站發布的日期"
                        )
                    },
                )
                .as_warning(),
        );
    }
}

/// What is wrong with a date, if anything: not written `YYYY-MM-DD`, or written so but not a
/// day of the calendar (`2023-02-30`).
pub fn date_problem(s: &str) -> Option<Msg> {
    if is_date(s) {
        return None;
    }
    let parts: Vec<&str> = s.split('-').collect();
    let shaped = parts.len() == 3
        && [4, 2, 2]
            .iter()
            .zip(&parts)
            .all(|(n, p)| p.len() == *n && p.bytes().all(|b| b.is_ascii_digit()));
    if !shaped {
        return Some(Msg::new(
            "must be a date written YYYY-MM-DD in the Western calendar (2023-06-30)",
            "須為西元日期，寫成 YYYY-MM-DD（例如 2023-06-30）",
        ));
    }
    let (y, m) = (parts[0], parts[1]);
    let number = m.parse::<u8>().unwrap_or(0);
    Some(match (time::Month::try_from(number), y.parse::<i32>()) {
        (Ok(month), Ok(year)) => {
            let days = month.length(year);
            msg!(
                "{s} does not exist: {month} {y} has {days} days",
                "{s} 不存在：{y} 年 {number} 月只有 {days} 天"
            )
        }
        _ => msg!(
            "{s} does not exist: there is no month {number}",
            "{s} 不存在：沒有 {number} 月"
        ),
    })
}

/// A calendar date written `YYYY-MM-DD` that exists (`2023-02-31` does not).
pub fn is_date(s: &str) -> bool {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    s.len() == 10
        && s.starts_with(|c: char| c.is_ascii_digit())
        && time::Date::parse(s, format).is_ok()
}

fn agencies(c: &Content, out: &mut Vec<Diagnostic>) -> BTreeSet<String> {
    let a = &c.agencies;
    text(a, "ministry", &a.value.ministry, out);
    let mut slugs = BTreeSet::new();
    for (i, ag) in a.value.agencies.iter().enumerate() {
        if let Some(c) = hidden_char(&ag.slug) {
            out.push(a.problem(
                &format!("agencies[{i}].slug"),
                hidden_message(c, &Msg::new("the slug", "代碼")),
            ));
        } else if !is_slug(&ag.slug) {
            out.push(a.problem(
                &format!("agencies[{i}].slug"),
                {
                    let slug = &ag.slug;
                    msg!(
                        "`{slug}` is not a slug: use lowercase ASCII words joined by hyphens (labor-standards)",
                        "`{slug}` 不是有效的代碼：請用小寫英文字母或數字，以連字號連接（例如 labor-standards）"
                    )
                },
            ));
        } else if !slugs.insert(ag.slug.clone()) {
            out.push(a.problem(&format!("agencies[{i}].slug"), {
                let slug = &ag.slug;
                msg!("agency `{slug}` is listed twice", "機關 `{slug}` 列了兩次")
            }));
        }
        text(a, &format!("agencies[{i}].name"), &ag.name, out);
        name(a, &format!("agencies[{i}].name"), &ag.name, out);
        for (j, short) in ag.short_names.iter().enumerate() {
            if let Some(c) = hidden_char(short) {
                out.push(a.problem(
                    &format!("agencies[{i}].short_names[{j}]"),
                    hidden_message(c, &Msg::new("the short name", "簡稱")),
                ));
            }
        }
        if ag.website.as_deref().is_some_and(|u| !is_web_url(u)) {
            out.push(a.problem(&format!("agencies[{i}].website"), web_url()));
        }
    }
    slugs
}

/// Both languages present, no placeholder left.
fn text<T>(src: &Source<T>, field: &str, t: &Text, out: &mut Vec<Diagnostic>) {
    if t.zh.trim().is_empty() {
        out.push(src.problem(
            &format!("{field}.zh"),
            Msg::new("the Chinese text is missing", "缺少中文內容"),
        ));
    }
    if t.english_pending() {
        // the Chinese is authoritative: its pages are published, and the English page says
        // the translation is being prepared
        out.push(
            src.problem(
                &format!("{field}.en"),
                Msg::new(
                    "the English text is not written yet: the English page shows the Chinese text and says the translation is being prepared",
                    "英文尚未填寫：英文頁面會先顯示中文內容，並說明翻譯準備中",
                ),
            )
            .as_warning(),
        );
    }
    if !t.english_pending() && super::schema::english_outdated(t) {
        out.push(
            src.problem(
                &format!("{field}.en"),
                Msg::new(
                    "the Chinese text changed since this English was translated from it: update the English, then delete the `en_from` line",
                    "中文內容在翻譯成這段英文之後已修改：請更新英文，再刪除 `en_from` 那一行",
                ),
            )
            .as_warning(),
        );
    }
    if t.zh.contains(PLACEHOLDER) {
        out.push(src.problem(&format!("{field}.zh"), placeholder_left()));
    }
}

/// A quote of the record's texts (a reason): Chinese, and no placeholder in either language.
fn quote<T>(src: &Source<T>, field: &str, t: &Text, out: &mut Vec<Diagnostic>) {
    for (lang, s) in [("zh", &t.zh), ("en", &t.en)] {
        if s.contains(PLACEHOLDER) {
            out.push(src.problem(&format!("{field}.{lang}"), placeholder_left()));
        } else if lang == "zh" && s.trim().is_empty() {
            out.push(src.problem(
                &format!("{field}.zh"),
                Msg::new("the Chinese text is missing", "缺少中文內容"),
            ));
        }
    }
}

fn placeholder_left() -> Msg {
    msg!(
        "placeholder `{PLACEHOLDER}` left in the text: write the text in its place",
        "內容仍留有待填標記 `{PLACEHOLDER}`：請換成實際內容"
    )
}

/// Markdown that renders within the renderer's limits (nesting, length, escaped characters).
fn markdown<T>(src: &Source<T>, field: &str, t: &Text, out: &mut Vec<Diagnostic>) {
    for (lang, s) in [("zh", &t.zh), ("en", &t.en)] {
        if let Err(e) = crate::text::markdown::check(s) {
            out.push(src.problem(&format!("{field}.{lang}"), e.0));
        }
    }
}

/// Every check of one plan record on its own.
fn plan(p: &Source<PlanFile>, agencies: &BTreeSet<String>, out: &mut Vec<Diagnostic>) {
    plan_place(p, out);
    let v = &p.value;
    if !is_roc_year(v.year) {
        {
            let year = v.year;
            out.push(p.problem(
                "year",
                msg!(
                    "{year} is not a ROC year (write 112, not 2023)",
                    "{year} 不是民國年（請寫 112，而非 2023）"
                ),
            ));
        }
    }
    if v.item == 0 {
        out.push(p.problem("item", Msg::new("item numbers start at 1", "項次從 1 開始")));
    }
    if v.source_page == Some(0) {
        out.push(p.problem(
            "source_page",
            Msg::new(
                "page numbers start at 1; leave the field out when the page is not known",
                "頁碼從 1 開始；不知道頁碼時請省略這個欄位",
            ),
        ));
    }
    if let Some(c) = hidden_char(&v.agency) {
        out.push(p.problem(
            "agency",
            hidden_message(c, &Msg::new("the agency's slug", "機關代碼")),
        ));
    } else if !agencies.contains(&v.agency) {
        out.push(p.problem(
            "agency",
            super::suggest::unknown_agency(&v.agency, agencies),
        ));
    }
    for (field, t) in v.texts() {
        if field.starts_with("reasons.") {
            // a reason quotes the texts, and its English is optional
            quote(p, &field, t, out);
        } else {
            text(p, &field, t, out);
        }
    }
    name(p, "name", &v.name, out);
    for (key, t) in v.review.sections() {
        markdown(p, &format!("review.{key}"), t, out);
    }
    facts(p, out);
    // the facts and the reasons are checked against one reading of the text
    let reading = crate::reader::read_review(&v.review);
    facts_agree(p, &reading, out);
    reasons_agree(p, &reading, out);
}

/// The id is a slug, and the file's place agrees with what it says (`<year>/<id>.yaml`), so
/// staff find records by id and year.
fn plan_place(p: &Source<PlanFile>, out: &mut Vec<Diagnostic>) {
    let v = &p.value;
    if let Some(c) = hidden_char(&v.id) {
        out.push(p.problem("id", hidden_message(c, &Msg::new("the id", "id"))));
    } else if !is_slug(&v.id) {
        out.push(p.problem("id", {
            let id = &v.id;
            msg!(
                "`{id}` is not a valid id: use lowercase ASCII words joined by hyphens (bli-111-3)",
                "`{id}` 不是有效的 id：請用小寫英文字母或數字，以連字號連接（例如 bli-111-3）"
            )
        }));
    }
    let stem = p
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if is_slug(&v.id) && stem != v.id {
        out.push(p.problem(
            "id",
            {
                let id = &v.id;
                msg!(
                    "the file is named `{stem}.yaml` but its id is `{id}`: rename the file to `{id}.yaml`, or change the id to `{stem}`",
                    "檔名是 `{stem}.yaml`，但 id 是 `{id}`：請將檔名改為 `{id}.yaml`，或將 id 改為 `{stem}`"
                )
            },
        ));
    }
    let folder = p
        .path
        .parent()
        .and_then(|d| d.file_name())
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if folder != v.year.to_string() {
        out.push(p.problem(
            "year",
            {
                let year = v.year;
                msg!(
                    "year {year} does not match the folder `{folder}`: a plan of year {year} goes in content/plans/{year}/",
                    "年度 {year} 與所在資料夾 `{folder}` 不符：{year} 年度的計畫應放在 content/plans/{year}/"
                )
            },
        ));
    }
}

/// The facts' numbers in range and consistent with each other.
fn facts(p: &Source<PlanFile>, out: &mut Vec<Diagnostic>) {
    let f = &p.value.facts;
    for (i, x) in f.budget_execution.iter().enumerate() {
        if !(0.0..=100.0).contains(x) {
            out.push(p.problem(
                &format!("facts.budget_execution[{i}]"),
                msg!("{x} is outside 0–100 %", "{x} 不在 0 到 100 % 之間"),
            ));
        }
    }
    let mut quarters = BTreeSet::new();
    for (i, lag) in f.lags.iter().enumerate() {
        if !(1..=4).contains(&lag.quarter) {
            out.push(p.problem(&format!("facts.lags[{i}].quarter"), {
                let q = lag.quarter;
                msg!("quarter {q} is not 1–4", "季別 {q} 不是 1 到 4")
            }));
        } else if !quarters.insert(lag.quarter) {
            out.push(p.problem(&format!("facts.lags[{i}].quarter"), {
                let q = lag.quarter;
                msg!("quarter {q} is listed twice", "第 {q} 季列了兩次")
            }));
        }
        if !(0.0..=100.0).contains(&lag.percent) {
            out.push(p.problem(&format!("facts.lags[{i}].percent"), {
                let x = lag.percent;
                msg!("{x} is outside 0–100 %", "{x} 不在 0 到 100 % 之間")
            }));
        }
    }
    if f.reports.on_time && !f.reports.late.is_empty() {
        out.push(p.problem(
            "facts.reports.on_time",
            Msg::new(
                "is true but late reports are listed: set it to false, or remove the late reports",
                "設為 true，卻又列出逾期的報告：請改為 false，或刪除所列的逾期報告",
            ),
        ));
    }
    for (i, r) in f.reports.returned.iter().enumerate() {
        if r.times == 0 {
            out.push(p.problem(
                &format!("facts.reports.returned[{i}].times"),
                Msg::new("must be at least 1", "至少須為 1"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_slug("mol-office-building"));
        assert!(is_slug("bli"));
        for bad in ["", "-a", "a-", "a--b", "A", "a/b", "..", "a b", "中文"] {
            assert!(!is_slug(bad), "{bad}");
        }
    }

    #[test]
    fn dates() {
        assert!(is_date("2023-06-30"));
        assert!(!is_date("2023-13-01"));
        assert!(!is_date("23-06-30"));
        assert!(is_date("2024-02-29"));
        for bad in [
            "2023-02-31",
            "2023-02-29",
            "2023-04-31",
            "2023-00-10",
            "2023-06-00",
            "+023-06-30",
            "2023-6-30",
            "2023-06-30 ",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
    }
}
