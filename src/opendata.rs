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

use serde::Serialize;

use crate::content::schema::{
    AgenciesFile, Challenge, Clarity, Facts, Lag, LateReport, PlanFile, ReportKind, Reports,
    ReturnedReport, Review, Text,
};
use crate::import::ImportError;

/// The CSV columns, in order.
pub const COLUMNS: [&str; NCOLS] = [
    "year",
    "item",
    "id",
    "agency",
    "agency_zh",
    "agency_en",
    "name_zh",
    "name_en",
    "administration_zh",
    "administration_en",
    "budget_zh",
    "budget_en",
    "performance_zh",
    "performance_en",
    "reports_on_time",
    "late_reports",
    "returned_reports",
    "lags",
    "target_challenge",
    "target_clarity",
    "budget_q1",
    "budget_q2",
    "budget_q3",
    "budget_q4",
    "special_performance",
];

const NCOLS: usize = 25;

fn columns() -> &'static [&'static str] {
    &COLUMNS
}

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
    ]
}

fn agency_names(agencies: &AgenciesFile, slug: &str) -> Text {
    agencies
        .agencies
        .iter()
        .find(|a| a.slug == slug)
        .map(|a| a.name.clone())
        .unwrap_or(Text {
            zh: String::new(),
            en: String::new(),
        })
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
    name: &'a Text,
    review: &'a Review,
    facts: &'a Facts,
}

#[derive(Serialize)]
struct JsonDataset<'a> {
    ministry: &'a Text,
    agencies: Vec<JsonAgency<'a>>,
    plans: Vec<JsonPlan<'a>>,
}

/// All plans as pretty-printed JSON (UTF-8, ends with a newline):
/// `{ "ministry": {zh, en}, "agencies": [{slug, name: {zh, en}, order}],
///    "plans": [{year, item, id, agency, agency_name: {zh, en}, name, review, facts}] }`.
/// Plans are sorted by year, then item, then id; agencies by order, then slug.
pub fn to_json(plans: &[PlanFile], agencies: &AgenciesFile) -> Vec<u8> {
    let mut sorted: Vec<&PlanFile> = plans.iter().collect();
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
                name: &p.name,
                review: &p.review,
                facts: &p.facts,
            })
            .collect(),
    };
    let mut out = serde_json::to_vec_pretty(&data).expect("plans serialize to JSON");
    out.push(b'\n');
    out
}

fn report_name(k: ReportKind) -> &'static str {
    match k {
        ReportKind::WorkPlan => "work_plan",
        ReportKind::Q1 => "q1",
        ReportKind::Q2 => "q2",
        ReportKind::Q3 => "q3",
        ReportKind::Q4 => "q4",
        ReportKind::SelfEvaluation => "self_evaluation",
    }
}

fn parse_report(s: &str) -> Option<ReportKind> {
    Some(match s {
        "work_plan" => ReportKind::WorkPlan,
        "q1" => ReportKind::Q1,
        "q2" => ReportKind::Q2,
        "q3" => ReportKind::Q3,
        "q4" => ReportKind::Q4,
        "self_evaluation" => ReportKind::SelfEvaluation,
        _ => return None,
    })
}

fn challenge_name(c: Challenge) -> &'static str {
    match c {
        Challenge::Challenging => "challenging",
        Challenge::SlightlyChallenging => "slightly_challenging",
        Challenge::Mixed => "mixed",
        Challenge::NotSignificant => "not_significant",
        Challenge::NotStated => "not_stated",
    }
}

fn clarity_name(c: Clarity) -> &'static str {
    match c {
        Clarity::Quantitative => "quantitative",
        Clarity::Qualitative => "qualitative",
        Clarity::NotStated => "not_stated",
    }
}

/// All plans as CSV: UTF-8 with a BOM (so spreadsheet programs detect the encoding), CRLF line
/// ends, a header row of [`COLUMNS`], one row per plan in the order given (sort the plans first
/// for a stable download; the order is kept so that `from_csv(to_csv(p))` gives back `p`).
pub fn to_csv(plans: &[PlanFile], agencies: &AgenciesFile) -> Vec<u8> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        w.write_record(columns()).expect("writing to memory");
        for p in plans {
            let names = agency_names(agencies, &p.agency);
            let f = &p.facts;
            let late = f
                .reports
                .late
                .iter()
                .map(|l| format!("{}:{}", report_name(l.report), l.days))
                .collect::<Vec<_>>()
                .join(";");
            let returned = f
                .reports
                .returned
                .iter()
                .map(|l| format!("{}:{}", report_name(l.report), l.times))
                .collect::<Vec<_>>()
                .join(";");
            let lags = f
                .lags
                .iter()
                .map(|l| format!("{}:{}", l.quarter, l.percent))
                .collect::<Vec<_>>()
                .join(";");
            let row: Vec<String> = vec![
                p.year.to_string(),
                p.item.to_string(),
                p.id.clone(),
                p.agency.clone(),
                names.zh,
                names.en,
                p.name.zh.clone(),
                p.name.en.clone(),
                p.review.administration.zh.clone(),
                p.review.administration.en.clone(),
                p.review.budget.zh.clone(),
                p.review.budget.en.clone(),
                p.review.performance.zh.clone(),
                p.review.performance.en.clone(),
                f.reports.on_time.to_string(),
                late,
                returned,
                lags,
                challenge_name(f.target_challenge).to_string(),
                clarity_name(f.target_clarity).to_string(),
                f.budget_execution[0].to_string(),
                f.budget_execution[1].to_string(),
                f.budget_execution[2].to_string(),
                f.budget_execution[3].to_string(),
                f.special_performance.to_string(),
            ];
            w.write_record(row.iter().map(|c| neutralise(c).into_owned()))
                .expect("writing to memory");
        }
        w.flush().expect("writing to memory");
    }
    out
}

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

struct RowReader<'a> {
    record: &'a csv::StringRecord,
    index: &'a [usize; NCOLS],
    row: usize,
    line: u64,
}

impl RowReader<'_> {
    fn err(&self, col: usize, message: String) -> ImportError {
        ImportError::Csv {
            row: self.row,
            line: self.line,
            column: Some(columns()[col].to_string()),
            message,
        }
    }

    fn get(&self, col: usize) -> &str {
        restore(self.record.get(self.index[col]).unwrap_or(""))
    }

    fn string(&self, col: usize) -> String {
        self.get(col).to_string()
    }

    fn num<T: std::str::FromStr>(&self, col: usize, what: &str) -> Result<T, ImportError> {
        let s = self.get(col);
        s.parse()
            .map_err(|_| self.err(col, format!("{s:?} is not {what}")))
    }

    fn boolean(&self, col: usize) -> Result<bool, ImportError> {
        match self.get(col) {
            "true" => Ok(true),
            "false" => Ok(false),
            s => Err(self.err(col, format!("{s:?} is not true or false"))),
        }
    }

    /// `a:b;c:d` pairs.
    fn pairs(&self, col: usize) -> Result<Vec<(&str, &str)>, ImportError> {
        let s = self.get(col);
        if s.is_empty() {
            return Ok(vec![]);
        }
        s.split(';')
            .map(|part| {
                part.split_once(':')
                    .ok_or_else(|| self.err(col, format!("{part:?} is not of the form name:value")))
            })
            .collect()
    }
}

/// Read plans back from [`to_csv`] output (a BOM is optional; columns may be in any order but
/// must all be present, and no others). Errors name the row (header = row 1), the line and the
/// column. `agency_zh` / `agency_en` are derived from `agencies.yaml` and are not read.
pub fn from_csv(bytes: &[u8]) -> Result<Vec<PlanFile>, ImportError> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let csv_err = |e: csv::Error, row: usize| {
        let line = e.position().map(|p| p.line()).unwrap_or(0);
        ImportError::Csv {
            row,
            line,
            column: None,
            message: e.to_string(),
        }
    };
    let mut records = rdr.records();
    let header = match records.next() {
        None => {
            return Err(ImportError::Csv {
                row: 1,
                line: 1,
                column: None,
                message: "the file is empty; expected a header row".into(),
            })
        }
        Some(Err(e)) => return Err(csv_err(e, 1)),
        Some(Ok(h)) => h,
    };
    let mut index = [usize::MAX; NCOLS];
    for (pos, name) in header.iter().enumerate() {
        match columns().iter().position(|c| *c == name) {
            Some(c) if index[c] == usize::MAX => index[c] = pos,
            Some(_) => {
                return Err(ImportError::Csv {
                    row: 1,
                    line: 1,
                    column: Some(name.to_string()),
                    message: "the column appears twice".into(),
                })
            }
            None => {
                return Err(ImportError::Csv {
                    row: 1,
                    line: 1,
                    column: Some(name.to_string()),
                    message: "unknown column".into(),
                })
            }
        }
    }
    if let Some(c) = (0..NCOLS).find(|&c| index[c] == usize::MAX) {
        return Err(ImportError::Csv {
            row: 1,
            line: 1,
            column: Some(columns()[c].to_string()),
            message: "the column is missing".into(),
        });
    }

    let mut plans = Vec::new();
    for (n, rec) in records.enumerate() {
        let row = n + 2;
        let record = rec.map_err(|e| csv_err(e, row))?;
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        if record.len() != header.len() {
            return Err(ImportError::Csv {
                row,
                line,
                column: None,
                message: format!("expected {} cells, found {}", header.len(), record.len()),
            });
        }
        let r = RowReader {
            record: &record,
            index: &index,
            row,
            line,
        };
        let col = |name: &str| {
            columns()
                .iter()
                .position(|c| *c == name)
                .expect("known column")
        };

        let mut late = Vec::new();
        for (k, v) in r.pairs(col("late_reports"))? {
            let report = parse_report(k)
                .ok_or_else(|| r.err(col("late_reports"), format!("unknown report {k:?}")))?;
            let days = v.parse().map_err(|_| {
                r.err(
                    col("late_reports"),
                    format!("{v:?} is not a number of days"),
                )
            })?;
            late.push(LateReport { report, days });
        }
        let mut returned = Vec::new();
        for (k, v) in r.pairs(col("returned_reports"))? {
            let report = parse_report(k)
                .ok_or_else(|| r.err(col("returned_reports"), format!("unknown report {k:?}")))?;
            let times = v.parse().map_err(|_| {
                r.err(
                    col("returned_reports"),
                    format!("{v:?} is not a number of times"),
                )
            })?;
            returned.push(ReturnedReport { report, times });
        }
        let mut lags = Vec::new();
        for (k, v) in r.pairs(col("lags"))? {
            let quarter = k
                .parse()
                .map_err(|_| r.err(col("lags"), format!("{k:?} is not a quarter")))?;
            let percent = v
                .parse()
                .map_err(|_| r.err(col("lags"), format!("{v:?} is not a percentage")))?;
            lags.push(Lag { quarter, percent });
        }
        let target_challenge = match r.get(col("target_challenge")) {
            "challenging" => Challenge::Challenging,
            "slightly_challenging" => Challenge::SlightlyChallenging,
            "mixed" => Challenge::Mixed,
            "not_significant" => Challenge::NotSignificant,
            "not_stated" => Challenge::NotStated,
            s => return Err(r.err(col("target_challenge"), format!("{s:?} is not one of challenging, slightly_challenging, mixed, not_significant, not_stated"))),
        };
        let target_clarity = match r.get(col("target_clarity")) {
            "quantitative" => Clarity::Quantitative,
            "qualitative" => Clarity::Qualitative,
            "not_stated" => Clarity::NotStated,
            s => {
                return Err(r.err(
                    col("target_clarity"),
                    format!("{s:?} is not one of quantitative, qualitative, not_stated"),
                ))
            }
        };
        let text = |zh: &str, en: &str| Text {
            zh: r.string(col(zh)),
            en: r.string(col(en)),
        };
        plans.push(PlanFile {
            id: r.string(col("id")),
            year: r.num(col("year"), "a year")?,
            item: r.num(col("item"), "an item number")?,
            agency: r.string(col("agency")),
            name: text("name_zh", "name_en"),
            review: Review {
                administration: text("administration_zh", "administration_en"),
                budget: text("budget_zh", "budget_en"),
                performance: text("performance_zh", "performance_en"),
            },
            facts: Facts {
                reports: Reports {
                    on_time: r.boolean(col("reports_on_time"))?,
                    late,
                    returned,
                },
                lags,
                target_challenge,
                target_clarity,
                budget_execution: [
                    r.num(col("budget_q1"), "a percentage")?,
                    r.num(col("budget_q2"), "a percentage")?,
                    r.num(col("budget_q3"), "a percentage")?,
                    r.num(col("budget_q4"), "a percentage")?,
                ],
                special_performance: r.boolean(col("special_performance"))?,
            },
        });
    }
    Ok(plans)
}
