//! A query's answer as JSON, for `gongkai search --json` and `serve`'s `/api/search`.

use crate::error::Result;
use crate::index::{Query, SearchIndex};
use crate::{snippet, status, suggest, tokenize};

/// The answer to `q` as JSON, for `gongkai search --json` and `serve`'s `/api/search`:
/// `{"query", "terms", "total", "partial", "missing", "limited", "agencies": [{"slug", "name",
/// "url", "plans"}], "results": [{"url", "title", "agency", "agency_name", "agency_url",
/// "year", "score", "snippet": [{"text", "mark"}]}]}`. `agencies` are those the query names. `partial` says no plan holds
/// every term (the results hold most of them), `missing` lists the query's terms no plan
/// holds, `corrections` the typos searched as another word ([typed, searched]: did you mean),
/// `limited` that the query was cut to the limits of [`tokenize::bounded`], `suggestions`
/// the queries offered when nothing (or only part) was found: `[{"query", "kind", "plans"}]`
/// ([`suggest`]).
pub fn answer(index: &SearchIndex, q: &Query, limit: usize) -> Result<serde_json::Value> {
    let (analysis, outcome) = index.run(q, limit)?;
    let mut terms: Vec<String> = Vec::new();
    for t in analysis.words.iter().flat_map(|w| w.terms()) {
        if !terms.contains(t) {
            terms.push(t.clone());
        }
    }
    let corrections = &analysis.corrections;
    let missing = &outcome.missing;
    let suggestions = suggest::suggest(index, q, &outcome)?;
    // agencies the query names, above the plans, with their number of plans
    let agencies: Vec<_> = index
        .named_agencies(&terms)
        .into_iter()
        .map(|a| {
            let label = index.agency_labels.get(a);
            serde_json::json!({
                "slug": index.agency_slugs[a],
                "name": label.map(|l| l.name.as_str()),
                "url": label.map(|l| l.url.as_str()),
                "plans": index.docs.iter().filter(|d| d.agency == a).count(),
            })
        })
        .collect();
    let results: Vec<_> = outcome
        .hits
        .iter()
        .map(|h| {
            let d = &index.docs[h.doc];
            serde_json::json!({
                "url": d.url,
                "title": d.title,
                "agency": index.agency_slugs[d.agency],
                "agency_name": d.agency_name,
                "agency_url": index.agency_labels.get(d.agency).map(|l| l.url.as_str()),
                "year": d.year,
                "score": h.score,
                "snippet": snippet::snippet(&d.body, &terms, &index.synonyms),
            })
        })
        .collect();
    Ok(serde_json::json!({
        "query": tokenize::bounded(&q.text).0,
        "terms": terms,
        "agency": q.agency,
        "year": q.year,
        "status": q.status,
        "statuses": status::keys(analysis.named),
        "negated": status::keys(analysis.negated),
        "total": outcome.total,
        "partial": outcome.partial,
        "missing": missing,
        "limited": tokenize::over_limits(&q.text),
        "corrections": corrections,
        "agencies": agencies,
        "suggestions": suggestions,
        "results": results,
    }))
}
