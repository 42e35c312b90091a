//! What citizens type: queries no plan holds whole, Simplified input, and queries past the
//! limits, answered by `gongkai search`'s engine (the client's is held to the same answers by
//! tests/search_parity.rs).

mod common;

use gongkai::model::{Lang, Site};
use gongkai::search::{self, tokenize, Filters, Query, SearchIndex};
use std::path::Path;

use common::result_urls as urls;
use common::{ask, real_index as index};

#[test]
fn a_missing_bigram_no_longer_empties_the_results() {
    let zh = index(Lang::Zh);
    // 職災 (a synonym of 職業災害) and 保險: held whole by plans on occupational accidents
    let a = ask(&zh, "職災保險");
    assert!(!a.partial);
    assert_eq!(
        urls(&a).first().map(String::as_str),
        Some("/plans/111/mol-occupational-accident-protection/")
    );
    // no plan holds both words, each as rare: the plan matching best (the other scores
    // under 1 / SCORE_FLOOR of it)
    let a = ask(&zh, "勞資爭議 志清大樓");
    assert!(a.partial);
    assert_eq!(urls(&a), ["/plans/111/mol-labor-dispute-resolution/"]);
    // the pieces the index holds are words; the rest is said as typed
    let a = ask(&zh, "保險年金火星");
    assert_eq!(a.missing, ["火星"]);
    // a query every plan of which is held whole stays exact
    let a = ask(&zh, "勞資爭議");
    assert!(!a.partial);
    assert!(a.missing.is_empty());
    let en = index(Lang::En);
    let a = ask(&en, "collective bargaining unions zzzzz");
    assert!(!a.partial);
    assert_eq!(a.missing, ["zzzzz"]);
    assert!(urls(&a).contains(&"/en/plans/111/mol-collective-bargaining/".to_string()));
    // words no plan holds weigh nothing: the plans about the rest matching best (the query
    // is not found whole), and the page says which words no plan is about
    let a = ask(&en, "pension zzzzz qqqqq");
    assert_eq!(a.missing, ["zzzzz", "qqqqq"]);
    let whole = ask(&en, "pension");
    assert!(a.total >= 1 && a.total < whole.total);
    assert_eq!(urls(&a)[0], urls(&whole)[0]);
}

#[test]
fn a_subject_no_plan_is_about_is_said_not_answered_by_the_words_beside_it() {
    let en = index(Lang::En);
    // "income" and "deadline" (specific words no plan holds) outweigh "filing", which two
    // plans hold in passing: no plan is shown, the page says which words no plan is about,
    // and offers the word plans hold
    let a = ask(&en, "income tax filing deadline");
    assert!(a.results.is_empty(), "{:?}", urls(&a));
    assert_eq!(a.missing, ["income", "tax", "deadline"]);
    assert!(offers(&a).iter().any(|(q, n)| q == "filing" && *n > 0));
    // a short word no plan holds is a filler or a slip: it is said, not weighed
    let a = ask(&en, "filing tax");
    assert_eq!(a.missing, ["tax"]);
    assert!(!a.results.is_empty());
    let zh = index(Lang::Zh);
    let a = ask(&zh, "職業訓練課程報名");
    assert!(a.results.is_empty(), "{:?}", urls(&a));
    assert_eq!(a.missing, ["課程報名"]);
    assert!(!ask(&zh, "職業訓練").results.is_empty());
    // a word in the other language's script is no subject of this index: English words in
    // a Chinese query leave its Chinese words to answer
    let a = ask(&zh, "collective agreement 手冊");
    assert_eq!(a.missing, ["collective", "agreement"]);
    assert_eq!(urls(&a), ["/plans/111/mol-collective-bargaining/"]);
}

#[test]
fn a_partial_match_takes_a_third_of_the_weight_and_lists_the_best_matches() {
    use gongkai::search::rank::{idf, SCORE_FLOOR};
    // a plan holding only the rare word makes the quorum (a third of the weight); one
    // holding only a word most plans hold does not
    let (rare, common) = (idf(1, 20), idf(15, 20));
    assert!(rare > common && 3 * rare >= rare + common && 3 * common < rare + common);
    let zh = index(Lang::Zh);
    // 志清大樓 is in one plan, 勞保 in a few: no plan holds both; each word's plans make the
    // quorum, and those scoring under 1 / SCORE_FLOOR of the best are left out (勞保 is in
    // the title of the plan listed)
    let a = ask(&zh, "志清大樓 勞保");
    assert!(a.partial);
    assert_eq!(urls(&a), ["/plans/111/mol-labor-insurance-finance/"]);
    assert!(a
        .results
        .iter()
        .all(|r| f64::from(r.score) * SCORE_FLOOR >= f64::from(a.results[0].score)));
    // a status word names the finding: the words most plans hold select nothing then
    let a = ask(&zh, "目標具挑戰性");
    assert_eq!(urls(&a), ["/plans/111/mol-office-building/"]);
}

#[test]
fn simplified_input_finds_traditional_text() {
    let zh = index(Lang::Zh);
    for (simplified, traditional) in [
        ("劳资争议", "勞資爭議"),
        ("职业灾害", "職業災害"),
        ("团体协约", "團體協約"),
    ] {
        let (s, t) = (ask(&zh, simplified), ask(&zh, traditional));
        assert!(s.total > 0, "{simplified}");
        assert_eq!(urls(&s), urls(&t), "{simplified}");
    }
    // item 20's text has a Simplified 护 (防护): 防護 finds it
    let a = ask(&zh, "防護");
    assert!(urls(&a).contains(&"/plans/111/osha-smart-safety-supervision/".to_string()));
}

#[test]
fn a_huge_query_is_cut_to_the_limits_and_says_so() {
    let zh = index(Lang::Zh);
    let huge = "勞資爭議".repeat(250_000); // 1 million characters
    let started = std::time::Instant::now();
    let a = ask(&zh, &huge);
    assert!(a.limited);
    assert_eq!(a.query.chars().count(), tokenize::MAX_QUERY_CHARS);
    // bounded work: the cut query is the answer's, not a minute of tokenizing
    assert!(started.elapsed().as_secs() < 30);
    let many: Vec<String> = (0..100u8)
        .map(|i| format!("zz{}{}", (b'a' + i / 26) as char, (b'a' + i % 26) as char))
        .collect();
    let a = ask(&zh, &many.join(" "));
    assert!(a.limited);
    assert_eq!(a.terms.len(), tokenize::MAX_QUERY_TERMS);
    assert!(!ask(&zh, "勞資爭議").limited);
}

#[test]
fn english_word_forms_find_each_other() {
    let en = index(Lang::En);
    let count = |q: &str| ask(&en, q).total;
    // every plan on insurance, whatever form is typed (and one typo the stem absorbs)
    let insurance = count("insurance");
    assert!(insurance >= 5);
    for q in ["insure", "insured", "insurence"] {
        assert_eq!(count(q), insurance, "{q}");
    }
    assert!(count("delayed") > 0);
    assert_eq!(count("bargaining"), count("bargain"));
    // typed last, a word is also a prefix of its stem
    assert!(count("retired") >= count("retirement"));
}

#[test]
fn plans_that_fell_behind_come_first_for_words_of_delay() {
    let content = gongkai::content::load(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
    let site = Site::build(&content, Default::default());
    for (lang, text) in [
        (Lang::Zh, "落後"),
        (Lang::En, "behind schedule"),
        (Lang::En, "delayed"),
    ] {
        let prefix = if lang == Lang::En { "/en" } else { "" };
        let behind: std::collections::BTreeSet<String> = site
            .plans
            .iter()
            .filter(|p| !p.record.facts.lags.is_empty())
            .map(|p| format!("{prefix}/plans/{}/{}/", p.record.year, p.record.id))
            .collect();
        assert_eq!(behind.len(), 5);
        let idx = index(lang);
        let a = ask(&idx, text);
        let first: std::collections::BTreeSet<String> = urls(&a).into_iter().take(5).collect();
        assert_eq!(first, behind, "{text}");
        assert_eq!(a.statuses, ["behind"]);
    }
    // the filter keeps only those plans
    let zh = index(Lang::Zh);
    let q = Query {
        text: "計畫".into(),
        filters: Filters {
            status: Some("behind".into()),
            ..Filters::default()
        },
        ..Query::default()
    };
    let a = search::answer(&zh, &q, 100).unwrap();
    assert_eq!(a.total, 5);
}

#[test]
fn a_finding_is_named_in_the_words_people_use_for_it() {
    // each phrase names the finding (or, for "fully executed", its absence), whose plans
    // then come first
    for (text, key, negated) in [
        ("plans with special achievements", "special", false),
        ("outstanding performance", "special", false),
        (
            "targets not more challenging than last year",
            "unchallenging",
            false,
        ),
        ("targets not much harder", "unchallenging", false),
        ("budget not fully used", "underspent", false),
        ("budget fully executed", "underspent", true),
    ] {
        let a = ask(&index(Lang::En), text);
        let named = if negated { &a.negated } else { &a.statuses };
        assert_eq!(named, &[key], "{text}");
    }
}

#[test]
fn a_status_asked_in_a_quarter_lists_the_plans_with_it_in_that_quarter() {
    let content = gongkai::content::load(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
    let site = Site::build(&content, Default::default());
    // the plans the facts put behind schedule in quarter `q`, read from the records
    let behind_in = |q: u8, prefix: &str| -> std::collections::BTreeSet<String> {
        site.plans
            .iter()
            .filter(|p| p.record.facts.lags.iter().any(|l| l.quarter == q))
            .map(|p| format!("{prefix}/plans/{}/{}/", p.record.year, p.record.id))
            .collect()
    };
    for (lang, text, q) in [
        (Lang::Zh, "第2季落後", 2),
        (Lang::Zh, "第 3 季 落後", 3),
        (Lang::En, "Q2 behind schedule", 2),
        (Lang::En, "behind schedule in Q1", 1),
        // a quarter written in words
        (Lang::Zh, "第二季落後", 2),
        (Lang::En, "fell behind in the second quarter", 2),
        (Lang::En, "3rd quarter behind schedule", 3),
    ] {
        let prefix = if lang == Lang::En { "/en" } else { "" };
        let want = behind_in(q, prefix);
        assert!(!want.is_empty());
        let a = ask(&index(lang), text);
        let got: std::collections::BTreeSet<String> = urls(&a).into_iter().collect();
        assert_eq!(got, want, "{text}");
        // the quarter narrows the status: it is not a word no plan holds
        assert!(a.missing.is_empty(), "{text}");
    }
    // negated: the plans not behind in that quarter, those behind in it not first
    let a = ask(&index(Lang::Zh), "第2季未落後");
    let got = urls(&a);
    let behind = behind_in(2, "");
    assert_eq!(a.total, site.plans.len() - behind.len());
    assert!(got.iter().all(|u| !behind.contains(u)));
}

#[test]
fn a_status_named_beside_words_lists_the_plans_having_both_when_some_do() {
    let content = gongkai::content::load(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
    let site = Site::build(&content, Default::default());
    let zh = index(Lang::Zh);
    // the plans behind schedule, read from the records; one of them, and its name's words
    let behind: Vec<_> = (site.plans.iter())
        .filter(|p| !p.record.facts.lags.is_empty())
        .collect();
    let all_behind = ask(&zh, "落後");
    assert_eq!(all_behind.total, behind.len());
    let one = behind
        .iter()
        .find(|p| p.record.id == "mol-office-building")
        .expect("the office building plan fell behind");
    let a = ask(&zh, "落後 辦公廳舍");
    assert_eq!(
        urls(&a),
        [format!("/plans/{}/{}/", one.record.year, one.record.id)]
    );
    // the budget findings are statuses too, from the same predicate as their pages
    use gongkai::model::findings::Finding;
    for (text, finding) in [
        ("預算沒執行完", Finding::YearEndShort),
        ("執行率偏低", Finding::LowSpending),
    ] {
        let want: std::collections::BTreeSet<String> = (site.plans.iter())
            .filter(|p| finding.holds(&p.record.facts))
            .map(|p| format!("/plans/{}/{}/", p.record.year, p.record.id))
            .collect();
        assert!(!want.is_empty());
        let a = ask(&zh, text);
        let first: std::collections::BTreeSet<String> =
            urls(&a).into_iter().take(want.len()).collect();
        assert_eq!(first, want, "{text}");
    }
}

#[test]
fn a_query_found_whole_lists_every_plan_holding_it() {
    // a reader searching a record's own words is owed every plan that says them, however
    // briefly: the floor on weak scores is for queries found only in part
    for (lang, word) in [
        (Lang::Zh, "勞工"),
        (Lang::Zh, "計畫"),
        (Lang::En, "labor"),
        (Lang::En, "insurance"),
    ] {
        let idx = index(lang);
        let holding = (idx.docs.iter())
            .filter(|d| {
                let text = format!("{} {}", d.title, d.body).to_lowercase();
                text.contains(word)
            })
            .count();
        assert!(holding >= 2, "{word}");
        assert!(ask(&idx, word).total >= holding, "{word}");
    }
}

#[test]
fn the_ministry_or_country_named_in_a_question_narrows_nothing() {
    // every plan is the ministry's: "the ministry" in a question means the publisher
    for (lang, with, without) in [
        (
            Lang::En,
            "what does the ministry do about pensions",
            "pensions",
        ),
        (
            Lang::En,
            "ministry labor dispute mediation",
            "labor dispute mediation",
        ),
        (Lang::Zh, "勞動部 勞資爭議", "勞資爭議"),
        // and every plan is the country's (the site's tag is zh-Hant-TW): a specific word
        // the records seldom say, it would otherwise say that no plan is about it
        (
            Lang::En,
            "how is the minimum wage decided in Taiwan",
            "how is the minimum wage decided",
        ),
        (
            Lang::En,
            "Taiwanese labor dispute mediation",
            "labor dispute mediation",
        ),
        (Lang::Zh, "臺灣 勞資爭議", "勞資爭議"),
    ] {
        let idx = index(lang);
        assert_eq!(urls(&ask(&idx, with)), urls(&ask(&idx, without)), "{with}");
    }
}

#[test]
fn chinese_slips_and_short_agency_names_are_mended_and_said() {
    let zh = index(Lang::Zh);
    // a word of the table one character away
    let a = ask(&zh, "勞資爭義");
    assert_eq!(corrections(&a), [("勞資爭義", "勞資爭議")]);
    assert_eq!(
        urls(&a).first().map(String::as_str),
        Some("/plans/111/mol-labor-dispute-resolution/")
    );
    // an agency named by characters of its name taken in order, ending with its last
    let a = ask(&zh, "勞關司");
    assert_eq!(a.corrections[0].searched, "勞動關係司");
    assert_eq!(a.agencies[0].slug, "labor-relations");
    // two agencies would fit: none is guessed
    assert_eq!(ask(&zh, "勞司").agencies, []);
}

#[test]
fn a_one_edit_typo_is_searched_as_the_word_and_said() {
    let en = index(Lang::En);
    let a = ask(&en, "retiremnt");
    assert_eq!(corrections(&a), [("retiremnt", "retirement")]);
    assert_eq!(urls(&a), urls(&ask(&en, "retirement")));
    // a swap of neighbours is one edit
    assert_eq!(ask(&en, "pensoin").corrections[0].searched, "pension");
    // four letters are too few to guess from
    let a = ask(&en, "labr");
    assert_eq!(a.corrections, []);
    assert_eq!(a.total, 0);
    // a word the index holds is never corrected
    assert_eq!(ask(&en, "pension").corrections, []);
}

/// The corrections of an answer: (typed, searched).
fn corrections(a: &search::Answer) -> Vec<(&str, &str)> {
    let pair = |c| -> (&str, &str) {
        let c: &search::answer::Correction = c;
        (&c.typed, &c.searched)
    };
    a.corrections.iter().map(pair).collect()
}

/// The suggestions of an answer: (query, plans).
fn offers(a: &search::Answer) -> Vec<(String, usize)> {
    a.suggestions
        .iter()
        .map(|s| (s.query.clone(), s.plans))
        .collect()
}

#[test]
fn a_query_finding_nothing_is_offered_queries_that_find_plans() {
    let (zh, en) = (index(Lang::Zh), index(Lang::En));
    let cases: [(&SearchIndex, &[&str]); 2] = [
        (
            &zh,
            &[
                "年金改革",
                "最低工資",
                "成立工會",
                "勞資爭義",
                "志清樓",
                "勞保局 量子",
                "職業災保險",
                "劳资争义",
                "托育津貼",
                "量子糾纏",
                "勞資爭議",
                "退休",
                "勞保",
            ],
        ),
        (
            &en,
            &[
                "labr",
                "day care",
                "osha quantum",
                "minimum wage",
                "working mothers",
                "collective bargainign quantum",
                "pension",
                "labor insurance",
                "retiremnt",
            ],
        ),
    ];
    let mut offered = 0;
    for (idx, queries) in cases {
        for q in queries {
            let a = ask(idx, q);
            let found_whole = a.total > 0 && !a.partial && a.missing.is_empty();
            if found_whole {
                assert_eq!(offers(&a), [], "{q} found its plans: nothing to offer");
            }
            // each offer, run, finds as many plans as it says, each holding every word
            for (s, n) in offers(&a) {
                let b = ask(idx, &s);
                assert!(n > 0, "{q}: {s} finds nothing");
                assert_eq!(b.total, n, "{q}: {s}");
                assert!(!b.partial, "{q}: {s} holds every word");
                assert!(b.missing.is_empty(), "{q}: {s}");
                offered += 1;
            }
        }
    }
    assert!(offered >= 10, "only {offered} offers");
    // what a person asking would look for among the offers
    let has = |idx: &SearchIndex, q: &str, want: &str| {
        let o = offers(&ask(idx, q));
        assert!(o.iter().any(|(s, _)| s == want), "{q}: {want} not in {o:?}");
    };
    has(&zh, "年金火星", "年金");
    has(&zh, "工會火星", "工會");
    has(&zh, "勞保局 量子", "勞工保險局");
    has(&en, "labr", "labor");
    has(
        &en,
        "osha quantum",
        "occupational safety and health administration",
    );
    // under a filter the offers count what the filter keeps
    let q = Query {
        text: "年金改革".into(),
        filters: Filters {
            agency: Some("bli".into()),
            ..Filters::default()
        },
        ..Query::default()
    };
    let a = search::answer(&zh, &q, 10).unwrap();
    for (s, n) in offers(&a) {
        let b = search::answer(
            &zh,
            &Query {
                text: s,
                ..q.clone()
            },
            10,
        )
        .unwrap();
        assert_eq!(b.total, n);
    }
}

#[test]
fn a_character_that_is_several_words_is_offered_once() {
    // ¼ is 1⁄4 once normalized: two numbers from one typed character (the suggestions' pieces
    // once sliced the text backwards there, and `serve` answered with a panic)
    let zh = index(Lang::Zh);
    let a = ask(&zh, "勞工權益¼助企 ");
    assert!(
        a.suggestions
            .iter()
            .all(|s| s.query.matches('¼').count() <= 1),
        "{a:?}"
    );
    let en = index(Lang::En);
    ask(&en, "pension ¼ ﬄzzz");
}

#[test]
fn an_english_contraction_is_no_word() {
    let en = index(Lang::En);
    // "won" of "won't" is not the "won" of awards won
    let a = ask(&en, "my boss won't pay overtime");
    let with_awards = "/en/plans/111/mol-work-life-balance/".to_string();
    assert!(!urls(&a).contains(&with_awards), "{:?}", urls(&a));
    // and no page says that no plan is about "wasn"
    let a = ask(&en, "wasn't paid overtime");
    assert!(a.missing.iter().all(|m| m != "wasn"), "{:?}", a.missing);
    assert!(!a.results.is_empty());
}

#[test]
fn an_english_function_word_is_no_word() {
    let en = index(Lang::En);
    // "after" and "until" say when, not what: no plan is found for holding them, and no page
    // says that no plan is about them
    let a = ask(&en, "boss demoted me after I joined the union");
    let with_after = "/en/plans/111/mol-work-life-balance/".to_string();
    assert!(!urls(&a).contains(&with_after), "{:?}", urls(&a));
    let a = ask(&en, "pension until I retire");
    assert!(a.missing.is_empty(), "{:?}", a.missing);
    assert!(!a.results.is_empty());
}

#[test]
fn an_agency_is_found_by_a_name_other_sources_use() {
    // agencies.yaml lists the English names other sources give the secretariat and departments
    let en = index(Lang::En);
    let named = |q: &str| -> Vec<String> {
        let a = ask(&en, q);
        a.agencies.iter().map(|n| n.slug.clone()).collect()
    };
    assert_eq!(named("Department of General Affairs"), ["secretariat"]);
    assert_eq!(
        named("Department of Employment Relations"),
        ["labor-relations"]
    );
    // and the Council of Labor Affairs' units whose work each agency took over
    let zh = index(Lang::Zh);
    let a = ask(&zh, "勞工保險處");
    let named: Vec<&str> = a.agencies.iter().map(|n| n.slug.as_str()).collect();
    assert_eq!(named, ["labor-insurance"]);
}

#[test]
fn words_naming_a_findings_absence_ask_what_its_negation_does() {
    for (lang, opposite, negation) in [
        (Lang::En, "reports on time", "reports not late"),
        (Lang::En, "on schedule", "not behind schedule"),
        (Lang::Zh, "報告都如期提報", "報告沒有逾期"),
        (Lang::Zh, "進度正常", "進度未落後"),
    ] {
        let index = index(lang);
        let (a, b) = (ask(&index, opposite), ask(&index, negation));
        assert!(
            !a.negated.is_empty(),
            "{opposite}: names no finding's absence"
        );
        assert_eq!(a.negated, b.negated, "{opposite} / {negation}");
        assert_eq!(urls(&a), urls(&b), "{opposite} / {negation}");
    }
}

#[test]
fn a_word_beginning_with_an_indexed_stem_is_found_without_a_correction() {
    // "subsidy" (stem subsidi) is in no record; subsid (subsidize, subsidized) is: the same
    // word, found with no "did you mean subsid"
    let en = index(Lang::En);
    let a = ask(&en, "childcare subsidy");
    assert!(a.corrections.is_empty(), "{:?}", a.corrections);
    assert!(!a.results.is_empty());
    // a slip is still corrected
    let a = ask(&en, "pention");
    assert_eq!(a.corrections.len(), 1);
}
