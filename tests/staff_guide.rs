//! The Chinese staff guide (`docs/staff.zh-TW.md`) works as written: every command in its
//! `sh` blocks is run, in order, on a copy of the real site with the ministry's 112 table
//! beside it, and must succeed. Between sections the test does what the guide tells staff to
//! do by hand (add the new agency, write the English, set `updated`).

use gongkai::content::schema::PlanFile;
use gongkai::import::to_yaml;

mod common;
use common::year112::{add_new_agency, table, ON_TIME};
use common::*;

/// The guide's commands, each with the number of the section (`## N.`) it is in.
fn commands(guide: &str) -> Vec<(u32, String)> {
    let mut section = 0;
    let mut in_sh = false;
    let mut out = Vec::new();
    for line in guide.lines() {
        if let Some(n) = line.strip_prefix("## ").and_then(|h| h.split('.').next()) {
            section = n.trim().parse().unwrap_or(section);
        }
        match line.trim() {
            "```sh" => in_sh = true,
            "```" => in_sh = false,
            l if in_sh && !l.is_empty() => out.push((section, l.to_string())),
            _ => {}
        }
    }
    out
}

/// What the guide asks staff to do by hand before the commands of `section`.
fn by_hand(f: &Fixture, section: u32) {
    match section {
        3 => add_new_agency(f),
        5 => write_english(f),
        7 => {
            let site = std::fs::read_to_string(f.root().join("content/site.yaml")).unwrap();
            let updated = site.lines().find(|l| l.starts_with("updated:")).unwrap();
            f.write(
                "content/site.yaml",
                &site.replace(updated, "updated: 2024-03-01"),
            );
        }
        _ => {}
    }
}

/// Every English text of 112 written, as translators do.
fn write_english(f: &Fixture) {
    let dir = f.root().join("content/plans/112");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let mut r: PlanFile =
            serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for t in [
            &mut r.name,
            &mut r.review.administration,
            &mut r.review.budget,
            &mut r.review.performance,
        ] {
            t.en = "The English text.".into();
            t.en_from = None;
        }
        std::fs::write(&path, to_yaml(&r)).unwrap();
    }
}

#[test]
fn every_command_of_the_staff_guide_runs_as_written() {
    let guide = std::fs::read_to_string("docs/staff.zh-TW.md").unwrap();
    let commands = commands(&guide);
    assert!(commands.len() >= 6, "{commands:?}");
    let f = Fixture::real();
    f.write("review-112.txt", &table("60", ON_TIME));
    let mut done = 0;
    for (section, line) in &commands {
        while done < *section {
            done += 1;
            by_hand(&f, done);
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(words[0], "gongkai", "{line}");
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .args(&words[1..])
            .current_dir(f.root())
            .env("LANG", "zh_TW.UTF-8")
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "`{line}` (section {section}) failed:\n{said}"
        );
        assert_plain(&said);
    }
    assert!(f
        .root()
        .join("public/plans/112/ilosh-112-8/index.html")
        .is_file());
}
