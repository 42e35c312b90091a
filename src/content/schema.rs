//! The shapes of the YAML files under `content/`, exactly as staff write them.
//!
//! Every struct denies unknown fields so that a typo is an error, not a silently ignored key.

use serde::{Deserialize, Serialize};

/// A text in both languages. Either may be Markdown, depending on the field.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// Traditional Chinese, the authoritative text.
    pub zh: String,
    /// English translation. Empty means "not translated yet", which `check` reports.
    #[serde(default)]
    pub en: String,
    /// The Chinese the English was translated from, as [`zh_hash`], when that is not the
    /// current Chinese: `import` sets it when a corrected table changes a Chinese text whose
    /// English it keeps. Staff remove it once the English is updated. Absent (and not written)
    /// otherwise.
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

/// `content/site.yaml`.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SiteFile {
    /// Site title shown in every header.
    pub title: Text,
    /// One-sentence description for the home page and feeds.
    pub description: Text,
    /// Absolute URL the site is served from, e.g. `https://example.gov.tw` (no trailing slash needed).
    pub base_url: String,
    /// Theme folder under `themes/`; `default` is built in.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// The publishing body, shown in the footer and the open-data notice.
    pub publisher: Text,
    /// Contact address for the accessibility statement and privacy policy; empty when unset
    /// (then nothing is shown, and `check` warns when the site has no contact at all).
    #[serde(default)]
    pub contact_email: String,
    /// The unit that runs the site (承辦單位), shown in the footer when set.
    pub unit: Option<Text>,
    /// Postal address, shown in the footer when set.
    pub address: Option<Text>,
    /// Telephone (服務電話), shown in the footer when set.
    pub phone: Option<String>,
    /// Office hours (服務時間), shown in the footer when set.
    pub office_hours: Option<Text>,
    /// The ministry's own website (absolute URL), linked from the footer when set.
    pub ministry_url: Option<String>,
    /// The publisher's logo, shown in the header when set.
    pub logo: Option<Image>,
    /// The accessibility mark (無障礙標章), shown in the footer only once granted and set.
    pub accessibility_mark: Option<Mark>,
    /// The two languages and where they are served.
    pub languages: Languages,
    /// Date the published review was last updated (`YYYY-MM-DD`); used by the feeds, so that
    /// the same content always builds the same files.
    pub updated: String,
}

/// An image: where it is and what it says.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Image {
    /// Root-relative or absolute http(s) URL.
    pub src: String,
    /// Text alternative in both languages.
    pub alt: Text,
}

/// The accessibility mark: its image and the certification page it links to.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Mark {
    /// The mark's image.
    pub image: Image,
    /// The certification page (absolute http(s) URL).
    pub url: String,
}

fn default_theme() -> String {
    "default".to_string()
}

/// Language settings: Chinese is the default language, English the second.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Languages {
    /// Traditional Chinese.
    pub zh: LanguageFile,
    /// English.
    pub en: LanguageFile,
}

/// One language's BCP 47 tag and URL prefix.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageFile {
    /// The `lang` attribute, e.g. `zh-Hant-TW`.
    pub tag: String,
    /// URL prefix without slashes: empty for the root, `en` for `/en/`.
    #[serde(default)]
    pub prefix: String,
}

/// `content/agencies.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AgenciesFile {
    /// The ministry the agencies belong to.
    pub ministry: Text,
    /// The organizing agencies, in any order (`order` decides display).
    pub agencies: Vec<AgencyFile>,
}

/// One organizing agency (主辦機關).
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AgencyFile {
    /// Stable ASCII identifier used in URLs and records: `[a-z0-9-]+`.
    pub slug: String,
    /// Name in both languages.
    pub name: Text,
    /// Short names and acronyms in either language (勞保局, BLI): search finds the agency by
    /// them and its page shows them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub short_names: Vec<String>,
    /// Display order, ascending.
    pub order: u32,
    /// What the agency does, in a sentence or two; shown on its page when set.
    pub description: Option<Text>,
    /// The agency's website (absolute URL); linked from its page when set.
    pub website: Option<String>,
    /// How to reach the agency; each part shown on its page when set.
    pub contact: Option<Contact>,
    /// Where the English name comes from, and how sure it is (for staff; not shown).
    pub name_source: Option<String>,
}

/// Contact details; every part optional.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Telephone.
    pub phone: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// Postal address.
    pub address: Option<Text>,
}

/// A year's record, `content/years/<year>.yaml`: the document the year's review comes from.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct YearFile {
    /// ROC year; the file is named after it.
    pub year: u32,
    /// The published source of the year's review.
    pub source: SourceDocument,
}

/// A published document: its title always, the rest when known.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SourceDocument {
    /// Title as published.
    pub title: Text,
    /// Who published it.
    pub publisher: Option<Text>,
    /// Date of publication, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Reference number (發文字號).
    pub reference: Option<String>,
    /// Where it can be read (absolute http(s) URL).
    pub url: Option<String>,
}

/// One plan's evaluation for one year: `content/plans/<year>/<id>.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PlanFile {
    /// Stable plan id that follows the plan across years: `[a-z0-9-]+`.
    pub id: String,
    /// ROC year of the evaluation (111 = 2022).
    pub year: u32,
    /// Item number (項次) in the ministry's table for that year.
    pub item: u32,
    /// Slug of the organizing agency, from `agencies.yaml`.
    pub agency: String,
    /// Plan name (計畫名稱). Plain text.
    pub name: Text,
    /// The review result (複核結果), in its three sections.
    pub review: Review,
    /// The facts the review states, as data.
    pub facts: Facts,
    /// Facts that staff checked against the text by hand because gongkai cannot read them
    /// from it: `check` does not compare these with the text, and lists each as a warning.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facts_checked_by_hand: Vec<Fact>,
}

/// The review result's three sections. Each is Markdown; paragraphs are separated by a blank line.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// 一、行政作業: reports, progress control, annual targets.
    pub administration: Text,
    /// 二、經費運用: budget execution.
    pub budget: Text,
    /// 三、特殊績效: special performance.
    pub performance: Text,
}

impl Review {
    /// The sections in the review's order, with their field names.
    pub fn sections(&self) -> [(&'static str, &Text); 3] {
        [
            ("administration", &self.administration),
            ("budget", &self.budget),
            ("performance", &self.performance),
        ]
    }
}

impl PlanFile {
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
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Facts {
    /// Reports filed on time or not.
    pub reports: Reports,
    /// Quarters in which cumulative progress fell behind schedule.
    #[serde(default)]
    pub lags: Vec<Lag>,
    /// How challenging the annual targets were judged.
    pub target_challenge: Challenge,
    /// How clear the annual targets were judged.
    pub target_clarity: Clarity,
    /// Cumulative budget execution rate (%) at the end of Q1, Q2, Q3, Q4.
    pub budget_execution: [f64; 4],
    /// Whether the review names achievements beyond the annual targets.
    pub special_performance: bool,
}

/// One of the [`Facts`], by its field name (`budget_execution`): what
/// [`PlanFile::facts_checked_by_hand`] lists.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Fact {
    /// `reports`: on time, late, returned.
    Reports,
    /// `lags`.
    Lags,
    /// `target_challenge`.
    TargetChallenge,
    /// `target_clarity`.
    TargetClarity,
    /// `budget_execution`.
    BudgetExecution,
    /// `special_performance`.
    SpecialPerformance,
}

/// Reporting discipline.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Reports {
    /// True when every report was filed on time.
    pub on_time: bool,
    /// Reports filed late.
    #[serde(default)]
    pub late: Vec<LateReport>,
    /// Reports returned for revision.
    #[serde(default)]
    pub returned: Vec<ReturnedReport>,
}

/// Which report.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    /// 作業計畫, the annual work plan.
    WorkPlan,
    /// 第 1 季執行情形.
    Q1,
    /// 第 2 季執行情形.
    Q2,
    /// 第 3 季執行情形.
    Q3,
    /// 第 4 季執行情形.
    Q4,
    /// 自評報告, the self-evaluation.
    SelfEvaluation,
}

/// A report filed late.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct LateReport {
    /// Which report.
    pub report: ReportKind,
    /// Days late.
    pub days: u32,
}

/// A report returned for revision.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ReturnedReport {
    /// Which report.
    pub report: ReportKind,
    /// How many times it was returned.
    pub times: u32,
}

/// Progress behind schedule in one quarter.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Lag {
    /// Quarter, 1 to 4.
    pub quarter: u8,
    /// Percentage points behind schedule.
    pub percent: f64,
}

/// Judgement of the annual targets' challenge (年度目標挑戰性).
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Challenge {
    /// 具挑戰性.
    Challenging,
    /// 略具挑戰性.
    SlightlyChallenging,
    /// Some targets 略具挑戰性, others 無顯著挑戰性.
    Mixed,
    /// 無顯著挑戰性.
    NotSignificant,
    /// The review states no judgement.
    NotStated,
}

/// Judgement of the annual targets' clarity (年度目標明確性).
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Clarity {
    /// 採量化指標: quantified indicators.
    Quantitative,
    /// Qualitative indicators.
    Qualitative,
    /// The review states no judgement.
    NotStated,
}

/// A page of prose, `content/pages/<slug>.yaml` (about, accessibility, privacy, open data).
/// The theme ships defaults; a site's own file with the same slug replaces it.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PageFile {
    /// Page title.
    pub title: Text,
    /// Page body, Markdown.
    pub body: Text,
}
