//! `gongkai search`: answers a query from the tantivy index, in the terminal.

use crate::error::{Error, Result};
use crate::model::{Lang, Site};
use crate::search::{self, Query, SearchIndex};
use std::path::Path;

/// Loads the site under `root`, indexes `lang` and answers `q`: as text, or as the JSON that
/// `serve`'s `/api/search` returns.
pub fn run(root: &Path, lang: Lang, q: &Query, limit: usize, json: bool) -> Result<String> {
    let content = crate::content::load(root)?;
    let site = Site::build(&content, Default::default());
    let index = index_of(&site, lang)?;
    search::check_filters(&index, q)?;
    let answer = search::answer(&index, q, limit)?;
    if json {
        return serde_json::to_string_pretty(&answer).map_err(|e| {
            Error::failed(
                crate::error::Msg::new("search answer as JSON", "以 JSON 輸出搜尋結果"),
                e,
            )
        });
    }
    Ok(as_text(&answer))
}

/// The index of one language of `site`.
pub fn index_of(site: &Site, lang: Lang) -> Result<SearchIndex> {
    Ok(SearchIndex::build_with(
        lang,
        search::docs(site, lang),
        search::agency_slugs(site),
        search::synonyms(site, lang),
    )?
    .with_labels(search::agency_names(site, lang))
    .with_related(site.related.of(lang).clone()))
}

fn as_text(answer: &serde_json::Value) -> String {
    let total = answer["total"].as_u64().unwrap_or(0);
    let mut out = String::new();
    if answer["limited"].as_bool() == Some(true) {
        out.push_str(&format!(
            "note: only the first {} characters and {} terms of a query are searched\n",
            crate::search::tokenize::MAX_QUERY_CHARS,
            crate::search::tokenize::MAX_QUERY_TERMS
        ));
    }
    out.push_str(&headline(answer, total));
    let str_of = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_string();
    out.push_str(&lines(answer, "corrections", |c| {
        format!(
            "did you mean {:?}? (searched instead of {:?})",
            str_of(&c[1]),
            str_of(&c[0])
        )
    }));
    let plans = plural_plans;
    out.push_str(&lines(answer, "agencies", |a| {
        let (name, url) = (str_of(&a["name"]), str_of(&a["url"]));
        let n = a["plans"].as_u64().unwrap_or(0);
        format!("agency: {name} ({})  {url}", plans(n))
    }));
    let missing: Vec<&str> = answer["missing"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m.as_str())
        .collect();
    if !missing.is_empty() {
        out.push_str(&format!("no plan is about: {}\n", missing.join(" ")));
    }
    out.push_str(&lines(answer, "suggestions", |s| {
        let (query, kind) = (str_of(&s["query"]), str_of(&s["kind"]));
        let n = s["plans"].as_u64().unwrap_or(0);
        format!("try: {query} ({}; {kind})", plans(n))
    }));
    for (i, r) in answer["results"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        let snippet: String = r["snippet"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|p| {
                let t = p["text"].as_str().unwrap_or_default().replace('\n', " ");
                if p["mark"].as_bool() == Some(true) {
                    format!("[{t}]")
                } else {
                    t
                }
            })
            .collect();
        out.push_str(&format!(
            "{:>3}. {}  ({}, {}; score {:.3})\n     {}\n     {}\n",
            i + 1,
            r["title"].as_str().unwrap_or_default(),
            r["agency_name"].as_str().unwrap_or_default(),
            r["year"],
            r["score"].as_f64().unwrap_or_default(),
            r["url"].as_str().unwrap_or_default(),
            snippet
        ));
    }
    out
}

/// `n plan` or `n plans`.
fn plural_plans(n: u64) -> String {
    format!("{n} plan{}", if n == 1 { "" } else { "s" })
}

/// The answer's first line: how many plans match, or hold most of the words.
fn headline(answer: &serde_json::Value, total: u64) -> String {
    let query = answer["query"].as_str().unwrap_or_default();
    let shown: String = query.chars().take(80).collect();
    // one plan holds / matches, two plans hold / match
    let one = total == 1;
    if answer["partial"].as_bool() == Some(true) && total > 0 {
        let verb = if one { "holds" } else { "hold" };
        format!(
            "{} {verb} most (not all) of the words of {shown:?}\n",
            plural_plans(total)
        )
    } else {
        let verb = if one { "matches" } else { "match" };
        format!("{} {verb} {shown:?}\n", plural_plans(total))
    }
}

/// The entries of the answer's list `key`, one a line as `line` writes it.
fn lines(
    answer: &serde_json::Value,
    key: &str,
    line: impl Fn(&serde_json::Value) -> String,
) -> String {
    let entries = answer[key].as_array().into_iter().flatten();
    entries.map(|e| line(e) + "\n").collect()
}
