//! `--base-url` (and `GONGKAI_BASE_URL`) put the deploy's own address in every absolute link:
//! canonical, hreflang, Open Graph's `og:url`, the sitemap, robots and the feeds; `site.yaml`'s
//! is then nowhere.

mod common;
use common::*;

fn every_text(dir: &std::path::Path) -> String {
    snapshot(dir)
        .into_iter()
        .filter(|(name, _)| !name.ends_with(".ods"))
        .map(|(name, bytes)| format!("{name}\n{}\n", String::from_utf8_lossy(&bytes)))
        .collect()
}

#[test]
fn a_base_url_given_replaces_the_settings_one_in_every_absolute_link() {
    let f = Fixture::new("minimal");
    let root = f.root().to_str().unwrap();
    let out = f.out();
    let built = cli(&[
        "build",
        "--root",
        root,
        "--base-url",
        "https://preview.example/",
    ]);
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let all = every_text(&out);
    let left: Vec<&str> = (all.lines())
        .filter(|l| l.contains("https://example.test"))
        .collect();
    assert!(left.is_empty(), "the settings' address is left: {left:?}");
    let home = f.read("index.html");
    assert!(
        has_element(
            &home,
            "link",
            &[("rel", "canonical"), ("href", "https://preview.example/")]
        ),
        "{home}"
    );
    assert!(
        has_element(
            &home,
            "link",
            &[("hreflang", "en"), ("href", "https://preview.example/en/")]
        ),
        "{home}"
    );
    // what a shared link previews: the deploy's own address
    assert!(
        has_element(
            &home,
            "meta",
            &[
                ("property", "og:url"),
                ("content", "https://preview.example/")
            ]
        ),
        "{home}"
    );
    assert!(has_element(
        &f.read("en/plans/111/fix-bridge/index.html"),
        "meta",
        &[
            ("property", "og:url"),
            (
                "content",
                "https://preview.example/en/plans/111/fix-bridge/"
            )
        ]
    ));
    assert!(f.read("sitemap.xml").contains("https://preview.example/"));
    assert!(f
        .read("robots.txt")
        .contains("Sitemap: https://preview.example/sitemap.xml"));
    assert!(f
        .read("feed.xml")
        .contains("https://preview.example/plans/"));

    // the same from the environment, as a deploy preview sets it
    let by_env = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["build", "--root", root])
        .env("GONGKAI_BASE_URL", "https://deploy-preview-7.example")
        .output()
        .unwrap();
    assert!(by_env.status.success());
    assert!(f
        .read("index.html")
        .contains("https://deploy-preview-7.example/"));
    assert!(!every_text(&out).contains("//preview.example"));

    // not an address: refused, naming it
    let bad = cli(&["build", "--root", root, "-u", "preview.example"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--base-url \"preview.example\""));
}
