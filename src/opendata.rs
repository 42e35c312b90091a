//! The site's open-data downloads: every plan record as JSON and as CSV.
//!
//! The CSV has one row per plan and a stable header of snake_case column names (see
//! [`COLUMNS`] and [`field_descriptions`]); [`from_csv`] reads it back, so
//! `from_csv(&to_csv(p, a)) == p`. Lists are packed into one cell: `late_reports` as
//! `q2:5;q3:1` (report:days), `returned_reports` as `work_plan:1;q4:3` (report:times), `lags`
//! as `3:0.21` (quarter:percent).
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return
//! before one) as a formula, so a plan name like `=HYPERLINK(…)` would become a link in a
//! reader's spreadsheet. As OWASP recommends, such a cell is written with a `'` before it, and so
//! is a cell that itself starts with `'`; [`from_csv`] takes one leading `'` off every cell, so
//! the round trip is exact for every string.

use serde::{Deserialize, Serialize};
use std::borrow::Borrow;
use std::collections::BTreeMap;
use std::sync::LazyLock;

use crate::content::names::{self, name_of};
use crate::content::schema::{
    AgenciesFile, Fact, Facts, Flag, Lag, LateReport, PlanFile, ReportKind, Reports,
    ReturnedReport, Review, Text,
};
use crate::error::{Msg, Words};
use crate::import::ImportError;
use crate::msg;
use serde::de::DeserializeOwned;

/// One CSV row, a cell per field, in column order: the field names are the header's, so the
/// csv crate writes the row and reads it back by header name. A new column is a new field
/// here, in [`CsvRow::of`] and [`CsvRow::plan`], and in [`field_descriptions`].
#[derive(Serialize, Deserialize)]
struct CsvRow {
    year: Cell,
    item: Cell,
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
    lags: Cell,
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
}

/// Columns a CSV read back may lack: those added after files were published without them.
const OPTIONAL_COLUMNS: [&str; 4] = [
    "facts_checked_by_hand",
    "reasons_zh",
    "reasons_en",
    "reasons_given",
];

/// The CSV columns, in order: the fields of the CSV row type, as serde names them.
pub static COLUMNS: LazyLock<&'static [&'static str]> = LazyLock::new(names::names::<CsvRow>);

/// Each CSV column (and JSON field of the same name) described for the data page:
/// `(column, Chinese description, English description)`.
pub fn field_descriptions() -> Vec<(&'static str, &'static str, &'static str)> {
    vec![
        ("year", "評核年度（民國年）", "Year of the evaluation (ROC year; 111 = 2022)"),
        ("item", "項次：該年度複核結果表中的編號", "Item number in that year's review table"),
        ("id", "計畫識別碼，跨年度不變", "Plan identifier, stable across years"),
        ("agency", "主辦機關代碼", "Organizing agency code"),
        ("agency_zh", "主辦機關中文名稱", "Organizing agency name in Chinese"),
        ("agency_en", "主辦機關英文名稱", "Organizing agency name in English"),
        ("name_zh", "計畫名稱（中文）", "Plan name in Chinese"),
        ("name_en", "計畫名稱（英文）", "Plan name in English"),
        ("administration_zh", "複核結果「一、行政作業」（中文，Markdown）", "Review result, part 1 \"Administrative work\", in Chinese (Markdown)"),
        ("administration_en", "複核結果「一、行政作業」（英文，Markdown）", "Review result, part 1 \"Administrative work\", in English (Markdown)"),
        ("budget_zh", "複核結果「二、經費運用」（中文，Markdown）", "Review result, part 2 \"Budget use\", in Chinese (Markdown)"),
        ("budget_en", "複核結果「二、經費運用」（英文，Markdown）", "Review result, part 2 \"Budget use\", in English (Markdown)"),
        ("performance_zh", "複核結果「三、特殊績效」（中文，Markdown）", "Review result, part 3 \"Special performance\", in Chinese (Markdown)"),
        ("performance_en", "複核結果「三、特殊績效」（英文，Markdown）", "Review result, part 3 \"Special performance\", in English (Markdown)"),
        ("reports_on_time", "各項報告是否皆如期提報（true／false）", "Whether every report was filed on time (true/false)"),
        ("late_reports", "逾期提送的報告及逾期日數，以「報告:日數」表示，多筆以分號分隔；報告代碼：work_plan 作業計畫、q1–q4 第 1–4 季執行情形、self_evaluation 自評報告", "Reports filed late, as report:days separated by semicolons; report codes: work_plan, q1–q4 (quarterly implementation status), self_evaluation"),
        ("returned_reports", "退回修訂的報告及次數，以「報告:次數」表示，多筆以分號分隔", "Reports returned for revision, as report:times separated by semicolons"),
        ("lags", "年累計進度落後的季別及落後百分點，以「季:百分比」表示，多筆以分號分隔", "Quarters in which cumulative progress fell behind schedule, as quarter:percentage points, separated by semicolons"),
        ("target_challenge", "年度目標挑戰性：challenging 具挑戰性、slightly_challenging 略具挑戰性、mixed 部分略具部分無顯著、not_significant 無顯著挑戰性、not_stated 未敘明", "Challenge of the annual targets: challenging, slightly_challenging, mixed (some slightly challenging, some not significantly), not_significant, not_stated"),
        ("target_clarity", "年度目標明確性：quantitative 量化指標、qualitative 質化指標、not_stated 未敘明", "Clarity of the annual targets: quantitative, qualitative, not_stated"),
        ("budget_q1", "第 1 季年累計經費支用比（%）", "Cumulative budget execution rate at the end of Q1 (%)"),
        ("budget_q2", "第 2 季年累計經費支用比（%）", "Cumulative budget execution rate at the end of Q2 (%)"),
        ("budget_q3", "第 3 季年累計經費支用比（%）", "Cumulative budget execution rate at the end of Q3 (%)"),
        ("budget_q4", "第 4 季年累計經費支用比（%）", "Cumulative budget execution rate at the end of Q4 (%)"),
        ("special_performance", "複核結果是否列有年度目標以外的特殊績效（true／false）", "Whether the review names achievements beyond the annual targets (true/false)"),
        ("facts_checked_by_hand", "程式無法自複核結果原文讀出、由承辦人員逐一人工核對的事實欄位，多筆以分號分隔（例：budget_execution;target_challenge）；空白表示每項事實皆經程式與原文比對一致", "Facts that gongkai cannot read from the review text and that staff checked against it by hand, separated by semicolons (e.g. budget_execution;target_challenge); empty when gongkai found every fact to agree with the text"),
        ("reasons_zh", "各項情形的理由：評核意見中文原句，每項一行，寫成「情形: 原句」；情形代碼：behind_q1–q4 該季進度落後、late_…／returned_… 該報告逾期／退回修訂（報告代碼同 late_reports）、spending_q1–q4 該季年累計支用比未達 100%、challenge 年度目標挑戰性、special_performance 特殊績效；同一情形的數句以「 … 」相連", "Why each flag was raised: the reviewers' sentences in Chinese, one line per flag, as flag: words; flags: behind_q1–q4 (behind schedule that quarter), late_… / returned_… (that report late / returned, report codes as in late_reports), spending_q1–q4 (cumulative spending below 100% that quarter), challenge (the targets' challenge), special_performance; several sentences of one flag joined by \" … \""),
        ("reasons_en", "同 reasons_zh，為英文譯文中對應的句子；找不到可靠對應句的情形不列", "As reasons_zh, the corresponding sentences of the English translation; a flag whose English sentence cannot be matched reliably is left out"),
        ("reasons_given", "理由由承辦人員於紀錄中指定（而非程式自原文找出）的情形，多筆以分號分隔；空白表示每項理由皆由程式自原文找出", "Flags whose reasons staff gave in the record rather than gongkai finding them in the text, separated by semicolons; empty when gongkai found every reason in the text"),
    ]
}

fn agency_names(agencies: &AgenciesFile, slug: &str) -> Text {
    agencies
        .agencies
        .iter()
        .find(|a| a.slug == slug)
        .map(|a| a.name.clone())
        .unwrap_or_default()
}

#[derive(Serialize)]
struct JsonAgency<'a> {
    slug: &'a str,
    name: &'a Text,
    order: u32,
}

#[derive(Serialize)]
struct JsonPlan<'a> {
    year: u32,
    item: u32,
    id: &'a str,
    agency: &'a str,
    agency_name: Text,
    name: JsonText<'a>,
    review: JsonReview<'a>,
    facts: &'a Facts,
    #[serde(skip_serializing_if = "<[Fact]>::is_empty")]
    facts_checked_by_hand: &'a [Fact],
    /// Why each flag was raised ([`crate::opendata_reasons`]).
    reasons: BTreeMap<&'static str, crate::opendata_reasons::JsonReason>,
}

/// A text as the open data publishes it: both languages, without the editors' note of which
/// Chinese the English was translated from ([`Text::en_from`]).
#[derive(Serialize)]
struct JsonText<'a> {
    zh: &'a str,
    en: &'a str,
}

impl<'a> From<&'a Text> for JsonText<'a> {
    fn from(t: &'a Text) -> Self {
        JsonText {
            zh: &t.zh,
            en: &t.en,
        }
    }
}

/// The review's three sections as [`JsonText`]s.
#[derive(Serialize)]
struct JsonReview<'a> {
    administration: JsonText<'a>,
    budget: JsonText<'a>,
    performance: JsonText<'a>,
}

impl<'a> From<&'a Review> for JsonReview<'a> {
    fn from(r: &'a Review) -> Self {
        JsonReview {
            administration: (&r.administration).into(),
            budget: (&r.budget).into(),
            performance: (&r.performance).into(),
        }
    }
}

#[derive(Serialize)]
struct JsonDataset<'a> {
    ministry: &'a Text,
    agencies: Vec<JsonAgency<'a>>,
    plans: Vec<JsonPlan<'a>>,
}

/// All plans as pretty-printed JSON (UTF-8, ends with a newline):
/// `{ "ministry": {zh, en}, "agencies": [{slug, name: {zh, en}, order}],
///    "plans": [{year, item, id, agency, agency_name: {zh, en}, name, review, facts, reasons}] }`
/// (`reasons`: [`crate::opendata_reasons::json`]).
/// Plans are sorted by year, then item, then id; agencies by order, then slug.
pub fn to_json<P: Borrow<PlanFile>>(plans: &[P], agencies: &AgenciesFile) -> Vec<u8> {
    let mut sorted: Vec<&PlanFile> = plans.iter().map(Borrow::borrow).collect();
    sorted.sort_by(|a, b| (a.year, a.item, &a.id).cmp(&(b.year, b.item, &b.id)));
    let mut ags: Vec<_> = agencies.agencies.iter().collect();
    ags.sort_by(|a, b| (a.order, &a.slug).cmp(&(b.order, &b.slug)));
    let data = JsonDataset {
        ministry: &agencies.ministry,
        agencies: ags
            .iter()
            .map(|a| JsonAgency {
                slug: &a.slug,
                name: &a.name,
                order: a.order,
            })
            .collect(),
        plans: sorted
            .into_iter()
            .map(|p| JsonPlan {
                year: p.year,
                item: p.item,
                id: &p.id,
                agency: &p.agency,
                agency_name: agency_names(agencies, &p.agency),
                name: (&p.name).into(),
                review: (&p.review).into(),
                facts: &p.facts,
                facts_checked_by_hand: &p.facts_checked_by_hand,
                reasons: crate::opendata_reasons::json(p),
            })
            .collect(),
    };
    let mut out = serde_json::to_vec_pretty(&data).expect("plans serialize to JSON");
    out.push(b'\n');
    out
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
    fn of(p: &PlanFile, agencies: &AgenciesFile) -> CsvRow {
        let agency = agency_names(agencies, &p.agency);
        let f = &p.facts;
        let [budget_q1, budget_q2, budget_q3, budget_q4] = f.budget_execution.map(cell);
        let [reasons_zh, reasons_en, reasons_given] = crate::opendata_reasons::cells(p);
        CsvRow {
            year: cell(p.year),
            item: cell(p.item),
            id: cell(&p.id),
            agency: cell(&p.agency),
            agency_zh: Cell(agency.zh),
            agency_en: Cell(agency.en),
            name_zh: cell(&p.name.zh),
            name_en: cell(&p.name.en),
            administration_zh: cell(&p.review.administration.zh),
            administration_en: cell(&p.review.administration.en),
            budget_zh: cell(&p.review.budget.zh),
            budget_en: cell(&p.review.budget.en),
            performance_zh: cell(&p.review.performance.zh),
            performance_en: cell(&p.review.performance.en),
            reports_on_time: cell(f.reports.on_time),
            late_reports: packed(f.reports.late.iter().map(|l| (name_of(&l.report), l.days))),
            returned_reports: packed(
                f.reports
                    .returned
                    .iter()
                    .map(|l| (name_of(&l.report), l.times)),
            ),
            lags: packed(f.lags.iter().map(|l| (l.quarter, l.percent))),
            target_challenge: cell(name_of(&f.target_challenge)),
            target_clarity: cell(name_of(&f.target_clarity)),
            budget_q1,
            budget_q2,
            budget_q3,
            budget_q4,
            special_performance: cell(f.special_performance),
            facts_checked_by_hand: Cell(
                p.facts_checked_by_hand
                    .iter()
                    .map(name_of)
                    .collect::<Vec<_>>()
                    .join(";"),
            ),
            reasons_zh: Cell(reasons_zh),
            reasons_en: Cell(reasons_en),
            reasons_given: Cell(reasons_given),
        }
    }

    /// The plan this row holds; the first cell that does not read is the error. (The agency's
    /// names come from `agencies.yaml` and are not read.)
    fn plan(self, r: &Row) -> Result<PlanFile, ImportError> {
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
        let lags = r.lags(&self.lags.0)?;
        let target_challenge = r.named("target_challenge", &self.target_challenge.0)?;
        let target_clarity = r.named("target_clarity", &self.target_clarity.0)?;
        let by_hand = &self.facts_checked_by_hand.0;
        let facts_checked_by_hand = by_hand
            .split(';')
            .filter(|n| !n.is_empty())
            .map(|n| r.named("facts_checked_by_hand", n))
            .collect::<Result<Vec<Fact>, _>>()?;
        let given = (self.reasons_given.0.split(';'))
            .filter(|n| !n.is_empty())
            .map(|n| r.named("reasons_given", n))
            .collect::<Result<Vec<Flag>, _>>()?;
        let reasons = crate::opendata_reasons::read(&given, &self.reasons_zh.0, &self.reasons_en.0)
            .map_err(|m| r.err("reasons_given", m))?;
        let text = |zh: Cell, en: Cell| Text {
            zh: zh.0,
            en: en.0,
            en_from: None,
        };
        Ok(PlanFile {
            year: r.num("year", &self.year.0, A_YEAR)?,
            item: r.num("item", &self.item.0, AN_ITEM_NUMBER)?,
            id: self.id.0,
            agency: self.agency.0,
            name: text(self.name_zh, self.name_en),
            review: Review {
                administration: text(self.administration_zh, self.administration_en),
                budget: text(self.budget_zh, self.budget_en),
                performance: text(self.performance_zh, self.performance_en),
            },
            facts: Facts {
                reports: Reports {
                    on_time: r.boolean("reports_on_time", &self.reports_on_time.0)?,
                    late,
                    returned,
                },
                lags,
                target_challenge,
                target_clarity,
                budget_execution: [
                    r.num("budget_q1", &self.budget_q1.0, A_PERCENTAGE)?,
                    r.num("budget_q2", &self.budget_q2.0, A_PERCENTAGE)?,
                    r.num("budget_q3", &self.budget_q3.0, A_PERCENTAGE)?,
                    r.num("budget_q4", &self.budget_q4.0, A_PERCENTAGE)?,
                ],
                special_performance: r
                    .boolean("special_performance", &self.special_performance.0)?,
            },
            facts_checked_by_hand,
            reasons,
            // open data holds what was published: no draft
            draft: false,
        })
    }
}

/// All plans as CSV: UTF-8 with a BOM (so spreadsheet programs detect the encoding), CRLF line
/// ends, a header row of [`COLUMNS`], one row per plan in the order given (sort the plans first
/// for a stable download; the order is kept so that `from_csv(to_csv(p))` gives back `p`).
pub fn to_csv<P: Borrow<PlanFile>>(plans: &[P], agencies: &AgenciesFile) -> Vec<u8> {
    let mut out = BOM.as_bytes().to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .has_headers(false)
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        w.write_record(COLUMNS.iter()).expect("writing to memory");
        for p in plans {
            w.serialize(CsvRow::of(p.borrow(), agencies))
                .expect("writing to memory");
        }
        w.flush().expect("writing to memory");
    }
    out
}

/// The byte-order mark the CSV starts with.
const BOM: &str = "\u{feff}";

/// Does a spreadsheet read a cell starting with `c` as a formula (or is `c` the mark itself)?
fn formula_lead(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r' | '\'')
}

/// A cell as written to the CSV: `'` before one a spreadsheet would run as a formula.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(formula_lead) {
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
const A_NUMBER_OF_DAYS: Words = Words {
    en: "a number of days",
    zh: "天數",
};
const A_NUMBER_OF_TIMES: Words = Words {
    en: "a number of times",
    zh: "次數",
};
const A_YEAR: Words = Words {
    en: "a year",
    zh: "年度",
};
const AN_ITEM_NUMBER: Words = Words {
    en: "an item number",
    zh: "項次",
};
const A_PERCENTAGE: Words = Words {
    en: "a percentage",
    zh: "百分比",
};
const A_QUARTER: Words = Words {
    en: "a quarter",
    zh: "季別",
};

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

    fn boolean(&self, column: &str, s: &str) -> Result<bool, ImportError> {
        match s {
            "true" => Ok(true),
            "false" => Ok(false),
            s => Err(self.err(
                column,
                msg!("{s:?} is not true or false", "{s:?} 不是 true 或 false"),
            )),
        }
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

    /// `quarter:percent` pairs.
    fn lags(&self, s: &str) -> Result<Vec<Lag>, ImportError> {
        self.pairs("lags", s)?
            .into_iter()
            .map(|(k, v)| {
                Ok(Lag {
                    quarter: self.num("lags", k, A_QUARTER)?,
                    percent: self.num("lags", v, A_PERCENTAGE)?,
                })
            })
            .collect()
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
        if !COLUMNS.contains(&name) {
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
    let missing = |c: &&&str| !seen.contains(**c) && !OPTIONAL_COLUMNS.contains(*c);
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
