//! Under `serve`, an edit of a record's facts updates the finding lists and the agencies
//! comparison exactly as a full build would.

mod common;
use common::*;
use gongkai::build::incremental::Session;

fn listed(f: &Fixture, page: &str) -> bool {
    let html = f.read(page);
    html.contains("<tbody")
        && attr_values(between(&html, "<tbody", "</tbody>"), "href")
            .contains(&"/plans/111/fix-bridge/".to_string())
}

#[test]
fn a_facts_edit_moves_a_plan_between_finding_lists() {
    let f = Fixture::new("minimal");
    let (mut s, _) = Session::start(f.root(), &f.out()).unwrap();
    let plan = f.root().join("content/plans/111/fix-bridge.yaml");
    assert!(listed(&f, "years/111/special-performance/index.html"));
    assert!(listed(
        &f,
        "years/111/challenge-slightly-challenging/index.html"
    ));
    assert!(!listed(&f, "years/111/challenge-challenging/index.html"));

    // the facts with the text they are read from (check holds them to it)
    for (from, to) in [
        ("special_performance: true", "special_performance: false"),
        (
            "完成**重要**工作。",
            "特殊績效所列事項，同年度所設工作目標。",
        ),
        (
            "target_challenge: slightly_challenging",
            "target_challenge: challenging",
        ),
        ("年度目標略具挑戰性", "年度目標具挑戰性"),
    ] {
        f.edit("content/plans/111/fix-bridge.yaml", from, to);
    }
    let r = s.update(std::slice::from_ref(&plan)).unwrap();
    assert!(!r.full);
    assert!(!listed(&f, "years/111/special-performance/index.html"));
    assert!(listed(&f, "years/111/challenge-challenging/index.html"));
    assert!(!listed(
        &f,
        "years/111/challenge-slightly-challenging/index.html"
    ));

    // every file as a full build of the same content makes it
    let fresh = f.dir.path().join("fresh");
    gongkai::build::build(f.root(), &fresh).unwrap();
    let (a, b) = (snapshot(&f.out()), snapshot(&fresh));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (k, v) in &a {
        if v != &b[k] {
            let (x, y) = (String::from_utf8_lossy(v), String::from_utf8_lossy(&b[k]));
            let at = x
                .bytes()
                .zip(y.bytes())
                .position(|(p, q)| p != q)
                .unwrap_or(0);
            let show = |s: &str| {
                s.get(at.saturating_sub(200)..(at + 200).min(s.len()))
                    .unwrap_or("")
                    .to_string()
            };
            panic!(
                "{k} differs from a full build:\n{}\n----\n{}",
                show(&x),
                show(&y)
            );
        }
    }
}

/// `serve` may re-render a plan's page without its year's (the page of the same plan in
/// another year, for its links to other years): the page still shows the plan's listing
/// fields, made for it alone, and is the page a full build makes.
#[test]
fn a_plan_page_rendered_alone_is_the_full_builds() {
    use gongkai::build::{prepare, Keep};
    use gongkai::render::{pages::PageKey, render_site, Renderer, Scope, Timings};
    let f = Fixture::new("minimal");
    // the pages as rendered, to compare with a render
    let options = gongkai::build::Options {
        minify: Some(false),
        ..Default::default()
    };
    gongkai::build::build_with(f.root(), &f.out(), &gongkai::build::Quiet, &options).unwrap();
    let p = prepare(
        f.root(),
        Keep::ForRebuilds,
        &mut Vec::new(),
        &Default::default(),
    )
    .unwrap();
    let i = (p.site.plans.iter())
        .position(|x| x.record.id == "fix-bridge" && x.record.year == 111)
        .unwrap();
    let extras = gongkai::build::extras(&p.theme, p.minify).1;
    let written = std::sync::Mutex::new(std::collections::BTreeMap::new());
    let r = Renderer {
        site: &p.site,
        theme: &p.theme,
        tera: &p.tera,
        extras: &extras,
        timings: &Timings::default(),
        cache: &p.cache,
        data_sizes: &p.data_sizes,
    };
    let scope = Scope::Pages {
        keys: &[PageKey::Plan(i)],
        sitemap: false,
        feeds: false,
    };
    render_site(&r, scope, &|path, bytes| {
        written
            .lock()
            .unwrap()
            .insert(path.to_string(), bytes.to_vec());
        Ok(())
    })
    .unwrap();
    let written = written.into_inner().unwrap();
    for file in [
        "plans/111/fix-bridge/index.html",
        "en/plans/111/fix-bridge/index.html",
    ] {
        let page = String::from_utf8(written[file].clone()).unwrap();
        assert!(page.contains("<h1>"), "{file}");
        assert_eq!(page, f.read(file), "{file}");
    }
}
