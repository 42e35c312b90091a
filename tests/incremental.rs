//! Incremental rebuilds give exactly the files a full build of the same content gives, and
//! touch only what a change concerns.

mod common;
use common::*;
use gongkai::build::incremental::{Rebuild, Session};

/// After an update, the output equals a fresh full build, file for file.
fn assert_same_as_full_build(f: &Fixture) {
    assert_same_as_full_build_with(f, &gongkai::build::Options::default());
}

/// [`assert_same_as_full_build`], the full build run with `options`.
fn assert_same_as_full_build_with(f: &Fixture, options: &gongkai::build::Options) {
    let fresh = f.dir.path().join("fresh");
    gongkai::build::build_with(f.root(), &fresh, &gongkai::build::Quiet, options).unwrap();
    let (a, b) = (snapshot(&f.out()), snapshot(&fresh));
    let only_a: Vec<_> = a.keys().filter(|k| !b.contains_key(*k)).collect();
    let only_b: Vec<_> = b.keys().filter(|k| !a.contains_key(*k)).collect();
    assert!(
        only_a.is_empty() && only_b.is_empty(),
        "extra {only_a:?}, missing {only_b:?}"
    );
    for (k, v) in &a {
        assert!(v == &b[k], "{k} differs from a full build");
    }
    std::fs::remove_dir_all(fresh).unwrap();
}

/// Replaces `from` with `to` in record `rel`, rebuilds, and checks the output equals a full
/// build.
fn edit_and_compare(f: &Fixture, s: &mut Session, rel: &str, from: &str, to: &str) -> Rebuild {
    f.edit(rel, from, to);
    let r = s.update(&[f.root().join(rel)]).unwrap();
    assert_same_as_full_build(f);
    r
}

#[test]
fn edits_additions_and_deletions_match_a_full_build() {
    // pages minified or not, as the full build they are compared with
    for minify in [true, false] {
        edits_additions_and_deletions(minify);
    }
}

/// A session's edits, additions and deletions, every page minified or none, each giving the
/// output a full build with the same choice gives.
fn edits_additions_and_deletions(minify: bool) {
    let f = Fixture::new("minimal");
    let options = gongkai::build::Options {
        minify: Some(minify),
        ..Default::default()
    };
    let lock = std::sync::Arc::new(std::sync::RwLock::new(0));
    let writer = gongkai::output::fs_writer();
    let (mut s, _) =
        Session::start_with_options(f.root(), &f.out(), writer, lock, options.clone()).unwrap();
    let assert_same_as_full_build = |f: &Fixture| assert_same_as_full_build_with(f, &options);
    let plan = f.root().join("content/plans/111/fix-bridge.yaml");
    let cache = f.out().join(gongkai::output::minify::CACHE);
    assert_eq!(cache.is_file(), minify);

    // edit one record's text
    f.edit(
        "content/plans/111/fix-bridge.yaml",
        "完成**重要**工作。",
        "完成**關鍵**工作。",
    );
    let r = s.update(std::slice::from_ref(&plan)).unwrap();
    assert!(!r.full, "a record edit is incremental");
    assert!(r.written < 60, "wrote {} files", r.written);
    assert!(f.read("plans/111/fix-bridge/index.html").contains("關鍵"));
    assert_same_as_full_build(&f);

    // move it to another agency
    f.edit(
        "content/plans/111/fix-bridge.yaml",
        "agency: alpha",
        "agency: beta",
    );
    s.update(std::slice::from_ref(&plan)).unwrap();
    assert_same_as_full_build(&f);

    // add a record
    let text = std::fs::read_to_string(&plan)
        .unwrap()
        .replace("id: fix-bridge", "id: fix-roads")
        .replace("item: 1", "item: 7");
    let added = f.root().join("content/plans/111/fix-roads.yaml");
    std::fs::write(&added, text).unwrap();
    s.update(std::slice::from_ref(&added)).unwrap();
    assert!(f.out().join("en/plans/111/fix-roads/index.html").is_file());
    assert_same_as_full_build(&f);

    // delete a record: its pages go, every list forgets it
    std::fs::remove_file(&added).unwrap();
    let r = s.update(std::slice::from_ref(&added)).unwrap();
    // its two pages, and search files (a document chunk, replaced term shards)
    assert!(r.removed >= 2, "removed {}", r.removed);
    assert!(!f.out().join("plans/111/fix-roads").exists());
    assert!(!f.out().join("en/plans/111/fix-roads").exists());
    assert_same_as_full_build(&f);

    // a new year changes every page's navigation: a full rebuild
    let new_year = f.root().join("content/plans/112/fix-bridge.yaml");
    std::fs::create_dir_all(new_year.parent().unwrap()).unwrap();
    std::fs::write(
        &new_year,
        std::fs::read_to_string(&plan)
            .unwrap()
            .replace("year: 111", "year: 112"),
    )
    .unwrap();
    assert!(s.update(std::slice::from_ref(&new_year)).unwrap().full);
    assert_same_as_full_build(&f);
}

#[test]
fn toggling_drafts_matches_a_full_build_whether_drafts_are_shown_or_not() {
    use gongkai::model::Drafts;
    for drafts in [Drafts::Hidden, Drafts::Shown] {
        let f = Fixture::new("minimal");
        let options = gongkai::build::Options {
            drafts,
            ..Default::default()
        };
        let lock = std::sync::Arc::new(std::sync::RwLock::new(0));
        let writer = gongkai::output::fs_writer();
        let (mut s, _) =
            Session::start_with_options(f.root(), &f.out(), writer, lock, options.clone()).unwrap();
        let mut step = |rel: &str, from: &str, to: &str| {
            f.edit(rel, from, to);
            let r = s.update(&[f.root().join(rel)]).unwrap();
            assert_same_as_full_build_with(&f, &options);
            r
        };
        let ports = "content/plans/111/fix-ports.yaml";
        // a plan made a draft, edited as one, then published again: rebuilt in part
        let r = step(ports, "id: fix-ports", "draft: true\nid: fix-ports");
        assert!(!r.full, "{drafts:?}");
        assert_eq!(
            f.out().join("plans/111/fix-ports").exists(),
            drafts == Drafts::Shown
        );
        step(ports, "港口安全計畫", "海港安全計畫");
        step(ports, "draft: true\n", "");
        assert!(f.read("plans/111/fix-ports/index.html").contains("海港"));
        // one year of a plan of two: the other year's page links to it or not
        let bridge = "content/plans/111/fix-bridge.yaml";
        assert!(!step(bridge, "id: fix-bridge", "draft: true\nid: fix-bridge").full);
        step(bridge, "draft: true\n", "");
        // a year record: everything, every page of the year marked or gone
        let year = "content/years/110.yaml";
        assert!(step(year, "year: 110", "draft: true\nyear: 110").full);
        step(year, "draft: true\n", "");
    }
}

#[test]
fn a_broken_edit_changes_nothing_and_the_fix_recovers() {
    let f = Fixture::new("minimal");
    let (mut s, _) = Session::start(f.root(), &f.out()).unwrap();
    let before = snapshot(&f.out());
    let plan = f.root().join("content/plans/111/fix-ports.yaml");
    f.edit(
        "content/plans/111/fix-ports.yaml",
        "agency: beta",
        "agency: gamma",
    );
    let err = s
        .update(std::slice::from_ref(&plan))
        .unwrap_err()
        .to_string();
    assert!(err.contains("fix-ports.yaml:4: field `agency`"), "{err}");
    assert!(snapshot(&f.out()) == before, "a failed rebuild wrote files");
    let rel = "content/plans/111/fix-ports.yaml";
    edit_and_compare(&f, &mut s, rel, "agency: gamma", "agency: alpha");
}

#[test]
fn a_theme_change_rebuilds_everything() {
    let f = Fixture::new("minimal");
    let (mut s, _) = Session::start(f.root(), &f.out()).unwrap();
    f.write(
        "themes/default/templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<h1>Lost</h1>{% endblock main %}",
    );
    let r = s
        .update(&[f.root().join("themes/default/templates/404.html")])
        .unwrap();
    assert!(r.full);
    assert!(f.read("404.html").contains("<h1>Lost</h1>"));
}

#[test]
fn an_edit_on_a_site_with_chunked_search_documents_matches_a_full_build() {
    // the real records copied into four years: past 64 kB of text, search documents are
    // written in chunks of a few, and an edit must rewrite exactly the chunk that holds it
    let f = Fixture::real();
    let plans = f.root().join("content/plans/111");
    for year in [108, 109, 110] {
        for entry in std::fs::read_dir(&plans).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path)
                .unwrap()
                .replace("year: 111", &format!("year: {year}"));
            f.write(
                &format!(
                    "content/plans/{year}/{}",
                    path.file_name().unwrap().to_string_lossy()
                ),
                &text,
            );
        }
    }
    let (mut s, _) = Session::start(f.root(), &f.out()).unwrap();
    let chunks = std::fs::read_dir(f.out().join("search/zh/d"))
        .unwrap()
        .count();
    assert!(
        chunks > 1 && chunks < 80,
        "{chunks} document files for 80 records"
    );
    let rel = std::fs::read_dir(f.root().join("content/plans/109"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .min()
        .unwrap();
    let name = format!(
        "{}\n",
        std::fs::read_to_string(&rel)
            .unwrap()
            .lines()
            .find(|l| l.trim_start().starts_with("zh:"))
            .unwrap()
    );
    let edited = name.replacen("zh:", "zh: 獨一無二的詞語", 1);
    let text = std::fs::read_to_string(&rel)
        .unwrap()
        .replacen(&name, &edited, 1);
    std::fs::write(&rel, text).unwrap();
    let r = s.update(std::slice::from_ref(&rel)).unwrap();
    assert!(!r.full);
    let zh_docs: String = std::fs::read_dir(f.out().join("search/zh/d"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    assert!(
        zh_docs.contains("獨一無二的詞語"),
        "the edit reached the documents"
    );
    assert_same_as_full_build(&f);
}

#[test]
fn after_a_failed_rebuild_the_next_one_reflects_the_disk() {
    // issue 13.3: the failed record was put back in memory as it was before and never read
    // again, so the next good rebuild published item 18 for a record that says 19
    let f = Fixture::real();
    let (mut s, _) = Session::start(f.root(), &f.out()).unwrap();
    let office = f.root().join("content/plans/111/mol-office-building.yaml");
    f.edit(
        "content/plans/111/mol-office-building.yaml",
        "item: 18",
        "item: 19",
    );
    assert!(
        s.update(std::slice::from_ref(&office)).is_err(),
        "item 19 twice"
    );
    let rel = "content/plans/111/bli-service-upgrade.yaml";
    edit_and_compare(&f, &mut s, rel, "item: 19", "item: 40");
}

#[test]
fn a_write_error_leaves_the_site_as_it_was_and_the_next_rebuild_fixes_it() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, RwLock};
    let f = Fixture::new("minimal");
    let full = Arc::new(AtomicBool::new(false));
    let disk = full.clone();
    // a disk that fills up after the first two files of a rebuild
    let written = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let writer: gongkai::output::Writer =
        Arc::new(move |_: &str, file: &mut std::fs::File, b: &[u8]| {
            if disk.load(Ordering::SeqCst) && written.fetch_add(1, Ordering::SeqCst) >= 2 {
                return Err(std::io::Error::other("No space left on device"));
            }
            std::io::Write::write_all(file, b)
        });
    let (mut s, _) =
        Session::start_with(f.root(), &f.out(), writer, Arc::new(RwLock::new(0))).unwrap();
    let before = snapshot(&f.out());
    let plan = f.root().join("content/plans/111/fix-ports.yaml");

    // an incremental rebuild that cannot write
    full.store(true, Ordering::SeqCst);
    f.edit(
        "content/plans/111/fix-ports.yaml",
        "港口安全計畫",
        "港口安全新計畫",
    );
    let err = s.update(std::slice::from_ref(&plan)).unwrap_err();
    let shown = gongkai::error::Chain(&err).to_string();
    assert!(shown.contains("No space left"), "{shown}");
    assert!(
        snapshot(&f.out()) == before,
        "a failed rebuild changed the site"
    );

    // a full rebuild that cannot write (agencies.yaml changed)
    let agencies = f.root().join("content/agencies.yaml");
    f.edit(
        "content/agencies.yaml",
        "Department Alpha",
        "Alpha Department",
    );
    assert!(s.update(std::slice::from_ref(&agencies)).is_err());
    assert!(
        snapshot(&f.out()) == before,
        "a failed full build changed the site"
    );
    let leftovers = names_beside(f.root(), ".");
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // space again: the next rebuild, of anything, publishes the content as it is now
    full.store(false, Ordering::SeqCst);
    s.update(std::slice::from_ref(&plan)).unwrap();
    assert!(f
        .read("plans/111/fix-ports/index.html")
        .contains("港口安全新計畫"));
    assert!(f
        .read("en/agencies/index.html")
        .contains("Alpha Department"));
    assert_same_as_full_build(&f);
}

#[test]
fn a_relative_root_still_rebuilds_incrementally() {
    // issue 13.9: with `--root .` the watcher's absolute paths never matched the root, so
    // every save was a full rebuild
    let f = Fixture::new("minimal");
    let cwd = std::env::current_dir().unwrap();
    let ups = cwd.components().count() - 1;
    let relative: std::path::PathBuf = std::iter::repeat_n("..", ups)
        .collect::<std::path::PathBuf>()
        .join(f.root().strip_prefix("/").unwrap());
    assert!(relative.is_relative());
    let (mut s, _) = Session::start(&relative, &relative.join("public")).unwrap();
    f.edit(
        "content/plans/111/fix-ports.yaml",
        "港口安全計畫",
        "港口安全新計畫",
    );
    let abs = f
        .root()
        .canonicalize()
        .unwrap()
        .join("content/plans/111/fix-ports.yaml");
    let r = s.update(&[abs]).unwrap();
    assert!(
        !r.full,
        "a record edit under a relative root is incremental"
    );
    assert_same_as_full_build(&f);
}

/// A small seeded generator (xorshift), so a failing storm can be replayed.
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// The files a message names (`content/...yaml`), to compare what two reports blame.
fn files_named(msg: &str) -> std::collections::BTreeSet<String> {
    msg.split_whitespace()
        .filter_map(|w| w.find("content/").map(|i| &w[i..]))
        .map(|w| w.split(':').next().unwrap().to_string())
        .collect()
}

#[test]
fn edit_storms_match_a_full_build_and_check_after_every_step() {
    // issue 13.3: random edits, some breaking the content; after each rebuild the reported
    // status agrees with `check`, and a good rebuild's output equals a fresh full build
    for seed in [0x9e3779b97f4a7c15u64, 0x2545f4914f6cdd1d, 0xdeadbeefcafe] {
        let f = Fixture::new("minimal");
        let mut rng = Rng(seed);
        let originals: Vec<(String, String)> = [
            "content/plans/110/fix-bridge.yaml",
            "content/plans/111/fix-bridge.yaml",
            "content/plans/111/fix-ports.yaml",
        ]
        .iter()
        .map(|r| {
            (
                r.to_string(),
                std::fs::read_to_string(f.root().join(r)).unwrap(),
            )
        })
        .collect();
        let (mut s, _) = Session::start(f.root(), &f.out()).unwrap();
        for step in 0..20 {
            let (rel, original) = &originals[rng.below(originals.len())];
            let path = f.root().join(rel);
            let current = std::fs::read_to_string(&path).ok();
            let base = current.clone().unwrap_or_else(|| original.clone());
            let set = |text: &str, key: &str, value: &str| -> String {
                text.lines()
                    .map(|l| {
                        if l.starts_with(&format!("{key}:")) {
                            format!("{key}: {value}")
                        } else {
                            l.to_string()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
                    + "\n"
            };
            let op = rng.below(7);
            let what = match op {
                0 => {
                    let item = 1 + rng.below(3);
                    std::fs::write(&path, set(&base, "item", &item.to_string())).unwrap();
                    format!("item {item}")
                }
                1 => {
                    let agency = ["alpha", "beta", "gamma"][rng.below(3)];
                    std::fs::write(&path, set(&base, "agency", agency)).unwrap();
                    format!("agency {agency}")
                }
                2 => {
                    let word = ["改善", "新建", "Plan", "維護"][rng.below(4)];
                    let text = base.replacen("  zh: ", &format!("  zh: {word}"), 1);
                    std::fs::write(&path, text).unwrap();
                    format!("name {word}")
                }
                3 if current.is_some() => {
                    std::fs::remove_file(&path).unwrap();
                    "deleted".to_string()
                }
                4 => {
                    std::fs::write(&path, format!("{base}broken: [\n")).unwrap();
                    "broken YAML".to_string()
                }
                _ => {
                    std::fs::write(&path, original).unwrap();
                    "restored".to_string()
                }
            };
            let context = format!("seed {seed:x} step {step}: {rel}: {what}");
            let rebuilt = s.update(std::slice::from_ref(&path));
            let checked = gongkai::build::check(f.root());
            match (&rebuilt, &checked) {
                (Ok(_), Ok(_)) => assert_same_as_full_build(&f),
                (Err(a), Err(b)) => assert_eq!(
                    files_named(&a.to_string()),
                    files_named(&b.to_string()),
                    "{context}: the rebuild blames other files than check"
                ),
                _ => panic!(
                    "{context}: rebuild {:?}, check {:?}",
                    rebuilt.as_ref().map(|_| ()).map_err(|e| e.to_string()),
                    checked.as_ref().map(|_| ()).map_err(|e| e.to_string())
                ),
            }
        }
    }
}

/// A site theme whose `base.html` prints what every page's context offers about plans: each
/// agency's number of plans (`nav.agency_links`) and the years (`nav.years`).
fn theme_printing_navigation_on_every_page(f: &Fixture) {
    let base = include_str!("../themes/default/templates/base.html");
    let printed = base.replacen(
        "</main>",
        "</main><p class=\"nav\">{% for a in nav.agency_links %}{{ a.slug }}={{ a.label }};{% endfor %}{% for y in nav.years %}{{ y.year }};{% endfor %}</p>",
        1,
    );
    assert_ne!(printed, base, "base.html has no </main> to print after");
    f.write("themes/default/templates/base.html", &printed);
}

/// The pages of the output, as files.
fn pages(f: &Fixture) -> usize {
    walkdir::WalkDir::new(f.out())
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .count()
}

#[test]
fn adding_moving_or_deleting_a_plan_rewrites_only_the_pages_showing_it() {
    // every page's navigation once offered each agency's number of plans, so adding or
    // deleting a plan re-rendered every page; the counts are now the home page's alone
    let f = Fixture::new("minimal");
    theme_printing_navigation_on_every_page(&f);
    let (mut s, _) = Session::start(f.root(), &f.out()).unwrap();
    assert!(f.read("methodology/index.html").contains("alpha="));
    let all = pages(&f);
    let ports = f.root().join("content/plans/111/fix-ports.yaml");
    let original = std::fs::read_to_string(&ports).unwrap();

    // an edit of the text alone
    let rel = "content/plans/111/fix-ports.yaml";
    let r = edit_and_compare(&f, &mut s, rel, "港口安全計畫", "港口安全新計畫");
    assert!(!r.full && r.written < 60, "{r:?}");

    // a plan added to beta: the home page counts it, most pages are left as they were
    let added = f.root().join("content/plans/111/fix-roads.yaml");
    std::fs::write(
        &added,
        original
            .replace("id: fix-ports", "id: fix-roads")
            .replace("item: 2", "item: 7"),
    )
    .unwrap();
    let untouched = [
        "methodology/index.html",
        "en/404.html",
        "search/index.html",
        "agencies/alpha/index.html",
    ];
    let stamp = |p: &str| {
        std::fs::metadata(f.out().join(p))
            .unwrap()
            .modified()
            .unwrap()
    };
    let before: Vec<_> = untouched.iter().map(|p| stamp(p)).collect();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let r = s.update(std::slice::from_ref(&added)).unwrap();
    assert!(!r.full && r.written < all, "{r:?} of {all} pages");
    let after: Vec<_> = untouched.iter().map(|p| stamp(p)).collect();
    assert_eq!(
        before, after,
        "pages showing nothing of beta's plans were written again"
    );
    assert_same_as_full_build(&f);

    // a plan moved from beta to alpha
    let rel = "content/plans/111/fix-roads.yaml";
    let r = edit_and_compare(&f, &mut s, rel, "agency: beta", "agency: alpha");
    assert!(!r.full && r.written < all, "{r:?}");

    // a plan deleted
    std::fs::remove_file(&added).unwrap();
    let r = s.update(std::slice::from_ref(&added)).unwrap();
    assert!(!r.full && r.written < all, "{r:?}");
    assert_same_as_full_build(&f);
}

#[test]
fn an_edit_of_a_plans_words_renders_only_the_finding_pages_listing_it() {
    let f = Fixture::new("minimal");
    let (mut s, _) = Session::start(f.root(), &f.out()).unwrap();
    let rel = "content/plans/111/fix-ports.yaml";
    let findings = |f: &Fixture| -> Vec<String> {
        let dir = f.out().join("years/111");
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.path().is_dir())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    let listing = |f: &Fixture| {
        (findings(f).into_iter())
            .filter(|slug| {
                f.read(&format!("years/111/{slug}/index.html"))
                    .contains("/plans/111/fix-ports/")
            })
            .count()
    };
    let (all, listing_it) = (findings(&f).len(), listing(&f));
    assert!(
        listing_it > 0 && all > listing_it + 4,
        "{listing_it} of {all}"
    );
    let words = edit_and_compare(&f, &mut s, rel, "港口安全計畫", "港口安全新計畫");
    // a fact changed (with the words it is read from): the year is summed up again, and every
    // finding page shows the year's counts
    for (from, to) in [
        ("逾期提送 2 日", "逾期提送 3 日"),
        ("2 days late", "3 days late"),
        ("days: 2", "days: 3"),
    ] {
        f.edit(rel, from, to);
    }
    let facts = s.update(&[f.root().join(rel)]).unwrap();
    assert_same_as_full_build(&f);
    assert!(!words.full && !facts.full);
    // both languages: the words' edit renders the finding pages listing the plan, the facts'
    // every one (and the search files holding the facts)
    assert!(
        facts.written >= words.written + 2 * (all - listing_it),
        "{words:?} {facts:?}"
    );
}

#[test]
fn an_edit_of_a_plans_review_leaves_the_pages_summing_up_every_plan_alone() {
    // the site map, the agencies compared, the years and the home page show each plan's
    // facts, name and address only: an edit of its review renders none of them, in either
    // language; an edit of its name renders them all
    const SUMMING: usize = 4;
    let f = Fixture::new("minimal");
    let (mut s, _) = Session::start(f.root(), &f.out()).unwrap();
    let rel = "content/plans/111/fix-ports.yaml";
    let (from, to) = ("targets were quantified.", "targets were set in figures.");
    let review = edit_and_compare(&f, &mut s, rel, from, to);
    assert!(f.read("en/plans/111/fix-ports/index.html").contains(to));
    let name = edit_and_compare(&f, &mut s, rel, "Port safety plan", "Harbour safety plan");
    assert!(f
        .read("en/sitemap/index.html")
        .contains("Harbour safety plan"));
    assert!(!review.full && !name.full);
    assert!(
        review.written + 2 * SUMMING <= name.written,
        "{review:?} {name:?}"
    );
}
