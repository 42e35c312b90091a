//! Deciding what an import writes: each row of the table either updates the record of the
//! year it matches (a corrected table imported again), continues a plan of an earlier year
//! (taking its id, see [`history`](super::history)), or is a new plan; and the summary that
//! tells staff which is which and what changed.
//!
//! A row matches a record already in the year's folder, in this order of passes (each record
//! and row used once):
//!
//! 1. the same item number, agency and name (or a similar name, by [`closeness`]);
//! 2. the same id (open data carries its ids);
//! 3. the same agency and name (the items were renumbered);
//! 4. the same agency and a similar name (listed in the summary);
//! 5. the same item number and agency, the name changed (listed in the summary).
//!
//! The record then takes the row's Chinese texts, facts, item and agency, and keeps its id and
//! every English text; an English text kept beside a Chinese text that changed is marked with
//! the hash of the Chinese it was translated from ([`Text::en_from`]). Only `force` replaces
//! the English too. A record no row matches is kept and listed, never deleted.

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use super::history::{closeness, continuations, name_key, new_plan_id, pair_closest, Continued};
use crate::content::schema::{english_outdated, zh_hash, PlanFile, Text};
use crate::error::{Msg, Words};
use crate::msg;

/// A record already in the folder imported into.
#[derive(Debug, Clone)]
pub struct Existing {
    /// Its file.
    pub path: PathBuf,
    /// The file's text as read: the file is replaced only if it still holds exactly this.
    pub text: String,
    /// The record.
    pub record: PlanFile,
}

/// What the site holds that an import must know.
#[derive(Debug, Clone, Copy)]
pub struct Site<'a> {
    /// The records of every year before the one imported.
    pub history: &'a [PlanFile],
    /// Every plan id of the site, any year: a new plan's id is none of them.
    pub ids: &'a HashSet<String>,
    /// The records already in the folder imported into.
    pub existing: &'a [Existing],
    /// That folder as the summary names it (`content/plans/112`).
    pub folder: &'a Path,
}

/// How an import treats its rows.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// ROC year imported.
    pub year: u32,
    /// The rows carry their ids (this site's open data): they are kept, not looked up.
    pub ids_given: bool,
    /// Replace matched records whole, English included (`--force`).
    pub force: bool,
}

/// What a record's file must hold when it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expect {
    /// Nothing: the record is new.
    Absent,
    /// Anything (a regular file): `--force` on a record no one read.
    Any,
    /// Exactly this text, as read before the import: it is the record being updated.
    Holds(String),
}

/// A record to write, and what its file must hold until then.
#[derive(Debug, Clone)]
pub struct ToWrite {
    /// The record.
    pub record: PlanFile,
    /// What its file must hold.
    pub expect: Expect,
}

/// An import decided: the records to write and the summary for staff.
#[derive(Debug, Clone)]
pub struct Reconciled {
    /// Records to write (new, or changed), in table order.
    pub writes: Vec<ToWrite>,
    /// What the import does, for staff.
    pub summary: Summary,
}

/// A plan as the summary names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRef {
    /// Its id.
    pub id: String,
    /// Its Chinese name.
    pub name: String,
    /// The year meant (see each list of [`PlanLists`]).
    pub year: u32,
}

/// A plan that took an earlier plan's id for its similar name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimilarMatch {
    /// The plan as this year's table has it; `year` is the earlier plan's.
    pub plan: PlanRef,
    /// The earlier plan's name.
    pub old_name: String,
}

/// A record of the year that a row matched loosely.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LooseMatch {
    /// The record's file.
    pub file: PathBuf,
    /// How the row matched it.
    pub how: Words,
}

/// One field of one record that the import changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    /// The record's file.
    pub file: PathBuf,
    /// The field, dotted (`review.budget.zh`, `facts.budget_execution`).
    pub field: String,
    /// What staff should know about it, if anything.
    pub note: Option<Words>,
}

/// What an import does, in the words staff read after it (its [`Display`](fmt::Display)).
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// The year imported.
    pub year: u32,
    /// Rows in the table.
    pub rows: usize,
    /// The table's plans, by whether they continue earlier ones, and the last year's it lacks.
    pub plans: PlanLists,
    /// Records of this year a row matched loosely (by a similar name, or by item number only):
    /// to check.
    pub loose: Vec<LooseMatch>,
    /// Every field changed in a record of this year.
    pub changed: Vec<FieldChange>,
    /// Records of this year that no row matches: kept, not deleted.
    pub kept: Vec<PathBuf>,
    /// Records written new.
    pub created: Vec<PathBuf>,
    /// Records matched that need no change.
    pub unchanged: usize,
}

/// The table's plans, by whether they continue an earlier year's plan (the same name, a
/// similar one) or are new, and the last reviewed year's plans the table lacks.
#[derive(Debug, Clone, Default)]
pub struct PlanLists {
    /// Plans continuing an earlier year's under the same name (`year`: the earlier year).
    pub continuing: Vec<PlanRef>,
    /// Plans that took an earlier plan's id for a similar name: to check.
    pub similar: Vec<SimilarMatch>,
    /// Plans first reviewed this year (`year`: this year).
    pub new: Vec<PlanRef>,
    /// The last reviewed year's plans that are not in this table (`year`: that year).
    pub absent: Vec<PlanRef>,
}

/// How a row matched a record of the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum How {
    /// By item, id or name: nothing to check.
    Plainly,
    /// Loosely: the summary says how.
    Loosely(Words),
}

const BY_SIMILAR_NAME: Words = Words::new("matched by a similar name", "依相似的計畫名稱對應");
const BY_ITEM: Words = Words::new(
    "matched by item number and agency; the plan name differs",
    "依項次與主辦機關對應；計畫名稱不同",
);

/// Decides what importing `rows` (all of `opts.year`) into `site` writes.
pub fn reconcile(rows: Vec<PlanFile>, site: Site<'_>, opts: Options) -> Reconciled {
    let matched = match_existing(&rows, site.existing, opts.ids_given);
    let ids = assign_ids(&rows, &matched, site, opts);
    let mut summary = Summary {
        year: opts.year,
        rows: rows.len(),
        ..Summary::default()
    };
    let file = |id: &str| site.folder.join(format!("{id}.yaml"));
    let mut writes = Vec::new();
    for ((row, m), (id, continued)) in rows.into_iter().zip(&matched).zip(ids) {
        summary.classify(&row, &id, continued.as_ref(), site.history);
        match m {
            Some((e, how)) => {
                let old = &site.existing[*e];
                let record = merge(&old.record, row, opts.force);
                if let How::Loosely(how) = how {
                    summary.loose.push(LooseMatch {
                        file: file(&old.record.id),
                        how: *how,
                    });
                }
                let changes = changes(&old.record, &record, opts.force);
                if changes.is_empty() {
                    summary.unchanged += 1;
                    continue;
                }
                let f = file(&record.id);
                summary
                    .changed
                    .extend(changes.into_iter().map(|(field, note)| FieldChange {
                        file: f.clone(),
                        field,
                        note,
                    }));
                let expect = Expect::Holds(old.text.clone());
                writes.push(ToWrite { record, expect });
            }
            None => {
                let record = continue_plan(row, id, continued.as_ref(), site.history);
                summary.created.push(file(&record.id));
                let expect = if opts.force {
                    Expect::Any
                } else {
                    Expect::Absent
                };
                writes.push(ToWrite { record, expect });
            }
        }
    }
    let used: HashSet<usize> = matched.iter().flatten().map(|(e, _)| *e).collect();
    summary.kept = (0..site.existing.len())
        .filter(|e| !used.contains(e))
        .map(|e| file(&site.existing[e].record.id))
        .collect();
    summary.plans.absent = absent(site.history, &summary.plans);
    Reconciled { writes, summary }
}

/// Whether a row (first) matches a record (second) in one pass.
type Matches<'a> = dyn Fn(&PlanFile, &PlanFile) -> bool + 'a;

/// For each row, the record of the year it updates and how it matched (see the module
/// documentation for the passes).
fn match_existing(
    rows: &[PlanFile],
    existing: &[Existing],
    ids_given: bool,
) -> Vec<Option<(usize, How)>> {
    let mut out: Vec<Option<(usize, How)>> = vec![None; rows.len()];
    let mut used = vec![false; existing.len()];
    let same_name = |a: &PlanFile, b: &PlanFile| name_key(&a.name.zh) == name_key(&b.name.zh);
    let close = |a: &PlanFile, b: &PlanFile| closeness(&a.name.zh, &b.name.zh).is_some();
    let passes: [(&Matches, How); 4] = [
        (
            &|r, e| r.item == e.item && r.agency == e.agency && (same_name(r, e) || close(r, e)),
            How::Plainly,
        ),
        (&|r, e| ids_given && r.id == e.id, How::Plainly),
        (
            &|r, e| r.agency == e.agency && same_name(r, e),
            How::Plainly,
        ),
        (
            &|r, e| r.item == e.item && r.agency == e.agency,
            How::Loosely(BY_ITEM),
        ),
    ];
    for (i, (pass, how)) in passes.iter().enumerate() {
        if i == 3 {
            // before the item number alone: a similar name, the closest only
            let pairs = pair_closest(rows.len(), existing.len(), |r, e| {
                let (row, rec) = (&rows[r], &existing[e].record);
                if out[r].is_some() || used[e] || row.agency != rec.agency {
                    return None;
                }
                closeness(&row.name.zh, &rec.name.zh)
            });
            for (r, e) in pairs.into_iter().enumerate() {
                if let Some(e) = e {
                    out[r] = Some((e, How::Loosely(BY_SIMILAR_NAME)));
                    used[e] = true;
                }
            }
        }
        for (r, row) in rows.iter().enumerate() {
            if out[r].is_some() {
                continue;
            }
            let found = (0..existing.len()).find(|&e| !used[e] && pass(row, &existing[e].record));
            if let Some(e) = found {
                out[r] = Some((e, *how));
                used[e] = true;
            }
        }
    }
    out
}

/// Each row's id, and the earlier plan it continues when it is a new record of the year that
/// continues one: a matched row keeps its record's id; open data keeps its own; any other row
/// continues an earlier plan or gets a new id ([`new_plan_id`]).
fn assign_ids(
    rows: &[PlanFile],
    matched: &[Option<(usize, How)>],
    site: Site<'_>,
    opts: Options,
) -> Vec<(String, Option<Continued>)> {
    let taken: HashSet<String> = site.existing.iter().map(|e| e.record.id.clone()).collect();
    let fresh: Vec<usize> = (0..rows.len())
        .filter(|&r| matched[r].is_none() && !opts.ids_given)
        .collect();
    let keys: Vec<(&str, &str)> = fresh
        .iter()
        .map(|&r| (rows[r].agency.as_str(), rows[r].name.zh.as_str()))
        .collect();
    let mut found = continuations(&keys, site.history, &taken).into_iter();
    let mut assigned = taken;
    let mut out = Vec::with_capacity(rows.len());
    for (r, row) in rows.iter().enumerate() {
        if let Some((e, _)) = matched[r] {
            out.push((site.existing[e].record.id.clone(), None));
        } else if opts.ids_given {
            assigned.insert(row.id.clone());
            out.push((row.id.clone(), None));
        } else if let Some(c) = found.next().flatten() {
            assigned.insert(c.id.clone());
            out.push((c.id.clone(), Some(c)));
        } else {
            let taken = |id: &str| site.ids.contains(id) || assigned.contains(id);
            let id = new_plan_id(&row.agency, opts.year, row.item, taken);
            assigned.insert(id.clone());
            out.push((id, None));
        }
    }
    out
}

/// A new record of the year for `row`, with `id`; a plan continued keeps the English of its
/// name (marked as translated from the earlier name when that differs).
fn continue_plan(
    mut row: PlanFile,
    id: String,
    continued: Option<&Continued>,
    history: &[PlanFile],
) -> PlanFile {
    row.id = id;
    let earlier = continued.and_then(|c| history.iter().find(|p| p.id == c.id && p.year == c.year));
    if let Some(old) = earlier.filter(|o| !o.name.english_pending() && row.name.en.is_empty()) {
        row.name.en = old.name.en.clone();
        let from = old
            .name
            .en_from
            .clone()
            .unwrap_or_else(|| zh_hash(&old.name.zh));
        row.name.en_from = Some(from).filter(|h| *h != zh_hash(&row.name.zh));
    }
    row
}

/// The row's texts and facts in the record `old`: its id, `draft` and the reasons staff gave
/// stay, its source page when the row has none, and its English stays unless `force`
/// ([`merge_text`]).
fn merge(old: &PlanFile, mut row: PlanFile, force: bool) -> PlanFile {
    row.id = old.id.clone();
    // whether the plan is published is the staff's decision, never the table's: a draft
    // stays one, even with `force`
    row.draft = old.draft;
    // staff's words, which the table does not have; `check` says when the text no longer has them
    row.reasons = old.reasons.clone();
    // a file that does not say (an open-data CSV of before the column) keeps the page known
    row.source_page = row.source_page.or(old.source_page);
    if !force {
        // the reasons are the old record's (above): theirs are merged with themselves
        for ((_, o), n) in old.texts().into_iter().zip(row.texts_mut()) {
            let new = std::mem::take(n);
            *n = merge_text(o, new);
        }
    }
    row
}

/// The Chinese of `new` with the English of `old`. English not yet written is taken from
/// `new` when it has some (open data). English kept beside a changed Chinese records the hash
/// of the Chinese it was translated from; the mark goes once the Chinese is that text again.
fn merge_text(old: &Text, new: Text) -> Text {
    if old.english_pending() {
        let en = if new.en.trim().is_empty() {
            old.en.clone()
        } else {
            new.en
        };
        return Text {
            zh: new.zh,
            en,
            en_from: None,
        };
    }
    let from = if old.zh == new.zh {
        old.en_from.clone()
    } else {
        Some(old.en_from.clone().unwrap_or_else(|| zh_hash(&old.zh)))
    };
    let current = zh_hash(&new.zh);
    Text {
        en_from: from.filter(|h| *h != current),
        zh: new.zh,
        en: old.en.clone(),
    }
}

const OUTDATED: Words = Words::new("the English is kept, but it was translated from the earlier Chinese: update it, then delete en_from", "英文已保留，但它是從先前的中文翻譯的：請更新英文，再刪除 en_from");
const CURRENT_AGAIN: Words = Words::new(
    "the Chinese is again the text the English was translated from",
    "中文又回到英文翻譯時所依據的內容",
);
const ENGLISH_DROPPED: Words = Words::new(
    "the English was replaced by the table's (--force)",
    "英文已被表格的內容取代（--force）",
);

/// Every field that differs between `old` and `new`, with a note where staff have something
/// to do.
fn changes(old: &PlanFile, new: &PlanFile, force: bool) -> Vec<(String, Option<Words>)> {
    let mut out: Vec<(String, Option<Words>)> = Vec::new();
    let mut field = |differs: bool, name: &str, note: Option<Words>| {
        if differs {
            out.push((name.to_string(), note));
        }
    };
    let (o, n) = (plain_fields(old), plain_fields(new));
    fn value<'a>(
        fields: &'a [(String, serde_yaml::Value)],
        key: &str,
    ) -> Option<&'a serde_yaml::Value> {
        fields.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
    for (key, v) in &n {
        field(value(&o, key) != Some(v), key, None);
    }
    // a field the update no longer has (serde leaves out an empty one)
    for (key, _) in &o {
        field(value(&n, key).is_none(), key, None);
    }
    for ((key, o), (_, n)) in old.texts().into_iter().zip(new.texts()) {
        field(o.zh != n.zh, &format!("{key}.zh"), None);
        let dropped = (force && !o.english_pending()).then_some(ENGLISH_DROPPED);
        field(o.en != n.en, &format!("{key}.en"), dropped);
        let note = if english_outdated(n) {
            OUTDATED
        } else {
            CURRENT_AGAIN
        };
        field(
            o.en_from != n.en_from,
            &format!("{key}.en_from"),
            Some(note),
        );
    }
    out
}

/// The record's fields that are not texts, by their paths as serde names them (`year`,
/// `facts.lags`: a group's fields, not deeper), in the record's order: a field added to the
/// record is compared with no line here.
fn plain_fields(p: &PlanFile) -> Vec<(String, serde_yaml::Value)> {
    let texts: HashSet<String> = p.texts().into_iter().map(|(k, _)| k).collect();
    let serde_yaml::Value::Mapping(record) = serde_yaml::to_value(p).expect("a record serializes")
    else {
        unreachable!("a record is a mapping")
    };
    let mut out = Vec::new();
    for (key, value) in record {
        let key = key.as_str().unwrap_or_default();
        match value {
            // a text is compared as a text
            _ if texts.contains(key) => {}
            serde_yaml::Value::Mapping(group) => {
                out.extend(group.into_iter().filter_map(|(k, v)| {
                    let at = format!("{key}.{}", k.as_str()?);
                    // a group of texts (review, reasons) too
                    (!texts.contains(&at)).then_some((at, v))
                }))
            }
            value => out.push((key.to_string(), value)),
        }
    }
    out
}

/// The plans of the last year before this one (the most recent with records) whose ids no row
/// of the table has.
fn absent(history: &[PlanFile], plans: &PlanLists) -> Vec<PlanRef> {
    let Some(last) = history.iter().map(|p| p.year).max() else {
        return Vec::new();
    };
    let here: HashSet<&str> = (plans.continuing.iter().chain(&plans.new))
        .map(|p| p.id.as_str())
        .chain(plans.similar.iter().map(|s| s.plan.id.as_str()))
        .collect();
    let mut out: Vec<PlanRef> = history
        .iter()
        .filter(|p| p.year == last && !here.contains(p.id.as_str()))
        .map(|p| PlanRef {
            id: p.id.clone(),
            name: p.name.zh.clone(),
            year: p.year,
        })
        .collect();
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}

impl Summary {
    /// Lists the row (now with `id`) as continuing, similar or new.
    fn classify(
        &mut self,
        row: &PlanFile,
        id: &str,
        continued: Option<&Continued>,
        history: &[PlanFile],
    ) {
        let plan = |year| PlanRef {
            id: id.to_string(),
            name: row.name.zh.clone(),
            year,
        };
        match continued {
            Some(c) if c.similar => self.plans.similar.push(SimilarMatch {
                plan: plan(c.year),
                old_name: c.name.clone(),
            }),
            Some(c) => self.plans.continuing.push(plan(c.year)),
            // a record of the year (or open data) with an earlier plan's id continues it
            None => match history.iter().filter(|p| p.id == id).map(|p| p.year).max() {
                Some(year) => self.plans.continuing.push(plan(year)),
                None => self.plans.new.push(plan(self.year)),
            },
        }
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (year, rows) = (self.year, self.rows);
        let head = msg!(
            "Year {year}: {rows} plans in the table.",
            "{year} 年度：表格中有 {rows} 個計畫。"
        );
        writeln!(f, "{head}")?;
        let continuing = (self.plans.continuing.iter()).map(|p| {
            let y = p.year;
            let how = msg!("continues {y}", "延續 {y} 年度");
            format!("{}  {}  ({how})", p.id, p.name)
        });
        let head = Msg::new(
            "Continuing plans (they keep their id):",
            "延續的計畫（沿用原 id）：",
        );
        list(f, head, continuing)?;
        let similar = (self.plans.similar.iter()).map(|s| {
            let (y, old) = (s.plan.year, &s.old_name);
            let how = msg!("continues {y}: {old}", "延續 {y} 年度：{old}");
            format!("{}  {}  ({how})", s.plan.id, s.plan.name)
        });
        let head = Msg::new(
            "Matched by a similar name (check that each is the same plan):",
            "依相似名稱對應（請確認各為同一計畫）：",
        );
        list(f, head, similar)?;
        let plans = |ps: &'_ [PlanRef]| -> Vec<String> {
            ps.iter().map(|p| format!("{}  {}", p.id, p.name)).collect()
        };
        let head = msg!(
            "New plans (first reviewed in {year}):",
            "新計畫（{year} 年度首次評核）："
        );
        list(f, head, plans(&self.plans.new).into_iter())?;
        let y = self.plans.absent.first().map_or(0, |p| p.year);
        let head = msg!(
            "Plans of {y} not in this table:",
            "{y} 年度有、但這份表格沒有的計畫："
        );
        list(f, head, plans(&self.plans.absent).into_iter())?;
        self.fmt_records(f)
    }
}

/// `head`, then each of `lines` indented under it; nothing when there are no lines.
fn list(f: &mut fmt::Formatter<'_>, head: Msg, lines: impl Iterator<Item = String>) -> fmt::Result {
    let mut lines = lines.peekable();
    if lines.peek().is_some() {
        writeln!(f, "{head}")?;
    }
    lines.try_for_each(|l| writeln!(f, "  {l}"))
}

impl Summary {
    /// The part about the records of the year: matched loosely, changed, kept, written.
    fn fmt_records(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for LooseMatch { file, how } in &self.loose {
            let file = file.display();
            writeln!(
                f,
                "{}",
                msg!("Check {file}: {how}.", "請確認 {file}：{how}。")
            )?;
        }
        let changed = (self.changed.iter()).map(|c| {
            let note = c.note.map(|n| format!(" ({n})")).unwrap_or_default();
            format!("{}: {}{note}", c.file.display(), c.field)
        });
        list(f, Msg::new("Fields changed:", "變更的欄位："), changed)?;
        let kept = (self.kept.iter()).map(|file| file.display().to_string());
        let head = Msg::new(
            "Records not in this table (kept, not deleted; delete them yourself if the plan was dropped):",
            "不在這份表格中的紀錄（已保留，未刪除；若計畫已停辦，請自行刪除）：",
        );
        list(f, head, kept)?;
        let updated: HashSet<&Path> = self.changed.iter().map(|c| c.file.as_path()).collect();
        let (new, updated, same) = (self.created.len(), updated.len(), self.unchanged);
        let done = msg!(
            "{new} new records, {updated} updated, {same} unchanged.",
            "新增 {new} 筆紀錄，更新 {updated} 筆，未變動 {same} 筆。"
        );
        writeln!(f, "{done}")
    }
}
