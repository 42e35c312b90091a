//! Turns a gongkai site into an equivalent Hugo site, for the speed comparison in
//! `bench/run.sh`: the same records as content files in both languages, and templates that show
//! the same things (plan pages with the review and facts, year and agency lists, home).
//! Hugo 0.111 (Debian 12) cannot build pages from data files, so content files are written.
//!
//! `cargo run --release --example hugo_export -- SITE_ROOT HUGO_DIR`

use gongkai::content::schema::{AgenciesFile, PlanFile};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (root, out) = (PathBuf::from(&args[1]), PathBuf::from(&args[2]));
    if out.exists() {
        std::fs::remove_dir_all(&out).unwrap();
    }
    let agencies: AgenciesFile =
        serde_yaml::from_str(&std::fs::read_to_string(root.join("content/agencies.yaml")).unwrap())
            .unwrap();
    write(&out.join("config.toml"), CONFIG);
    for (name, text) in LAYOUTS {
        write(&out.join("layouts").join(name), text);
    }
    let mut n = 0;
    for e in walkdir::WalkDir::new(root.join("content/plans")).sort_by_file_name() {
        let e = e.unwrap();
        if e.path().extension().is_none_or(|x| x != "yaml") {
            continue;
        }
        let r: PlanFile =
            serde_yaml::from_str(&std::fs::read_to_string(e.path()).unwrap()).unwrap();
        let agency = agencies
            .agencies
            .iter()
            .find(|a| a.slug == r.agency)
            .unwrap();
        for (lang, pick) in [("zh", 0), ("en", 1)] {
            let t = |x: &gongkai::content::schema::Text| {
                if pick == 0 {
                    x.zh.clone()
                } else {
                    x.en.clone()
                }
            };
            let mut s = String::from("---\n");
            writeln!(s, "title: {}", json(&t(&r.name))).unwrap();
            writeln!(s, "item: {}", r.item).unwrap();
            writeln!(s, "agencies: [{}]", json(&t(&agency.name))).unwrap();
            writeln!(s, "years: [\"{}\"]", r.year).unwrap();
            writeln!(s, "budget: {:?}", r.facts.budget_execution).unwrap();
            writeln!(
                s,
                "lags: {}",
                json(
                    &r.facts
                        .lags
                        .iter()
                        .map(|l| format!("Q{} {}%", l.quarter, l.percent))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            )
            .unwrap();
            writeln!(
                s,
                "challenge: {}",
                json(&format!("{:?}", r.facts.target_challenge))
            )
            .unwrap();
            writeln!(s, "on_time: {}", r.facts.reports.on_time).unwrap();
            writeln!(s, "special: {}", r.facts.special_performance).unwrap();
            s.push_str("---\n");
            let heads = if pick == 0 {
                ["一、行政作業", "二、經費運用", "三、特殊績效"]
            } else {
                [
                    "1. Administrative work",
                    "2. Budget use",
                    "3. Special performance",
                ]
            };
            for (h, body) in heads.iter().zip([
                &r.review.administration,
                &r.review.budget,
                &r.review.performance,
            ]) {
                writeln!(s, "\n### {h}\n\n{}", t(body)).unwrap();
            }
            write(
                &out.join(format!("content/plans/{}/{}.{lang}.md", r.year, r.id)),
                &s,
            );
        }
        n += 1;
    }
    eprintln!("wrote {n} plans × 2 languages into {}", out.display());
}

fn json(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

fn write(p: &Path, text: &str) {
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

const CONFIG: &str = r#"baseURL = "https://example.test/"
defaultContentLanguage = "zh"
disableKinds = ["RSS"]
[taxonomies]
  agency = "agencies"
  year = "years"
[languages]
  [languages.zh]
    languageCode = "zh-Hant-TW"
    title = "部會管制個案計畫評核"
    weight = 1
  [languages.en]
    languageCode = "en"
    title = "Review of ministry-controlled plans"
    weight = 2
[minify]
  minifyOutput = true
"#;

const LAYOUTS: &[(&str, &str)] = &[
    (
        "_default/baseof.html",
        r##"<!DOCTYPE html><html lang="{{ .Site.LanguageCode }}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{ .Title }} | {{ .Site.Title }}</title>{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">{{ end }}</head><body><a href="#main">skip</a><header><a href="{{ "/" | relLangURL }}">{{ .Site.Title }}</a>{{ range .Translations }}<a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.Lang }}</a>{{ end }}<nav><a href="{{ "/years/" | relLangURL }}">years</a> <a href="{{ "/agencies/" | relLangURL }}">agencies</a></nav></header><nav aria-label="breadcrumb"><a href="{{ "/" | relLangURL }}">home</a></nav><main id="main">{{ block "main" . }}{{ end }}</main><footer><a href="{{ "/about/" | relLangURL }}">about</a></footer></body></html>"##,
    ),
    (
        "_default/single.html",
        r##"{{ define "main" }}<article><h1>{{ .Title }}</h1><p>{{ range .Params.agencies }}<a href="{{ (print "/agencies/" (. | urlize) "/") | relLangURL }}">{{ . }}</a>{{ end }} {{ range .Params.years }}<a href="{{ (print "/years/" . "/") | relLangURL }}">{{ . }}</a>{{ end }} {{ .Params.item }}</p>{{ .Content }}<table><caption>facts</caption><tr><th>on time</th><td>{{ .Params.on_time }}</td></tr><tr><th>lags</th><td>{{ .Params.lags }}</td></tr><tr><th>challenge</th><td>{{ .Params.challenge }}</td></tr>{{ range $i, $v := .Params.budget }}<tr><th>Q{{ add $i 1 }}</th><td>{{ $v }}%</td></tr>{{ end }}<tr><th>special</th><td>{{ .Params.special }}</td></tr></table><svg viewBox="0 0 340 200" role="img"><title>budget</title>{{ range $i, $v := .Params.budget }}<rect x="{{ add 60 (mul $i 68) }}" y="{{ sub 160 (mul $v 1.3) }}" width="44" height="{{ mul $v 1.3 }}"/>{{ end }}</svg></article>{{ end }}"##,
    ),
    (
        "_default/list.html",
        r##"{{ define "main" }}<h1>{{ .Title }}</h1><table><caption>{{ .Title }}</caption><thead><tr><th>item</th><th>plan</th><th>Q1</th><th>Q2</th><th>Q3</th><th>Q4</th><th>lags</th></tr></thead><tbody>{{ range .Pages }}<tr><td>{{ .Params.item }}</td><th><a href="{{ .RelPermalink }}">{{ .Title }}</a></th>{{ range .Params.budget }}<td>{{ . }}%</td>{{ end }}<td>{{ .Params.lags }}</td></tr>{{ end }}</tbody></table>{{ end }}"##,
    ),
    (
        "_default/terms.html",
        r##"{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>{{ end }}"##,
    ),
    (
        "index.html",
        r##"{{ define "main" }}<h1>{{ .Site.Title }}</h1><p>{{ len (where .Site.RegularPages "Section" "plans") }}</p><ul>{{ range .Site.Taxonomies.agencies }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>{{ end }}"##,
    ),
];
