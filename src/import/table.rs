//! Reading the table: rows, continuation rows, cells, sections.

use super::{ImportOutcome, ImportProblem};
use crate::content::schema::{AgenciesFile, Fact, Facts, PlanFile, Review, Text};
use crate::error::Msg;
use crate::msg;
use crate::reader;
use crate::text::cleanup::{
    clean_wraps, ends_sentence, escape_markdown_start, heading_prefix, normalize_for_facts,
    split_review_cell, starts_with_marker, strip_spaces, Fragment, HEADINGS,
};

const HEADER: [&str; 4] = ["項次", "主辦機關", "計畫名稱", "複核結果"];

/// A paragraph being assembled, with the line it starts on.
struct Para {
    text: String,
    line: usize,
}

/// One item's cells, accumulated over its first row and its continuation rows.
struct Item {
    item: u32,
    line: usize,
    /// The header rows seen before its row: the page it starts on, when the table's header
    /// rows mark its pages (see [`page_of`]).
    headers_before: u32,
    agency: String,
    agency_line: Option<usize>,
    name: String,
    paras: Vec<Para>,
    /// The last paragraph was not closed by `</p>` when its row ended.
    open: bool,
}

impl Item {
    fn append_row(&mut self, line: usize, agency: &str, name: &str, review: &str) {
        if !agency.trim().is_empty() {
            self.agency.push_str(agency.trim());
            self.agency_line.get_or_insert(line);
        }
        if !name.trim().is_empty() {
            if !self.name.is_empty() {
                self.name.push(' ');
            }
            self.name.push_str(name.trim());
        }
        let frags = split_review_cell(review);
        let mut at_row_start = true;
        for Fragment {
            text,
            opened,
            closed,
        } in frags
        {
            if !opened && text.trim().is_empty() {
                // Only a `</p>` closing the paragraph left open by the previous row.
                self.open = false;
                continue;
            }
            let join = match self.paras.last() {
                None => false,
                Some(_) if !at_row_start => false,
                Some(_) if self.open || !opened => true,
                // Not a continuation of an open `<p>`, but a page break may still have cut a
                // sentence in two (`…職業安全衛生</p>` / `<p>決策系統…`): join when the previous
                // paragraph ends mid-sentence and the next does not start a new outline point.
                Some(prev) => {
                    let prev = clean_wraps(&prev.text);
                    let next = clean_wraps(&text);
                    !prev.is_empty()
                        && !next.is_empty()
                        && !ends_sentence(&prev)
                        && heading_prefix(&prev).is_none_or(|(_, rest)| !rest.is_empty())
                        && !starts_with_marker(&next)
                        && heading_prefix(&next).is_none()
                }
            };
            if join {
                let last = self.paras.last_mut().expect("checked above");
                last.text.push(' ');
                last.text.push_str(&text);
            } else {
                self.paras.push(Para { text, line });
            }
            at_row_start = false;
            self.open = !closed;
        }
    }
}

/// Split into lines on `\n`, `\r\n` or a lone `\r`.
fn lines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                out.push(&text[start..i]);
                start = i + 1;
            }
            b'\r' => {
                out.push(&text[start..i]);
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    out.push(&text[start..]);
    out
}

fn parse_item_number(cell: &str) -> Option<u32> {
    let s = normalize_for_facts(cell);
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok().filter(|&n| n > 0)
}

/// Parse the review table (see the module documentation) for ROC `year`.
///
/// Rules:
/// - A BOM is ignored; lines end with `\n`, `\r\n` or `\r`; line numbers are 1-based.
/// - Blank lines, lines without a tab (titles, page furniture) and header rows
///   (`項次` `主辦機關` `計畫名稱` `複核結果`, tab-separated) are skipped; a line without a tab that contains `<p>` is a
///   problem (review text outside the table). Each header row starts a page of the PDF: a
///   record's `source_page` is the page its row starts on ([`page_of`]).
/// - A row has exactly 4 tab-separated cells (trailing empty cells are ignored); a row whose
///   first cell is empty continues the previous item: agency and name text is appended, review
///   paragraphs are appended (an unclosed `<p>` continues; a paragraph cut mid-sentence at a page
///   break — previous one not ending in `。！？；` and next not starting with an outline marker
///   like `(二)`, `1.`, `二、` — is joined).
/// - Wrap spaces are undone with [`clean_wraps`]; the agency is matched against `agencies.yaml`
///   with all spaces removed.
/// - The review is split into its sections at paragraphs starting with `一、行政作業`,
///   `二、經費運用`, `三、特殊績效`; the heading is removed and text after it in the same paragraph
///   becomes the section's first paragraph. Paragraphs are joined by a blank line, the section
///   ends with a newline, and Markdown-special paragraph starts are escaped.
/// - Facts are extracted from the Chinese text (see `facts`).
/// - `id` is a new plan's ([`new_plan_id`](super::new_plan_id), `<agency>-<year>-<item>`);
///   `gongkai import` replaces it with the id of the plan the row continues or updates, and
///   makes it unique in the site. English texts are empty.
pub fn parse_table(text: &str, year: u32, agencies: &AgenciesFile) -> ImportOutcome {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut table = Table::default();
    for (idx, raw) in lines(text).into_iter().enumerate() {
        let line = idx + 1;
        match classify(raw) {
            Line::Skip => {}
            Line::Header => table.pages += 1,
            Line::Stray => table.problem(
                line,
                Msg::new(
                    "review text outside a table row (expected 4 tab-separated cells)",
                    "表格列之外出現評核文字（每列應有 4 個以 Tab 分隔的欄位）",
                ),
            ),
            Line::Row(cells) => table.row(line, &cells),
        }
    }
    let Table {
        items,
        mut problems,
        pages,
        ..
    } = table;
    if items.is_empty() {
        problems.push(ImportProblem {
            line: 1,
            message: Msg::new(
                "no items found: the table has no rows with a 項次",
                "找不到任何項目：表格中沒有含「項次」的列",
            ),
        });
    }
    let records = items
        .into_iter()
        .map(|it| {
            let mut problems = ItemProblems {
                item: it.item,
                out: &mut problems,
            };
            let page = page_of(it.headers_before, pages);
            PlanFile {
                source_page: page,
                ..build_record(it, year, agencies, &mut problems)
            }
        })
        .collect();
    problems.sort_by_key(|p| p.line);
    ImportOutcome { records, problems }
}

/// The page of a row after `headers_before` of the table's `headers` header rows: the PDF
/// repeats the header row at the top of every page, so a row is on the page of the last header
/// row above it (the first page when there is none above it, a title before the table); a table
/// without header rows says nothing of its pages.
fn page_of(headers_before: u32, headers: u32) -> Option<u32> {
    (headers > 0).then_some(headers_before.max(1))
}

/// What a line of the table is.
enum Line<'a> {
    /// Blank, or page furniture without a tab.
    Skip,
    /// A header row: the PDF repeats it at the top of every page.
    Header,
    /// Review text (`<p>`) on a line without a tab: outside the table.
    Stray,
    /// A row's cells (trailing empty cells beyond the fourth dropped).
    Row(Vec<&'a str>),
}

fn classify(raw: &str) -> Line<'_> {
    let line_text = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    if line_text.trim().is_empty() {
        return Line::Skip;
    }
    if !line_text.contains('\t') {
        let lower = line_text.to_ascii_lowercase();
        let stray = lower.contains("<p>") || lower.contains("</p>") || lower.contains("<p ");
        return if stray { Line::Stray } else { Line::Skip };
    }
    let mut cells: Vec<&str> = line_text.split('\t').collect();
    while cells.len() > 4 && cells.last().is_some_and(|c| c.trim().is_empty()) {
        cells.pop();
    }
    if cells.iter().all(|c| c.trim().is_empty()) {
        Line::Skip
    } else if is_header(&cells) {
        Line::Header
    } else {
        Line::Row(cells)
    }
}

/// A header row (repeated on every PDF page): its first cell, or two of its cells, match.
fn is_header(cells: &[&str]) -> bool {
    strip_spaces(cells[0]) == HEADER[0]
        || cells
            .iter()
            .zip(HEADER)
            .filter(|(c, h)| strip_spaces(c) == *h)
            .count()
            >= 2
}

/// The items read so far and what went wrong.
#[derive(Default)]
struct Table {
    items: Vec<Item>,
    /// Index into `items` of the item continuation rows belong to.
    current: Option<usize>,
    /// After a broken item row, its continuation rows are skipped silently.
    skipping: bool,
    /// Header rows seen so far: each starts a page of the PDF.
    pages: u32,
    problems: Vec<ImportProblem>,
}

impl Table {
    fn problem(&mut self, line: usize, message: Msg) {
        self.problems.push(ImportProblem { line, message });
    }

    /// An item row that cannot be read: it and its continuation rows are left out.
    fn broken(&mut self) {
        self.current = None;
        self.skipping = true;
    }

    fn row(&mut self, line: usize, cells: &[&str]) {
        let first = cells[0].trim();
        if cells.len() != 4 {
            self.problem(
                line,
                {
                    let n = cells.len();
                    msg!(
                        "expected 4 tab-separated cells (項次, 主辦機關, 計畫名稱, 複核結果), found {n}",
                        "每列應有 4 個以 Tab 分隔的欄位（項次、主辦機關、計畫名稱、複核結果），這一列有 {n} 個"
                    )
                },
            );
            if !first.is_empty() {
                self.broken();
            }
        } else if first.is_empty() {
            match self.current {
                Some(i) => self.items[i].append_row(line, cells[1], cells[2], cells[3]),
                None if self.skipping => {}
                None => self.problem(
                    line,
                    Msg::new(
                        "continuation row (empty 項次) with no item before it",
                        "接續列（項次空白）之前沒有任何項目",
                    ),
                ),
            }
        } else {
            self.item_row(line, first, cells);
        }
    }

    /// A row that starts an item: its number must be new.
    fn item_row(&mut self, line: usize, first: &str, cells: &[&str]) {
        let Some(number) = parse_item_number(first) else {
            self.problem(
                line,
                msg!(
                    "item number (項次) {first:?} is not a positive number",
                    "項次 {first:?} 不是正整數"
                ),
            );
            return self.broken();
        };
        if let Some(prev) = self.items.iter().find(|it| it.item == number) {
            let first = prev.line;
            let message = msg!(
                "item {number} appears twice (first on line {first}); this row is ignored",
                "項次 {number} 出現兩次（第一次在第 {first} 行）；這一列不予採用"
            );
            self.problem(line, message);
            return self.broken();
        }
        self.skipping = false;
        let mut item = Item {
            item: number,
            line,
            headers_before: self.pages,
            agency: String::new(),
            agency_line: None,
            name: String::new(),
            paras: Vec::new(),
            open: false,
        };
        item.append_row(line, cells[1], cells[2], cells[3]);
        self.items.push(item);
        self.current = Some(self.items.len() - 1);
    }
}

/// Problems of one item, each message starting with its number.
struct ItemProblems<'a> {
    item: u32,
    out: &'a mut Vec<ImportProblem>,
}

impl ItemProblems<'_> {
    fn add(&mut self, line: usize, message: Msg) {
        let (item, en, zh) = (self.item, message.en, message.zh);
        self.out.push(ImportProblem {
            line,
            message: msg!("item {item}: {en}", "項次 {item}：{zh}"),
        });
    }
}

/// A section's paragraphs, each with the line it starts on.
type Paras = Vec<(String, usize)>;

/// An item's review split at its headings.
#[derive(Default)]
struct Sections {
    /// Paragraphs of 一、二、三.
    paras: [Paras; 3],
    /// The line of each heading, when it is there.
    heading_line: [Option<usize>; 3],
}

fn build_record(
    it: Item,
    year: u32,
    agencies: &AgenciesFile,
    problems: &mut ItemProblems,
) -> PlanFile {
    let agency = agency_slug(&it, agencies, problems);
    let name = clean_wraps(&it.name);
    if name.is_empty() {
        problems.add(
            it.line,
            Msg::new("the plan name (計畫名稱) is empty", "計畫名稱空白"),
        );
    }
    let sections = sections(&it, problems);
    let facts = facts_of(&sections, it.line, problems);
    let text = |zh: String| Text {
        zh,
        ..Text::default()
    };
    let [administration, budget, performance] = &sections.paras;
    PlanFile {
        id: super::new_plan_id(&agency, year, it.item, |_| false),
        year,
        item: it.item,
        // the table's pages are known once it is read
        source_page: None,
        agency,
        name: text(name),
        review: Review {
            administration: text(join(administration)),
            budget: text(join(budget)),
            performance: text(join(performance)),
        },
        facts,
        facts_checked_by_hand: vec![],
        // the reader finds the reasons in the text; only staff give others
        reasons: Default::default(),
        // a table is the published review: nothing in it is a draft
        draft: false,
    }
}

/// The slug of the item's agency, found by its Chinese name in `agencies.yaml`.
fn agency_slug(it: &Item, agencies: &AgenciesFile, problems: &mut ItemProblems) -> String {
    let agency_zh = strip_spaces(&it.agency);
    let agency_line = it.agency_line.unwrap_or(it.line);
    if agency_zh.is_empty() {
        problems.add(
            agency_line,
            Msg::new("the agency (主辦機關) is empty", "主辦機關空白"),
        );
        return String::new();
    }
    match agencies
        .agencies
        .iter()
        .find(|a| strip_spaces(&a.name.zh) == agency_zh)
    {
        Some(a) => a.slug.clone(),
        None => {
            let names = agencies.agencies.iter().map(|a| a.name.zh.as_str());
            let message = match crate::content::suggest::closest(&agency_zh, names) {
                Some(near) => msg!(
                    "unknown agency 「{agency_zh}」: did you mean 「{near}」? Fix the table, or add the agency to content/agencies.yaml",
                    "找不到機關「{agency_zh}」：是不是「{near}」？請修正表格，或在 content/agencies.yaml 新增這個機關"
                ),
                None => msg!(
                    "unknown agency 「{agency_zh}」: add it to content/agencies.yaml or fix the table",
                    "找不到機關「{agency_zh}」：請在 content/agencies.yaml 新增這個機關，或修正表格"
                ),
            };
            problems.add(agency_line, message);
            String::new()
        }
    }
}

/// The review split into its three sections; headings missing, repeated, out of order or
/// inside a paragraph are problems, and text before the first heading goes to a section.
fn sections(it: &Item, problems: &mut ItemProblems) -> Sections {
    let mut s = Sections::default();
    let mut before: Paras = Vec::new();
    let mut current: Option<usize> = None;
    for p in &it.paras {
        let text = clean_wraps(&p.text);
        if text.is_empty() {
            continue;
        }
        if let Some((k, rest)) = heading_prefix(&text) {
            if let Some(first) = s.heading_line[k] {
                let h = HEADINGS[k];
                problems.add(
                    p.line,
                    msg!(
                        "heading {h} appears again (first on line {first})",
                        "標題「{h}」再次出現（第一次在第 {first} 行）"
                    ),
                );
            } else if current.is_some_and(|c| c > k) {
                let h = HEADINGS[k];
                problems.add(
                    p.line,
                    msg!("heading {h} is out of order", "標題「{h}」順序不對"),
                );
            }
            s.heading_line[k].get_or_insert(p.line);
            current = Some(k);
            if !rest.is_empty() {
                s.paras[k].push((rest.to_string(), p.line));
            }
            continue;
        }
        for h in HEADINGS.iter().filter(|h| text.contains(*h)) {
            problems.add(
                p.line,
                msg!(
                    "heading {h} inside a paragraph; the paragraph was not split",
                    "標題「{h}」出現在段落中間；該段未被拆開"
                ),
            );
        }
        match current {
            Some(k) => s.paras[k].push((text, p.line)),
            None => before.push((text, p.line)),
        }
    }
    for (h, _) in HEADINGS
        .iter()
        .zip(s.heading_line)
        .filter(|(_, l)| l.is_none())
    {
        problems.add(it.line, msg!("section {h} is missing", "缺少「{h}」一節"));
    }
    place_text_before(&mut s, before, problems);
    for ((h, line), paras) in HEADINGS.iter().zip(s.heading_line).zip(&s.paras) {
        if let (Some(line), true) = (line, paras.is_empty()) {
            problems.add(line, msg!("section {h} has no text", "「{h}」一節沒有內容"));
        }
    }
    s
}

/// Text before the first heading found: the section before that heading's when its heading is
/// missing (already reported), else the first section's, which is a problem.
fn place_text_before(s: &mut Sections, mut before: Paras, problems: &mut ItemProblems) {
    if before.is_empty() {
        return;
    }
    let target = match (0..3).find(|&k| s.heading_line[k].is_some()) {
        Some(f) if f > 0 => f - 1,
        _ => {
            let h = HEADINGS[0];
            let message = msg!(
                "text before the heading {h} was put in that section",
                "標題「{h}」之前的文字已歸入該節"
            );
            problems.add(before[0].1, message);
            0
        }
    };
    before.append(&mut s.paras[target]);
    s.paras[target] = before;
}

/// A section's Markdown: its paragraphs, Markdown-special starts escaped, joined by a blank
/// line, ending with a newline (empty when there are none).
fn join(paras: &[(String, usize)]) -> String {
    if paras.is_empty() {
        return String::new();
    }
    let mut s = paras
        .iter()
        .map(|(p, _)| escape_markdown_start(p))
        .collect::<Vec<_>>()
        .join("\n\n");
    s.push('\n');
    s
}

/// The facts the sections state ([`reader::read`]); what cannot be read is a problem at the
/// first line of its section.
fn facts_of(s: &Sections, item_line: usize, problems: &mut ItemProblems) -> Facts {
    let first_line = |k: usize| {
        s.paras[k]
            .first()
            .map(|p| p.1)
            .or(s.heading_line[k])
            .unwrap_or(item_line)
    };
    let [admin, budget, performance] = s
        .paras
        .each_ref()
        .map(|paras| paras.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>());
    let reading = reader::read([&admin, &budget, &performance]);
    for (fact, m) in reading.problems {
        let section = if fact == Fact::BudgetExecution { 1 } else { 0 };
        problems.add(first_line(section), m);
    }
    reading.facts
}
