//! Plans across years: which plan of an earlier year a row of a new table continues (it then
//! keeps that plan's id, so the site links the plan's years), and the id a new plan gets.
//!
//! The rule, applied to plans of the same agency only:
//!
//! 1. **Same name.** A row whose name, compared by [`name_key`], is the name of an earlier
//!    plan takes that plan's id; when several earlier years have the name, the most recent.
//! 2. **Similar name.** A row still without an id takes the id of an earlier plan (in its most
//!    recent year) whose name is *similar* ([`closeness`]): after [`name_key`] and with
//!    「計畫」「計劃」 removed, both names have at least [`MIN_CHARS`] characters and
//!    - one is a shortening of the other: every character of the shorter appears in the longer,
//!      in the same order, and the shorter is at least half as long; or
//!    - one is a small edit of the other: at most one character in five (at least one)
//!      inserted, removed or replaced.
//!
//!    A row takes the closest such plan; a row with two equally close candidates takes none,
//!    and a plan that is the closest of two rows goes to the closer row, to neither if they
//!    are equally close. Import lists these matches for staff to check.
//! 3. **New plan.** Any other row gets [`new_plan_id`], as `gongkai new plan` does.
//!
//! No id is given twice, and no row takes an id a record of the year already has.

use std::collections::{HashMap, HashSet};

use unicode_normalization::UnicodeNormalization;

use crate::content::schema::PlanFile;
use crate::content::validate::is_slug;

/// Shortest name (in characters, without 「計畫」) compared for similarity; shorter names must be
/// the same to match.
pub const MIN_CHARS: usize = 4;

/// Longest name (in characters) compared for similarity: the comparison costs the product of
/// the two lengths, and no plan name comes near it.
const MAX_CHARS: usize = 300;

/// Words a plan name may carry or drop without becoming another plan's: 「計畫」, 「計劃」.
const PLAN_WORDS: [&str; 2] = ["計畫", "計劃"];

/// A plan name as names are compared: NFKC-normalised (full-width letters, digits and brackets
/// as their ASCII forms, so `哺（集）乳室` is `哺(集)乳室`) and without any whitespace, so that
/// wraps and spacing never make two names differ.
pub fn name_key(name: &str) -> String {
    name.nfkc().filter(|c| !c.is_whitespace()).collect()
}

/// How close two plan names are, in thousandths (1000: the same once 「計畫」 is removed), when
/// they are similar by the rule of this module; `None` when they are not.
///
/// The measure is twice the longest common subsequence over the two lengths, so a closer
/// name scores higher; it only ranks names already found similar.
pub fn closeness(a: &str, b: &str) -> Option<u32> {
    let core = |s: &str| -> Vec<char> {
        let mut k = name_key(s);
        for w in PLAN_WORDS {
            k = k.replace(w, "");
        }
        k.chars().collect()
    };
    let (a, b) = (core(a), core(b));
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if short.len() < MIN_CHARS || long.len() > MAX_CHARS {
        return None;
    }
    let common = lcs(short, long);
    let shortening = common == short.len() && 2 * short.len() >= long.len();
    let small_edit = || levenshtein(short, long) <= (long.len() / 5).max(1);
    (shortening || small_edit()).then(|| (2000 * common / (short.len() + long.len())) as u32)
}

/// Length of the longest common subsequence of `a` and `b`.
fn lcs(a: &[char], b: &[char]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    let mut row = vec![0usize; b.len() + 1];
    for &x in a {
        for (j, &y) in b.iter().enumerate() {
            row[j + 1] = if x == y {
                prev[j] + 1
            } else {
                row[j].max(prev[j + 1])
            };
        }
        std::mem::swap(&mut prev, &mut row);
    }
    prev[b.len()]
}

/// The number of characters inserted, removed or replaced to turn `a` into `b`.
fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut row = vec![0usize; b.len() + 1];
    for (i, &x) in a.iter().enumerate() {
        row[0] = i + 1;
        for (j, &y) in b.iter().enumerate() {
            let replace = prev[j] + usize::from(x != y);
            row[j + 1] = replace.min(prev[j + 1] + 1).min(row[j] + 1);
        }
        std::mem::swap(&mut prev, &mut row);
    }
    prev[b.len()]
}

/// Longest agency part of a generated id, so that the id stays within the 80 characters of a
/// slug.
const MAX_AGENCY_IN_ID: usize = 50;

/// The id of a plan first reviewed in `year` as item `item`, organised by `agency` (a slug):
/// `<agency>-<year>-<item>`, e.g. `bli-112-8`; `plan-<year>-<item>` when the agency is not
/// known. While `taken` says an id belongs to another record of the site, `-2`, `-3`, … is
/// added. Both `gongkai import` and `gongkai new plan` name new plans by this rule; the plan
/// keeps the id in later years.
pub fn new_plan_id(agency: &str, year: u32, item: u32, taken: impl Fn(&str) -> bool) -> String {
    let agency = if is_slug(agency) {
        agency[..agency.len().min(MAX_AGENCY_IN_ID)].trim_end_matches('-')
    } else {
        "plan"
    };
    let base = format!("{agency}-{year}-{item}");
    if !taken(&base) {
        return base;
    }
    (2u32..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .expect("some suffix is free")
}

/// The earlier plan a row continues.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Continued {
    /// The plan's id, which the row takes.
    pub id: String,
    /// The most recent earlier year with the plan (with the name compared).
    pub year: u32,
    /// The plan's Chinese name in that year.
    pub name: String,
    /// Matched by a similar name, not the same one: staff should check it.
    pub similar: bool,
}

/// For each row (agency slug, Chinese name), the plan of an earlier year it continues, by the
/// rule of this module. `history` holds the records of the earlier years; `taken` the ids no
/// row may take (those of records already in the year's folder).
pub fn continuations(
    rows: &[(&str, &str)],
    history: &[PlanFile],
    taken: &HashSet<String>,
) -> Vec<Option<Continued>> {
    let mut by_agency: HashMap<&str, Vec<&PlanFile>> = HashMap::new();
    for p in history.iter().filter(|p| !taken.contains(&p.id)) {
        by_agency.entry(p.agency.as_str()).or_default().push(p);
    }
    // most recent year first, then by id, so the first found is the one taken
    for plans in by_agency.values_mut() {
        plans.sort_by(|a, b| b.year.cmp(&a.year).then_with(|| a.id.cmp(&b.id)));
    }
    let mut used: HashSet<&str> = HashSet::new();
    let mut out: Vec<Option<Continued>> = vec![None; rows.len()];
    for (i, (agency, name)) in rows.iter().enumerate() {
        let key = name_key(name);
        let plans = by_agency.get(agency).map_or(&[][..], Vec::as_slice);
        let found = plans
            .iter()
            .find(|p| !used.contains(p.id.as_str()) && name_key(&p.name.zh) == key);
        if let Some(p) = found {
            used.insert(&p.id);
            out[i] = Some(continued(p, false));
        }
    }
    // the similar names: each free plan in its most recent year
    let mut latest: Vec<&PlanFile> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    for plans in by_agency.values() {
        for p in plans {
            if seen.insert(&p.id) && !used.contains(p.id.as_str()) {
                latest.push(p);
            }
        }
    }
    latest.sort_by(|a, b| a.id.cmp(&b.id));
    let pairs = pair_closest(rows.len(), latest.len(), |r, c| {
        let (agency, name) = rows[r];
        let p = latest[c];
        if out[r].is_none() && p.agency == agency {
            closeness(name, &p.name.zh)
        } else {
            None
        }
    });
    for (r, c) in pairs.into_iter().enumerate() {
        if let Some(c) = c {
            out[r] = Some(continued(latest[c], true));
        }
    }
    out
}

fn continued(p: &PlanFile, similar: bool) -> Continued {
    Continued {
        id: p.id.clone(),
        year: p.year,
        name: p.name.zh.clone(),
        similar,
    }
}

/// Pairs rows with candidates by `score` (higher is closer; `None`: not to be paired), taking
/// no candidate twice and nothing ambiguous: a row whose two best candidates score the same
/// gets none, and a candidate that is the best of several rows goes to the one it scores
/// highest with, to none when two of them tie.
pub(crate) fn pair_closest(
    rows: usize,
    candidates: usize,
    score: impl Fn(usize, usize) -> Option<u32>,
) -> Vec<Option<usize>> {
    // each row's best candidate, when it has exactly one
    let best: Vec<Option<(usize, u32)>> = (0..rows)
        .map(|r| {
            let mut scored: Vec<(usize, u32)> = (0..candidates)
                .filter_map(|c| score(r, c).map(|s| (c, s)))
                .collect();
            scored.sort_by_key(|&(_, s)| std::cmp::Reverse(s));
            match scored.as_slice() {
                [] => None,
                [one] => Some(*one),
                [first, second, ..] => (first.1 > second.1).then_some(*first),
            }
        })
        .collect();
    (0..rows)
        .map(|r| {
            let (c, s) = best[r]?;
            let rivals = best
                .iter()
                .enumerate()
                .filter(|(o, b)| *o != r && b.is_some_and(|(oc, os)| oc == c && os >= s));
            (rivals.count() == 0).then_some(c)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortenings_and_small_edits_are_similar_and_other_plans_are_not() {
        // (a name, another, whether they are similar)
        let pairs = [
            // the plan word dropped, a prefix dropped, characters dropped within
            ("勞動部取得自有辦公廳舍計畫", "勞動部取得自有辦公廳舍", true),
            ("勞動保障暨年金服務躍升計畫", "年金服務躍升計畫", true),
            ("建構彈性安全的工時規範", "彈性工時規範", true),
            // one character replaced in ten
            ("提升勞資爭議處理效能", "提升勞資爭議處理效率", true),
            // other plans
            ("提升國民勞動觀念", "提升勞資爭議處理效能", false),
            ("促進勞資自治協商", "營造勞工有利結社環境", false),
            // too short to compare: only the same name matches
            ("工時計畫", "工資計畫", false),
            // a shortening to less than half is another plan
            (
                "強化勞動基金監理功能，確保勞動基金資產安全",
                "勞動基金",
                false,
            ),
        ];
        for (a, b, similar) in pairs {
            assert_eq!(closeness(a, b).is_some(), similar, "{a} ~ {b}");
        }
        // wraps and full-width brackets do not count
        assert_eq!(
            closeness("推動僱主提供 哺（集）乳室", "推動僱主提供哺(集)乳室"),
            Some(1000)
        );
    }

    #[test]
    fn no_two_real_plans_of_one_agency_are_similar() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/plans/111");
        let plans: Vec<PlanFile> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| serde_yaml::from_str(&std::fs::read_to_string(e.unwrap().path()).unwrap()))
            .collect::<Result<_, _>>()
            .unwrap();
        for a in &plans {
            for b in plans
                .iter()
                .filter(|b| b.id != a.id && b.agency == a.agency)
            {
                assert_eq!(closeness(&a.name.zh, &b.name.zh), None, "{} {}", a.id, b.id);
            }
        }
    }

    #[test]
    fn ids_follow_one_scheme_and_are_unique() {
        assert_eq!(new_plan_id("bli", 112, 8, |_| false), "bli-112-8");
        assert_eq!(
            new_plan_id("bli", 112, 8, |id| id == "bli-112-8" || id == "bli-112-8-2"),
            "bli-112-8-3"
        );
        assert_eq!(new_plan_id("", 112, 8, |_| false), "plan-112-8");
        let long = "a-".repeat(40) + "b";
        let id = new_plan_id(&long, 112, 8, |_| false);
        assert!(is_slug(&id), "{id}");
    }

    #[test]
    fn ties_are_not_paired() {
        // row 0 has two equal candidates; rows 1 and 2 both want candidate 2 equally
        let scores = [
            [Some(900), Some(900), None],
            [None, None, Some(800)],
            [None, None, Some(800)],
        ];
        let pairs = pair_closest(3, 3, |r, c| scores[r][c]);
        assert_eq!(pairs, vec![None, None, None]);
        let scores = [[Some(900), Some(800)], [Some(950), None]];
        assert_eq!(
            pair_closest(2, 2, |r, c| scores[r][c]),
            vec![None, Some(0)],
            "the closer row takes candidate 0; row 0 does not fall back"
        );
    }
}
