//! Incremental rebuilds give exactly the files a full build of the same content gives, and
//! touch only what a change concerns.

mod common;
use common::*;
use gongkai::build::incremental::Session;

/// After an update, the output equals a fresh full build, file for file.
fn assert_same_as_full_build(f: &Fixture) {
    let fresh = f.dir.path().join("fresh");
    gongkai::build::build(f.root(), &fresh).unwrap();
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

#[test]
fn edits_additions_and_deletions_match_a_full_build() {
    let f = Fixture::new("minimal");
    let (mut s, _) = Session::start(f.root(), &f.out()).unwrap();
    let plan = f.root().join("content/plans/111/fix-bridge.yaml");

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
    f.edit(
        "content/plans/111/fix-ports.yaml",
        "agency: gamma",
        "agency: alpha",
    );
    s.update(std::slice::from_ref(&plan)).unwrap();
    assert_same_as_full_build(&f);
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
