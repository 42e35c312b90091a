//! The site's open-data downloads: every plan record as CSV (the JSON is
//! [`crate::opendata_json`], the ODS [`crate::opendata_ods`]).
//!
//! The CSV has one row per plan and a stable header of snake_case column names (see
//! [`COLUMNS`] and [`field_descriptions`]); [`from_csv`] reads it back, so
//! `from_csv(&to_csv(p, a)) == canonical(p)`, which is `p` itself for a record as `import`
//! writes it ([`canonical`]). Lists are packed into one cell: `late_reports` as `q2:5;q3:1`
//! (report:days), `returned_reports` as `work_plan:1;q4:3` (report:times); the lags have a
//! column a quarter, `lag_q1` … `lag_q4` (percentage points behind, empty when not behind).
//! Texts are given without the final line break of YAML's block style ([`published_text`]).
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return
//! before one) as a formula, so a plan name like `=HYPERLINK(…)` would become a link in a
//! reader's spreadsheet. As OWASP recommends, such a cell is written with a `'` before it, and so
//! is a cell that itself starts with `'`, and one a spreadsheet would turn into a date or a
//! time ([`date_shaped`]); [`from_csv`] takes one leading `'` off every cell, so the round trip
//! is exact for every string.

use crate::model::reasons::Reasoned;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

use crate::content::names::{self, name_of};
use crate::content::schema::{
    AgenciesFile, Fact, Facts, Flag, Lag, LateReport, PlanFile, ReportKind, Reports,
    ReturnedReport, Review, Text,
};
use crate::error::ImportError;
use crate::error::{Msg, Words};
use crate::msg;
use serde::de::DeserializeOwned;

/// One CSV row, a cell per field, in column order: the field names are the header's, so the
/// csv crate writes the row and reads it back by header name. A new column is a new field
/// here, in [`CsvRow::of`] and [`CsvRow::plan`], and in [`field_descriptions`].
#[derive(Serialize, Deserialize)]
struct CsvRow {
    year: Cell,
    item: Cell,
    /// Empty when unknown; optional, as the columns below ([`OPTIONAL_COLUMNS`]).
    #[serde(default)]
    source_page: Cell,
    id: Cell,
    agency: Cell,
    agency_zh: Cell,
    agency_en: Cell,
    name_zh: Cell,
    name_en: Cell,
    administration_zh: Cell,
    administration_en: Cell,
    budget_zh: Cell,
    budget_en: Cell,
    performance_zh: Cell,
    performance_en: Cell,
    reports_on_time: Cell,
    late_reports: Cell,
    returned_reports: Cell,
    /// Percentage points behind schedule at the end of each quarter, empty when not behind:
    /// one column a quarter, so no cell reads as a time (`3:0.21` did). Optional in a file
    /// read back, which may give them in [`CsvRow::lags`] instead.
    #[serde(default)]
    lag_q1: Cell,
    #[serde(default)]
    lag_q2: Cell,
    #[serde(default)]
    lag_q3: Cell,
    #[serde(default)]
    lag_q4: Cell,
    target_challenge: Cell,
    target_clarity: Cell,
    budget_q1: Cell,
    budget_q2: Cell,
    budget_q3: Cell,
    budget_q4: Cell,
    special_performance: Cell,
    /// Optional in a file read back, so a download made before the column was added still
    /// reads ([`OPTIONAL_COLUMNS`]).
    #[serde(default)]
    facts_checked_by_hand: Cell,
    /// Why each flag was raised, in Chinese and in English, and the flags whose words the
    /// record gives ([`crate::opendata_reasons`]); optional, as the column above.
    #[serde(default)]
    reasons_zh: Cell,
    #[serde(default)]
    reasons_en: Cell,
    #[serde(default)]
    reasons_given: Cell,
    /// The lags as files published before the quarter columns gave them, `3:0.21;4:1.5`
    /// (quarter:percentage points): read, never written ([`LEGACY_COLUMNS`]).
    #[serde(default, skip_serializing)]
    lags: Cell,
}

/// Columns a CSV read back may lack: those added after files were published without them
/// (the quarters' lags: when the file has [`LEGACY_COLUMNS`]' `lags` instead).
const OPTIONAL_COLUMNS: [&str; 5] = [
    "source_page",
    "facts_checked_by_hand",
    "reasons_zh",
    "reasons_en",
    "reasons_given",
];

/// The quarters' lag columns, which a file may replace by the `lags` column of earlier files.
const LAG_COLUMNS: [&str; 4] = ["lag_q1", "lag_q2", "lag_q3", "lag_q4"];

/// Columns read but no longer written: `lags`, one cell for every quarter.
const LEGACY_COLUMNS: [&str; 1] = ["lags"];

/// The CSV columns, in order: the fields of the CSV row type, as serde names them, but for
/// the [`LEGACY_COLUMNS`] it only reads.
pub static COLUMNS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    (names::names::<CsvRow>().iter())
        .copied()
        .filter(|c| !LEGACY_COLUMNS.contains(c))
        .collect()
});

/// What kind of value a column holds, as the data page and the ODS's field sheet say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// A whole number.
    Integer,
    /// A line of plain text.
    Text,
    /// Plain text in paragraphs, separated by a blank line (the site shows it as Markdown).
    Paragraphs,
    /// `true` or `false`.
    Boolean,
    /// A percentage as a number (`99.22` is 99.22 %); empty where there is none.
    Percent,
    /// One of the listed codes.
    Code,
    /// Codes or `name:number` pairs separated by semicolons.
    List,
    /// One `flag: words` line a flag.
    Lines,
}

impl FieldType {
    /// The type's name: `(Chinese, English)`.
    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            FieldType::Integer => ("整數", "integer"),
            FieldType::Text => ("純文字", "plain text"),
            FieldType::Paragraphs => (
                "純文字，段落以空行分隔",
                "plain text, paragraphs separated by a blank line",
            ),
            FieldType::Boolean => ("布林值（true／false）", "boolean (true/false)"),
            FieldType::Percent => (
                "百分比數值（99.22 即 99.22%）",
                "percentage as a number (99.22 is 99.22%)",
            ),
            FieldType::Code => ("代碼", "code"),
            FieldType::List => ("清單，以分號分隔", "list, separated by semicolons"),
            FieldType::Lines => ("多行文字，每項一行", "lines, one per item"),
        }
    }
}

/// One CSV column (and JSON field of the same name) described for the data page and the
/// ODS's field sheet.
#[derive(Debug, Clone, Copy)]
pub struct FieldDescription {
    /// The column's name.
    pub name: &'static str,
    /// What it holds.
    pub kind: FieldType,
    /// What it means, in Chinese.
    pub zh: &'static str,
    /// What it means, in English.
    pub en: &'static str,
}

/// Each column: name, type, meaning in Chinese, in English ([`field_descriptions`]).
const FIELDS: &[(&str, FieldType, &str, &str)] = {
    use FieldType::*;
    &[
        ("year", Integer, "評核年度（民國年）", "Year of the evaluation (ROC year; 111 = 2022)"),
        ("item", Integer, "項次：該年度複核結果表中的編號", "Item number in that year's review table"),
        ("source_page", Integer, "原始文件頁碼：該計畫所在列於複核結果文件中起始的頁次；空白表示未知", "Page of the published review document on which the plan's row starts; empty when unknown"),
        ("id", Code, "計畫識別碼，跨年度不變", "Plan identifier, stable across years"),
        ("agency", Code, "主辦機關代碼", "Organizing agency code"),
        ("agency_zh", Text, "主辦機關中文名稱", "Organizing agency name in Chinese"),
        ("agency_en", Text, "主辦機關英文名稱", "Organizing agency name in English"),
        ("name_zh", Text, "計畫名稱（中文）", "Plan name in Chinese"),
        ("name_en", Text, "計畫名稱（英文）", "Plan name in English"),
        ("administration_zh", Paragraphs, "複核結果「一、行政作業」（中文）", "Review result, part 1 \"Administrative work\", in Chinese"),
        ("administration_en", Paragraphs, "複核結果「一、行政作業」（英文）", "Review result, part 1 \"Administrative work\", in English"),
        ("budget_zh", Paragraphs, "複核結果「二、經費運用」（中文）", "Review result, part 2 \"Budget use\", in Chinese"),
        ("budget_en", Paragraphs, "複核結果「二、經費運用」（英文）", "Review result, part 2 \"Budget use\", in English"),
        ("performance_zh", Paragraphs, "複核結果「三、特殊績效」（中文）", "Review result, part 3 \"Special performance\", in Chinese"),
        ("performance_en", Paragraphs, "複核結果「三、特殊績效」（英文）", "Review result, part 3 \"Special performance\", in English"),
        ("reports_on_time", Boolean, "各項報告是否皆如期提報", "Whether every report was filed on time"),
        ("late_reports", List, "逾期提送的報告及逾期日數，以「報告:日數」表示；報告代碼：work_plan 作業計畫、q1–q4 第 1–4 季執行情形、self_evaluation 自評報告", "Reports filed late, as report:days; report codes: work_plan, q1–q4 (quarterly implementation status), self_evaluation"),
        ("returned_reports", List, "退回修訂的報告及次數，以「報告:次數」表示", "Reports returned for revision, as report:times"),
        ("lag_q1", Percent, "第 1 季年累計進度落後預定進度的百分點；空白表示未落後", "Percentage points by which cumulative progress was behind schedule at the end of Q1; empty when it was not behind"),
        ("lag_q2", Percent, "第 2 季年累計進度落後預定進度的百分點；空白表示未落後", "Percentage points by which cumulative progress was behind schedule at the end of Q2; empty when it was not behind"),
        ("lag_q3", Percent, "第 3 季年累計進度落後預定進度的百分點；空白表示未落後", "Percentage points by which cumulative progress was behind schedule at the end of Q3; empty when it was not behind"),
        ("lag_q4", Percent, "第 4 季年累計進度落後預定進度的百分點；空白表示未落後", "Percentage points by which cumulative progress was behind schedule at the end of Q4; empty when it was not behind"),
        ("target_challenge", Code, "年度目標挑戰性：challenging 具挑戰性、slightly_challenging 略具挑戰性、mixed 部分略具部分無顯著、not_significant 無顯著挑戰性、not_stated 未敘明", "Challenge of the annual targets: challenging, slightly_challenging, mixed (some slightly challenging, some not significantly), not_significant, not_stated"),
        ("target_clarity", Code, "年度目標明確性：quantitative 量化指標、qualitative 質化指標、not_stated 未敘明", "Clarity of the annual targets: quantitative, qualitative, not_stated"),
        ("budget_q1", Percent, "第 1 季年累計經費支用比", "Cumulative budget execution rate at the end of Q1"),
        ("budget_q2", Percent, "第 2 季年累計經費支用比", "Cumulative budget execution rate at the end of Q2"),
        ("budget_q3", Percent, "第 3 季年累計經費支用比", "Cumulative budget execution rate at the end of Q3"),
        ("budget_q4", Percent, "第 4 季年累計經費支用比", "Cumulative budget execution rate at the end of Q4"),
        ("special_performance", Boolean, "複核結果是否列有年度目標以外的特殊績效", "Whether the review names achievements beyond the annual targets"),
        ("facts_checked_by_hand", List, "程式無法自複核結果原文讀出、由承辦人員逐一人工核對的事實欄位（例：budget_execution;target_challenge）；空白表示每項事實皆經程式與原文比對一致", "Facts that gongkai cannot read from the review text and that staff checked against it by hand (e.g. budget_execution;target_challenge); empty when gongkai found every fact to agree with the text"),
        ("reasons_zh", Lines, "各項情形的理由：評核意見中文原句，每項一行，寫成「情形: 原句」；情形代碼：behind_q1–q4 該季進度落後、late_…／returned_… 該報告逾期／退回修訂（報告代碼同 late_reports）、spending_q1–q4 該季年累計支用比未達 100%、challenge 年度目標挑戰性、special_performance 特殊績效；同一情形的數句以「 … 」相連", "Why each flag was raised: the reviewers' sentences in Chinese, one line per flag, as flag: words; flags: behind_q1–q4 (behind schedule that quarter), late_… / returned_… (that report late / returned, report codes as in late_reports), spending_q1–q4 (cumulative spending below 100% that quarter), challenge (the targets' challenge), special_performance; several sentences of one flag joined by \" … \""),
        ("reasons_en", Lines, "同 reasons_zh，為英文譯文中對應的句子；找不到可靠對應句的情形不列", "As reasons_zh, the corresponding sentences of the English translation; a flag whose English sentence cannot be matched reliably is left out"),
        ("reasons_given", List, "理由由承辦人員於紀錄中指定（而非程式自原文找出）的情形；空白表示每項理由皆由程式自原文找出", "Flags whose reasons staff gave in the record rather than gongkai finding them in the text; empty when gongkai found every reason in the text"),
    ]
};

/// Each CSV column described, in the columns' order ([`COLUMNS`]).
pub fn field_descriptions() -> Vec<FieldDescription> {
    (FIELDS.iter())
        .map(|&(name, kind, zh, en)| FieldDescription { name, kind, zh, en })
        .collect()
}

fn agency_names(agencies: &AgenciesFile, slug: &str) -> Text {
    agencies
        .agencies
        .iter()
        .find(|a| a.slug == slug)
        .map(|a| a.name.clone())
        .unwrap_or_default()
}

pub use crate::opendata_json::{published_text, to_json, Meta};

/// The open-data files' sizes in bytes, by path (`/data/111.csv`), as a build writes them:
/// the data page gives them. Kept between `serve`'s rebuilds, which write only some.
#[derive(Debug, Default)]
pub struct DataSizes(std::sync::Mutex<std::collections::BTreeMap<String, u64>>);

impl DataSizes {
    /// Notes that the file at `path` was written, `bytes` long.
    pub fn note(&self, path: &str, bytes: u64) {
        self.lock().insert(path.to_string(), bytes);
    }

    /// Forgets the file at `path`, removed.
    pub fn forget(&self, path: &str) {
        self.lock().remove(path);
    }

    /// The size of the file at `path`, when it was written.
    pub fn get(&self, path: &str) -> Option<u64> {
        self.lock().get(path).copied()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, std::collections::BTreeMap<String, u64>> {
        // a panic elsewhere while holding it leaves the map whole
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The text of one CSV cell. A spreadsheet runs a cell that starts like a formula, so such a
/// cell is written after a `'` ([`neutralise`]), and reading takes one `'` off ([`restore`]).
#[derive(Default)]
struct Cell(String);

impl Serialize for Cell {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&neutralise(&self.0))
    }
}

impl<'de> Deserialize<'de> for Cell {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Ok(Cell(restore(&s).to_string()))
    }
}

/// A cell holding `v` as Rust displays it (`100`, `99.22`, `true`).
fn cell(v: impl std::fmt::Display) -> Cell {
    Cell(v.to_string())
}

/// A list packed into one cell: `a:b;c:d`.
fn packed<A: std::fmt::Display, B: std::fmt::Display>(pairs: impl Iterator<Item = (A, B)>) -> Cell {
    Cell(
        pairs
            .map(|(a, b)| format!("{a}:{b}"))
            .collect::<Vec<_>>()
            .join(";"),
    )
}

impl CsvRow {
    /// The row of plan `p`, its agency's names looked up in `agencies`.
    fn of(plan: &impl Reasoned, agencies: &AgenciesFile) -> CsvRow {
        let p = plan.record();
        let agency = agency_names(agencies, &p.agency);
        let f = &p.facts;
        let [budget_q1, budget_q2, budget_q3, budget_q4] = f.budget_execution.map(cell);
        let [lag_q1, lag_q2, lag_q3, lag_q4] =
            lag_columns(&f.lags).map(|l| l.map_or_else(Cell::default, cell));
        let [reasons_zh, reasons_en, reasons_given] = crate::opendata_reasons::cells(plan);
        let text = |t: &str| Cell(published_text(t).to_string());
        CsvRow {
            year: cell(p.year),
            item: cell(p.item),
            source_page: Cell(p.source_page.map(|n| n.to_string()).unwrap_or_default()),
            id: cell(&p.id),
            agency: cell(&p.agency),
            agency_zh: text(&agency.zh),
            agency_en: text(&agency.en),
            name_zh: text(&p.name.zh),
            name_en: text(&p.name.en),
            administration_zh: text(&p.review.administration.zh),
            administration_en: text(&p.review.administration.en),
            budget_zh: text(&p.review.budget.zh),
            budget_en: text(&p.review.budget.en),
            performance_zh: text(&p.review.performance.zh),
            performance_en: text(&p.review.performance.en),
            reports_on_time: cell(f.reports.on_time),
            late_reports: packed(f.reports.late.iter().map(|l| (name_of(&l.report), l.days))),
            returned_reports: packed(
                (f.reports.returned.iter()).map(|l| (name_of(&l.report), l.times)),
            ),
            lag_q1,
            lag_q2,
            lag_q3,
            lag_q4,
            target_challenge: cell(name_of(&f.target_challenge)),
            target_clarity: cell(name_of(&f.target_clarity)),
            budget_q1,
            budget_q2,
            budget_q3,
            budget_q4,
            special_performance: cell(f.special_performance),
            facts_checked_by_hand: Cell(
                (p.facts_checked_by_hand.iter())
                    .map(name_of)
                    .collect::<Vec<_>>()
                    .join(";"),
            ),
            reasons_zh: Cell(reasons_zh),
            reasons_en: Cell(reasons_en),
            reasons_given: Cell(reasons_given),
            lags: Cell::default(),
        }
    }

    /// The facts this row holds; the first cell that does not read is the error.
    fn facts(&self, r: &Row) -> Result<Facts, ImportError> {
        let late = &self.late_reports.0;
        let late = r.reports("late_reports", late, A_NUMBER_OF_DAYS, |report, days| {
            LateReport { report, days }
        })?;
        let returned = &self.returned_reports.0;
        let returned = r.reports(
            "returned_reports",
            returned,
            A_NUMBER_OF_TIMES,
            |report, n| ReturnedReport { report, times: n },
        )?;
        let quarters = [&self.lag_q1, &self.lag_q2, &self.lag_q3, &self.lag_q4];
        Ok(Facts {
            reports: Reports {
                on_time: r.boolean("reports_on_time", &self.reports_on_time.0)?,
                late,
                returned,
            },
            lags: r.lags(quarters.map(|c| c.0.as_str()), &self.lags.0)?,
            target_challenge: r.named("target_challenge", &self.target_challenge.0)?,
            target_clarity: r.named("target_clarity", &self.target_clarity.0)?,
            budget_execution: [
                r.percent("budget_q1", &self.budget_q1.0)?,
                r.percent("budget_q2", &self.budget_q2.0)?,
                r.percent("budget_q3", &self.budget_q3.0)?,
                r.percent("budget_q4", &self.budget_q4.0)?,
            ],
            special_performance: r.boolean("special_performance", &self.special_performance.0)?,
        })
    }

    /// The plan this row holds; the first cell that does not read is the error. (The agency's
    /// names come from `agencies.yaml` and are not read.) Texts come back as
    /// [`canonical`] gives them.
    fn plan(self, r: &Row) -> Result<PlanFile, ImportError> {
        let facts = self.facts(r)?;
        let by_hand = &self.facts_checked_by_hand.0;
        let facts_checked_by_hand = (by_hand.split(';'))
            .filter(|n| !n.is_empty())
            .map(|n| r.named("facts_checked_by_hand", n))
            .collect::<Result<Vec<Fact>, _>>()?;
        let given = (self.reasons_given.0.split(';'))
            .filter(|n| !n.is_empty())
            .map(|n| r.named("reasons_given", n))
            .collect::<Result<Vec<Flag>, _>>()?;
        let reasons = crate::opendata_reasons::read(&given, &self.reasons_zh.0, &self.reasons_en.0)
            .map_err(|m| r.err("reasons_given", m))?;
        let line = |zh: Cell, en: Cell| Text {
            zh: published_text(&zh.0).to_string(),
            en: published_text(&en.0).to_string(),
            en_from: None,
        };
        let block = |zh: Cell, en: Cell| Text {
            zh: block_text(&zh.0),
            en: block_text(&en.0),
            en_from: None,
        };
        Ok(PlanFile {
            year: r.num("year", &self.year.0, A_YEAR)?,
            item: r.num("item", &self.item.0, AN_ITEM_NUMBER)?,
            source_page: match self.source_page.0.as_str() {
                "" => None,
                page => Some(r.num("source_page", page, A_PAGE_NUMBER)?),
            },
            id: self.id.0,
            agency: self.agency.0,
            name: line(self.name_zh, self.name_en),
            review: Review {
                administration: block(self.administration_zh, self.administration_en),
                budget: block(self.budget_zh, self.budget_en),
                performance: block(self.performance_zh, self.performance_en),
            },
            facts,
            facts_checked_by_hand,
            reasons,
            // open data holds what was published: no draft
            draft: false,
        })
    }
}

/// A review section read back from a cell: ended with the one line break a record written in
/// YAML's block style has (none when empty).
fn block_text(cell: &str) -> String {
    let text = published_text(cell);
    if text.is_empty() {
        String::new()
    } else {
        format!("{text}\n")
    }
}

/// The lag of each quarter, Q1 to Q4: the first the record gives for it (a published record
/// gives at most one a quarter, 1 to 4, which `check` makes sure of).
fn lag_columns(lags: &[Lag]) -> [Option<f64>; 4] {
    let mut out = [None; 4];
    for l in lags {
        if let Some(slot @ None) = out.get_mut(usize::from(l.quarter).wrapping_sub(1)) {
            *slot = Some(l.percent);
        }
    }
    out
}

/// Plan `p` as the open data give it back ([`from_csv`] of [`to_csv`], and the ODS): its
/// texts as [`published_text`] and a review section as [`block_text`] read it, its lags one a
/// quarter, in quarter order, without the editors' `en_from` and draft mark. A record as
/// `import` or `new` writes it is its own canonical form.
pub fn canonical(p: &PlanFile) -> PlanFile {
    let mut c = p.clone();
    let line = |t: &mut Text| {
        t.zh = published_text(&t.zh).to_string();
        t.en = published_text(&t.en).to_string();
        t.en_from = None;
    };
    line(&mut c.name);
    for t in [
        &mut c.review.administration,
        &mut c.review.budget,
        &mut c.review.performance,
    ] {
        t.zh = block_text(&t.zh);
        t.en = block_text(&t.en);
        t.en_from = None;
    }
    c.facts.lags = (lag_columns(&p.facts.lags).into_iter().zip(1u8..))
        .filter_map(|(l, quarter)| l.map(|percent| Lag { quarter, percent }))
        .collect();
    c.draft = false;
    c
}

/// All plans as CSV: UTF-8 with a BOM (so spreadsheet programs detect the encoding), CRLF line
/// ends, a header row of [`COLUMNS`], one row per plan in the order given (sort the plans first
/// for a stable download; the order is kept so that `from_csv(to_csv(p))` gives back `p`).
pub fn to_csv<P: Reasoned>(plans: &[P], agencies: &AgenciesFile) -> Vec<u8> {
    csv_of_rows(plans.iter().map(|p| csv_row(p, agencies)))
}

/// One plan's row of [`to_csv`], its line end included.
pub fn csv_row<P: Reasoned>(plan: &P, agencies: &AgenciesFile) -> Vec<u8> {
    let mut out = Vec::new();
    let mut w = csv_writer(&mut out);
    w.serialize(CsvRow::of(plan, agencies))
        .expect("writing to memory");
    w.flush().expect("writing to memory");
    drop(w);
    out
}

/// The CSV file of rows [`csv_row`] made, in the order given: the BOM, the header, the rows.
pub fn csv_of_rows<R: AsRef<[u8]>>(rows: impl IntoIterator<Item = R>) -> Vec<u8> {
    let mut out = BOM.as_bytes().to_vec();
    {
        let mut w = csv_writer(&mut out);
        w.write_record(COLUMNS.iter()).expect("writing to memory");
        w.flush().expect("writing to memory");
    }
    for row in rows {
        out.extend_from_slice(row.as_ref());
    }
    out
}

/// The CSV writer of the downloads: no header of its own, CRLF line ends.
fn csv_writer(out: &mut Vec<u8>) -> csv::Writer<&mut Vec<u8>> {
    csv::WriterBuilder::new()
        .has_headers(false)
        .terminator(csv::Terminator::CRLF)
        .from_writer(out)
}

/// The byte-order mark the CSV starts with.
const BOM: &str = "\u{feff}";

/// Does a spreadsheet read a cell starting with `c` as a formula (or is `c` the mark itself)?
fn formula_lead(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r' | '\'')
}

/// Whether a spreadsheet opening the CSV would take the whole of `cell` for a date or a time
/// and change it into one: digits around `:`, `/` or `-` (`3:3`, `2:9.97`, `1/2`, `2022-01-05`,
/// `10:30 pm`), a month's name with numbers (`Jan 5`, `5-Mar-2022`), or a Chinese date
/// (`1月2日`, `111年3月`).
pub fn date_shaped(cell: &str) -> bool {
    // a date or a time is a few words at most: a longer cell (a review text) is not one
    if cell.trim().len() > 32 {
        return false;
    }
    let t = cell.trim().to_ascii_lowercase();
    let clock = t.strip_suffix("am").or_else(|| t.strip_suffix("pm"));
    let t = clock.unwrap_or(&t).trim_end();
    let b = t.as_bytes();
    let numeric = !b.is_empty() && b.iter().all(|c| c.is_ascii_digit() || b":/-.".contains(c));
    if clock.is_some() && numeric {
        return true;
    }
    let separated = b
        .windows(3)
        .any(|w| w[0].is_ascii_digit() && b":/-".contains(&w[1]) && w[2].is_ascii_digit());
    let dots = b.iter().filter(|c| **c == b'.').count();
    if numeric && (separated || dots >= 2) && b[0].is_ascii_digit() {
        return true;
    }
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let words: Vec<&str> = (t.split([' ', '-', '/', ',', '.']))
        .filter(|w| !w.is_empty())
        .collect();
    let month = |w: &str| {
        w.len() >= 3
            && MONTHS.iter().any(|m| w.starts_with(m))
            && w.chars().all(|c| c.is_ascii_alphabetic())
    };
    let number = |w: &str| w.bytes().all(|c| c.is_ascii_digit());
    if (2..=3).contains(&words.len())
        && words.iter().filter(|w| month(w)).count() == 1
        && words.iter().all(|w| month(w) || number(w))
    {
        return true;
    }
    // 1月2日, 111年3月: digits and 年, 月 or 日, with a month
    t.starts_with(|c: char| c.is_ascii_digit())
        && t.contains('月')
        && t.chars()
            .all(|c| c.is_ascii_digit() || "年月日".contains(c))
}

/// A cell as written to the CSV: `'` before one a spreadsheet would run as a formula, or read
/// as a date or time ([`date_shaped`]).
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(formula_lead) || date_shaped(cell) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// A cell as read from the CSV: [`neutralise`] undone.
pub fn restore(cell: &str) -> &str {
    cell.strip_prefix('\'').unwrap_or(cell)
}

/// Where a data row is, for its errors: the row as a spreadsheet numbers it (the header is
/// row 1) and the line it starts on.
struct Row {
    row: usize,
    line: u64,
}

/// What a cell should hold, as its message says.
const A_NUMBER_OF_DAYS: Words = Words::new("a number of days", "天數");
const A_NUMBER_OF_TIMES: Words = Words::new("a number of times", "次數");
const A_YEAR: Words = Words::new("a year", "年度");
const AN_ITEM_NUMBER: Words = Words::new("an item number", "項次");
const A_PAGE_NUMBER: Words = Words::new("a page number", "頁碼");
const A_PERCENTAGE: Words = Words::new("a percentage", "百分比");
const A_QUARTER: Words = Words::new("a quarter", "季別");

impl Row {
    fn err(&self, column: &str, message: Msg) -> ImportError {
        ImportError::Csv {
            row: self.row,
            line: self.line,
            column: Some(column.to_string()),
            message,
        }
    }

    fn num<T: std::str::FromStr>(
        &self,
        column: &str,
        s: &str,
        what: Words,
    ) -> Result<T, ImportError> {
        let (en, zh) = (what.en, what.zh);
        s.parse()
            .map_err(|_| self.err(column, msg!("{s:?} is not {en}", "{s:?} 不是{zh}")))
    }

    /// `true` or `false`, in any case (a spreadsheet saves `TRUE`).
    fn boolean(&self, column: &str, s: &str) -> Result<bool, ImportError> {
        match s.to_ascii_lowercase().as_str() {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err(self.err(
                column,
                msg!("{s:?} is not true or false", "{s:?} 不是 true 或 false"),
            )),
        }
    }

    /// A percentage as a number, `99.22`, or as a spreadsheet saves one shown with its sign,
    /// `99.22%`.
    fn percent(&self, column: &str, s: &str) -> Result<f64, ImportError> {
        let n = s.strip_suffix('%').unwrap_or(s).trim_end();
        self.num(column, n, A_PERCENTAGE)
    }

    /// A value of enum `T` by its serde name.
    fn named<T: DeserializeOwned>(&self, column: &str, s: &str) -> Result<T, ImportError> {
        names::parse(s).ok_or_else(|| {
            let known = names::names::<T>().join(", ");
            self.err(
                column,
                msg!("{s:?} is not one of {known}", "{s:?} 不是下列之一：{known}"),
            )
        })
    }

    /// `a:b;c:d` pairs.
    fn pairs<'s>(&self, column: &str, s: &'s str) -> Result<Vec<(&'s str, &'s str)>, ImportError> {
        if s.is_empty() {
            return Ok(vec![]);
        }
        s.split(';')
            .map(|part| {
                part.split_once(':').ok_or_else(|| {
                    self.err(
                        column,
                        msg!(
                            "{part:?} is not of the form name:value",
                            "{part:?} 不是「名稱:值」的格式"
                        ),
                    )
                })
            })
            .collect()
    }

    /// `report:count` pairs (late or returned reports), `what` naming the count, each made
    /// into a `T` by `make`.
    fn reports<T>(
        &self,
        column: &str,
        s: &str,
        what: Words,
        make: impl Fn(ReportKind, u32) -> T,
    ) -> Result<Vec<T>, ImportError> {
        self.pairs(column, s)?
            .into_iter()
            .map(|(k, v)| {
                let report = names::parse(k).ok_or_else(|| {
                    self.err(column, msg!("unknown report {k:?}", "沒有 {k:?} 這種報告"))
                })?;
                Ok(make(report, self.num(column, v, what)?))
            })
            .collect()
    }

    /// The lags: the four quarters' cells (each empty, or the percentage points behind), then
    /// `legacy`, the `quarter:percent` pairs of a file written before those columns. A
    /// quarter given twice is an error.
    fn lags(&self, quarters: [&str; 4], legacy: &str) -> Result<Vec<Lag>, ImportError> {
        let mut lags = Vec::new();
        for ((column, s), quarter) in LAG_COLUMNS.iter().zip(quarters).zip(1u8..) {
            if !s.is_empty() {
                let percent = self.percent(column, s)?;
                lags.push(Lag { quarter, percent });
            }
        }
        for (k, v) in self.pairs("lags", legacy)? {
            let quarter = self.num("lags", k, A_QUARTER)?;
            if lags.iter().any(|l| l.quarter == quarter) {
                return Err(self.err(
                    "lags",
                    msg!(
                        "quarter {quarter} is given twice",
                        "第 {quarter} 季的落後出現兩次"
                    ),
                ));
            }
            let percent = self.percent("lags", v)?;
            lags.push(Lag { quarter, percent });
        }
        Ok(lags)
    }
}

/// The line a record starts on. The reader stops a record at the `\r` of a CRLF, so a
/// record's position can be that line's `\n`, one line before the record.
fn line_of(p: &csv::Position, bytes: &[u8]) -> u64 {
    let at_lf = usize::try_from(p.byte()).is_ok_and(|b| bytes.get(b) == Some(&b'\n'));
    p.line() + u64::from(at_lf)
}

/// A CSV error (malformed quoting, bad UTF-8) in `row`.
fn csv_error(e: csv::Error, row: usize) -> ImportError {
    ImportError::Csv {
        row,
        line: e.position().map(|p| p.line()).unwrap_or(0),
        column: None,
        message: msg!("{e}", "{e}"),
    }
}

/// A problem with the header row, naming the column when there is one.
fn header_problem(column: Option<&str>, message: Msg) -> ImportError {
    ImportError::Csv {
        row: 1,
        line: 1,
        column: column.map(str::to_string),
        message,
    }
}

/// The header row: every column of [`COLUMNS`] once (those of [`OPTIONAL_COLUMNS`] at most
/// once), in any order, and no other.
fn header(first: Option<csv::Result<csv::StringRecord>>) -> Result<csv::StringRecord, ImportError> {
    let header = match first {
        None => {
            return Err(header_problem(
                None,
                Msg::new(
                    "the file is empty; expected a header row",
                    "檔案是空的；第一列應為欄位名稱",
                ),
            ))
        }
        Some(Err(e)) => return Err(csv_error(e, 1)),
        Some(Ok(h)) => h,
    };
    let mut seen = std::collections::HashSet::new();
    for name in &header {
        if !COLUMNS.contains(&name) && !LEGACY_COLUMNS.contains(&name) {
            return Err(header_problem(
                Some(name),
                Msg::new("unknown column", "沒有這個欄位"),
            ));
        }
        if !seen.insert(name) {
            return Err(header_problem(
                Some(name),
                Msg::new("the column appears twice", "這個欄位出現兩次"),
            ));
        }
    }
    // the quarters' lag columns may be missing where the earlier `lags` column stands
    let lags_given = seen.contains("lags");
    let optional =
        |c: &str| OPTIONAL_COLUMNS.contains(&c) || lags_given && LAG_COLUMNS.contains(&c);
    let missing = |c: &&&str| !seen.contains(**c) && !optional(c);
    if let Some(c) = COLUMNS.iter().find(missing) {
        return Err(header_problem(
            Some(c),
            Msg::new("the column is missing", "缺少這個欄位"),
        ));
    }
    Ok(header)
}

/// Read plans back from [`to_csv`] output (a BOM is optional; columns may be in any order but
/// must all be present, and no others). Errors name the row (header = row 1), the line and the
/// column. `agency_zh` / `agency_en` are derived from `agencies.yaml` and are not read.
pub fn from_csv(bytes: &[u8]) -> Result<Vec<PlanFile>, ImportError> {
    let bytes = bytes.strip_prefix(BOM.as_bytes()).unwrap_or(bytes);
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut records = rdr.records();
    let header = header(records.next())?;
    let mut plans = Vec::new();
    for (n, rec) in records.enumerate() {
        let row = n + 2;
        let record = rec.map_err(|e| csv_error(e, row))?;
        let line = record.position().map_or(0, |p| line_of(p, bytes));
        if record.len() != header.len() {
            return Err(ImportError::Csv {
                row,
                line,
                column: None,
                message: {
                    let (want, found) = (header.len(), record.len());
                    msg!(
                        "expected {want} cells, found {found}",
                        "應有 {want} 格，實際有 {found} 格"
                    )
                },
            });
        }
        let cells: CsvRow = record
            .deserialize(Some(&header))
            .map_err(|e| csv_error(e, row))?;
        plans.push(cells.plan(&Row { row, line })?);
    }
    Ok(plans)
}
