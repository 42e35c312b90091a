//! Every class of bad input: the build fails, names file, line and field, and leaves the
//! published site exactly as it was. The whole error output is compared with its snapshot
//! (`tests/snapshots/`), so a change anywhere in a message fails.

mod common;
use common::*;

/// Builds the good fixture, breaks it with `change`, and checks the failed build's message
/// and that `public/` is untouched. The message is given in English, then in Chinese (asked
/// for by the locale, then by `--lang`): the same problems, at the same lines, in plain words.
fn broken(change: impl Fn(&Fixture)) -> String {
    let f = Fixture::new("minimal");
    f.build().unwrap();
    let before = snapshot(&f.out());
    change(&f);
    let root = f.root().to_str().unwrap();
    let en = broken_in(&f, &before, cli_in("en", &["build", "--root", root]));
    let zh = broken_in(&f, &before, cli_in("zh", &["build", "--root", root]));
    let flag = broken_in(&f, &before, cli(&["build", "--lang", "zh", "--root", root]));
    assert_eq!(
        zh, flag,
        "--lang zh and a Chinese locale give the same messages"
    );
    let places = |s: &str| -> Vec<String> {
        s.lines()
            .filter_map(|l| {
                l.trim().split_once(".yaml:").map(|(f, rest)| {
                    let line: String = rest.chars().take_while(char::is_ascii_digit).collect();
                    format!("{f}:{line}")
                })
            })
            .collect()
    };
    assert_eq!(places(&en), places(&zh), "{en}\n{zh}");
    assert!(zh.starts_with("錯誤：發現"), "{zh}");
    assert_plain(&en);
    assert_plain(&zh);
    format!("{en}--- zh ---\n{zh}")
}

/// The message of a build that had to fail, with public/ as it was and nothing left beside.
fn broken_in(f: &Fixture, before: &Files, out: std::process::Output) -> String {
    assert!(!out.status.success(), "the build should fail");
    let after = snapshot(&f.out());
    assert!(*before == after, "public/ changed after a failed build");
    // and no staging folder is left behind
    let leftovers: Vec<_> = std::fs::read_dir(f.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-") || n.contains(".old-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    let root = f.root().to_str().unwrap().to_string();
    // the wait for the output's lock is said when another build holds it: under load, the
    // test process's own build above may hold it a moment longer (a child forked by another
    // test shares its file until that child runs its program)
    String::from_utf8(out.stderr)
        .unwrap()
        .replace(&root, "[root]")
        .lines()
        .filter(|l| {
            !l.starts_with("waiting for another gongkai build") && !l.starts_with("等待另一個建置")
        })
        .map(|l| format!("{l}\n"))
        .collect()
}

/// A folder's files and their bytes, as [`snapshot`] reads them.
type Files = std::collections::BTreeMap<String, Vec<u8>>;

const PLAN: &str = "content/plans/111/fix-bridge.yaml";

#[test]
fn yaml_syntax_error() {
    let err = broken(|f| f.edit(PLAN, "agency: alpha", "agency: alpha: beta"));
    assert!(err.contains("content/plans/111/fix-bridge.yaml:4"), "{err}");
    insta::assert_snapshot!(err);
}

#[test]
fn unknown_field() {
    let err = broken(|f| f.edit(PLAN, "agency: alpha", "agency: alpha\nagnecy: alpha"));
    assert!(
        err.contains("content/plans/111/fix-bridge.yaml:5: field `agnecy`"),
        "{err}"
    );
    insta::assert_snapshot!(err);
}

#[test]
fn missing_field() {
    let err = broken(|f| f.edit(PLAN, "  target_clarity: quantitative\n", ""));
    assert!(err.contains("content/plans/111/fix-bridge.yaml:"), "{err}");
    insta::assert_snapshot!(err);
    assert!(
        err.contains("field `facts.target_clarity`")
            && err.contains("the field `target_clarity` is missing")
            && err.contains("缺少欄位 `target_clarity`"),
        "{err}"
    );
}

#[test]
fn unknown_agency() {
    let err = broken(|f| f.edit(PLAN, "agency: alpha", "agency: gamma"));
    assert!(
        err.contains("content/plans/111/fix-bridge.yaml:4: field `agency`: unknown agency `gamma`"),
        "{err}"
    );
    insta::assert_snapshot!(err);
}

#[test]
fn duplicate_item_number_in_a_year() {
    let err = broken(|f| f.edit("content/plans/111/fix-ports.yaml", "item: 2", "item: 1"));
    assert!(
        err.contains("field `item`: item 1 of year 111 is also used by"),
        "{err}"
    );
    insta::assert_snapshot!(err);
    assert!(
        err.contains("fix-ports.yaml:3") || err.contains("fix-bridge.yaml:3"),
        "{err}"
    );
}

#[test]
fn percentage_outside_0_to_100() {
    let err = broken(|f| {
        f.edit(
            PLAN,
            "budget_execution: [80, 100, 100, 100]",
            "budget_execution: [80, 100, 120, 100]",
        )
    });
    insta::assert_snapshot!(err);
    assert!(err.contains("content/plans/111/fix-bridge.yaml:36: field `facts.budget_execution[2]`: 120 is outside 0–100 %"), "{err}");
    let err = broken(|f| f.edit(PLAN, "percent: 4.5", "percent: -3"));
    assert!(
        err.contains("fix-bridge.yaml:33: field `facts.lags[0].percent`"),
        "{err}"
    );
    insta::assert_snapshot!(err);
}

#[test]
fn missing_english_text_stops_only_a_strict_build() {
    // a warning for a plain build (tests/translation_pending.rs), an error with --strict
    let f = Fixture::new("minimal");
    f.build().unwrap();
    let before = snapshot(&f.out());
    f.edit(PLAN, "  en: Bridge maintenance plan\n", "");
    let out = cli(&["build", "--strict", "--root", f.root().to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(
        snapshot(&f.out()) == before,
        "public/ changed after a failed build"
    );
    let err = String::from_utf8(out.stderr)
        .unwrap()
        .replace(f.root().to_str().unwrap(), "[root]");
    assert!(
        err.contains(
            "content/plans/111/fix-bridge.yaml:5: field `name.en`: the English text is not written yet"
        ),
        "{err}"
    );
    insta::assert_snapshot!(err);
}

#[test]
fn every_problem_is_listed_once() {
    let err = broken(|f| {
        f.edit(PLAN, "agency: alpha", "agency: gamma");
        f.edit(
            "content/plans/111/fix-ports.yaml",
            "budget_execution: [100, 100, 100, 100]",
            "budget_execution: [100, 100, 100, 101]",
        );
        f.edit("content/plans/110/fix-bridge.yaml", "item: 3", "item: [3");
    });
    insta::assert_snapshot!(err);
    assert!(err.contains("3 problems found"), "{err}");
    assert_eq!(err.matches("unknown agency").count(), 1, "{err}");
    assert!(
        err.contains("fix-ports.yaml") && err.contains("110/fix-bridge.yaml"),
        "{err}"
    );
}

#[test]
fn unsafe_ids_cannot_write_outside_the_output() {
    let err = broken(|f| f.edit(PLAN, "id: fix-bridge", "id: ../../escape"));
    assert!(
        err.contains("field `id`") && err.contains("not a valid id"),
        "{err}"
    );
    insta::assert_snapshot!(err);
    let err = broken(|f| f.edit("content/agencies.yaml", "slug: alpha", "slug: ../alpha"));
    assert!(
        err.contains("content/agencies.yaml:5: field `agencies[0].slug`"),
        "{err}"
    );
    insta::assert_snapshot!(err);
}

#[test]
fn check_reports_the_same_problems_and_writes_nothing() {
    let f = Fixture::new("minimal");
    f.edit(PLAN, "agency: alpha", "agency: gamma");
    let out = cli(&["check", "--root", f.root().to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("unknown agency `gamma`"), "{err}");
    assert!(!f.out().exists());
    // word for word what `build` says
    let build = broken(|f| f.edit(PLAN, "agency: alpha", "agency: gamma"));
    assert_eq!(err, build.split("--- zh ---\n").next().unwrap());
    insta::assert_snapshot!(err);
}

#[test]
fn a_broken_template_is_reported_and_the_site_kept() {
    let err = broken(|f| {
        f.edit(
            "content/site.yaml",
            "publisher:",
            "theme: civic\npublisher:",
        );
        f.write(
            "themes/civic/templates/plan.html",
            "{% extends \"base.html\" %}{% block main %}{{ plan.nope }}{% endblock main %}",
        );
    });
    assert!(err.contains("plan.html"), "{err}");
    // the fields a template may use are the renderer's to change, not part of the message
    let err: Vec<String> = err
        .lines()
        .map(|l| match l.split_once("Available fields: ") {
            Some((head, _)) => format!("{head}Available fields: […]"),
            None => l.to_string(),
        })
        .collect();
    insta::assert_snapshot!(err.join("\n"));
}

#[test]
fn dates_that_do_not_exist_are_refused_with_file_line_and_field() {
    for date in ["2023-02-31", "2023-13-01"] {
        let err = broken(|f| {
            f.edit(
                "content/site.yaml",
                "updated: 2024-01-31",
                &format!("updated: {date}"),
            )
        });
        assert!(
            err.contains(&format!(
                "content/site.yaml:12: field `updated`: {date} does not exist"
            )),
            "{err}"
        );
        insta::assert_snapshot!(err);
        let err = broken(|f| {
            f.write(
                "content/years/111.yaml",
                &format!("year: 111\nsource:\n  title: {{zh: 評核, en: Review}}\n  date: {date}\n"),
            )
        });
        assert!(
            err.contains(&format!(
                "content/years/111.yaml:4: field `source.date`: {date} does not exist"
            )),
            "{err}"
        );
        insta::assert_snapshot!(err);
    }
}
