//! A differential property test of the search's two implementations: random texts (CJK,
//! compatibility characters, combining marks, full-width forms, Simplified characters,
//! Latin, Greek and Cyrillic words, digits, numbers, quarters, punctuation) go through the
//! Rust tokenizer and the browser's (`js/search.js` under Node, through
//! `tests/js/differential.mjs`), and random queries made of the real content's words, slips
//! and noise through both query analyses and rankings over the real site's export; each side
//! must give the same output (snippets and suggestions included). One Node process answers
//! every case of a test, so a case costs a line each way. 1,000 texts and 500 queries keep it
//! to seconds; `PROPTEST_CASES=N` runs N of each.

mod common;
use common::ranking::same_ranking;
use gongkai::model::Lang;
use gongkai::search::{self, tokenize, Query, SearchIndex};
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, ChildStdout};
use std::sync::{Mutex, OnceLock};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The Node worker, one JSON line each way.
struct Worker {
    _child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl Worker {
    /// Starts `tests/js/differential.mjs` over the export in `site` and sets it up.
    fn start(site: &Path, real: &Real) -> Worker {
        let site = site.to_string_lossy();
        let args = ["tests/js/differential.mjs", site.as_ref()];
        let mut child = common::node_piped(&args, "the differential search test");
        let stdin = child.stdin.take().unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let mut w = Worker {
            _child: child,
            stdin,
            stdout,
        };
        let fold: String = search::fold::table()
            .iter()
            .flat_map(|(s, t)| [*s, *t])
            .collect();
        let syn = |lang: Lang| real.lang(lang).synonyms.rows();
        w.ask(&json!({
            "op": "setup",
            "tok": search::manifest::Tok::new(),
            "fold": fold,
            "syn": {"zh": syn(Lang::Zh), "en": syn(Lang::En)},
            "limits": {"chars": tokenize::MAX_QUERY_CHARS, "terms": tokenize::MAX_QUERY_TERMS},
        }));
        w
    }

    /// Sends one request and reads its answer.
    fn ask(&mut self, request: &Value) -> Value {
        writeln!(self.stdin, "{request}").unwrap();
        self.stdin.flush().unwrap();
        let mut line = String::new();
        self.stdout.read_line(&mut line).unwrap();
        let answer: Value = serde_json::from_str(&line).expect("the worker answers JSON");
        assert!(answer.get("error").is_none(), "{request}: {answer}");
        answer
    }
}

/// The real content's indexes, its export written to a folder, and what the generators draw
/// from.
struct Real {
    indexes: [SearchIndex; 2],
    /// Where the export is written (a folder of the target's, written again by each run: a
    /// static is never dropped, so a temporary folder would be left behind).
    site: std::path::PathBuf,
    /// Pieces of the content: bigrams, words, synonyms, status and stop words.
    pieces: Vec<String>,
}

impl Real {
    fn lang(&self, lang: Lang) -> &SearchIndex {
        &self.indexes[usize::from(lang == Lang::En)]
    }
}

/// The real site, indexed and exported once per test process.
fn real() -> &'static Real {
    static REAL: OnceLock<Real> = OnceLock::new();
    REAL.get_or_init(|| {
        let content = gongkai::content::load(Path::new(ROOT)).unwrap();
        let site = gongkai::model::Site::build(&content, Default::default());
        let index = |lang| gongkai::cmd::search::index_of(&site, lang).unwrap();
        let indexes = [index(Lang::Zh), index(Lang::En)];
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("search-differential");
        let _ = std::fs::remove_dir_all(&dir);
        let mut pieces = std::collections::BTreeSet::new();
        for (lang, index) in Lang::ALL.into_iter().zip(&indexes) {
            let names = search::agency_names(&site, lang);
            for (path, bytes) in search::export::export(index, &names).unwrap().files {
                let path = dir.join(path);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, bytes).unwrap();
            }
            pieces.extend(content_pieces(index));
        }
        Real {
            indexes,
            site: dir,
            pieces: pieces.into_iter().collect(),
        }
    })
}

/// Words and Han bigrams and trigrams of the documents' titles and agencies, the synonyms'
/// members and the status words: what a query is made of.
fn content_pieces(index: &SearchIndex) -> Vec<String> {
    let mut out = Vec::new();
    for d in &index.docs {
        for run in tokenize::runs(&format!("{} {}", d.title, d.agency_name)) {
            let text = run.text();
            let chars: Vec<char> = text.chars().collect();
            if !run.han {
                out.push(text);
                continue;
            }
            for n in [2, 3, 4] {
                out.extend(chars.windows(n).map(|w| w.iter().collect::<String>()));
            }
        }
    }
    for g in index.synonyms.rows() {
        out.extend(g.members.iter().map(|m| m.join(" ")));
    }
    for st in search::status::STATUSES {
        out.extend(st.words.iter().map(|w| w.to_string()));
    }
    out
}

/// One worker per test, started on first use.
fn worker(slot: &'static OnceLock<Mutex<Worker>>) -> std::sync::MutexGuard<'static, Worker> {
    slot.get_or_init(|| Mutex::new(Worker::start(&real().site, real())))
        .lock()
        .unwrap_or_else(|e| e.into_inner())
}

/// A character from one of `ranges` (inclusive code points; those that are not characters
/// are skipped by taking the range's first).
fn in_ranges(ranges: &'static [(u32, u32)]) -> BoxedStrategy<String> {
    select(ranges)
        .prop_flat_map(|(lo, hi)| lo..=hi)
        .prop_map(move |u| char::from_u32(u).unwrap_or(' ').to_string())
        .boxed()
}

/// One piece of a random text: a character or a short run of one kind.
fn piece() -> BoxedStrategy<String> {
    let fold: Vec<String> = search::fold::table()
        .keys()
        .map(|c| c.to_string())
        .collect();
    let variants: Vec<String> = tokenize::VARIANTS
        .iter()
        .flat_map(|(a, b)| [a.to_string(), b.to_string()])
        .collect();
    prop_oneof![
        // Han: the common block, the extensions, compatibility ideographs, 〇
        4 => in_ranges(&[(0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x2A6DF), (0x30000, 0x3134F), (0xF900, 0xFAFF), (0x3007, 0x3007)]),
        2 => select(fold),
        1 => select(variants),
        // compatibility characters: CJK compatibility, enclosed, half-width, ligatures, Roman numerals
        2 => in_ranges(&[(0x3200, 0x33FF), (0x2460, 0x24FF), (0xFF61, 0xFF9F), (0xFB00, 0xFB06), (0x2160, 0x217F), (0x2100, 0x214F), (0x1D400, 0x1D7FF), (0x00A0, 0x00BF)]),
        // combining marks, dropped and kept
        3 => in_ranges(&[(0x0300, 0x036F), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF), (0xFE20, 0xFE2F), (0x0483, 0x0489), (0x3099, 0x309A)]),
        // full-width ASCII and the ideographic space
        2 => in_ranges(&[(0xFF01, 0xFF5E), (0x3000, 0x3000)]),
        // letters: ASCII words, accented Latin, Greek, Cyrillic, special cases
        3 => "[a-zA-Z]{1,9}",
        2 => in_ranges(&[(0x00C0, 0x024F), (0x0370, 0x03FF), (0x0400, 0x04FF), (0x1E00, 0x1EFF)]),
        1 => select(vec!["İ", "ß", "ẞ", "ς", "ΐ", "ǅ", "ŉ", "ſt", "Å", "K"]).prop_map(String::from),
        // digits and numbers: decimals, thousands, quarters
        3 => "[0-9]{1,5}",
        2 => "[0-9]{1,3}[.,][0-9]{1,4}([.,][0-9]{1,3})?",
        2 => "(第 ?[0-59] ?季|[qQＱ][0-59]|[0-9]q[1-4])",
        // other digits: Arabic-Indic, Devanagari, full-width, circled, superscript
        1 => in_ranges(&[(0x0660, 0x0669), (0x0966, 0x096F), (0xFF10, 0xFF19), (0x00B2, 0x00B3)]),
        // punctuation and spaces
        3 => select(vec![" ", " ", "  ", "\t", "\n", ".", ",", "-", "'", "(", ")", "/", "、", "。", "，", "「", "」", "（", "）", "・", "—", "…", "\u{200b}", "\u{a0}", "%", "&"]).prop_map(String::from),
        2 => in_ranges(&[(0x0021, 0x002F), (0x003A, 0x0040), (0x3001, 0x303F), (0x2010, 0x2027), (0xFE30, 0xFE4F)]),
        // emoji and the rest of the astral planes' symbols
        1 => in_ranges(&[(0x1F300, 0x1F6FF), (0x1F900, 0x1F9FF)]),
    ]
    .boxed()
}

/// A random text: up to 40 pieces.
fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 0..40).prop_map(|p| p.concat())
}

/// A random query: pieces of the content, slipped or spaced, with some noise.
fn query() -> impl Strategy<Value = (String, bool)> {
    let pieces = real().pieces.clone();
    let part = prop_oneof![
        6 => select(pieces),
        2 => piece(),
        1 => Just(" ".to_string()),
    ];
    (proptest::collection::vec(part, 1..6), any::<bool>())
        .prop_map(|(p, typing)| (p.concat(), typing))
}

/// Tokens as both sides give them: (term, position, the original text covered).
fn covered(text: &str, tokens: Vec<tokenize::Token>) -> Value {
    let rows: Vec<Value> = tokens
        .into_iter()
        .map(|t| json!([t.text.as_str(), t.position, &text[t.from..t.to]]))
        .collect();
    Value::Array(rows)
}

/// What the Rust tokenizer makes of `text`, in the worker's shape, its snippet for `terms`.
fn rust_text(lang: Lang, text: &str, terms: &[String]) -> Value {
    let syn = &real().lang(lang).synonyms;
    let runs: Vec<Value> = tokenize::runs(text)
        .into_iter()
        .map(|r| {
            let chars: Vec<Value> = r
                .chars
                .iter()
                .map(|c| json!([c.0.to_string(), &text[c.1..c.2]]))
                .collect();
            json!({"han": r.han, "position": r.position, "chars": chars})
        })
        .collect();
    json!({
        "tokens": covered(text, tokenize::tokenize(text)),
        "analyze": covered(text, syn.analyze(text)),
        "units": covered(text, tokenize::units(text)),
        "runs": runs,
        "over": tokenize::over_limits(text),
        "bounded": tokenize::bounded(text).0,
        "snippet": search::snippet::snippet(text, terms, syn).into_iter().map(|p| json!([p.text, p.mark])).collect::<Vec<_>>(),
    })
}

/// The terms a snippet of `text` marks: those of `query` and of the middle of `text` (so
/// that some match).
fn snippet_terms(lang: Lang, text: &str, query: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let middle: String = chars[chars.len() / 3..2 * chars.len() / 3].iter().collect();
    let syn = &real().lang(lang).synonyms;
    let terms = tokenize::query_with(&format!("{middle} {query}"), syn);
    terms.into_iter().map(|t| t.text).collect()
}

/// What the Rust engine makes of a query, in the worker's shape (`top` without scores,
/// which the two sides count differently).
fn rust_query(lang: Lang, text: &str, typing: bool) -> (Value, Vec<usize>) {
    let index = real().lang(lang);
    let q = Query {
        text: text.to_string(),
        typing,
        ..Query::default()
    };
    let (a, outcome) = index.run(&q, 10).unwrap();
    let suggestions = search::suggest::suggest(index, &q, &outcome).unwrap();
    let words: Vec<Value> = a
        .words
        .iter()
        .map(|w| {
            let alts: Vec<Value> = w
                .alts
                .iter()
                .map(|x| json!({"related": x.related, "slots": x.slots}))
                .collect();
            json!({"typed": w.typed, "alts": alts})
        })
        .collect();
    let terms: Vec<String> = a.words.iter().flat_map(|w| w.terms()).cloned().collect();
    let value = json!({
        "words": {"words": words, "corrections": a.corrections, "named": a.named, "negated": a.negated, "incomplete": a.incomplete},
        "total": outcome.total,
        "partial": outcome.partial,
        "missing": outcome.missing,
        "corrections": a.corrections,
        "named": index.named_agencies(&terms),
        "suggestions": suggestions,
    });
    (value, outcome.hits.iter().map(|h| h.doc).collect())
}

/// Whether the text holds a character Node's Unicode tables do not know (`\p{Cn}`) and the
/// two sides make different things of: Rust's tables may be newer (Unicode adds characters
/// every year: U+1D6A6 is ß to Rust's NFKC table and unknown to Node's), see
/// [`every_code_point_is_normalized_and_classed_alike_unless_the_browser_does_not_know_it`].
/// The worker's list of such characters, each as it makes it alone, is taken out of the
/// answer; a character it does not know but makes the same of (the Han ranges, shipped in
/// the manifest, class one as Han) is no reason to skip the case.
fn newer_in_rust(js: &mut Value) -> bool {
    let unknown = js.as_object_mut().unwrap().remove("unknown");
    let unknown: Vec<(char, String)> = serde_json::from_value(unknown.unwrap()).unwrap();
    unknown.into_iter().any(|(c, js)| rust_char(c) != js)
}

/// `default` cases, or as many as `PROPTEST_CASES` says (a longer run, by hand).
fn cases(default: u32) -> ProptestConfig {
    let env = std::env::var("PROPTEST_CASES").ok();
    ProptestConfig::with_cases(env.and_then(|n| n.parse().ok()).unwrap_or(default))
}

static TEXT_WORKER: OnceLock<Mutex<Worker>> = OnceLock::new();
static QUERY_WORKER: OnceLock<Mutex<Worker>> = OnceLock::new();

/// Each code point alone as the Rust tokenizer makes it, in the worker's shape.
fn rust_char(c: char) -> String {
    let mut n = String::new();
    tokenize::normalize_char(c, &mut n);
    let tokens: Vec<String> = tokenize::tokenize(c.encode_utf8(&mut [0; 4]))
        .into_iter()
        .map(|t| t.text.into_string())
        .collect();
    format!("{n}\t{}", tokens.join(" "))
}

#[test]
fn every_code_point_is_normalized_and_classed_alike_unless_the_browser_does_not_know_it() {
    let mut js = worker(&TEXT_WORKER).ask(&json!({"op": "chars"}));
    let unknown: Vec<(u32, u32)> = serde_json::from_value(js["unknown"].take()).unwrap();
    let js: Vec<String> = serde_json::from_value(js["chars"].take()).unwrap();
    assert_eq!(js.len(), 0x10F800, "a string per code point");
    let known_to_js = |c: char| !unknown.iter().any(|r| (r.0..=r.1).contains(&(c as u32)));
    let rust = (0..=0x10FFFF).filter_map(char::from_u32);
    let (mut differ, mut newer) = (Vec::new(), 0);
    for (c, js) in rust.zip(&js) {
        if *js == rust_char(c) {
            continue;
        }
        if known_to_js(c) {
            differ.push((c, js.clone(), rust_char(c)));
        } else {
            newer += 1;
        }
    }
    assert!(
        differ.is_empty(),
        "{} differ (char, JS, Rust): {:?}",
        differ.len(),
        &differ[..differ.len().min(20)]
    );
    // Node's tables know most of Unicode (the planes are mostly unassigned), and those they
    // do not know Rust's make the same of (a separator, or Han by the shipped ranges) but
    // for the few characters of a newer Unicode
    let unknown: u32 = unknown.iter().map(|r| r.1 - r.0 + 1).sum();
    assert!(unknown < 900_000, "{unknown} code points unknown to Node");
    assert!(
        newer < 1_000,
        "{newer} code points Node does not know differ"
    );
}

proptest! {
    #![proptest_config(cases(1000))]

    #[test]
    fn random_texts_tokenize_alike(text in text(), query in text(), en in any::<bool>()) {
        let lang = if en { Lang::En } else { Lang::Zh };
        let terms = snippet_terms(lang, &text, &query);
        let mut js = worker(&TEXT_WORKER).ask(&json!({"op": "text", "lang": lang.code(), "text": text, "terms": terms}));
        prop_assume!(!newer_in_rust(&mut js));
        prop_assert_eq!(js, rust_text(lang, &text, &terms), "{:?} {:?}", text, terms);
    }
}

proptest! {
    #![proptest_config(cases(500))]

    #[test]
    fn random_queries_are_read_and_ranked_alike((text, typing) in query(), en in any::<bool>()) {
        let lang = if en { Lang::En } else { Lang::Zh };
        let mut js = worker(&QUERY_WORKER).ask(&json!({"op": "query", "lang": lang.code(), "text": text, "typing": typing}));
        prop_assume!(!newer_in_rust(&mut js));
        let top: Vec<(usize, f64)> = serde_json::from_value(js["top"].take()).unwrap();
        js.as_object_mut().unwrap().remove("top");
        let (rust, hits) = rust_query(lang, &text, typing);
        prop_assert_eq!(&js, &rust, "{:?} ({})", text, lang.code());
        prop_assert!(same_ranking(&top, &hits), "{:?} ({}): {:?} against {:?}", text, lang.code(), top, hits);
    }
}
