//! `build` minifies every page (minify-html) unless `site.yaml` says `minify: false`: a
//! minified page is smaller and shows a reader the same text and links; a rebuild minifies
//! only the pages that rendered differently; templates are what the template engine reads,
//! so its errors name the template's own lines.

mod common;
use common::*;
use gongkai::build::{build_with, Options, Quiet, Report};
use gongkai::output::minify::{is_page, CACHE};
use std::collections::BTreeMap;
use std::path::Path;

/// Builds `f` into `out`, pages minified or not whatever `site.yaml` says.
fn build(f: &Fixture, out: &Path, minify: bool) -> Report {
    let options = Options {
        minify: Some(minify),
        ..Default::default()
    };
    build_with(f.root(), out, &Quiet, &options).unwrap()
}

/// The pages of a built site, as text.
fn pages(out: &Path) -> BTreeMap<String, String> {
    (snapshot(out).into_iter())
        .filter(|(rel, _)| is_page(rel))
        .map(|(rel, bytes)| (rel, String::from_utf8(bytes).unwrap()))
        .collect()
}

#[test]
fn a_minified_page_is_smaller_and_shows_the_same_text_and_links() {
    let f = Fixture::real();
    let (min, raw) = (f.dir.path().join("min"), f.dir.path().join("raw"));
    let report = build(&f, &min, true);
    build(&f, &raw, false);
    let (min, raw) = (pages(&min), pages(&raw));
    assert_eq!(
        min.keys().collect::<Vec<_>>(),
        raw.keys().collect::<Vec<_>>()
    );
    assert_eq!(report.minified, Some(min.len()));
    assert!(min.len() > 100, "{} pages", min.len());
    for (rel, page) in &min {
        let unminified = &raw[rel];
        assert!(page.len() < unminified.len(), "{rel} is no smaller");
        // what a reader sees: the same words, no two of them run together
        assert_eq!(
            visible_text(page),
            visible_text(unminified),
            "{rel}: the text differs"
        );
        for attr in ["href", "src", "id", "lang", "aria-label"] {
            assert_eq!(
                unhashed(attr_values(page, attr)),
                unhashed(attr_values(unminified, attr)),
                "{rel}: {attr} differs"
            );
        }
    }
}

/// Links with a script's fingerprint left out: a minified site's scripts are minified too,
/// so their names differ.
fn unhashed(values: Vec<String>) -> Vec<String> {
    let name = |v: String| match v.strip_suffix(".js").and_then(|s| s.rsplit_once('.')) {
        Some((stem, hash)) if hash.len() == 8 && v.starts_with("/static/js/") => {
            format!("{stem}.js")
        }
        _ => v,
    };
    values.into_iter().map(name).collect()
}

#[test]
fn a_minified_site_publishes_its_scripts_minified() {
    let f = Fixture::real();
    let (min, raw) = (f.dir.path().join("min"), f.dir.path().join("raw"));
    build(&f, &min, true);
    build(&f, &raw, false);
    let scripts = |out: &Path| -> BTreeMap<String, usize> {
        (snapshot(out).into_iter())
            .filter(|(rel, _)| rel.starts_with("static/js/"))
            .map(|(rel, bytes)| (unhashed(vec![format!("/{rel}")]).remove(0), bytes.len()))
            .collect()
    };
    let (min, raw) = (scripts(&min), scripts(&raw));
    assert_eq!(
        min.keys().collect::<Vec<_>>(),
        raw.keys().collect::<Vec<_>>()
    );
    assert!(min.len() >= 3, "{min:?}");
    for (name, len) in &min {
        assert!(
            *len * 10 < raw[name] * 9,
            "{name}: {len} of {} bytes",
            raw[name]
        );
    }
}

#[test]
fn a_rebuild_minifies_only_the_pages_that_rendered_differently() {
    let f = Fixture::real();
    let out = f.out();
    let first = build(&f, &out, true);
    let all = pages(&out).len();
    assert_eq!(first.minified, Some(all));
    // nothing changed: every page taken back as published
    assert_eq!(build(&f, &out, true).minified, Some(0));
    // one record's English review changes its pages, and only those (counted unminified)
    let before = f.dir.path().join("before");
    build(&f, &before, false);
    f.edit(
        "content/plans/111/mol-office-building.yaml",
        "By moving into the Zhiqing Building",
        "On moving into the Zhiqing Building",
    );
    let after = f.dir.path().join("after");
    build(&f, &after, false);
    let (before, after) = (pages(&before), pages(&after));
    let changed = (before.iter())
        .filter(|(rel, p)| after[*rel] != **p)
        .count();
    assert!(changed > 0 && changed < all / 2, "{changed} of {all} pages");
    assert_eq!(build(&f, &out, true).minified, Some(changed));
    // and the site is the one a build from nothing makes, byte for byte
    let fresh = f.dir.path().join("fresh");
    assert_eq!(build(&f, &fresh, true).minified, Some(all));
    assert!(
        snapshot(&out) == snapshot(&fresh),
        "differs from a fresh build"
    );
}

#[test]
fn minify_false_in_site_yaml_publishes_pages_as_rendered() {
    let f = Fixture::new("minimal").unminified();
    let report = f.build().unwrap();
    assert_eq!(report.minified, None);
    assert!(!f.out().join(CACHE).exists());
    // as the template writes it: quoted attributes, one element a line
    let home = f.read("index.html");
    assert!(
        home.contains("<html lang=\"zh-Hant-TW\">\n<head>\n<meta charset=\"utf-8\">\n"),
        "{home}"
    );
    // what a build is told wins over site.yaml, both ways
    let forced = f.dir.path().join("forced");
    assert_eq!(
        build(&f, &forced, true).minified,
        Some(pages(&forced).len())
    );
    assert!(std::fs::read_to_string(forced.join("index.html"))
        .unwrap()
        .starts_with("<!doctype html><html lang=zh-Hant-TW><head><meta charset=utf-8>"));
    // turned off over a minified site: pages as rendered, the cache gone with them
    build(&f, &forced, false);
    assert!(!forced.join(CACHE).exists());
    assert_eq!(pages(&forced), pages(&f.out()));
}

#[test]
fn a_template_error_names_the_line_of_the_template_file() {
    let f = Fixture::new("minimal");
    // a theme's page, indented as people write them: whitespace between block elements on
    // the lines before the error
    f.write(
        "themes/default/templates/404.html",
        "{% extends \"base.html\" %}\n{% block main %}\n<div>\n  <p>\n    Not found.\n  </p>\n</div>\n<p>{{ page.title </p>\n{% endblock main %}\n",
    );
    let err = f.build().unwrap_err().to_string();
    assert!(err.contains("404.html:8:"), "{err}");
    assert!(err.contains("<p>{{ page.title </p>"), "{err}");
}

#[test]
fn a_sites_own_script_is_published_as_written_however_deep_it_nests() {
    // the minifier's parser recurses as deep as a script nests: a site's replacement
    // script nesting 200,000 brackets would overflow its stack, so it is left as written
    let f = Fixture::real();
    let n = 200_000;
    let script = format!("var x = {}1{};\n", "(".repeat(n), ")".repeat(n));
    f.write("themes/default/static/js/table.js", &script);
    let out = f.out();
    build(&f, &out, true);
    let published: Vec<Vec<u8>> = (snapshot(&out).into_iter())
        .filter(|(rel, _)| rel.starts_with("static/js/table."))
        .map(|(_, bytes)| bytes)
        .collect();
    assert_eq!(published, [script.into_bytes()]);
    // the built-in ones are still minified
    let search = (snapshot(&out).into_iter())
        .find(|(rel, _)| rel.starts_with("static/js/search.") && !rel.contains('-'))
        .unwrap();
    assert!(!String::from_utf8(search.1).unwrap().contains("\n  //"));
}
