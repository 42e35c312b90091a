//! `gongkai search`: answers a query from the tantivy index, in the terminal.

use crate::error::{Error, Result};
use crate::model::{Lang, Site};
use crate::search::answer::{Answer, Found};
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

/// The answer as the terminal shows it.
fn as_text(answer: &Answer) -> String {
    let mut out = String::new();
    if answer.limited {
        out.push_str(&format!(
            "note: only the first {} characters and {} terms of a query are searched\n",
            crate::search::tokenize::MAX_QUERY_CHARS,
            crate::search::tokenize::MAX_QUERY_TERMS
        ));
    }
    out.push_str(&headline(answer));
    for c in &answer.corrections {
        out.push_str(&format!(
            "did you mean {:?}? (searched instead of {:?})\n",
            c.searched, c.typed
        ));
    }
    for a in &answer.agencies {
        let (name, url) = (a.label.as_ref()).map_or(("", ""), |l| (&l.name, &l.url));
        let plans = plural_plans(a.plans);
        out.push_str(&format!("agency: {name} ({plans})  {url}\n"));
    }
    if !answer.missing.is_empty() {
        out.push_str(&format!("no plan is about: {}\n", answer.missing.join(" ")));
    }
    for s in &answer.suggestions {
        let kind = serde_json::to_value(s.kind).unwrap_or_default();
        let kind = kind.as_str().unwrap_or_default();
        let plans = plural_plans(s.plans);
        out.push_str(&format!("try: {} ({plans}; {kind})\n", s.query));
    }
    for (i, r) in answer.results.iter().enumerate() {
        out.push_str(&result(i, r));
    }
    out
}

/// The `i`th result: its title, agency, year and score, page, and snippet with the matches
/// in brackets.
fn result(i: usize, r: &Found) -> String {
    let snippet: String = r
        .snippet
        .iter()
        .map(|p| {
            let t = p.text.replace('\n', " ");
            if p.mark {
                format!("[{t}]")
            } else {
                t
            }
        })
        .collect();
    format!(
        "{:>3}. {}  ({}, {}; score {:.3})\n     {}\n     {}\n",
        i + 1,
        r.title,
        r.agency_name,
        r.year,
        r.score,
        r.url,
        snippet
    )
}

/// `n plan` or `n plans`.
fn plural_plans(n: usize) -> String {
    format!("{n} plan{}", if n == 1 { "" } else { "s" })
}

/// The answer's first line: how many plans match, or hold most of the words.
fn headline(answer: &Answer) -> String {
    let total = answer.total;
    let shown: String = answer.query.chars().take(80).collect();
    // one plan holds / matches, two plans hold / match
    let one = total == 1;
    if answer.partial && total > 0 {
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
