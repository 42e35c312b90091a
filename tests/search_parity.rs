//! The browser's search (themes/default/static/js/search.js, run under Node) agrees with the
//! build's: the same tokens for every text of the real content and for awkward strings, and
//! the same top 10, in the same order, as tantivy's own searcher for a set of queries.

mod common;
use common::ranking::same_ranking;
use gongkai::model::Lang;
use gongkai::search::{tokenize, Filters, Query};
use std::io::Write;
use std::path::Path;
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// What tests/js/tokens.mjs reads: the texts, the whole fold table, the query limits and
/// synonym groups.
fn tokens_input(texts: &[String]) -> String {
    tokens_input_with(texts, &Default::default())
}

fn tokens_input_with(texts: &[String], syn: &gongkai::search::synonyms::Synonyms) -> String {
    let fold: String = gongkai::search::fold::table()
        .iter()
        .flat_map(|(s, t)| [*s, *t])
        .collect();
    serde_json::json!({
        "texts": texts,
        "fold": fold,
        "syn": syn.rows(),
        "tok": gongkai::search::export::Tok::new(),
    })
    .to_string()
}

fn node(args: &[&str], stdin: &str) -> String {
    let mut child = common::node_piped(args, "the search parity tests");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "node {args:?} failed");
    String::from_utf8(out.stdout).unwrap()
}

/// Every text field search indexes, in both languages, plus strings that stress the rules.
fn site() -> gongkai::model::Site {
    let content = gongkai::content::load(Path::new(ROOT)).unwrap();
    gongkai::model::Site::build(&content, Default::default())
}

fn texts() -> Vec<String> {
    let site = site();
    let mut texts: Vec<String> = Vec::new();
    for lang in Lang::ALL {
        for d in gongkai::search::docs(&site, lang) {
            texts.extend([d.title, d.agency_name, d.year_label, d.body]);
        }
    }
    texts.extend(
        [
            "ＩＳＯ２７００１：２０１３ 與 ISO27001",
            "臺北市 台北市 臺灣",
            "Café crème NAÏVE Ångström",
            "哺（集）乳室、哺(集)乳室",
            "𠀀𠀁 Ext-B 𪚥字",
            "emoji 😀 and ＡＢＣ ｶﾀｶﾅ ㍿ ①②",
            "111年度 第3季 3.5% 76,000仟元",
            "İstanbul ΣΊΣΥΦΟΣ straße",
            "<script>alert(1)</script>",
            "a\u{0301}e\u{0300} x\u{200b}y",
            "",
            "一",
            "劳资争议 职业灾害 团体协约 防护 台湾",
            "干部 后来 里程 發 乾 幹",
        ]
        .map(String::from),
    );
    // every entry of the variant table, and words at and past the length limit
    texts.push(
        tokenize::VARIANTS
            .iter()
            .flat_map(|(a, b)| [*a, *b, '、'])
            .collect(),
    );
    texts.push("字".repeat(3 * tokenize::MAX_WORD_CHARS));
    texts.push(format!(
        "{} {}",
        "a".repeat(tokenize::MAX_WORD_CHARS),
        "b".repeat(tokenize::MAX_WORD_CHARS + 1)
    ));
    texts
}

#[test]
fn browser_tokens_equal_rust_tokens() {
    let texts = texts();
    let js: Vec<Vec<(String, usize, String)>> =
        serde_json::from_str(&node(&["tests/js/tokens.mjs"], &tokens_input(&texts))).unwrap();
    assert_eq!(js.len(), texts.len());
    let mut compared = 0;
    for (text, js_tokens) in texts.iter().zip(&js) {
        let rust: Vec<(String, usize, String)> = tokenize::tokenize(text)
            .into_iter()
            .map(|t| {
                (
                    t.text.into_string(),
                    t.position,
                    text[t.from..t.to].to_string(),
                )
            })
            .collect();
        assert_eq!(&rust, js_tokens, "tokens differ for {text:?}");
        compared += rust.len();
    }
    assert!(compared > 10_000, "only {compared} tokens compared");
}

#[test]
fn browser_analysis_with_synonyms_equals_rust() {
    let site = site();
    let mut texts = texts();
    texts.extend(
        [
            "勞保局的勞保與勞工保險、勞工保險局",
            "提供哺(集)乳室與哺乳室",
            "child care, child-care and childcare; Labour labor",
            "BLI OSHA 職安署",
        ]
        .map(String::from),
    );
    let mut keys = 0;
    for lang in Lang::ALL {
        let syn = gongkai::search::synonyms(&site, lang);
        let js: Vec<Vec<(String, usize, String)>> = serde_json::from_str(&node(
            &["tests/js/tokens.mjs", "--analyze"],
            &tokens_input_with(&texts, &syn),
        ))
        .unwrap();
        for (text, js_tokens) in texts.iter().zip(&js) {
            let rust: Vec<(String, usize, String)> = syn
                .analyze(text)
                .into_iter()
                .map(|t| {
                    (
                        t.text.into_string(),
                        t.position,
                        text[t.from..t.to].to_string(),
                    )
                })
                .collect();
            assert_eq!(&rust, js_tokens, "analysis differs for {text:?}");
            keys += rust.iter().filter(|t| t.0.starts_with('≈')).count();
        }
    }
    assert!(keys > 50, "only {keys} synonym keys found");
}

#[test]
fn browser_stems_equal_rust_stems_over_the_whole_vocabulary() {
    // every English word the content holds, and forms that exercise each step of the
    // algorithm (the Snowball English test vocabulary's kinds)
    let mut words = std::collections::BTreeSet::new();
    for text in texts() {
        for t in tokenize::units(&text) {
            if t.text.bytes().all(|b| b.is_ascii_lowercase()) {
                words.insert(t.text.into_string());
            }
        }
    }
    let vocabulary = words.len();
    for w in [
        "generously",
        "generate",
        "arsenal",
        "communism",
        "communication",
        "skies",
        "dying",
        "news",
        "atlas",
        "cosmos",
        "succeeding",
        "proceeded",
        "exceed",
        "herring",
        "inning",
        "outing",
        "canning",
        "earring",
        "yelling",
        "hopeful",
        "hopefulness",
        "rational",
        "conditional",
        "valenci",
        "hesitanci",
        "digitizer",
        "conformabli",
        "radicalli",
        "differentli",
        "vileli",
        "analogousli",
        "vietnamization",
        "predication",
        "operator",
        "feudalism",
        "decisiveness",
        "formaliti",
        "sensitiviti",
        "sensibiliti",
        "triplicate",
        "formative",
        "formalize",
        "electriciti",
        "electrical",
        "hopeful",
        "goodness",
        "revival",
        "allowance",
        "inference",
        "airliner",
        "gyroscopic",
        "adjustable",
        "defensible",
        "irritant",
        "replacement",
        "adjustment",
        "dependent",
        "adoption",
        "homologou",
        "communism",
        "activate",
        "angulariti",
        "homologous",
        "effective",
        "bowdlerize",
        "probate",
        "rate",
        "cease",
        "controll",
        "roll",
        "yield",
        "saying",
        "ayyy",
        "yyy",
        "consign",
        "consigned",
        "consigning",
        "consignment",
        "kneel",
        "knelt",
        "lying",
        "idly",
        "gently",
        "ugly",
        "early",
        "only",
        "singly",
        "sky",
        "howe",
        "bias",
        "andes",
        "inning",
        "y",
        "ys",
        "fly",
        "flies",
        "fluently",
        "fluentli",
        "agreed",
        "feed",
        "bled",
        "guaranteed",
        "disabled",
        "luxuriated",
        "hoping",
        "hopping",
        "tanned",
        "falling",
        "hissing",
        "fizzed",
        "failing",
        "filing",
        "sized",
        "cried",
        "ties",
        "gas",
        "this",
        "kiwis",
        "caresses",
        "ponies",
        "ties",
        "caress",
        "cats",
    ] {
        words.insert(w.to_string());
    }
    let words: Vec<String> = words.into_iter().collect();
    let js: Vec<String> = serde_json::from_str(&node(
        &["tests/js/tokens.mjs", "--stem"],
        &tokens_input(&words),
    ))
    .unwrap();
    let differ: Vec<(&String, String, &String)> = words
        .iter()
        .zip(&js)
        .map(|(w, j)| (w, tokenize::stem(w).into_owned(), j))
        .filter(|(_, r, j)| r != *j)
        .collect();
    assert!(
        differ.is_empty(),
        "stems differ (word, Rust, JS): {differ:?}"
    );
    assert!(vocabulary > 500, "only {vocabulary} words in the content");
}

#[test]
fn browser_snippets_equal_rust_snippets() {
    let site = site();
    let queries = [
        "勞資爭議",
        "退休",
        "落後",
        "勞保",
        "哺乳室",
        "季 執行率",
        "labor insurance",
        "collective bargaining",
        "behind schedule",
        "budget execution rate",
        "ISO 27001",
        "report late",
    ];
    let mut texts = Vec::new();
    let mut terms = Vec::new();
    let mut rust = Vec::new();
    for lang in Lang::ALL {
        let syn = gongkai::search::synonyms(&site, lang);
        for d in gongkai::search::docs(&site, lang) {
            for q in queries {
                let t: Vec<String> = tokenize::query_with(q, &syn)
                    .into_iter()
                    .map(|t| t.text)
                    .collect();
                let pieces: Vec<(String, bool)> =
                    gongkai::search::snippet::snippet(&d.body, &t, &syn)
                        .into_iter()
                        .map(|p| (p.text, p.mark))
                        .collect();
                rust.push(pieces);
                texts.push(d.body.clone());
                terms.push(t);
            }
        }
        // JS runs per language, with that language's synonyms
        let input: serde_json::Value =
            serde_json::from_str(&tokens_input_with(&texts, &syn)).unwrap();
        let mut input = input.as_object().unwrap().clone();
        input.insert("terms".into(), serde_json::json!(terms));
        let js: Vec<Vec<(String, bool)>> = serde_json::from_str(&node(
            &["tests/js/tokens.mjs", "--snippet"],
            &serde_json::Value::Object(input).to_string(),
        ))
        .unwrap();
        assert_eq!(js.len(), rust.len());
        for (i, (r, j)) in rust.iter().zip(&js).enumerate() {
            assert_eq!(
                r,
                j,
                "snippet of {:?} for {:?}",
                &texts[i][..60.min(texts[i].len())],
                terms[i]
            );
        }
        texts.clear();
        terms.clear();
        rust.clear();
    }
}

#[test]
fn english_snippets_do_not_cut_words() {
    let site = site();
    let syn = gongkai::search::synonyms(&site, Lang::En);
    let mut checked = 0;
    for d in gongkai::search::docs(&site, Lang::En) {
        let t: Vec<String> = tokenize::query_with("budget", &syn)
            .into_iter()
            .map(|t| t.text)
            .collect();
        let pieces = gongkai::search::snippet::snippet(&d.body, &t, &syn);
        let text: String = pieces.iter().map(|p| p.text.as_str()).collect();
        let inner = text.trim_start_matches('…').trim_end_matches('…');
        let at = d
            .body
            .find(inner)
            .expect("a snippet is a piece of the text");
        let before = d.body[..at].chars().last();
        let after = d.body[at + inner.len()..].chars().next();
        let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        let edge = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        assert!(
            !(alnum(before) && edge(inner.chars().next())),
            "starts mid-word: {text:?}"
        );
        assert!(
            !(alnum(after) && edge(inner.chars().last())),
            "ends mid-word: {text:?}"
        );
        // the phrase is in the window when the text has it
        assert!(pieces.iter().any(|p| p.mark), "{text:?}");
        checked += 1;
    }
    assert!(checked >= 10);
}

/// A query's analysis as both sides give it (crates/gongkai-search/src/words.rs).
#[derive(serde::Deserialize, Debug, PartialEq)]
struct JsWords {
    words: Vec<JsWord>,
    corrections: Vec<(String, String)>,
    named: u16,
    negated: u16,
    incomplete: bool,
}

#[derive(serde::Deserialize, Debug, PartialEq)]
struct JsWord {
    typed: String,
    alts: Vec<JsAlt>,
}

#[derive(serde::Deserialize, Debug, PartialEq)]
struct JsAlt {
    related: bool,
    slots: Vec<Vec<String>>,
}

#[test]
fn browser_query_words_equal_rust_query_words() {
    let (_out, site_dir) = built();
    let site = site();
    // stop words and particles, synonyms and agency names, statuses with and without a
    // negation, Han stretches held whole or in pieces, slips, words no plan holds, limits
    let mut cases: Vec<(Lang, String)> = [
        "我想知道勞保會不會倒",
        "勞保會倒嗎",
        "請問哪裡可以申請勞資調解",
        "工會",
        "勞保局的勞保",
        "進度未落後",
        "未有落後",
        "落後",
        "略具挑戰性",
        "勞資爭義",
        "保險年金改革",
        "第 3 季 落後",
        "99.90%",
        // near matches: an agency by characters of its name, a word one character away
        "勞關司",
        "勞條司",
        "哺乳事",
        "就業保線",
        "秘書室",
        // mainland phrases in Taiwan's words
        "软件开发",
        "信息安全的系统",
        "打印",
        // the ministry's name: a word only alone
        "勞動部職安署",
        "勞動部",
        "哺(集)乳室",
        "退",
        "劳资争议",
        "職災保險",
        // a negation is the status's; a status negation in each form; a stretch no plan
        // holds whole, in the pieces some plan holds
        "沒有落後",
        "錢沒有花完",
        "經費沒用完",
        "基本工資會議",
        "民國111年 基本工資會議",
        "",
    ]
    .iter()
    .map(|q| (Lang::Zh, q.to_string()))
    .collect();
    cases.extend(
        [
            "the rights of workers",
            "did not fall behind",
            "not behind schedule",
            "behind schedule",
            "labor insur",
            "retiremnt",
            "child care",
            "OSHA",
            "what is the pension for",
            "zzzzz",
            "overtime pay",
            "union busting",
            // a negation is the status's; a whole number for its decimals; a related term
            // most plans hold is left out
            "no special performance",
            "pension plan not behind schedule",
            "budget execution 44%",
            "overtime",
        ]
        .iter()
        .map(|q| (Lang::En, q.to_string())),
    );
    cases.push((Lang::Zh, "勞".repeat(3 * tokenize::MAX_QUERY_CHARS)));
    cases.push((
        Lang::En,
        (0..2 * tokenize::MAX_QUERY_TERMS)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" "),
    ));
    let (mut words, mut stops) = (0, 0);
    for lang in Lang::ALL {
        let index = gongkai::cmd::search::index_of(&site, lang).unwrap();
        let queries: Vec<&str> = cases
            .iter()
            .filter(|c| c.0 == lang)
            .map(|c| c.1.as_str())
            .collect();
        let mut args = vec![
            "tests/js/client.mjs".to_string(),
            site_dir.to_string_lossy().into_owned(),
            lang.code().to_string(),
            "--words".into(),
        ];
        args.extend(queries.iter().map(|q| q.to_string()));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = node(&args, "");
        for (q, line) in queries.iter().zip(out.lines()) {
            let js: JsWords = serde_json::from_str(line).unwrap();
            let look = gongkai::search::index::Lookups::new(&index);
            let a = look
                .analyze(&Query {
                    text: q.to_string(),
                    ..Query::default()
                })
                .unwrap();
            let rust = JsWords {
                words: a
                    .words
                    .iter()
                    .map(|w| JsWord {
                        typed: w.typed.clone(),
                        alts: w
                            .alts
                            .iter()
                            .map(|x| JsAlt {
                                related: x.related,
                                slots: x.slots.clone(),
                            })
                            .collect(),
                    })
                    .collect(),
                corrections: a.corrections.clone(),
                named: a.named,
                negated: a.negated,
                incomplete: a.incomplete,
            };
            assert_eq!(js, rust, "words of {q:?} ({})", lang.code());
            words += rust.words.len();
            stops += usize::from(
                q.chars().count()
                    > rust
                        .words
                        .iter()
                        .map(|w| w.typed.chars().count())
                        .sum::<usize>(),
            );
        }
    }
    assert!(
        words >= 30 && stops >= 5,
        "{words} words, {stops} queries with words left out"
    );
}

#[derive(serde::Deserialize)]
struct JsAnswer {
    query: String,
    total: usize,
    partial: bool,
    agencies: Vec<String>,
    corrections: Vec<(String, String)>,
    suggestions: Vec<Suggested>,
    top: Vec<JsHit>,
}

/// A suggestion as both sides give it.
#[derive(serde::Deserialize, Debug, PartialEq)]
struct Suggested {
    query: String,
    kind: String,
    plans: usize,
}

#[derive(serde::Deserialize)]
struct JsHit {
    url: String,
    score: f64,
}

/// The client's top as (page, score).
fn scored(top: &[JsHit]) -> Vec<(&str, f64)> {
    top.iter().map(|h| (h.url.as_str(), h.score)).collect()
}

#[test]
fn browser_status_filter_equals_rust() {
    let (_out, site_dir) = built();
    let site = site();
    let mut compared = 0;
    for status in gongkai::search::status::STATUSES.map(|st| st.key) {
        for lang in Lang::ALL {
            let index = gongkai::cmd::search::index_of(&site, lang).unwrap();
            let queries = [
                "計畫",
                "勞工",
                "plan",
                "labor",
                "落後",
                "late",
                "zzzz",
                "年終獎金",
            ];
            let mut args = vec![
                "tests/js/client.mjs".to_string(),
                site_dir.to_string_lossy().into_owned(),
                lang.code().to_string(),
                "--status".into(),
                status.to_string(),
                "--limit".into(),
                "100".into(),
            ];
            args.extend(queries.iter().map(|q| q.to_string()));
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            for line in node(&args, "").lines() {
                let a: JsAnswer = serde_json::from_str(line).unwrap();
                let q = Query {
                    text: a.query.clone(),
                    filters: Filters {
                        status: Some(status.to_string()),
                        ..Filters::default()
                    },
                    ..Query::default()
                };
                let o = index.run(&q, 100).unwrap().1;
                let rust: Vec<&str> = o
                    .hits
                    .iter()
                    .map(|h| index.docs[h.doc].url.as_str())
                    .collect();
                let js: Vec<&str> = a.top.iter().map(|h| h.url.as_str()).collect();
                assert!(
                    js == rust || same_ranking(&scored(&a.top), &rust),
                    "{status} {:?}: {js:?} against {rust:?}",
                    a.query
                );
                assert_eq!(a.total, o.total, "{status} {:?}", a.query);
                compared += o.total;
            }
        }
    }
    assert!(compared > 50, "only {compared} results compared");
}

#[test]
fn browser_top_ten_equals_tantivy_top_ten() {
    let (_out, site_dir) = built();
    let content = gongkai::content::load(Path::new(ROOT)).unwrap();
    let site = gongkai::model::Site::build(&content, Default::default());
    let cases: [(Lang, &[&str]); 2] = [
        (
            Lang::Zh,
            &[
                "勞資爭議",
                "哺(集)乳室",
                "志清大樓",
                "退休",
                "ISO 27001",
                "勞工",
                "計畫 經費",
                "職業安全",
                "退",
                "保險 執行率",
                "季",
                "111",
                // no plan holds every bigram: partial matches
                "職災保險",
                "年金改革",
                "性別平等",
                "勞資爭議 志清大樓",
                // Simplified input
                "劳资争议",
                "职业灾害",
                "防护",
                // synonyms and short names
                "勞保",
                "就保",
                "勞基法",
                "性平",
                "托育",
                "哺乳室",
                "職安署",
                "勞保局",
                "年金改革",
                "勞保 退",
                // statuses named by the query
                "落後",
                "逾期",
                "進度落後 勞工",
                // content words: filler, particles, negated statuses, related terms
                "我想知道勞保會不會倒",
                "請問哪裡可以申請勞資調解",
                "進度未落後",
                "加班費",
                "老闆欠薪",
                "上班受傷",
                "公司托兒所",
                "劳动仲裁",
                // numbers and quarters
                "99.90%",
                "99.9",
                "40000家次",
                "第3季",
                "第 2 季 落後",
                // a status asked in a quarter, named or negated
                "第2季未落後",
                "第四季落後",
                "落後 辦公廳舍",
                "預算沒執行完",
                "經費執行率偏低",
                "第 一 季 逾期",
                "第 2 季 退回",
                "第 4 季 逾期",
                "Q3",
                "勞關司",
                "團體協越",
                "秘書室",
                "软件开发",
                "信息安全",
                // words no plan holds beside words most plans hold, or beside found ones
                "年終獎金",
                "安全生产",
                "職業安全衛升",
                "基本工資會議",
                "錢沒有花完",
                "公司倒了薪水拿不到",
                "沒有落後",
                // words naming a finding's absence
                "報告都有如期提報",
                "進度正常",
                // a lay word no record says, read by its related terms alone, beside a literal one
                "女性升遷受歧視",
                "上班受傷可以領什麼補償",
                // a subject no plan is about outweighs the words beside it; another script's
                // words weigh nothing
                "職業訓練課程報名",
                "外勞仲介費上限",
                "collective agreement 手冊",
                // the country's name narrows nothing
                "臺灣 勞資爭議",
                // an agency a related term names is not named by the query
                "網路申辦",
                "勞保局 網路申辦",
            ],
        ),
        (
            Lang::En,
            &[
                "NLRB",
                // a lay phrase no record says, scored by its related terms in full, beside a
                // word a title holds in another sense
                "minimum wage raise",
                // function words count for nothing
                "boss demoted me after I joined the union",
                "collective agreement",
                "labor insurance",
                "pension",
                "insur",
                "budget execution",
                "the",
                "occupational safety",
                "iso 27001",
                "collective bargaining",
                "labour dispute",
                "pension zzzz qqqq",
                // a word no plan holds beside a found one
                "pension zzzz",
                "passport renewal",
                "income tax filing deadline",
                "covid vaccine booking",
                "勞基法 overtime",
                "minimum wage taiwan 2022",
                // a finding in the words people use for it
                "plans with special achievements",
                "targets not much harder than last year",
                "budget fully executed",
                // words no one plan holds together, read again with the related terms
                "day care",
                "who checks how the workers pension fund is invested",
                "breast-feeding",
                "child care",
                "OSHA",
                "BLI",
                "retired",
                "labour",
                "behind schedule",
                "late",
                "delayed reports",
                // typos: one edit, a swap, a prefix typed last, and a word too short to fix
                "retiremnt",
                "pensoin fund",
                "employmnet insurance",
                "labr",
                // stop words, negation, related terms
                "what is the pension for",
                "not behind schedule",
                "overtime pay",
                "unpaid wages",
                "hurt on the job",
                "how do I start a union",
                "Q2 behind schedule",
                "Q1 returned 5 times",
                "not behind schedule in Q2",
                "behind in the fourth quarter",
                "2nd quarter late",
                "not returned for revision",
                "filed after the deadline",
                "underspent budget",
                "low budget execution",
                "behind schedule office building",
                "99.9% availability",
                "40,000 inspections",
                // found in part: the floor, the third of the weight, common words
                "budget execution 44%",
                "no special performance",
                "earthquake insurance",
                "retirement savings",
                "work permit renewal",
                "勞保 pension",
                "overtime",
                // contractions: "won" of "won't" is no word; "wasn't" negates
                "my boss won't pay overtime",
                "reports filed on time",
                "childcare subsidy",
                "on schedule with special performance",
                "wasn't paid overtime",
                "plans that weren't behind schedule",
            ],
        ),
    ];
    let mut nonempty = 0;
    let mut agencies_named = 0;
    let mut corrected = 0;
    for (lang, queries) in cases {
        let index = gongkai::cmd::search::index_of(&site, lang).unwrap();
        for a in client_answers(&site_dir, lang, None, queries) {
            let q = Query {
                text: a.query.clone(),
                ..Query::default()
            };
            let outcome = index.run(&q, 10).unwrap().1;
            let (total, hits) = (outcome.total, outcome.hits);
            assert_eq!(a.partial, outcome.partial, "partial for {:?}", a.query);
            let answer = gongkai::search::answer(&index, &q, 10).unwrap();
            let named: Vec<String> = answer
                .agencies
                .iter()
                .map(|x| x.label.as_ref().unwrap().url.clone())
                .collect();
            assert_eq!(a.agencies, named, "agencies named by {:?}", a.query);
            let fixed: Vec<(String, String)> = answer
                .corrections
                .iter()
                .map(|c| (c.typed.clone(), c.searched.clone()))
                .collect();
            assert_eq!(a.corrections, fixed, "corrections of {:?}", a.query);
            corrected += fixed.len();
            agencies_named += named.len();
            let tantivy: Vec<&str> = hits
                .iter()
                .map(|h| index.docs[h.doc].url.as_str())
                .collect();
            let js: Vec<&str> = a.top.iter().map(|h| h.url.as_str()).collect();
            assert!(
                js == tantivy || same_ranking(&scored(&a.top), &tantivy),
                "top 10 for {:?} ({}): {js:?} against tantivy's {tantivy:?}",
                a.query,
                lang.code()
            );
            assert_eq!(a.total, total, "match count for {:?}", a.query);
            nonempty += usize::from(total > 0);
        }
    }
    assert!(nonempty >= 18, "only {nonempty} queries found anything");
    assert!(agencies_named >= 4, "only {agencies_named} agencies named");
    assert!(corrected >= 3, "only {corrected} typos corrected");
}

#[test]
fn the_client_reads_this_manifest_format_and_refuses_another() {
    let source =
        std::fs::read_to_string(Path::new(ROOT).join("themes/default/static/js/search.js"))
            .unwrap();
    assert!(
        source.contains(&format!(
            "var FORMAT = {};",
            gongkai::search::export::FORMAT
        )),
        "search.js's FORMAT is the build's"
    );
    let script = r#"
        import { client } from './tests/js/client.mjs';
        const { Engine } = client();
        const m = JSON.parse(process.argv[1]);
        try { new Engine(m, async () => ({})); console.log('accepted'); } catch (e) { console.log('refused: ' + e.message); }
    "#;
    let run = |v: u32| -> String {
        let manifest = serde_json::json!({
            "v": v, "limits": {"chars": 10, "terms": 5}, "tok": gongkai::search::export::Tok::new(), "fold": "",
            "syn": [], "status": [], "stop": [], "neg": [], "flags": "", "groups": [], "shards": [], "agencies": [],
            "years": [], "inline": {}, "n": 0, "k": 1,
        });
        let out = Command::new("node")
            .args(["--input-type=module", "-e", script, &manifest.to_string()])
            .current_dir(ROOT)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    assert_eq!(run(gongkai::search::export::FORMAT), "accepted");
    assert!(run(gongkai::search::export::FORMAT + 1).starts_with("refused"));
}

/// The real content built into a temporary folder (kept while the first value lives), and the
/// site's folder.
fn built() -> (tempfile::TempDir, std::path::PathBuf) {
    let out = tempfile::tempdir().unwrap();
    let site_dir = out.path().join("site");
    gongkai::build::build(Path::new(ROOT), &site_dir).unwrap();
    (out, site_dir)
}

/// The client's answers (tests/js/client.mjs) to `queries` on the site built in `site_dir`,
/// under a status filter when given.
fn client_answers(
    site_dir: &Path,
    lang: Lang,
    status: Option<&str>,
    queries: &[&str],
) -> Vec<JsAnswer> {
    let mut args = vec![
        "tests/js/client.mjs".to_string(),
        site_dir.to_string_lossy().into_owned(),
        lang.code().to_string(),
    ];
    if let Some(s) = status {
        args.extend(["--status".to_string(), s.to_string()]);
    }
    args.extend(queries.iter().map(|q| q.to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let answers: Vec<JsAnswer> = node(&args, "")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(answers.len(), queries.len());
    answers
}

#[test]
fn browser_suggestions_equal_rust_suggestions() {
    let (_out, site_dir) = built();
    let site = site();
    // zero-result and partial queries: Chinese no plan holds whole, a character missing, slipped
    // or added, Simplified, synonyms and agency names beside words no plan holds, misspelled
    // agency names, English typos short and long, phrases with no match; and queries that
    // find their plans (no suggestion)
    let cases: [(Lang, Option<&str>, &[&str]); 4] = [
        (
            Lang::Zh,
            None,
            &[
                "年金改革",
                "最低工資",
                "成立工會",
                "量子糾纏",
                "勞資爭義",
                "勞資議",
                "志清樓",
                "志清大大樓",
                "勞保局量子",
                "爭義",
                "職業災保險",
                "勞工保局",
                "職安暑",
                "劳资争义",
                "性平 火星",
                "勞工保險局 qzx",
                "勞資爭議 志清大樓",
                "托育津貼",
                "勞動部勞保局",
                "就業服務法修正",
                "職業安全衛生暑",
                "哺乳室 量子",
                "勞資爭議",
                "退休",
            ],
        ),
        (
            Lang::En,
            None,
            &[
                "labr",
                "LSA",
                "day care",
                "working mothers",
                "low budget execution",
                "pensoin zzz",
                "retirment planing",
                "collective bargainign quantum",
                "occupational safty",
                "Bureau of Labour Insurence",
                "Ocupational Safety and Health Administration",
                "osha quantum",
                "minimum wage",
                "unoin",
                "insurence fraud",
                "child care subsidy",
                "penison reform",
                "labor insurance",
                "pension",
            ],
        ),
        (
            Lang::Zh,
            Some("behind"),
            &["年金改革", "勞資爭義", "志清樓", "成立工會"],
        ),
        (Lang::En, Some("late"), &["labr", "day care", "pensoin zzz"]),
    ];
    let (mut offered, mut near, mut synonym, mut piece) = (0, 0, 0, 0);
    for (lang, status, queries) in cases {
        let index = gongkai::cmd::search::index_of(&site, lang).unwrap();
        for a in client_answers(&site_dir, lang, status, queries) {
            let q = Query {
                text: a.query.clone(),
                filters: Filters {
                    status: status.map(String::from),
                    ..Filters::default()
                },
                ..Query::default()
            };
            let answer = gongkai::search::answer(&index, &q, 10).unwrap();
            let rust: Vec<Suggested> = answer
                .suggestions
                .iter()
                .map(|s| Suggested {
                    query: s.query.clone(),
                    kind: serde_json::to_value(s.kind)
                        .unwrap()
                        .as_str()
                        .unwrap()
                        .into(),
                    plans: s.plans,
                })
                .collect();
            assert_eq!(
                a.suggestions,
                rust,
                "suggestions for {:?} ({}, {status:?})",
                a.query,
                lang.code()
            );
            offered += rust.len();
            for s in &rust {
                match s.kind.as_str() {
                    "near" => near += 1,
                    "synonym" => synonym += 1,
                    _ => piece += 1,
                }
            }
        }
    }
    assert!(offered >= 40, "only {offered} suggestions compared");
    assert!(
        near >= 5 && synonym >= 3 && piece >= 10,
        "near {near}, synonym {synonym}, piece {piece}"
    );
}
