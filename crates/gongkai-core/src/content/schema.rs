//! The shapes of the YAML files under `content/`, exactly as staff write them.
//!
//! Every struct denies unknown fields so that a typo is an error, not a silently ignored key.
//!
//! The same types give the JSON Schemas editors check the files with (`content::json_schema`
//! in the `gongkai` crate): each field's documentation is the text an editor shows staff on
//! hover, so it is written for them, in English and then in Chinese, and says what the loader
//! accepts. The `schemars` ranges and patterns repeat what `content::validate` checks
//! ([`rules`](super::rules)), so an editor flags those mistakes as staff type.

// the rules of `validate` that the schemas repeat for editors
use super::rules::{
    DATE_PATTERN, FEEDBACK_PATTERN, IMAGE_SRC_PATTERN, LANG_TAG_PATTERN, PREFIX_PATTERN,
    SLUG_PATTERN, WEB_URL_PATTERN,
};
use crate::lang::Lang;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The first of [`ROC_YEARS`](super::rules::ROC_YEARS).
const ROC_YEAR_MIN: u32 = *super::rules::ROC_YEARS.start();
/// The last of [`ROC_YEARS`](super::rules::ROC_YEARS).
const ROC_YEAR_MAX: u32 = *super::rules::ROC_YEARS.end();

/// A language's share of the texts and settings.
impl Lang {
    /// This language's version of a text: the Chinese where the English is not written yet
    /// (pages say so, and mark it as Chinese).
    pub fn pick(self, t: &Text) -> &str {
        match self {
            Lang::En if !t.english_pending() => &t.en,
            _ => &t.zh,
        }
    }

    /// The BCP 47 tag for `lang` attributes, from the site settings.
    pub fn tag(self, site: &SiteFile) -> &str {
        match self {
            Lang::Zh => &site.languages.zh.tag,
            Lang::En => &site.languages.en.tag,
        }
    }

    /// URL prefix: empty for the root, else `/en`.
    pub fn prefix(self, site: &SiteFile) -> String {
        let p = match self {
            Lang::Zh => &site.languages.zh.prefix,
            Lang::En => &site.languages.en.prefix,
        };
        if p.is_empty() {
            String::new()
        } else {
            format!("/{p}")
        }
    }
}

/// A text in both languages. Either may be Markdown, depending on the field.
///
/// 中英對照的文字；依欄位而定，可為 Markdown。
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// Traditional Chinese, the authoritative text.
    ///
    /// 正體中文，以此為準。
    pub zh: String,
    /// English translation. Leave it empty ("") until translated: `check` then lists it, and
    /// the English page shows the Chinese.
    ///
    /// 英文翻譯。尚未翻譯時留空（""）：`check` 會列出，英文頁面則顯示中文。
    #[serde(default)]
    pub en: String,
    // [`zh_hash`] of the Chinese the English was translated from; absent (and not written)
    // otherwise
    /// Written by `import` only: the English was translated from an earlier Chinese text
    /// (this is that text's fingerprint). Update the English, then delete this line.
    ///
    /// 僅由 `import` 寫入：英文譯自先前的中文（此為該中文的指紋）。請更新英文後刪除這一行。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en_from: Option<String>,
}

/// What a scaffold puts where a text is to be written.
pub const PLACEHOLDER: &str = "TODO";

impl Text {
    /// Whether the English is still to be written: empty, or the scaffold's placeholder left.
    pub fn english_pending(&self) -> bool {
        self.en.trim().is_empty() || self.en.contains(PLACEHOLDER)
    }
}

/// A short fingerprint of a Chinese text, as [`Text::en_from`] records it: the first 12 hex
/// digits of the text's BLAKE3 hash (exactly the text, whitespace included).
pub fn zh_hash(zh: &str) -> String {
    blake3::hash(zh.as_bytes()).to_hex()[..12].to_string()
}

/// Whether the English of `text` was translated from a Chinese text other than the current
/// one: [`Text::en_from`] is set and is not the current Chinese's [`zh_hash`].
pub fn english_outdated(text: &Text) -> bool {
    text.en_from
        .as_deref()
        .is_some_and(|from| from != zh_hash(&text.zh))
}

/// `content/site.yaml`: the site's settings.
///
/// `content/site.yaml`：網站設定。
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SiteFile {
    /// Site title, shown in every page's header.
    ///
    /// 網站名稱，顯示於每頁頁首。
    pub title: Text,
    /// One sentence describing the site, for the home page and the feeds.
    ///
    /// 一句話說明本網站，用於首頁與訂閱摘要。
    pub description: Text,
    /// The absolute address the site is published at, e.g. `https://example.gov.tw` (no
    /// trailing slash needed).
    ///
    /// 網站發布的完整網址，例如 `https://example.gov.tw`（結尾不必加斜線）。
    #[schemars(pattern(WEB_URL_PATTERN))]
    pub base_url: String,
    /// Theme folder under `themes/`; `default` is built in.
    ///
    /// 佈景主題，為 `themes/` 下的資料夾名稱；`default` 為內建主題。
    #[serde(default = "default_theme")]
    #[schemars(pattern(SLUG_PATTERN))]
    pub theme: String,
    /// Whether `build` minifies every page (minify-html): on unless set to `false`. `serve`
    /// never minifies, so that pages read as their templates are written.
    ///
    /// `build` 是否壓縮每個頁面（minify-html）：除非設為 `false`，否則壓縮。`serve` 一律不壓縮，頁面與樣板寫法一致。
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub minify: bool,
    /// The publishing body, shown in the footer and the open-data notice.
    ///
    /// 發布機關，顯示於頁尾與開放資料說明。
    pub publisher: Text,
    /// Contact e-mail for the accessibility statement and privacy policy. Leave it out when
    /// there is none: nothing is shown, and `check` warns when the site has no contact at all.
    ///
    /// 無障礙聲明與隱私權政策的聯絡信箱。沒有時省略：不顯示，且網站完全沒有聯絡方式時 `check` 會提醒。
    #[serde(default)]
    pub contact_email: String,
    /// The unit that runs the site (承辦單位), shown in the footer when set.
    ///
    /// 承辦單位，有填寫時顯示於頁尾。
    pub unit: Option<Text>,
    /// Postal address, shown in the footer when set.
    ///
    /// 地址，有填寫時顯示於頁尾。
    pub address: Option<Text>,
    /// Telephone (服務電話), shown in the footer when set.
    ///
    /// 服務電話，有填寫時顯示於頁尾。
    pub phone: Option<String>,
    /// Office hours (服務時間), shown in the footer when set.
    ///
    /// 服務時間，有填寫時顯示於頁尾。
    pub office_hours: Option<Text>,
    /// The ministry's own website (absolute http(s) address), linked from the footer when set.
    ///
    /// 部會網站（完整 http(s) 網址），有填寫時於頁尾連結。
    #[schemars(pattern(WEB_URL_PATTERN))]
    pub ministry_url: Option<String>,
    /// The publisher's logo, shown in the header when set.
    ///
    /// 發布機關標誌，有填寫時顯示於頁首。
    pub logo: Option<Image>,
    /// The accessibility mark (無障礙標章): set it only once the mark is granted; shown in
    /// the footer.
    ///
    /// 無障礙標章：取得標章後才填寫；顯示於頁尾。
    pub accessibility_mark: Option<Mark>,
    /// The two languages and where they are served.
    ///
    /// 兩種語言及其網址位置。
    pub languages: Languages,
    /// Where readers report an error on a page: an e-mail address (`data@example.gov.tw`) or
    /// the absolute http(s) address of a form. Every page then links to it, with the page's
    /// address and title (as a message's subject and body, or as the form's `url` and `title`
    /// parameters; a form address holding `{url}` or `{title}` gets them there instead). Leave it
    /// out to show no such link.
    ///
    /// 錯誤回報：電子郵件地址（`data@example.gov.tw`）或表單的完整 http(s) 網址。設定後每頁都會連結至此，
    /// 並帶入該頁網址與標題（郵件的主旨與內文，或表單的 `url` 與 `title` 參數；表單網址中有
    /// `{url}` 或 `{title}` 時改填在該處）。省略則不顯示回報連結。
    #[schemars(pattern(FEEDBACK_PATTERN))]
    pub feedback: Option<String>,
    /// The date this edition of the site was last updated, `YYYY-MM-DD`. The feeds use it, so
    /// the same content always builds the same files.
    ///
    /// 網站內容最後更新日期，格式 `YYYY-MM-DD`。訂閱摘要使用此日期，使同樣的內容每次產生相同的檔案。
    #[schemars(pattern(DATE_PATTERN))]
    pub updated: String,
    /// The license the open data are released under, named in the downloads and on the data
    /// and open-data pages. Leave it out for the Open Government Data License, version 1.0
    /// (政府資料開放授權條款－第1版), which Taiwan's government sites use.
    ///
    /// 開放資料的授權條款，載明於下載檔案、開放資料下載頁與開放資料宣告。省略時為「政府資料開放授權條款－第1版」。
    pub data_license: Option<DataLicense>,
}

impl SiteFile {
    /// The license of the open data: [`SiteFile::data_license`], or the Open Government Data
    /// License, version 1.0, when the site names none.
    pub fn license(&self) -> DataLicense {
        self.data_license.clone().unwrap_or_else(|| DataLicense {
            name: Text {
                zh: "政府資料開放授權條款－第1版".into(),
                en: "Open Government Data License, version 1.0".into(),
                en_from: None,
            },
            url: "https://data.gov.tw/license".into(),
            url_en: None,
            spdx: Some("OGDL-Taiwan-1.0".into()),
        })
    }
}

/// A license: its name in both languages and where its text is.
///
/// 授權條款：中英文名稱與條文網址。
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct DataLicense {
    /// The license's name, as its publisher gives it in each language.
    ///
    /// 授權條款名稱，照其發布機關的中英文寫法。
    pub name: Text,
    /// Where its text is (absolute http(s) address).
    ///
    /// 條文網址（完整 http(s) 網址）。
    #[schemars(pattern(WEB_URL_PATTERN))]
    pub url: String,
    /// Where its English text is, when that is another address.
    ///
    /// 英文條文網址，與中文不同時填寫。
    #[schemars(pattern(WEB_URL_PATTERN))]
    pub url_en: Option<String>,
    /// Its SPDX identifier, when it has one (`OGDL-Taiwan-1.0`, `CC-BY-4.0`), for programs
    /// that read the data.
    ///
    /// SPDX 授權識別碼（如 `OGDL-Taiwan-1.0`、`CC-BY-4.0`），供程式判讀；有時填寫。
    pub spdx: Option<String>,
}

impl DataLicense {
    /// The address of its text for readers of `en` (English) or Chinese.
    pub fn url_for(&self, en: bool) -> &str {
        match (&self.url_en, en) {
            (Some(u), true) => u,
            _ => &self.url,
        }
    }
}

/// An image: where it is and what it shows.
///
/// 圖片：位置與替代文字。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Image {
    /// Where the image is: a path from the site's root (`/static/logo.svg`) or an absolute
    /// http(s) address.
    ///
    /// 圖片位置：從網站根目錄起算的路徑（`/static/logo.svg`）或完整 http(s) 網址。
    #[schemars(pattern(IMAGE_SRC_PATTERN))]
    pub src: String,
    /// What the image shows, in both languages, for readers who cannot see it.
    ///
    /// 圖片的替代文字（中英文），供無法看見圖片的讀者使用。
    pub alt: Text,
}

/// The accessibility mark: its image and the certification page it links to.
///
/// 無障礙標章：標章圖片與其連結的認證頁面。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Mark {
    /// The mark's image.
    ///
    /// 標章圖片。
    pub image: Image,
    /// The certification page (absolute http(s) address).
    ///
    /// 認證頁面（完整 http(s) 網址）。
    #[schemars(pattern(WEB_URL_PATTERN))]
    pub url: String,
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

fn default_theme() -> String {
    "default".to_string()
}

/// Language settings: Chinese is the default language, English the second.
///
/// 語言設定：中文為預設語言，英文為第二語言。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Languages {
    /// Traditional Chinese.
    ///
    /// 正體中文。
    pub zh: LanguageFile,
    /// English.
    ///
    /// 英文。
    pub en: LanguageFile,
}

/// One language's tag and where its pages are served.
///
/// 一種語言的語言標籤與網址位置。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LanguageFile {
    /// The language tag of its pages (BCP 47), e.g. `zh-Hant-TW`.
    ///
    /// 頁面的語言標籤（BCP 47），例如 `zh-Hant-TW`。
    #[schemars(pattern(LANG_TAG_PATTERN))]
    pub tag: String,
    /// URL prefix without slashes: empty for the site's root, `en` for `/en/`.
    ///
    /// 網址前綴，不含斜線：網站根目錄留空，`/en/` 寫 `en`。
    #[serde(default)]
    #[schemars(pattern(PREFIX_PATTERN))]
    pub prefix: String,
}

/// `content/agencies.yaml`: the ministry and its organizing agencies.
///
/// `content/agencies.yaml`：部會及其主辦機關。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgenciesFile {
    /// The ministry the agencies belong to.
    ///
    /// 各機關所屬部會。
    pub ministry: Text,
    /// The organizing agencies (主辦機關), in any order: `order` decides how they are listed.
    ///
    /// 主辦機關，順序不拘：顯示順序由 `order` 決定。
    pub agencies: Vec<AgencyFile>,
}

/// One organizing agency (主辦機關).
///
/// 一個主辦機關。
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgencyFile {
    /// Stable identifier used in addresses and in plan records (`agency:`): lowercase letters,
    /// digits and hyphens.
    ///
    /// 固定代碼，用於網址與計畫紀錄（`agency:`）：小寫英文字母、數字與連字號。
    #[schemars(pattern(SLUG_PATTERN), length(max = 80))]
    pub slug: String,
    /// The agency's name in both languages.
    ///
    /// 機關名稱（中英文）。
    pub name: Text,
    /// Short names, acronyms and other names people know the agency by, in either language
    /// (勞保局, BLI, an English name other sources use): search finds the agency by them, and
    /// its page shows them.
    ///
    /// 簡稱、縮寫或其他常見名稱，中英文皆可（勞保局、BLI、其他資料使用的英文名稱）：搜尋可用這些名稱找到機關，機關頁面也會列出。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub short_names: Vec<String>,
    /// Display order, smallest first.
    ///
    /// 顯示順序，數字小者在前。
    pub order: u32,
    /// What the agency does, in a sentence or two; shown on its page when set.
    ///
    /// 一兩句話說明機關職掌；有填寫時顯示於機關頁面。
    pub description: Option<Text>,
    /// The agency's website (absolute http(s) address); linked from its page when set.
    ///
    /// 機關網站（完整 http(s) 網址）；有填寫時於機關頁面連結。
    #[schemars(pattern(WEB_URL_PATTERN))]
    pub website: Option<String>,
    /// How to reach the agency; each part is shown on its page when set.
    ///
    /// 聯絡方式；有填寫的項目顯示於機關頁面。
    pub contact: Option<Contact>,
    /// For staff, not shown: where the English name comes from, and how sure it is.
    ///
    /// 供承辦人員參考，不顯示：英文名稱的出處與可信程度。
    pub name_source: Option<String>,
}

/// Contact details; every part optional.
///
/// 聯絡方式；每一項皆可省略。
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Telephone.
    ///
    /// 電話。
    pub phone: Option<String>,
    /// E-mail address.
    ///
    /// 電子郵件。
    pub email: Option<String>,
    /// Postal address.
    ///
    /// 地址。
    pub address: Option<Text>,
}

/// A year's record, `content/years/<year>.yaml`: the document the year's review comes from.
///
/// 年度紀錄 `content/years/<年度>.yaml`：該年度複核結果的出處文件。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct YearFile {
    /// ROC year (111 = 2022); the file is named after it.
    ///
    /// 民國年（111 = 2022）；檔名須與此相同。
    #[schemars(range(min = ROC_YEAR_MIN, max = ROC_YEAR_MAX))]
    pub year: u32,
    /// The published document the year's review comes from.
    ///
    /// 該年度複核結果的公開出處文件。
    pub source: SourceDocument,
    /// `true` keeps the whole year out of the published site, every plan of it included,
    /// until it is ready; `serve` and `build --drafts` show it, marked as a draft. `check`
    /// checks it all the same. Delete the line to publish the year.
    ///
    /// 草稿：設為 `true` 時，整個年度（含該年度所有計畫）不出現在發布的網站；`serve` 與
    /// `build --drafts` 會顯示並標示為草稿。`check` 照常檢查。要發布時刪除這一行。
    #[serde(default, skip_serializing_if = "is_false")]
    pub draft: bool,
}

/// The schema of [`PlanFile::reasons`]: a mapping from flags (an editor flags a key that is
/// none) to texts.
fn reasons_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": "object",
        "propertyNames": generator.subschema_for::<Flag>(),
        "additionalProperties": generator.subschema_for::<Text>(),
    })
}

/// For serde: a `false` flag is not written.
fn is_false(b: &bool) -> bool {
    !b
}

/// A published document: its title always, the rest when known.
///
/// 公開文件：必填標題，其餘已知時填寫。
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceDocument {
    /// The title as published.
    ///
    /// 文件標題，照原文。
    pub title: Text,
    /// Who published it.
    ///
    /// 發布機關。
    pub publisher: Option<Text>,
    /// Date of publication, `YYYY-MM-DD`.
    ///
    /// 發布日期，格式 `YYYY-MM-DD`。
    #[schemars(pattern(DATE_PATTERN))]
    pub date: Option<String>,
    /// Reference number (發文字號).
    ///
    /// 發文字號。
    pub reference: Option<String>,
    /// Where it can be read (absolute http(s) address).
    ///
    /// 文件網址（完整 http(s) 網址）。
    #[schemars(pattern(WEB_URL_PATTERN))]
    pub url: Option<String>,
}

/// One plan's evaluation for one year: `content/plans/<year>/<id>.yaml`.
///
/// 一項計畫某一年度的評核：`content/plans/<年度>/<識別碼>.yaml`。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PlanFile {
    /// Plan id, the same in every year of the plan: lowercase letters, digits and hyphens,
    /// and the same as the file's name.
    ///
    /// 計畫識別碼，跨年度不變：小寫英文字母、數字與連字號，須與檔名相同。
    #[schemars(pattern(SLUG_PATTERN), length(max = 80))]
    pub id: String,
    /// ROC year of the evaluation (111 = 2022); the same as the folder's name.
    ///
    /// 評核年度（民國年，111 = 2022）；須與資料夾名稱相同。
    #[schemars(range(min = ROC_YEAR_MIN, max = ROC_YEAR_MAX))]
    pub year: u32,
    /// Item number (項次) in that year's review table.
    ///
    /// 項次：該年度複核結果表中的編號。
    #[schemars(range(min = 1))]
    pub item: u32,
    /// The page of the published document on which the plan's row of the table starts, so
    /// readers can check the text against it. `import` fills it in; leave it out when unknown.
    ///
    /// 原始文件頁碼：該計畫在複核結果表中所在列起始的頁次，供讀者對照原文。由 `import` 填寫；不知道時省略。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub source_page: Option<u32>,
    /// The organizing agency: a `slug` from `content/agencies.yaml`.
    ///
    /// 主辦機關：`content/agencies.yaml` 中的 `slug`。
    #[schemars(pattern(SLUG_PATTERN))]
    pub agency: String,
    /// Plan name (計畫名稱), plain text.
    ///
    /// 計畫名稱，純文字。
    pub name: Text,
    /// The review result (複核結果), in its three sections.
    ///
    /// 複核結果，分三段。
    pub review: Review,
    /// The facts the review states, as data; they must agree with the review's Chinese text.
    ///
    /// 複核結果所述事實，作為資料；須與複核結果的中文一致。
    pub facts: Facts,
    /// Facts checked against the text by hand because `check` cannot read them from it:
    /// `check` then does not compare them, and lists each as a warning. Usually left out.
    ///
    /// 程式無法從原文讀出、已由承辦人員人工核對的事實：`check` 不再比對，並逐項提醒。通常省略。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facts_checked_by_hand: Vec<Fact>,
    /// The reviewers' own words behind a flag, where gongkai does not find them in the text
    /// itself: under the flag's key (`behind_q3`, `late_q2`, `spending_q3`, `challenge` …), the
    /// sentence copied exactly from the review's Chinese (`zh`), and from its English (`en`)
    /// when there is one. `check` makes sure each is part of the text. Usually left out.
    ///
    /// 評核意見中說明某項情形的原句，僅在 gongkai 無法自行於內文找到時填寫：鍵為該情形（`behind_q3`、
    /// `late_q2`、`spending_q3`、`challenge` …），`zh` 照錄複核結果中文原句，有英文時 `en` 照錄英文。
    /// `check` 會確認每句皆出自內文。通常省略。
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[schemars(schema_with = "reasons_schema")]
    pub reasons: BTreeMap<Flag, Text>,
    /// `true` keeps the plan out of the published site (its pages, every list, count and
    /// link, search and open data) until it is ready; `serve` and `build --drafts` show it,
    /// marked as a draft. `check` checks it all the same. Delete the line to publish it.
    ///
    /// 草稿：設為 `true` 時，本計畫不出現在發布的網站（頁面、各列表、統計與連結、搜尋、開放資料）；
    /// `serve` 與 `build --drafts` 會顯示並標示為草稿。`check` 照常檢查。要發布時刪除這一行。
    #[serde(default, skip_serializing_if = "is_false")]
    pub draft: bool,
}

/// The review result's three sections. Each is Markdown; paragraphs are separated by a blank
/// line.
///
/// 複核結果的三段，每段為 Markdown，段落之間空一行。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// The first section, administrative work: reports, progress control, annual targets
    /// (without the heading itself). Markdown, copied as published.
    ///
    /// 一、行政作業：報告提報、進度控制、年度目標（不含標題本身）。Markdown，原文照錄。
    pub administration: Text,
    /// The second section, budget use: budget execution (without the heading). Markdown,
    /// copied as published.
    ///
    /// 二、經費運用：經費執行情形（不含標題本身）。Markdown，原文照錄。
    pub budget: Text,
    /// The third section, special performance: achievements beyond the annual targets
    /// (without the heading). Markdown, copied as published.
    ///
    /// 三、特殊績效：年度目標以外的具體成果（不含標題本身）。Markdown，原文照錄。
    pub performance: Text,
}

impl Review {
    /// The sections' field names, in the review's order (their serde names: a test holds it).
    pub const KEYS: [&'static str; 3] = ["administration", "budget", "performance"];

    /// The sections in the review's order, with their field names.
    pub fn sections(&self) -> [(&'static str, &Text); 3] {
        review_sections!(self)
    }

    /// [`Review::sections`], to change.
    pub fn sections_mut(&mut self) -> [(&'static str, &mut Text); 3] {
        review_sections!(self)
    }
}

/// The sections of a `&Review` or a `&mut Review`, with their field names: one list for
/// [`Review::sections`] and [`Review::sections_mut`]. Destructured whole, so that a section
/// added to `Review` and not here does not compile.
macro_rules! review_sections {
    ($review:expr) => {{
        let Review {
            administration,
            budget,
            performance,
        } = $review;
        let [a, b, p] = Review::KEYS;
        [(a, administration), (b, budget), (p, performance)]
    }};
}
use review_sections;

impl PlanFile {
    /// Every text of the record with its field path (`name`, `review.budget`,
    /// `reasons.spending_q3`), in the record's order: what validation checks as a text
    /// (both languages, no placeholder) and what `import` carries over from an earlier record.
    pub fn texts(&self) -> Vec<(String, &Text)> {
        // destructured whole, so that a field added to the record must be said here to be a
        // text or not before it compiles
        let PlanFile {
            id: _,
            year: _,
            item: _,
            source_page: _,
            agency: _,
            name,
            review,
            facts: _,
            facts_checked_by_hand: _,
            reasons,
            draft: _,
        } = self;
        let mut out = vec![("name".to_string(), name)];
        out.extend(review.sections().map(|(k, t)| (format!("review.{k}"), t)));
        out.extend(reasons.iter().map(|(flag, t)| {
            let flag = crate::content::names::name_of(flag);
            (format!("reasons.{flag}"), t)
        }));
        out
    }

    /// The texts [`PlanFile::texts`] lists, in its order, to change.
    pub fn texts_mut(&mut self) -> Vec<&mut Text> {
        let mut out = vec![&mut self.name];
        out.extend(self.review.sections_mut().map(|(_, t)| t));
        out.extend(self.reasons.values_mut());
        out
    }

    /// Whether any English text of the plan is still to be written.
    pub fn english_pending(&self) -> bool {
        self.name.english_pending()
            || self
                .review
                .sections()
                .iter()
                .any(|(_, t)| t.english_pending())
    }
}

/// Structured facts stated by the review text.
///
/// 複核結果所述的事實，作為資料。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Facts {
    /// Whether the reports were filed on time, and which were late or returned.
    ///
    /// 報告是否如期提報，以及逾期或退回修訂的報告。
    pub reports: Reports,
    /// Quarters in which cumulative progress fell behind schedule; leave `[]` when none.
    /// E.g. 「第 3 季落後 0.21%」 is `- {quarter: 3, percent: 0.21}`.
    ///
    /// 年累計進度落後的季別與百分點；沒有則留 `[]`。例：「第 3 季落後 0.21%」寫成
    /// `- {quarter: 3, percent: 0.21}`。
    #[serde(default)]
    pub lags: Vec<Lag>,
    /// How challenging the annual targets were judged (年度目標挑戰性).
    ///
    /// 年度目標挑戰性。
    pub target_challenge: Challenge,
    /// How clear the annual targets were judged (年度目標明確性).
    ///
    /// 年度目標明確性。
    pub target_clarity: Clarity,
    /// Cumulative budget execution rate (%) at the end of Q1, Q2, Q3 and Q4, e.g.
    /// `[100, 100, 99.22, 100]`.
    ///
    /// 第 1 至 4 季年累計經費支用比（%），例：`[100, 100, 99.22, 100]`。
    #[schemars(inner(range(min = 0, max = 100)))]
    pub budget_execution: [f64; 4],
    /// Whether the review names achievements beyond the annual targets: `false` when the
    /// section is only the stock sentence 「特殊績效所列事項，同年度所設工作目標。」
    ///
    /// 是否列有年度目標以外的特殊績效；只有制式句「特殊績效所列事項，同年度所設工作目標。」時為 `false`。
    pub special_performance: bool,
}

/// One of the facts, by its field name: what `facts_checked_by_hand` lists.
///
/// 一項事實，以其欄位名稱表示：`facts_checked_by_hand` 所列的項目。
#[derive(
    Debug, Clone, Copy, Deserialize, Serialize, JsonSchema, PartialEq, Eq, PartialOrd, Ord, Hash,
)]
#[serde(rename_all = "snake_case")]
pub enum Fact {
    /// `reports`: on time, late, returned. / 報告：如期、逾期、退回。
    Reports,
    /// `lags`: progress behind schedule. / 進度落後。
    Lags,
    /// `target_challenge`. / 年度目標挑戰性。
    TargetChallenge,
    /// `target_clarity`. / 年度目標明確性。
    TargetClarity,
    /// `budget_execution`. / 經費支用比。
    BudgetExecution,
    /// `special_performance`. / 特殊績效。
    SpecialPerformance,
}

/// Something a review flags about a plan, by its key under `reasons`: falling behind in a
/// quarter, a report late or returned, spending below schedule in a quarter, the targets'
/// challenge, special performance.
///
/// 複核結果對計畫提出的一項情形，即 `reasons` 底下的鍵：某季進度落後、報告逾期或退回、某季經費支用
/// 未達預定、年度目標挑戰性、特殊績效。
#[derive(
    Debug, Clone, Copy, Deserialize, Serialize, JsonSchema, PartialEq, Eq, PartialOrd, Ord, Hash,
)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// Behind schedule in Q1. / 第 1 季進度落後。
    BehindQ1,
    /// Behind schedule in Q2. / 第 2 季進度落後。
    BehindQ2,
    /// Behind schedule in Q3. / 第 3 季進度落後。
    BehindQ3,
    /// Behind schedule in Q4. / 第 4 季進度落後。
    BehindQ4,
    /// The work plan filed late. / 作業計畫逾期提送。
    LateWorkPlan,
    /// The Q1 report filed late. / 第 1 季執行情形逾期提送。
    LateQ1,
    /// The Q2 report filed late. / 第 2 季執行情形逾期提送。
    LateQ2,
    /// The Q3 report filed late. / 第 3 季執行情形逾期提送。
    LateQ3,
    /// The Q4 report filed late. / 第 4 季執行情形逾期提送。
    LateQ4,
    /// The self-evaluation filed late. / 自評報告逾期提送。
    LateSelfEvaluation,
    /// The work plan returned for revision. / 作業計畫退回修訂。
    ReturnedWorkPlan,
    /// The Q1 report returned for revision. / 第 1 季執行情形退回修訂。
    ReturnedQ1,
    /// The Q2 report returned for revision. / 第 2 季執行情形退回修訂。
    ReturnedQ2,
    /// The Q3 report returned for revision. / 第 3 季執行情形退回修訂。
    ReturnedQ3,
    /// The Q4 report returned for revision. / 第 4 季執行情形退回修訂。
    ReturnedQ4,
    /// The self-evaluation returned for revision. / 自評報告退回修訂。
    ReturnedSelfEvaluation,
    /// Cumulative spending below 100 % in Q1. / 第 1 季年累計支用比未達 100%。
    SpendingQ1,
    /// Cumulative spending below 100 % in Q2. / 第 2 季年累計支用比未達 100%。
    SpendingQ2,
    /// Cumulative spending below 100 % in Q3. / 第 3 季年累計支用比未達 100%。
    SpendingQ3,
    /// Cumulative spending below 100 % in Q4. / 第 4 季年累計支用比未達 100%。
    SpendingQ4,
    /// How challenging the targets were judged. / 年度目標挑戰性的判斷。
    Challenge,
    /// Special performance. / 特殊績效。
    SpecialPerformance,
}

/// Reporting discipline.
///
/// 報告提報情形。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Reports {
    /// `true` when every report was filed on time; `false` if any was late (逾期).
    ///
    /// 所有報告皆如期提報為 `true`；有任何逾期為 `false`。
    pub on_time: bool,
    /// Reports filed late; leave `[]` when none. E.g. 「第 2 季「執行情形」逾期提送 5 日」 is
    /// `- {report: q2, days: 5}`.
    ///
    /// 逾期提送的報告；沒有則留 `[]`。例：「第 2 季「執行情形」逾期提送 5 日」寫成
    /// `- {report: q2, days: 5}`。
    #[serde(default)]
    pub late: Vec<LateReport>,
    /// Reports returned for revision; leave `[]` when none. E.g. 「作業計畫有退回修訂 1 次」
    /// is `- {report: work_plan, times: 1}`.
    ///
    /// 退回修訂的報告；沒有則留 `[]`。例：「作業計畫有退回修訂 1 次」寫成
    /// `- {report: work_plan, times: 1}`。
    #[serde(default)]
    pub returned: Vec<ReturnedReport>,
}

/// Which report.
///
/// 哪一份報告。
#[derive(
    Debug, Clone, Copy, Deserialize, Serialize, JsonSchema, PartialEq, Eq, PartialOrd, Ord,
)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    /// The annual work plan. / 作業計畫。
    WorkPlan,
    /// Progress in the 1st quarter. / 第 1 季執行情形。
    Q1,
    /// Progress in the 2nd quarter. / 第 2 季執行情形。
    Q2,
    /// Progress in the 3rd quarter. / 第 3 季執行情形。
    Q3,
    /// Progress in the 4th quarter. / 第 4 季執行情形。
    Q4,
    /// The self-evaluation. / 自評報告。
    SelfEvaluation,
}

/// A report filed late.
///
/// 逾期提送的報告。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct LateReport {
    /// Which report.
    ///
    /// 哪一份報告。
    pub report: ReportKind,
    /// Days late.
    ///
    /// 逾期日數。
    pub days: u32,
}

/// A report returned for revision.
///
/// 退回修訂的報告。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ReturnedReport {
    /// Which report.
    ///
    /// 哪一份報告。
    pub report: ReportKind,
    /// How many times it was returned.
    ///
    /// 退回次數。
    pub times: u32,
}

/// Progress behind schedule in one quarter.
///
/// 某一季的進度落後。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Lag {
    /// Quarter, 1 to 4.
    ///
    /// 季別，1 至 4。
    #[schemars(range(min = 1, max = 4))]
    pub quarter: u8,
    /// Percentage points behind schedule.
    ///
    /// 落後的百分點。
    #[schemars(range(min = 0, max = 100))]
    pub percent: f64,
}

/// Judgement of the annual targets' challenge (年度目標挑戰性).
///
/// 年度目標挑戰性的評語。
#[derive(Debug, Clone, Copy, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Challenge {
    /// Challenging. / 具挑戰性。
    Challenging,
    /// Slightly challenging. / 略具挑戰性。
    SlightlyChallenging,
    /// Some targets slightly challenging, others not significantly. / 部分略具挑戰性、部分無顯著挑戰性。
    Mixed,
    /// Not significantly challenging. / 無顯著挑戰性。
    NotSignificant,
    /// The review states no judgement. / 複核結果未敘明。
    NotStated,
}

/// Judgement of the annual targets' clarity (年度目標明確性).
///
/// 年度目標明確性的評語。
#[derive(Debug, Clone, Copy, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Clarity {
    /// Quantified indicators. / 採量化指標。
    Quantitative,
    /// Qualitative indicators. / 質化指標。
    Qualitative,
    /// The review states no judgement. / 複核結果未敘明。
    NotStated,
}

/// A page of prose, `content/pages/<slug>.yaml` (about, accessibility, privacy, open data).
/// The theme ships defaults; a site's own file with the same name replaces it.
///
/// 說明頁面 `content/pages/<名稱>.yaml`（關於、無障礙、隱私權、開放資料）。佈景主題內建預設內容；
/// 網站的同名檔案會取代之。
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageFile {
    /// Page title.
    ///
    /// 頁面標題。
    pub title: Text,
    /// Page body, Markdown.
    ///
    /// 頁面內容，Markdown。
    pub body: Text,
}

/// `content/search/synonyms.yaml`: per language, groups of words that mean the same.
///
/// `content/search/synonyms.yaml`：各語言的同義詞組。
#[derive(
    Debug, Clone, Default, PartialEq, serde::Deserialize, serde::Serialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct SynonymsFile {
    /// Chinese groups, one a line, e.g. `- [勞保, 勞工保險]`: a query holding one word of a
    /// group finds every word of it.
    ///
    /// 中文同義詞組，一行一組，例如 `- [勞保, 勞工保險]`：查詢其中一詞即可找到同組的每個詞。
    #[serde(default)]
    pub zh: Vec<Vec<String>>,
    /// English groups, one a line, e.g. `- [labour, labor]`.
    ///
    /// 英文同義詞組，一行一組，例如 `- [labour, labor]`。
    #[serde(default)]
    pub en: Vec<Vec<String>>,
}

impl SynonymsFile {
    /// Where the file lives, relative to the site root.
    pub const PATH: &str = "content/search/synonyms.yaml";

    /// The groups of `lang`.
    pub fn groups(&self, lang: Lang) -> &[Vec<String>] {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// `content/search/related.yaml`: per language, lay word → record words.
#[derive(
    Debug, Clone, Default, PartialEq, serde::Deserialize, serde::Serialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct RelatedFile {
    /// Chinese lay words, each with the record words it should find: `加班: [工時, 延長工作時間]`.
    ///
    /// 中文民眾用語與其對應的紀錄用詞。
    #[serde(default)]
    pub zh: BTreeMap<String, Vec<String>>,
    /// English lay words, each with the record words it should find: `overtime: [working hours]`.
    ///
    /// 英文民眾用語與其對應的紀錄用詞。
    #[serde(default)]
    pub en: BTreeMap<String, Vec<String>>,
}

impl RelatedFile {
    /// Where the file lives, relative to the site root.
    pub const PATH: &str = "content/search/related.yaml";

    /// The entries of `lang`.
    pub fn of(&self, lang: Lang) -> &BTreeMap<String, Vec<String>> {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}
