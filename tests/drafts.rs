//! Drafts: `draft: true` on a plan or a year record keeps it out of a build as if its files
//! were not there (pages, lists, counts, links, search, open data, sitemap, feeds); `build
//! --drafts` shows it with every page of it marked; `check` validates it all the same; import
//! keeps a record's mark.

mod common;
use common::*;
use gongkai::build::Options;
use gongkai::model::Drafts;

const PORTS: &str = "content/plans/111/fix-ports.yaml";

/// Marks the record at `rel` a draft.
fn mark_draft(f: &Fixture, rel: &str) {
    let path = f.root().join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("draft: true\n{text}")).unwrap();
}

/// The fixture built without drafts, with `change` made to it first.
fn built(change: impl FnOnce(&Fixture)) -> (Fixture, std::collections::BTreeMap<String, Vec<u8>>) {
    let f = Fixture::new("minimal");
    change(&f);
    f.build().unwrap();
    let files = snapshot(&f.out());
    (f, files)
}

/// `a` and `b` hold the same files, byte for byte.
fn assert_same(
    a: &std::collections::BTreeMap<String, Vec<u8>>,
    b: &std::collections::BTreeMap<String, Vec<u8>>,
) {
    let names =
        |m: &std::collections::BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(a), names(b));
    for (k, v) in a {
        assert!(v == &b[k], "{k} differs");
    }
}

#[test]
fn a_draft_plan_is_built_as_if_its_file_were_not_there() {
    let (_, with_draft) = built(|f| mark_draft(f, PORTS));
    let (_, without) = built(|f| std::fs::remove_file(f.root().join(PORTS)).unwrap());
    assert_same(&with_draft, &without);
    // and so nothing names it: no page, list, search document, open-data row, feed entry
    for (file, bytes) in &with_draft {
        let text = String::from_utf8_lossy(bytes);
        for name in ["fix-ports", "港口安全計畫", "Port safety plan"] {
            assert!(
                !file.contains(name) && !text.contains(name),
                "{file} has {name}"
            );
        }
    }
    let (_, published) = built(|_| {});
    assert!(
        published.keys().any(|k| k.contains("fix-ports")),
        "the test tells the difference"
    );
}

#[test]
fn a_draft_year_leaves_out_its_plans_and_the_links_to_them() {
    let (_, with_draft) = built(|f| mark_draft(f, "content/years/110.yaml"));
    let (_, without) = built(|f| {
        std::fs::remove_dir_all(f.root().join("content/plans/110")).unwrap();
        std::fs::remove_file(f.root().join("content/years/110.yaml")).unwrap();
    });
    assert_same(&with_draft, &without);
    // the plan of 111 that 110 also had no longer links to it
    let page = String::from_utf8_lossy(&with_draft["plans/111/fix-bridge/index.html"]).into_owned();
    assert!(!page.contains("/plans/110/"), "{page}");
    let of_110 = |k: &&String| {
        let k = k.trim_start_matches("en/");
        k.starts_with("years/110") || k.starts_with("plans/110") || k.starts_with("data/110")
    };
    assert!(
        !with_draft.keys().any(|k| of_110(&k)),
        "{:?}",
        with_draft.keys()
    );
}

#[test]
fn build_with_drafts_shows_them_marked() {
    let f = Fixture::new("minimal");
    mark_draft(&f, PORTS);
    let options = Options {
        drafts: Drafts::Shown,
        ..Options::default()
    };
    gongkai::build::build_with(f.root(), &f.out(), &gongkai::build::Quiet, &options).unwrap();
    // the page, marked in each language as a note read out before the page's own content
    let zh = f.read("plans/111/fix-ports/index.html");
    let en = f.read("en/plans/111/fix-ports/index.html");
    for (page, word) in [(&zh, "草稿"), (&en, "Draft")] {
        let note = between(page, "draft-note", "</p>");
        assert!(
            note.contains("role=note") || note.contains("role=\"note\""),
            "{note}"
        );
        assert!(text_of(note).contains(word), "{note}");
        assert!(
            page.find("draft-note") < page.find("<h1"),
            "the mark comes first"
        );
    }
    // its row in the lists, marked; search and open data hold it
    let year = f.read("en/years/111/index.html");
    let row = between(&year, "fix-ports", "</th>");
    assert!(
        row.contains("tag-draft") && text_of(row).contains("Draft"),
        "{row}"
    );
    assert!(f.read("data/111.csv").contains("fix-ports"));
    let search: String = snapshot(&f.out().join("search"))
        .values()
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .collect();
    assert!(search.contains("fix-ports"));
    // a published plan's page is not marked
    assert!(!f
        .read("plans/111/fix-bridge/index.html")
        .contains("draft-note"));
    assert!(!f.read("years/111/index.html").contains("draft-note"));
}

#[test]
fn the_command_line_builds_drafts_only_when_asked() {
    let f = Fixture::new("minimal");
    mark_draft(&f, "content/years/110.yaml");
    let (ok, err) = run_in(&f, &["build"]);
    assert!(ok, "{err}");
    assert!(!f.out().join("years/110").exists());
    let (ok, err) = run_in(&f, &["build", "--drafts"]);
    assert!(ok, "{err}");
    // every page of a draft year is marked: its own, its findings', its plans'
    for page in [
        "years/110/index.html",
        "en/years/110/late-reports/index.html",
        "plans/110/fix-bridge/index.html",
    ] {
        assert!(f.read(page).contains("draft-note"), "{page}");
    }
    assert!(!f.read("years/111/index.html").contains("draft-note"));
}

#[test]
fn check_and_build_still_refuse_a_broken_draft() {
    let f = Fixture::new("minimal");
    mark_draft(&f, PORTS);
    f.edit(PORTS, "agency: beta", "agency: gamma");
    for args in [&["check"][..], &["build"], &["build", "--drafts"]] {
        let (ok, err) = run_in(&f, args);
        assert!(!ok, "{args:?} passed a broken draft");
        assert!(
            err.contains("fix-ports.yaml:5") && err.contains("`agency`"),
            "{err}"
        );
    }
}

#[test]
fn import_keeps_a_records_draft_mark() {
    let site = agencies_site();
    let root = site.path().to_str().unwrap();
    let table = "tests/fixtures/import/mol-111-controlled-plan-review.txt";
    let import = || {
        let out = cli(&["import", table, "--year", "111", "--root", root]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let first = import();
    let path = std::path::PathBuf::from(first.lines().next().unwrap());
    let text = std::fs::read_to_string(&path).unwrap();
    // staff mark it a draft and renumber it; importing the table again restores the item
    let marked = text.replacen("\nid: ", "\ndraft: true\nid: ", 1);
    let item = marked
        .lines()
        .find(|l| l.starts_with("item: "))
        .unwrap()
        .to_string();
    std::fs::write(&path, marked.replacen(&item, "item: 999", 1)).unwrap();
    assert_eq!(import().trim(), path.to_str().unwrap());
    let again = std::fs::read_to_string(&path).unwrap();
    assert_eq!(again, marked, "the draft mark kept, the item restored");
    let record: gongkai::content::schema::PlanFile = serde_yaml::from_str(&again).unwrap();
    assert!(record.draft);
}
