//! Extracting the structured facts from the Chinese review text.
//!
//! All functions work on text normalised by [`normalize_for_facts`](crate::text::cleanup::normalize_for_facts)
//! (no whitespace, ASCII digits). Anything stated but not understood is returned as a message,
//! never guessed.

use super::located::{Located, Quote};
use super::reasons::{quotes, Mark};
use crate::error::Msg;
use crate::msg;
use crate::text::cleanup::{markdown_paragraphs, normalize_for_facts};
use gongkai_core::content::flags::FULL_EXECUTION;
use gongkai_core::content::schema::{
    Challenge, Clarity, Fact, Facts, Flag, Lag, LateReport, ReportKind, Reports, ReturnedReport,
    Review,
};

/// What [`read`] finds in a review: the facts, what the text states that could not be
/// understood, each with the fact it concerns (reports and lags from the administration
/// section, budget execution from the budget section), section by section in text order, and
/// the sentences each flag the facts raise was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// The facts as the text states them (a fact with a problem holds what could be read).
    pub facts: Facts,
    /// What is stated but not understood, by fact.
    pub problems: Vec<(Fact, Msg)>,
    /// The sentences each flag was read from (the whole section for special performance), by
    /// flag in [`Flag`]'s order: a lag's, late or returned report's, a quarter's spending below
    /// 100 % (with the sentences after it giving that quarter's cause), the targets' challenge.
    pub reasons: Vec<(Flag, Vec<Quote>)>,
}

/// Where a reading of one section saw each flag: the flag and a character of the reading.
type Marks = Vec<(Flag, usize)>;

/// The facts a review's three sections state, each section its paragraphs (PDF wrapping
/// undone, Markdown not yet escaped): the one reading `import` takes the facts with and
/// `check` compares a record's facts with. An empty administration section states every
/// report on time and no judgement of the targets.
pub fn read(sections: [&[String]; 3]) -> Reading {
    let located = [0, 1, 2].map(|k| Located::new(k, sections[k]));
    let mut problems = Vec::new();
    let mut marks: Vec<Mark> = Vec::new();
    let (reports, lags, target_challenge, target_clarity) =
        read_administration(sections[0], &located[0].text, &mut problems, &mut marks);
    let mut msgs = Vec::new();
    let mut budget_marks = Marks::new();
    let budget_execution = budget_execution(&located[1].text, &mut msgs, &mut budget_marks);
    problems.extend(msgs.into_iter().map(|m| (Fact::BudgetExecution, m)));
    marks.extend(budget_marks.into_iter().map(|(f, p)| (f, 1, p)));
    let performance = sections[2];
    let special = special_performance(
        &performance
            .iter()
            .map(|p| normalize_for_facts(p))
            .collect::<Vec<_>>(),
    );
    let mut reasons = quotes(&located, &marks);
    if special {
        reasons.push((Flag::SpecialPerformance, located[2].paragraphs(performance)));
    }
    Reading {
        facts: Facts {
            reports,
            lags,
            target_challenge,
            target_clarity,
            budget_execution,
            special_performance: special,
        },
        problems,
        reasons,
    }
}

/// The facts of the administration section (`paras`, read as `norm`): reports, lags and the
/// targets' judgements, its problems and marks added to `problems` and `marks`. An empty
/// section states every report on time and no judgement of the targets.
fn read_administration(
    paras: &[String],
    norm: &str,
    problems: &mut Vec<(Fact, Msg)>,
    marks: &mut Vec<Mark>,
) -> (Reports, Vec<Lag>, Challenge, Clarity) {
    let mut msgs = Vec::new();
    let mut at = Marks::new();
    let reports = if paras.is_empty() {
        Reports {
            on_time: true,
            late: vec![],
            returned: vec![],
        }
    } else {
        reports(norm, &mut msgs, &mut at)
    };
    problems.extend(msgs.drain(..).map(|m| (Fact::Reports, m)));
    let lags = lags(norm, &mut msgs, &mut at);
    problems.extend(msgs.drain(..).map(|m| (Fact::Lags, m)));
    let (challenge, clarity) = if paras.is_empty() {
        (Challenge::NotStated, Clarity::NotStated)
    } else {
        (challenge_read(norm, &mut at), target_clarity(norm))
    };
    marks.extend(at.into_iter().map(|(f, p)| (f, 0, p)));
    (reports, lags, challenge, clarity)
}

/// [`read`] of a record's Chinese review, its Markdown split back into the paragraphs `import`
/// read ([`markdown_paragraphs`]).
pub fn read_review(review: &Review) -> Reading {
    let [admin, budget, performance] = review.sections().map(|(_, t)| markdown_paragraphs(&t.zh));
    read([&admin, &budget, &performance])
}

/// The stock sentence of a review with no special performance.
pub const NO_SPECIAL_PERFORMANCE: &str = "特殊績效所列事項，同年度所設工作目標";

const CLAUSE_END: &[char] = &['，', '。', '；', ',', ';', '：', ':'];

/// A number in the text: its value, where it starts and where it ends (char indices).
fn number_at(chars: &[char], i: usize) -> Option<(f64, usize)> {
    let mut j = i;
    while j < chars.len() && chars[j].is_ascii_digit() {
        j += 1;
    }
    if j == i {
        return None;
    }
    if j + 1 < chars.len() && chars[j] == '.' && chars[j + 1].is_ascii_digit() {
        j += 1;
        while j < chars.len() && chars[j].is_ascii_digit() {
            j += 1;
        }
    }
    let s: String = chars[i..j].iter().collect();
    s.parse().ok().map(|v| (v, j))
}

fn find_all(chars: &[char], pat: &str) -> Vec<usize> {
    let p: Vec<char> = pat.chars().collect();
    if p.is_empty() || chars.len() < p.len() {
        return vec![];
    }
    (0..=chars.len() - p.len())
        .filter(|&i| chars[i..i + p.len()] == p[..])
        .collect()
}

/// Start of the clause that ends at `pos` (after the last clause-ending punctuation, or `floor`).
fn clause_start(chars: &[char], pos: usize, floor: usize, extra: &[char]) -> usize {
    let mut i = pos;
    while i > floor {
        let c = chars[i - 1];
        if CLAUSE_END.contains(&c) || extra.contains(&c) {
            break;
        }
        i -= 1;
    }
    i
}

/// End of the clause starting at `pos`.
fn clause_end(chars: &[char], pos: usize) -> usize {
    let mut i = pos;
    while i < chars.len() && !CLAUSE_END.contains(&chars[i]) {
        i += 1;
    }
    i
}

/// Quarter tokens: `第N季`, `N季`, ranges `第a季至第b季` / `a至b季`, in text order.
pub(super) fn quarters_in(chars: &[char]) -> Vec<(u32, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts = chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_digit());
        let Some((a, j)) = starts.then(|| number_at(chars, i)).flatten() else {
            i += 1;
            continue;
        };
        let whole = a.fract() == 0.0;
        // `a季至(第)b季` or `a至(第)b季`
        let to = match (chars.get(j), chars.get(j + 1)) {
            (Some('季'), Some('至')) => Some(j + 2),
            (Some('至'), _) => Some(j + 1),
            _ => None,
        };
        let range = to
            .filter(|_| whole)
            .and_then(|k| range_end(chars, k))
            .filter(|&(b, _)| b >= a);
        if let Some((b, next)) = range {
            out.extend((a as u32..=b as u32).map(|q| (q, i)));
            i = next;
        } else if whole && chars.get(j) == Some(&'季') {
            out.push((a as u32, i));
            i = j + 1;
        } else {
            i = j;
        }
    }
    out
}

/// The end of a quarter range after its `至` (at `k`): `(第)b季`, as b and the index after `季`.
fn range_end(chars: &[char], k: usize) -> Option<(f64, usize)> {
    let k = if chars.get(k) == Some(&'第') {
        k + 1
    } else {
        k
    };
    let (b, l) = number_at(chars, k)?;
    (chars.get(l) == Some(&'季')).then_some((b, l + 1))
}

/// The whole numbers in `chars[from..end]` followed by one of `units` (`5日`, `1次`), each
/// with the index after its number.
fn counts(chars: &[char], from: usize, end: usize, units: &[char]) -> Vec<(u32, usize)> {
    let mut out = Vec::new();
    let mut i = from;
    while i < end {
        match chars[i]
            .is_ascii_digit()
            .then(|| number_at(chars, i))
            .flatten()
        {
            Some((v, j)) => {
                if chars.get(j).is_some_and(|c| units.contains(c)) && v.fract() == 0.0 {
                    out.push((v as u32, j));
                }
                i = j;
            }
            None => i += 1,
        }
    }
    out
}

fn quarter_kind(q: u32) -> Option<ReportKind> {
    match q {
        1 => Some(ReportKind::Q1),
        2 => Some(ReportKind::Q2),
        3 => Some(ReportKind::Q3),
        4 => Some(ReportKind::Q4),
        _ => None,
    }
}

/// The reports a clause names, in text order.
fn reports_in(chars: &[char]) -> Vec<ReportKind> {
    let mut found: Vec<(usize, ReportKind)> = Vec::new();
    for (q, pos) in quarters_in(chars) {
        if let Some(k) = quarter_kind(q) {
            found.push((pos, k));
        }
    }
    for pos in find_all(chars, "作業計畫") {
        found.push((pos, ReportKind::WorkPlan));
    }
    for pos in find_all(chars, "自評報告") {
        found.push((pos, ReportKind::SelfEvaluation));
    }
    found.sort_by_key(|&(p, k)| (p, k));
    found.into_iter().map(|(_, k)| k).collect()
}

/// Reports: on time (no `逾期`), late reports and reports returned for revision, each marked
/// where it was read.
fn reports(admin: &str, problems: &mut Vec<Msg>, marks: &mut Marks) -> Reports {
    let chars: Vec<char> = admin.chars().collect();
    let overdue = find_all(&chars, "逾期");
    Reports {
        on_time: overdue.is_empty(),
        late: late_reports(&chars, &overdue, problems, marks),
        returned: returned_reports(&chars, problems, marks),
    }
}

/// The reports late in each clause with `逾期` (at `overdue`), by how many days
/// (`第 2 季「執行情形」逾期提送 5 日`).
fn late_reports(
    chars: &[char],
    overdue: &[usize],
    problems: &mut Vec<Msg>,
    marks: &mut Marks,
) -> Vec<LateReport> {
    let mut late = Vec::new();
    for &pos in overdue {
        let start = clause_start(chars, pos, 0, &[]);
        let kinds = reports_in(&chars[start..pos]);
        let end = clause_end(chars, pos);
        let days: Vec<u32> = counts(chars, pos + 2, end, &['日', '天'])
            .into_iter()
            .map(|(d, _)| d)
            .collect();
        if kinds.is_empty() || days.is_empty() || (days.len() != 1 && days.len() != kinds.len()) {
            let clause = shown(chars[start..end].iter().copied());
            problems.push(msg!(
                "cannot tell which report was late by how many days in 「{clause}」",
                "無法從「{clause}」看出哪一份報告逾期幾天"
            ));
            continue;
        }
        for (n, k) in kinds.iter().enumerate() {
            let d = if days.len() == 1 { days[0] } else { days[n] };
            marks.push((Flag::late(*k), pos));
            late.push(LateReport {
                report: *k,
                days: d,
            });
        }
    }
    late
}

/// The reports returned for revision (`退回修訂` / `退回修正`) and how many times; a clause
/// saying none was (`未有退回修正`) is not a problem.
fn returned_reports(
    chars: &[char],
    problems: &mut Vec<Msg>,
    marks: &mut Marks,
) -> Vec<ReturnedReport> {
    let mut returned = Vec::new();
    let mut floor = 0;
    for pos in find_all(chars, "退回修") {
        let kw_end = pos + 4;
        let start = clause_start(chars, pos, floor, &[]);
        let kinds = reports_in(&chars[start..pos]);
        let end = clause_end(chars, pos);
        let times = counts(chars, kw_end.min(end), end, &['次'])
            .first()
            .copied();
        if let Some((_, j)) = times {
            floor = j + 1;
        }
        let before: String = chars[start..pos].iter().collect();
        match times {
            None if before.ends_with('未')
                || before.ends_with("無")
                || before.ends_with("未有")
                || before.ends_with("無須") => {}
            Some((t, _)) if kinds.len() == 1 => {
                marks.push((Flag::returned(kinds[0]), pos));
                returned.push(ReturnedReport {
                    report: kinds[0],
                    times: t,
                });
            }
            _ => {
                let clause = shown(chars[start..end].iter().copied());
                problems.push(msg!(
                    "cannot tell which report was returned how many times in 「{clause}」",
                    "無法從「{clause}」看出哪一份報告被退回修正幾次"
                ));
            }
        }
    }
    returned
}

/// The most mentions of falling behind [`lags`] reads in one text.
const MAX_LAG_MENTIONS: usize = 32;

/// Quarters whose cumulative progress fell behind: `第 3 季落後 3%`, `第 3 季年累計進度落後 0.21%`,
/// each marked where it was read.
fn lags(admin: &str, problems: &mut Vec<Msg>, marks: &mut Marks) -> Vec<Lag> {
    let chars: Vec<char> = admin.chars().collect();
    let mut out = Vec::new();
    let found = find_all(&chars, "落後");
    // a year has four quarters: a text saying it far more often is not a review, and reading
    // each mention's clause back would take time in the square of its length
    if found.len() > MAX_LAG_MENTIONS {
        let n = found.len();
        problems.push(msg!(
            "「落後」 appears {n} times; a review states at most one lag a quarter",
            "「落後」出現 {n} 次；評核意見每季至多記載一次落後"
        ));
        return out;
    }
    for pos in found {
        let Some((pct, j)) = number_at(&chars, pos + 2) else {
            continue;
        };
        if chars.get(j) != Some(&'%') {
            continue;
        }
        let start = clause_start(&chars, pos, 0, &[]);
        let qs = quarters_in(&chars[start..pos]);
        let clause = shown(chars[start..clause_end(&chars, pos)].iter().copied());
        match qs.last() {
            Some(&(q, _)) if (1..=4).contains(&q) && qs.len() == 1 => {
                marks.extend(Flag::behind(q as u8).map(|f| (f, pos)));
                out.push(Lag {
                    quarter: q as u8,
                    percent: pct,
                });
            }
            _ => problems.push(msg!(
                "cannot tell which quarter fell behind in 「{clause}」",
                "無法從「{clause}」看出是哪一季落後"
            )),
        }
    }
    out
}

/// How challenging the annual targets were judged, marking the words it was read from (for a
/// review that judges nothing, the label of the targets' challenge, `挑戰性：`).
fn challenge_read(admin: &str, marks: &mut Marks) -> Challenge {
    let chars: Vec<char> = admin.chars().collect();
    let slightly = find_all(&chars, "略具挑戰性");
    let not_significant = find_all(&chars, "無顯著挑戰性");
    let (level, at) = match (slightly.is_empty(), not_significant.is_empty()) {
        (false, false) => (Challenge::Mixed, [slightly, not_significant].concat()),
        (false, true) => (Challenge::SlightlyChallenging, slightly),
        (true, false) => (Challenge::NotSignificant, not_significant),
        (true, true) => match challenging_at(&chars) {
            Some(pos) => (Challenge::Challenging, vec![pos]),
            None => {
                let label = [find_all(&chars, "挑戰性："), find_all(&chars, "挑戰性:")];
                (Challenge::NotStated, label.concat())
            }
        },
    };
    marks.extend(at.into_iter().map(|p| (Flag::Challenge, p)));
    level
}

/// Where the targets are judged challenging: `具…挑戰性` within one clause, `具` not preceded
/// by `略`/`不`/`無`/`未`.
fn challenging_at(chars: &[char]) -> Option<usize> {
    find_all(chars, "具").into_iter().find(|&pos| {
        let judged = pos == 0 || !matches!(chars[pos - 1], '略' | '不' | '無' | '未');
        judged && !find_all(&chars[pos..clause_end(chars, pos)], "挑戰性").is_empty()
    })
}

/// How clear the annual targets were judged.
pub fn target_clarity(admin: &str) -> Clarity {
    if admin.contains("採量化指標") {
        Clarity::Quantitative
    } else {
        Clarity::NotStated
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok {
    Quarter(u32),
    Pct(f64),
    Rest,
    All,
}

/// The tokens of a budget sentence, each with its place in the sentence, in order.
fn budget_tokens(chars: &[char]) -> Vec<(usize, Tok)> {
    let quarters = quarters_in(chars);
    let mut toks: Vec<(usize, Tok)> = quarters
        .into_iter()
        .map(|(q, p)| (p, Tok::Quarter(q)))
        .collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit()
            && (i == 0 || !(chars[i - 1].is_ascii_digit() || chars[i - 1] == '.'))
        {
            if let Some((v, j)) = number_at(chars, i) {
                if chars.get(j) == Some(&'%') {
                    toks.push((i, Tok::Pct(v)));
                }
                i = j;
                continue;
            }
        }
        match chars[i] {
            '餘' => toks.push((i, Tok::Rest)),
            '均' | '皆' => toks.push((i, Tok::All)),
            _ => {}
        }
        i += 1;
    }
    toks.sort_by_key(|t| t.0);
    // A range yields several quarters at one position; keep their order (stable sort).
    toks
}

/// A clause or sentence as a message quotes it: at most [`SHOWN`] characters, then `…`, so a
/// long text repeated in many messages costs little (5,000 lags in one 60 kB cell made 5,000
/// messages quoting all of it: 550 MB).
fn shown(text: impl Iterator<Item = char>) -> String {
    let mut text = text.peekable();
    let mut out: String = text.by_ref().take(SHOWN).collect();
    if text.peek().is_some() {
        out.push('…');
    }
    out
}

/// Longest quote of the table's text in a message, in characters.
const SHOWN: usize = 80;

/// Cumulative budget execution per quarter from the budget section, e.g.
/// `第 1 季 90%，第 2 季至第 4 季均達 100%`, `第 3 季 60%、餘均達 100%`, `進度均達 100%`.
pub fn budget_execution(budget: &str, problems: &mut Vec<Msg>, marks: &mut Marks) -> [f64; 4] {
    let mut values: [Option<f64>; 4] = [None; 4];
    let mut ok = true;
    // where each sentence starts in the reading, in characters
    let mut offset = 0;
    for sentence in budget.split('。') {
        let start = offset;
        offset += sentence.chars().count() + 1;
        if values.iter().all(Option::is_some) {
            break;
        }
        if !sentence.contains('%') {
            continue;
        }
        let mut read = BudgetSentence {
            sentence,
            values: &mut values,
            problems,
            ok: true,
        };
        for (q, at) in read.rates() {
            let below = read.values[q - 1].is_some_and(|v| v < FULL_EXECUTION);
            if let Some(flag) = Flag::spending(q as u8).filter(|_| below) {
                marks.push((flag, start + at));
            }
        }
        ok &= read.ok;
    }
    if ok && !values.iter().all(Option::is_some) {
        problems.push(quarters_missing(&values, budget));
    }
    values.map(|v| v.unwrap_or(0.0))
}

/// One sentence of a budget section being read into the quarters' rates.
struct BudgetSentence<'a> {
    sentence: &'a str,
    values: &'a mut [Option<f64>; 4],
    problems: &'a mut Vec<Msg>,
    /// Nothing in it was misunderstood.
    ok: bool,
}

impl BudgetSentence<'_> {
    /// Reads the sentence's rates into `values`; returns each quarter given one, with where its
    /// rate is in the sentence (in characters).
    fn rates(&mut self) -> Vec<(usize, usize)> {
        let chars: Vec<char> = self.sentence.chars().collect();
        let mut pending: Vec<u32> = Vec::new();
        let (mut rest, mut all) = (false, false);
        let mut read = Vec::new();
        for (at, tok) in budget_tokens(&chars) {
            match tok {
                Tok::Quarter(q) => pending.push(q),
                Tok::Rest => rest = true,
                Tok::All => all = true,
                Tok::Pct(v) => {
                    let targets: Vec<u32> = if !pending.is_empty() {
                        std::mem::take(&mut pending)
                    } else if rest || all {
                        (1..=4)
                            .filter(|q| self.values[*q as usize - 1].is_none())
                            .collect()
                    } else {
                        self.problem(|s| {
                            msg!(
                                "budget: {v}% is not tied to a quarter in 「{s}」",
                                "經費：「{s}」中的 {v}% 看不出是哪一季"
                            )
                        });
                        vec![]
                    };
                    read.extend(
                        targets
                            .into_iter()
                            .filter_map(|q| self.set(q, v))
                            .map(|q| (q, at)),
                    );
                    (rest, all) = (false, false);
                }
            }
        }
        if !pending.is_empty() && !self.values.iter().all(Option::is_some) {
            self.problem(|s| {
                msg!(
                    "budget: quarters without a percentage in 「{s}」",
                    "經費：「{s}」中有季別沒有百分比"
                )
            });
        }
        read
    }

    /// Gives quarter `q` the rate `v`, unless it is no quarter or has one; returns it as an
    /// index from 1 when it was given.
    fn set(&mut self, q: u32, v: f64) -> Option<usize> {
        if !(1..=4).contains(&q) {
            self.problem(|s| {
                msg!(
                    "budget: there is no quarter {q} in 「{s}」",
                    "經費：「{s}」中沒有第 {q} 季"
                )
            });
            None
        } else if self.values[q as usize - 1].is_some() {
            self.problem(|s| {
                msg!(
                    "budget: quarter {q} is given twice in 「{s}」",
                    "經費：「{s}」中第 {q} 季出現兩次"
                )
            });
            None
        } else {
            self.values[q as usize - 1] = Some(v);
            Some(q as usize)
        }
    }

    /// A problem quoting the sentence ([`shown`]).
    fn problem(&mut self, message: impl Fn(&str) -> Msg) {
        self.problems.push(message(&shown(self.sentence.chars())));
        self.ok = false;
    }
}

/// The quarters of `values` the budget text gives no rate for.
fn quarters_missing(values: &[Option<f64>; 4], budget: &str) -> Msg {
    let missing = |each: &dyn Fn(usize) -> String, sep: &str| -> String {
        let qs = (1..=4).filter(|q| values[q - 1].is_none());
        qs.map(each).collect::<Vec<_>>().join(sep)
    };
    let (en, zh) = (
        missing(&|q| format!("Q{q}"), ", "),
        missing(&|q| format!("第 {q} 季"), "、"),
    );
    let s = shown(budget.chars());
    msg!(
        "budget: cannot find the cumulative execution rate for {en} in 「{s}」",
        "經費：在「{s}」中找不到{zh}的累計執行率"
    )
}

/// Whether the performance section names anything beyond the stock sentence.
pub fn special_performance(paragraphs: &[String]) -> bool {
    !(paragraphs.is_empty()
        || (paragraphs.len() == 1 && paragraphs[0].starts_with(NO_SPECIAL_PERFORMANCE)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn budget(s: &str) -> ([f64; 4], Vec<Msg>) {
        let mut p = vec![];
        let v = budget_execution(
            &crate::text::cleanup::normalize_for_facts(s),
            &mut p,
            &mut Marks::new(),
        );
        (v, p)
    }

    #[test]
    fn budgets() {
        for (text, want) in [
            ("各管考週期，年累計支用比進度均達 100%。", [100.0; 4]),
            (
                "年累計支用比第 1 季 90%，第 2 季至第 4 季均達 100%。",
                [90.0, 100.0, 100.0, 100.0],
            ),
            (
                "年累計支用比第 3 季 60%、餘均達 100%。其中第 3 季係因疫情影響，於第 3 季及第 4 季，加強辦理",
                [100.0, 100.0, 60.0, 100.0],
            ),
            (
                "第 4 季 99.09%，餘第 1 季至第 3 季均達 100%。",
                [100.0, 100.0, 100.0, 99.09],
            ),
            (
                "第 3 季 99%，餘第 1 季、第 2 季及第 4 季均達 100%。",
                [100.0, 100.0, 99.0, 100.0],
            ),
            (
                "第 1 季 44.29%、第 2 季 41.77%、第 3 季 100%、第 4 季 97.66%。",
                [44.29, 41.77, 100.0, 97.66],
            ),
        ] {
            assert_eq!(budget(text).0, want, "{text}");
        }
        assert_eq!(budget("第 1 至 4 季均達 100%").0, [100.0; 4]);
        assert!(!budget("第 1 季 90%。").1.is_empty());
        assert!(!budget("執行良好。").1.is_empty());
        assert!(!budget("第 1 季 90%，第 1 季 80%，餘均達 100%").1.is_empty());
        assert!(!budget("支用比 90%").1.is_empty());
    }

    #[test]
    fn report_facts() {
        let mut p = vec![];
        let r = reports(
            &crate::text::cleanup::normalize_for_facts(
                "(一)111 年度第 2 季「執行情形」逾期提送 5 日，餘 111 年度「作業計畫」如期依限提報。另作業計畫有退回修訂 1 次。",
            ),
            &mut p,
            &mut Marks::new(),
        );
        assert!(p.is_empty(), "{p:?}");
        assert!(!r.on_time);
        assert_eq!(
            r.late,
            vec![LateReport {
                report: ReportKind::Q2,
                days: 5
            }]
        );
        assert_eq!(
            r.returned,
            vec![ReturnedReport {
                report: ReportKind::WorkPlan,
                times: 1
            }]
        );
        let r = reports(
            "另提報第1季執行情形退回修訂5次、第2季執行情形退回修訂1次、第3季執行情形退回修訂2次。",
            &mut p,
            &mut Marks::new(),
        );
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(
            r.returned
                .iter()
                .map(|r| (r.report, r.times))
                .collect::<Vec<_>>(),
            vec![
                (ReportKind::Q1, 5),
                (ReportKind::Q2, 1),
                (ReportKind::Q3, 2)
            ]
        );
    }

    fn target_challenge(admin: &str) -> Challenge {
        challenge_read(admin, &mut Marks::new())
    }

    #[test]
    fn challenge() {
        assert_eq!(
            target_challenge("另檢視整體計畫執行與目標具時效性與挑戰性。"),
            Challenge::Challenging
        );
        assert_eq!(
            target_challenge("1.年度目標挑戰性：所定目標均已完成。"),
            Challenge::NotStated
        );
        assert_eq!(
            target_challenge("略具挑戰性；無顯著挑戰性"),
            Challenge::Mixed
        );
    }
}
