//! Turns a gongkai site into an equivalent Zola site, for the speed comparison in
//! `bench/run.sh`: the same records as Markdown pages in both languages (Chinese the default,
//! English a second language), agencies and years as taxonomies in both, Zola's search index on
//! (Fuse JSON, one per language), minified HTML, and templates that show the same things as
//! `examples/hugo_export.rs` (plan pages with the review and facts, plan, agency and year
//! lists, home).
//!
//! `cargo run --release --example zola_export -- SITE_ROOT ZOLA_DIR`, then
//! `zola --root ZOLA_DIR build --output-dir OUT` (Zola 0.22.1).

use gongkai::content::schema::{PlanFile, Text};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: zola_export SITE_ROOT ZOLA_DIR");
        std::process::exit(2);
    }
    let (root, out) = (PathBuf::from(&args[1]), PathBuf::from(&args[2]));
    if out.exists() {
        std::fs::remove_dir_all(&out).unwrap();
    }
    // the records as gongkai reads them: the exported site has exactly what gongkai builds
    let content = gongkai::content::load(&root).unwrap_or_else(|e| panic!("{e}"));
    let agencies = &content.agencies.value;
    write(&out.join("config.toml"), CONFIG);
    for (name, text) in TEMPLATES {
        write(&out.join("templates").join(name), text);
    }
    for (file, title) in [
        ("_index.md", "部會管制個案計畫評核"),
        ("_index.en.md", "Review of ministry-controlled plans"),
    ] {
        write(&out.join("content").join(file), &front(title, 0, ""));
        let plans = front(title, 0, "sort_by = \"weight\"\n");
        write(&out.join("content/plans").join(file), &plans);
    }
    let mut n = 0;
    for r in content.plans.iter().map(|p| &p.value) {
        let agency = agencies
            .agencies
            .iter()
            .find(|a| a.slug == r.agency)
            .unwrap();
        for (suffix, zh) in [("", true), (".en", false)] {
            let page = plan_page(r, &agency.name, zh);
            let file = format!("content/plans/{}-{}{suffix}.md", r.year, r.id);
            write(&out.join(file), &page);
        }
        n += 1;
    }
    eprintln!("wrote {n} plans × 2 languages into {}", out.display());
}

/// One plan's page in one language: TOML front matter (taxonomies, facts) and the review.
fn plan_page(r: &PlanFile, agency: &Text, zh: bool) -> String {
    let t = |x: &Text| if zh { x.zh.clone() } else { x.en.clone() };
    let mut s = String::new();
    writeln!(
        s,
        "[taxonomies]\nagencies = [{}]\nyears = [\"{}\"]",
        json(&t(agency)),
        r.year
    )
    .unwrap();
    writeln!(s, "[extra]\nitem = {}", r.item).unwrap();
    writeln!(s, "budget = {:?}", r.facts.budget_execution).unwrap();
    let lags: Vec<String> = r
        .facts
        .lags
        .iter()
        .map(|l| format!("Q{} {}%", l.quarter, l.percent))
        .collect();
    writeln!(s, "lags = {}", json(&lags.join(", "))).unwrap();
    let challenge = format!("{:?}", r.facts.target_challenge);
    writeln!(s, "challenge = {}", json(&challenge)).unwrap();
    writeln!(s, "on_time = {}", r.facts.reports.on_time).unwrap();
    writeln!(s, "special = {}", r.facts.special_performance).unwrap();
    let mut s = front(&t(&r.name), r.item, &s);
    let heads = if zh {
        ["一、行政作業", "二、經費運用", "三、特殊績效"]
    } else {
        [
            "1. Administrative work",
            "2. Budget use",
            "3. Special performance",
        ]
    };
    let bodies = [
        &r.review.administration,
        &r.review.budget,
        &r.review.performance,
    ];
    for (h, body) in heads.iter().zip(bodies) {
        writeln!(s, "\n### {h}\n\n{}", t(body)).unwrap();
    }
    s
}

/// Front matter: a title, a weight, then `rest` (TOML lines, tables last).
fn front(title: &str, weight: u32, rest: &str) -> String {
    format!(
        "+++\ntitle = {}\nweight = {weight}\n{rest}+++\n",
        json(title)
    )
}

/// A JSON string, which is also a TOML basic string.
fn json(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

fn write(p: &Path, text: &str) {
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

const CONFIG: &str = r#"base_url = "https://example.test"
title = "部會管制個案計畫評核"
default_language = "zh"
compile_sass = false
minify_html = true
build_search_index = true
generate_feeds = false
taxonomies = [{ name = "agencies" }, { name = "years" }]

[search]
index_format = "fuse_json"

[languages.en]
title = "Review of ministry-controlled plans"
build_search_index = true
taxonomies = [{ name = "agencies" }, { name = "years" }]
"#;

const TEMPLATES: &[(&str, &str)] = &[
    (
        "base.html",
        r##"<!DOCTYPE html><html lang="{{ lang }}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{% block title %}{{ config.title }}{% endblock title %}</title>{% if page %}{% for t in page.translations %}<link rel="alternate" hreflang="{{ t.lang }}" href="{{ t.permalink }}">{% endfor %}{% endif %}</head><body><a href="#main">skip</a><header><a href="{{ get_url(path="@/_index.md", lang=lang) }}">{{ config.title }}</a><nav><a href="{{ get_url(path="@/plans/_index.md", lang=lang) }}">plans</a> <a href="{% if lang == "en" %}/en{% endif %}/years/">years</a></nav></header><main id="main">{% block main %}{% endblock main %}</main><footer>about</footer></body></html>"##,
    ),
    (
        "page.html",
        r##"{% extends "base.html" %}{% block title %}{{ page.title }} | {{ config.title }}{% endblock title %}{% block main %}<article><h1>{{ page.title }}</h1><p>{% for a in page.taxonomies.agencies %}<a href="{{ get_taxonomy_url(kind="agencies", name=a, lang=lang) }}">{{ a }}</a>{% endfor %} {% for y in page.taxonomies.years %}<a href="{{ get_taxonomy_url(kind="years", name=y, lang=lang) }}">{{ y }}</a>{% endfor %} {{ page.extra.item }}</p>{{ page.content | safe }}<table><caption>facts</caption><tr><th>on time</th><td>{{ page.extra.on_time }}</td></tr><tr><th>lags</th><td>{{ page.extra.lags }}</td></tr><tr><th>challenge</th><td>{{ page.extra.challenge }}</td></tr>{% for v in page.extra.budget %}<tr><th>Q{{ loop.index }}</th><td>{{ v }}%</td></tr>{% endfor %}<tr><th>special</th><td>{{ page.extra.special }}</td></tr></table><svg viewBox="0 0 340 200" role="img"><title>budget</title>{% for v in page.extra.budget %}<rect x="{{ 60 + loop.index0 * 68 }}" y="{{ 160 - v * 1.3 }}" width="44" height="{{ v * 1.3 }}"/>{% endfor %}</svg></article>{% endblock main %}"##,
    ),
    (
        "section.html",
        r##"{% extends "base.html" %}{% block main %}<h1>{{ section.title }}</h1>{% set pages = section.pages %}{% include "plans_table.html" %}{% endblock main %}"##,
    ),
    (
        "index.html",
        r##"{% extends "base.html" %}{% block main %}<h1>{{ config.title }}</h1>{% set agencies = get_taxonomy(kind="agencies", lang=lang) %}<ul>{% for t in agencies.items %}<li><a href="{{ t.permalink }}">{{ t.name }}</a> {{ t.pages | length }}</li>{% endfor %}</ul>{% endblock main %}"##,
    ),
    (
        "taxonomy_list.html",
        r##"{% extends "base.html" %}{% block main %}<h1>{{ taxonomy.name }}</h1><ul>{% for t in terms %}<li><a href="{{ t.permalink }}">{{ t.name }}</a> {{ t.pages | length }}</li>{% endfor %}</ul>{% endblock main %}"##,
    ),
    (
        "taxonomy_single.html",
        r##"{% extends "base.html" %}{% block main %}<h1>{{ term.name }}</h1>{% set pages = term.pages %}{% include "plans_table.html" %}{% endblock main %}"##,
    ),
    (
        "plans_table.html",
        r##"<table><caption>plans</caption><thead><tr><th>item</th><th>plan</th><th>Q1</th><th>Q2</th><th>Q3</th><th>Q4</th><th>lags</th></tr></thead><tbody>{% for p in pages %}<tr><td>{{ p.extra.item }}</td><th><a href="{{ p.permalink }}">{{ p.title }}</a></th>{% for v in p.extra.budget %}<td>{{ v }}%</td>{% endfor %}<td>{{ p.extra.lags }}</td></tr>{% endfor %}</tbody></table>"##,
    ),
];
