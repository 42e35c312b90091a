//! An internal link and anchor check over the whole built site, for the fixture and the real
//! content: every href and src inside the site resolves to a file, and every #fragment to an id.

mod common;
use common::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn check_links(out: &Path, base_url: &str) {
    let files = snapshot(out);
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, bytes) in &files {
        if path.ends_with(".html") {
            ids.insert(
                path.clone(),
                attr_values(&String::from_utf8_lossy(bytes), "id")
                    .into_iter()
                    .collect(),
            );
        }
    }
    let mut broken = Vec::new();
    let mut checked = 0;
    for (path, bytes) in &files {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        for link in attr_values(&html, "href")
            .into_iter()
            .chain(attr_values(&html, "src"))
        {
            let local = link.strip_prefix(base_url).unwrap_or(&link);
            if local.starts_with("mailto:")
                || local.starts_with("http://")
                || local.starts_with("https://")
            {
                continue;
            }
            let (target, fragment) = local.split_once('#').unwrap_or((local, ""));
            let target_file = if target.is_empty() {
                path.clone()
            } else {
                assert!(target.starts_with('/'), "{path}: relative link {link}");
                let t = target.split('?').next().unwrap().trim_start_matches('/');
                if t.is_empty() || t.ends_with('/') {
                    format!("{t}index.html")
                } else {
                    t.to_string()
                }
            };
            checked += 1;
            if !files.contains_key(&target_file) {
                broken.push(format!("{path}: {link} (no {target_file})"));
            } else if !fragment.is_empty()
                && !ids.get(&target_file).is_some_and(|s| s.contains(fragment))
            {
                broken.push(format!("{path}: {link} (no id {fragment})"));
            }
        }
    }
    assert!(checked > 100, "only {checked} links checked");
    assert!(
        broken.is_empty(),
        "{} broken links:\n{}",
        broken.len(),
        broken.join("\n")
    );
}

#[test]
fn fixture_site_has_no_broken_internal_links() {
    let f = Fixture::new("minimal");
    f.build().unwrap();
    check_links(&f.out(), "https://example.test");
}

#[test]
fn real_site_has_no_broken_internal_links() {
    let f = Fixture::real();
    f.build().unwrap();
    check_links(&f.out(), "https://gongkai.netlify.app");
}
