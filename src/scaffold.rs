//! Scaffolding a new plan record for staff to fill in.
//!
//! Every placeholder text starts with [`PLACEHOLDER`] (`TODO`), so `check` can reject a record
//! that still has one; the file parses as a [`PlanFile`](crate::content::schema::PlanFile) as is.

use crate::content::schema::AgencyFile;
use crate::import::yaml_scalar;

pub use crate::content::validate::PLACEHOLDER;

/// A new record for plan `id`, item `item` of ROC `year`'s table, organised by `agency`: every
/// field present, each commented in Chinese and English with what to write and the allowed
/// values, placeholder texts marked `TODO`.
pub fn new_plan(year: u32, agency: &AgencyFile, item: u32, id: &str) -> String {
    let values = [
        ("year", year.to_string()),
        ("item", item.to_string()),
        ("id", yaml_scalar(id)),
        ("slug", yaml_scalar(&agency.slug)),
        ("agency_zh", agency.name.zh.replace('\n', " ")),
        ("agency_en", agency.name.en.replace('\n', " ")),
    ];
    fill(TEMPLATE, &values)
}

/// `template` with each `{name}` replaced by its value, in one pass (a value holding `{…}`
/// stays as it is).
fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 256);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let v = values.iter().find(|(name, _)| *name == &after[..close])?;
            Some((&v.1, close))
        });
        match value {
            Some((v, close)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The record [`new_plan`] writes, with `{year}`, `{item}`, `{id}`, `{slug}`, `{agency_zh}`
/// and `{agency_en}` to fill in. Tests hold it to the schema: every field of a plan is here.
const TEMPLATE: &str = r#"# {year} 年度部會管制個案計畫評核 — 項次 {item}
# 新紀錄：請依複核結果原文填寫每個欄位，並刪除所有 TODO。
# New record: fill in every field from the review text and remove every TODO.

# 計畫識別碼，跨年度不變；只用小寫英文字母、數字與連字號，須與檔名相同。
# Plan id, stable across years: lowercase letters, digits and hyphens only; must match the file name.
id: {id}
# 評核年度（民國年）。 / Year of the evaluation (ROC year; 111 = 2022).
year: {year}
# 項次：該年度複核結果表中的編號。 / Item number (項次) in that year's review table.
item: {item}
# 主辦機關代碼，須為 agencies.yaml 中的 slug（此處為「{agency_zh}」）。
# Organizing agency: a slug from agencies.yaml (here: {agency_en}).
agency: {slug}
# 計畫名稱，純文字。 / Plan name, plain text.
name:
  zh: "TODO: 計畫名稱"
  en: "TODO: plan name in English"
# 複核結果，分三段；每段為 Markdown，段落之間空一行。原文照錄，不修改錯字。
# The review result in its three sections; each is Markdown with a blank line between
# paragraphs. Copy the text as published; do not correct it.
review:
  # 一、行政作業：報告是否如期提報、退回修訂、進度控制、年度目標之挑戰性與明確性（不含標題本身）。
  # 1. Administrative work: reports on time, returned reports, progress control, annual
  # targets (without the heading itself).
  administration:
    zh: |
      TODO: (一)如期依限提報……

      (二)進度控制情形與結果：……

      (三)年度目標之挑戰性與明確性

      1.年度目標挑戰性：……

      2.年度目標明確性：……
    en: |
      TODO: (1) …
  # 二、經費運用：各季年累計支用比（不含標題本身）。
  # 2. Budget use: cumulative budget execution per quarter (without the heading).
  budget:
    zh: |
      TODO: 各管考週期，年累計支用比……
    en: |
      TODO: In each control cycle, the cumulative budget execution rate …
  # 三、特殊績效：年度目標以外的具體成果，或「特殊績效所列事項，同年度所設工作目標。」
  # 3. Special performance: achievements beyond the annual targets, or the stock sentence.
  performance:
    zh: |
      TODO: 特殊績效……
    en: |
      TODO: Special performance …
# 複核結果所述事實，作為資料；須與上面的文字一致。
# The facts the review states, as data; they must agree with the text above.
facts:
  reports:
    # 所有報告皆如期提報為 true；有任何「逾期」為 false。
    # true when every report was filed on time; false if any was late (逾期).
    on_time: true
    # 逾期提送的報告，例：「第 2 季「執行情形」逾期提送 5 日」寫成
    #   - report: q2
    #     days: 5
    # report 可為 / report is one of: work_plan（作業計畫）, q1, q2, q3, q4（第 1–4 季執行情形）,
    # self_evaluation（自評報告）。沒有則留 []。 / Leave [] when none.
    late: []
    # 退回修訂的報告，例：「作業計畫有退回修訂 1 次」寫成
    #   - report: work_plan
    #     times: 1
    # 沒有則留 []。 / Reports returned for revision; leave [] when none.
    returned: []
  # 年累計進度落後的季別與百分點，例：「第 3 季落後 0.21%」寫成
  #   - quarter: 3
  #     percent: 0.21
  # 沒有則留 []。 / Quarters behind schedule (quarter 1–4, percentage points); [] when none.
  lags: []
  # 年度目標挑戰性 / Challenge of the annual targets:
  #   challenging（具挑戰性）, slightly_challenging（略具挑戰性）,
  #   mixed（部分略具、部分無顯著 / some slightly, some not significantly）,
  #   not_significant（無顯著挑戰性）, not_stated（未敘明 / not stated）
  target_challenge: not_stated
  # 年度目標明確性 / Clarity of the annual targets:
  #   quantitative（採量化指標）, qualitative（質化指標）, not_stated（未敘明 / not stated）
  target_clarity: not_stated
  # 第 1–4 季年累計經費支用比（%），例：「第 3 季 99.22%，餘均達 100%」寫成 [100, 100, 99.22, 100]。
  # TODO: 請填入實際數值，0 只是預留值。
  # Cumulative budget execution (%) at the end of Q1–Q4, e.g. [100, 100, 99.22, 100].
  # TODO: replace the zeros, which are only placeholders.
  budget_execution: [0, 0, 0, 0]
  # 是否列有年度目標以外的特殊績效；只有制式句「特殊績效所列事項，同年度所設工作目標」時為 false。
  # Whether the review names achievements beyond the annual targets; false when the section is
  # only the stock sentence.
  special_performance: false
# `check` 會從上面的中文原文讀出每項事實，並與此處比對；不一致即為錯誤。原文無法由程式讀出、
# 已由承辦人員逐一人工核對的事實，列於此處（例：[budget_execution, target_challenge]），
# check 便不再比對，並逐項提醒。可列：reports, lags, target_challenge, target_clarity,
# budget_execution, special_performance。通常留 []。
# check reads every fact above out of the Chinese text and reports each that differs. A fact
# it cannot read from the text, which you have checked against the text by hand, goes here
# (e.g. [budget_execution, target_challenge]): check then no longer compares it, and lists it
# as a warning. Usually [].
facts_checked_by_hand: []
# 網頁以評核意見原句說明每項情形（某季進度落後、報告逾期或退回、某季支用未達 100%、目標挑戰性、
# 特殊績效）的原因，原句由程式自上面的中文原文找出。找不到時 check 會提醒，請在此照錄原句，例：
#   spending_q3:
#     zh: 其中第 3 季係因疫情影響
#     en: In Q3, because of the COVID-19 pandemic
# check 會確認每句皆出自內文。通常留 {}。
# The pages give the reviewers' own sentence for each flag (behind schedule or spending below
# 100% in a quarter, a report late or returned, the targets' challenge, special performance),
# found in the Chinese text above. Where check says it finds none, copy the sentence here, as
# in the example; check makes sure each is part of the text. Usually {}.
reasons: {}
# 草稿：加上 `draft: true`，本計畫便不會發布（`serve` 與 `build --drafts` 仍會顯示，並標示為草稿）。
# Draft: add `draft: true` to keep the plan out of the published site (`serve` and
# `build --drafts` still show it, marked as a draft).
"#;
