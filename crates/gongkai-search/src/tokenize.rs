//! The search tokenizer, written so that `themes/default/static/js/search.js` can reproduce it
//! exactly: the browser must cut a query the way the build cut the text, which rules out any
//! dictionary segmenter.
//!
//! 1. Each code point is normalized on its own: NFKC (full-width forms fold to ASCII), lower
//!    case, canonical decomposition with non-spacing marks dropped (`é` → `e`), Simplified
//!    folded to Traditional ([`super::fold`]), then the variant table (臺 → 台 …).
//! 2. A run of Han characters becomes overlapping bigrams (勞資爭議 → 勞資 資爭 爭議); a lone
//!    Han character stays a unigram. Each character takes one position. In indexed text a
//!    run's first and last characters are also indexed alone (勞 … 議), so that a query's lone
//!    character between punctuation, like 集 in 哺(集)乳室 or 哺 next to it, finds the text
//!    it was copied from; queries do not add them (see [`query`]).
//! 3. A run of other letters (`\p{Alphabetic}`) or of digits (`\p{N}`) is one word token
//!    (`iso`, `27001`, `nlrb`; `ISO27001` is `iso` `27001`); everything else separates tokens.
//!
//! 4. In indexed text, an English word (ASCII letters) is also indexed as its Snowball English
//!    stem at the same place when that differs (`retirement` → `retir`); a query's word is
//!    searched as its stem (see [`stem`]), so `retired` finds `retirement`.
//!
//! Offsets are byte offsets into the original text, so a token can be highlighted there.

use compact_str::CompactString;
use unicode_normalization::UnicodeNormalization;

/// Words longer than this (in characters) are not indexed: they are noise, not vocabulary.
pub const MAX_WORD_CHARS: usize = 64;

/// A query is cut to its first this many characters (a longer one is not a search people
/// type, and bounds the work `serve` does while others wait). The client reads this limit
/// from the manifest.
pub const MAX_QUERY_CHARS: usize = 200;

/// A query keeps at most this many distinct terms (after [`MAX_QUERY_CHARS`]).
pub const MAX_QUERY_TERMS: usize = 32;

/// Variant characters treated as one (the right-hand form is indexed).
pub const VARIANTS: &[(char, char)] = &[
    ('臺', '台'),
    ('裏', '裡'),
    ('峯', '峰'),
    ('羣', '群'),
    ('綫', '線'),
    ('啓', '啟'),
    ('鉅', '巨'),
];

/// One token of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The term as indexed: a bigram or a word, almost always short enough to be held inline,
    /// without a heap allocation (indexing makes about two tokens per character).
    pub text: CompactString,
    /// Position: characters of Han runs and words count one each.
    pub position: usize,
    /// Byte range in the original text.
    pub from: usize,
    /// End of the byte range.
    pub to: usize,
}

/// An inclusive range of code points, as the manifest hands it to the browser's tokenizer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CodeRange {
    /// The first code point.
    pub lo: u32,
    /// The last code point.
    pub hi: u32,
}

impl CodeRange {
    /// Whether `c` is in the range.
    pub const fn holds(self, c: char) -> bool {
        self.lo <= c as u32 && c as u32 <= self.hi
    }
}

/// Whether one of `ranges` holds `c`.
fn in_ranges(ranges: &[CodeRange], c: char) -> bool {
    ranges.iter().any(|r| r.holds(c))
}

/// The Han ideographs: the CJK Unified Ideographs (the common block first) and their
/// extensions, the compatibility ideographs, and 〇. The browser reads them from the manifest.
pub const HAN: &[CodeRange] = &[
    CodeRange {
        lo: 0x4E00,
        hi: 0x9FFF,
    },
    CodeRange {
        lo: 0x3400,
        hi: 0x4DBF,
    },
    CodeRange {
        lo: 0xF900,
        hi: 0xFAFF,
    },
    CodeRange {
        lo: 0x20000,
        hi: 0x2FA1F,
    },
    CodeRange {
        lo: 0x30000,
        hi: 0x323AF,
    },
    CodeRange {
        lo: 0x3007,
        hi: 0x3007,
    },
];

/// The combining marks dropped after decomposition (`é` → `e`): the combining diacritical
/// blocks, which is what Latin, Greek and Cyrillic text uses (a fixed list, so the browser,
/// which reads it from the manifest, agrees).
pub const DROPPED: &[CodeRange] = &[
    CodeRange {
        lo: 0x0300,
        hi: 0x036F,
    },
    CodeRange {
        lo: 0x1AB0,
        hi: 0x1AFF,
    },
    CodeRange {
        lo: 0x1DC0,
        hi: 0x1DFF,
    },
    CodeRange {
        lo: 0x20D0,
        hi: 0x20FF,
    },
    CodeRange {
        lo: 0xFE20,
        hi: 0xFE2F,
    },
];

/// How a quarter is written, which makes it one term: `Q3` (the letter, then a digit alone)
/// and `第 3 季` (the digit between two Han characters); its term is the letter and the digit
/// (`q3`). The browser reads these from the manifest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct QuarterMarks {
    /// The letter before the digit, and the term's first character.
    pub letter: char,
    /// The first quarter's digit.
    pub first: char,
    /// The last quarter's digit.
    pub last: char,
    /// The Han character before the digit (第).
    pub before: char,
    /// The Han character after the digit (季).
    pub after: char,
}

/// The quarters' marks.
pub const QUARTER: QuarterMarks = QuarterMarks {
    letter: 'q',
    first: '1',
    last: '4',
    before: '第',
    after: '季',
};

impl QuarterMarks {
    /// Whether `d` is a quarter's digit.
    pub fn digit(&self, d: char) -> bool {
        (self.first..=self.last).contains(&d)
    }

    /// The term of the quarter whose digit is `d` (`q3`).
    pub fn term(&self, d: char) -> String {
        format!("{}{d}", self.letter)
    }

    /// The term of quarter `n` (1 to 4).
    pub fn term_of(&self, n: u8) -> String {
        self.term(char::from(self.first as u8 + n - 1))
    }

    /// The quarter (1 to 4) `text` is when it is a quarter's digit alone (`3`).
    pub fn of_digit(&self, text: &str) -> Option<u8> {
        let mut cs = text.chars();
        match (cs.next(), cs.next()) {
            (Some(d), None) if self.digit(d) => Some(d as u8 - self.first as u8 + 1),
            _ => None,
        }
    }

    /// The quarter (1 to 4) `term` is, if it is a quarter's term.
    pub fn of_term(&self, term: &str) -> Option<u8> {
        self.of_digit(term.strip_prefix(self.letter)?)
    }
}

/// The digits of a thousands group: a comma between digits followed by exactly this many is
/// the number's (40,000).
pub const THOUSANDS_GROUP: usize = 3;

/// Whether `c` is a Han ideograph ([`HAN`]).
pub fn is_han(c: char) -> bool {
    in_ranges(HAN, c)
}

/// The normalized form of one code point (possibly empty, possibly several characters).
pub fn normalize_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    // Chinese text is all outside ASCII: its characters' forms are worked out once each
    let Some(slot) = BMP_FORMS.get(c as usize) else {
        return normalize_slowly(c, out);
    };
    match slot.load(std::sync::atomic::Ordering::Relaxed) {
        UNKNOWN => {
            let from = out.len();
            normalize_slowly(c, out);
            let mut made = out[from..].chars();
            let form = match (made.next(), made.next()) {
                (Some(one), None) => one as u32,
                _ => NOT_ONE,
            };
            // threads that race here store the same value
            slot.store(form, std::sync::atomic::Ordering::Relaxed);
        }
        NOT_ONE => normalize_slowly(c, out),
        form => out.push(char::from_u32(form).expect("stored from a char")),
    }
}

/// A [`BMP_FORMS`] slot not worked out yet (no character normalizes to NUL: it is ASCII).
const UNKNOWN: u32 = 0;
/// A [`BMP_FORMS`] slot whose code point does not normalize to exactly one character.
const NOT_ONE: u32 = u32::MAX;

/// The normalized form of each code point of the Basic Multilingual Plane when it is one
/// character, filled as code points are met: [`UNKNOWN`], [`NOT_ONE`], or the character.
static BMP_FORMS: [std::sync::atomic::AtomicU32; 0x10000] =
    [const { std::sync::atomic::AtomicU32::new(UNKNOWN) }; 0x10000];

/// [`normalize_char`] worked out step by step.
fn normalize_slowly(c: char, out: &mut String) {
    for k in std::iter::once(c).nfkc() {
        for l in k.to_lowercase() {
            for d in std::iter::once(l).nfd() {
                if is_dropped(d) {
                    continue;
                }
                let d = super::fold::fold(d);
                let v = VARIANTS
                    .iter()
                    .find(|(from, _)| *from == d)
                    .map_or(d, |(_, to)| *to);
                out.push(v);
            }
        }
    }
}

/// Whether `c` is a mark dropped after decomposition ([`DROPPED`]).
fn is_dropped(c: char) -> bool {
    in_ranges(DROPPED, c)
}

/// The whole text normalized (as [`normalize_char`] per code point).
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        normalize_char(c, &mut out);
    }
    out
}

/// The Snowball English stem of `word` (lower-case ASCII letters; other words are left as
/// they are), as tantivy's stemmer makes it. The browser runs the same algorithm
/// (`stem` in `js/search.js`), checked against this over the whole vocabulary.
pub fn stem(word: &str) -> std::borrow::Cow<'_, str> {
    static STEMMER: std::sync::OnceLock<rust_stemmers::Stemmer> = std::sync::OnceLock::new();
    if !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return std::borrow::Cow::Borrowed(word);
    }
    STEMMER
        .get_or_init(|| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English))
        .stem(word)
}

/// [`stem`] of an indexed word when it differs from the word. A text repeats its words, so
/// each thread remembers the stems it made (up to [`STEMS_KEPT`] words).
fn stem_if_other(word: &str) -> Option<CompactString> {
    thread_local! {
        // looked up for every indexed word: a fast hash, not a DoS-resistant one
        static STEMS: std::cell::RefCell<rustc_hash::FxHashMap<String, Option<CompactString>>> =
            Default::default();
    }
    STEMS.with_borrow_mut(|known| {
        if let Some(s) = known.get(word) {
            return s.clone();
        }
        let s = Some(stem(word))
            .filter(|s| s != word)
            .map(CompactString::from);
        if known.len() < STEMS_KEPT {
            known.insert(word.to_string(), s.clone());
        }
        s
    })
}

/// How many words' stems a thread remembers (a national site's vocabulary fits).
const STEMS_KEPT: usize = 200_000;

#[derive(PartialEq, Clone, Copy)]
enum Class {
    Han,
    Digits,
    Letters,
    Sep,
}

fn class(c: char) -> Class {
    if c.is_ascii() {
        return if c.is_ascii_digit() {
            Class::Digits
        } else if c.is_ascii_alphabetic() {
            Class::Letters
        } else {
            Class::Sep
        };
    }
    // Chinese punctuation would go through two searches of Unicode's tables each time
    static BMP: std::sync::OnceLock<Vec<Class>> = std::sync::OnceLock::new();
    let bmp = BMP.get_or_init(|| {
        (0..0x10000)
            .map(|u| char::from_u32(u).map_or(Class::Sep, class_from_tables))
            .collect()
    });
    bmp.get(c as usize)
        .copied()
        .unwrap_or_else(|| class_from_tables(c))
}

/// [`class`] worked out from Unicode's tables.
fn class_from_tables(c: char) -> Class {
    if is_han(c) {
        Class::Han
    } else if c.is_numeric() {
        Class::Digits
    } else if c.is_alphabetic() {
        Class::Letters
    } else {
        Class::Sep
    }
}

/// Cuts indexed text into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    cut(text, true)
}

/// One term of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryTerm {
    /// The term.
    pub text: String,
    /// Whether it also stands for every indexed term it begins (search as you type): true for
    /// the last token when it is a word or a lone Han character and nothing follows it.
    pub prefix: bool,
    /// The word as typed (normalized, before stemming): what a typo is corrected from.
    pub word: String,
}

/// The distinct terms of a query, in order. A lone Han character typed last is a prefix, so
/// it finds the character anywhere: inside a run (as the first half of a bigram) or at the end
/// of one (as the run's last character).
pub fn query(text: &str) -> Vec<QueryTerm> {
    query_with(text, &super::synonyms::Synonyms::default())
}

/// [`query`] with synonyms: a member of a group found in the query (longest first, left to
/// right) is searched as the group's key, in place of the terms it covers (a bigram half
/// inside it is dropped too: 勞保退休 is ≈勞保 and 退休).
pub fn query_with(text: &str, syn: &super::synonyms::Synonyms) -> Vec<QueryTerm> {
    let text = bounded(text).0;
    let tokens = cut(text, false);
    let units = units(text);
    // members found, as (first position, last position, key)
    let spans: Vec<(usize, usize, &str)> = syn
        .in_query(&units)
        .into_iter()
        .map(|f| {
            (
                units[f.start].position,
                units[f.start + f.len - 1].position,
                syn.groups[f.group].key.as_str(),
            )
        })
        .collect();
    let open_end = text
        .chars()
        .last()
        .map(|c| {
            let mut n = String::new();
            normalize_char(c, &mut n);
            n.chars().last().is_some_and(|c| class(c) != Class::Sep)
        })
        .unwrap_or(false);
    let last = tokens.len().saturating_sub(1);
    // (position, term, prefix), in query order
    let mut items: Vec<(usize, String, bool, String)> = Vec::new();
    for (i, t) in tokens.into_iter().enumerate() {
        let lone_or_word = t.text.chars().count() == 1 || !t.text.chars().any(is_han);
        let end = t.position + usize::from(!lone_or_word);
        if spans.iter().any(|&(a, b, _)| t.position <= b && end >= a) {
            continue;
        }
        let prefix = i == last && open_end && t.to == text.len() && lone_or_word;
        // a word is searched as its stem; a prefix too, so `retired` typed last still
        // finds `retirement` (the index holds words and their stems)
        let term = stem(&t.text).into_owned();
        items.push((t.position, term, prefix, t.text.into()));
    }
    items.extend(
        spans
            .iter()
            .map(|&(a, _, key)| (a, key.to_string(), false, key.to_string())),
    );
    items.sort_by_key(|i| i.0);
    let mut terms: Vec<QueryTerm> = Vec::new();
    for (_, text, prefix, word) in items {
        let t = QueryTerm { text, prefix, word };
        if let Some(same) = terms.iter_mut().find(|q| q.text == t.text) {
            same.prefix |= t.prefix;
        } else {
            terms.push(t);
        }
    }
    terms.truncate(MAX_QUERY_TERMS);
    terms
}

/// `text` cut to its first [`MAX_QUERY_CHARS`] characters, and whether it was cut (or holds
/// more than [`MAX_QUERY_TERMS`] terms): what a query is read as.
pub fn bounded(text: &str) -> (&str, bool) {
    match text.char_indices().nth(MAX_QUERY_CHARS) {
        Some((at, _)) => (&text[..at], true),
        None => (text, false),
    }
}

/// Whether `text` is longer than a query may be ([`bounded`], [`MAX_QUERY_TERMS`]).
pub fn over_limits(text: &str) -> bool {
    let (cut, long) = bounded(text);
    long || {
        let tokens = self::cut(cut, false);
        let mut seen = std::collections::HashSet::new();
        tokens
            .into_iter()
            .filter(|t| seen.insert(t.text.clone()))
            .count()
            > MAX_QUERY_TERMS
    }
}

fn cut(text: &str, edges: bool) -> Vec<Token> {
    cut_as(text, edges, false)
}

/// The texts of [`units`]: a phrase's normalized units, as tables of words hold them.
pub fn unit_texts(text: &str) -> Vec<String> {
    units(text)
        .into_iter()
        .map(|u| u.text.into_string())
        .collect()
}

/// The units of `text` that synonyms are matched on: each Han character, each word, with
/// the positions [`tokenize`] gives them.
pub fn units(text: &str) -> Vec<Token> {
    cut_as(text, false, true)
}

/// Each normalized character of `text` with the byte range of the original code point it
/// came from.
type Chars = Vec<(char, usize, usize)>;

/// `text` normalized character by character ([`normalize_char`]), keeping where each came from.
fn normalized(text: &str) -> Chars {
    let mut chars: Chars = Vec::with_capacity(text.len());
    let mut buf = String::new();
    for (at, c) in text.char_indices() {
        if c.is_ascii() {
            // what `normalize_char` makes of it, without the buffer
            chars.push((c.to_ascii_lowercase(), at, at + 1));
            continue;
        }
        buf.clear();
        normalize_char(c, &mut buf);
        let end = at + c.len_utf8();
        chars.extend(buf.chars().map(|n| (n, at, end)));
    }
    chars
}

/// The runs of one class in `chars` other than separators: (class, first index, end index,
/// position of the first character).
fn class_runs(chars: &[(char, usize, usize)]) -> Vec<(Class, usize, usize, usize)> {
    let mut runs = Vec::new();
    let (mut i, mut position) = (0, 0);
    let mut next = (!chars.is_empty()).then(|| class_at(chars, 0));
    while let Some(kind) = next {
        let start = i;
        // each character's class is worked out once: the one ending a run starts the next
        next = None;
        i += 1;
        while i < chars.len() {
            let k = class_at(chars, i);
            if k != kind {
                next = Some(k);
                break;
            }
            i += 1;
        }
        if kind != Class::Sep {
            runs.push((kind, start, i, position));
            position += if kind == Class::Han { i - start } else { 1 };
        }
    }
    runs
}

/// The class of character `i` of `chars` in its context: a decimal point or a thousands
/// comma between digits is part of the number (99.90, 40,000), and a quarter's digit after a
/// lone `q` is part of the word (Q3).
fn class_at(chars: &[(char, usize, usize)], i: usize) -> Class {
    let c = chars[i].0;
    let digit = |k: usize| chars.get(k).is_some_and(|x| x.0.is_ascii_digit());
    match c {
        '.' if i > 0 && digit(i - 1) && digit(i + 1) => Class::Digits,
        ',' if i > 0
            && digit(i - 1)
            && (1..=THOUSANDS_GROUP).all(|k| digit(i + k))
            && !digit(i + THOUSANDS_GROUP + 1) =>
        {
            Class::Digits
        }
        c if QUARTER.digit(c) && i > 0 && chars[i - 1].0 == QUARTER.letter => {
            let word = |k: usize| {
                chars
                    .get(k)
                    .is_some_and(|x| matches!(class(x.0), Class::Letters | Class::Digits))
            };
            if (i < 2 || !word(i - 2)) && !word(i + 1) {
                Class::Letters
            } else {
                Class::Digits
            }
        }
        _ => class(c),
    }
}

/// A number's term: without thousands commas, and a decimal without trailing zeros (99.90 →
/// 99.9, 100.0 → 100), so that a number is found however it is written.
pub fn number_text(text: &str) -> String {
    let mut t: String = text.chars().filter(|c| *c != ',').collect();
    if t.matches('.').count() == 1 {
        while t.ends_with('0') {
            t.pop();
        }
        if t.ends_with('.') {
            t.pop();
        }
    }
    t
}

/// The quarter a `第 N 季` around the digit run `k` of `runs` names (`q1` … `q4`): a Han run
/// ending in 第 just before it and one starting with 季 just after, with only spaces between.
fn quarter_at(
    chars: &[(char, usize, usize)],
    runs: &[(Class, usize, usize, usize)],
    k: usize,
) -> Option<String> {
    let (kind, a, b, _) = runs[k];
    let d = chars[a].0;
    if kind != Class::Digits || b != a + 1 || !QUARTER.digit(d) || k == 0 {
        return None;
    }
    let (before, after) = (runs[k - 1], *runs.get(k + 1)?);
    let blank = |from: usize, to: usize| chars[from..to].iter().all(|c| c.0 == ' ');
    (before.0 == Class::Han
        && after.0 == Class::Han
        && chars[before.2 - 1].0 == QUARTER.before
        && chars[after.1].0 == QUARTER.after
        && blank(before.2, a)
        && blank(b, after.1))
    .then(|| QUARTER.term(d))
}

/// A run of Han characters, or a word (letters or digits), of a text once normalized: what a
/// query's suggestions are cut from (see [`super::suggest`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// Whether the run is Han text (else one word).
    pub han: bool,
    /// The normalized characters, each with the byte range of the original it came from.
    pub chars: Vec<(char, usize, usize)>,
    /// Position of the first character ([`Token::position`]).
    pub position: usize,
}

impl Run {
    /// The run's normalized text.
    pub fn text(&self) -> String {
        self.chars.iter().map(|c| c.0).collect()
    }
}

/// The Han runs and words of `text`, in order, with their positions as [`tokenize`] gives
/// them; a word longer than [`MAX_WORD_CHARS`] (which is not indexed) is left out.
pub fn runs(text: &str) -> Vec<Run> {
    let chars = normalized(text);
    class_runs(&chars)
        .into_iter()
        .filter(|&(kind, a, b, _)| kind == Class::Han || b - a <= MAX_WORD_CHARS)
        .map(|(kind, a, b, position)| Run {
            han: kind == Class::Han,
            chars: chars[a..b].to_vec(),
            position,
        })
        .collect()
}

/// One character as a token's text.
fn char_text(c: char) -> CompactString {
    CompactString::from(&*c.encode_utf8(&mut [0; 4]))
}

/// The text of the characters of `run`: encoded on the stack and copied once when they fit
/// inline (pushing characters one by one into the string checked its layout for each).
fn run_text(run: &[(char, usize, usize)]) -> CompactString {
    if let [a, b] = run {
        // a bigram: its two characters' UTF-8 side by side, without validating them again
        let mut text = char_text(a.0);
        text.push_str(b.0.encode_utf8(&mut [0; 4]));
        return text;
    }
    let mut buf = [0u8; 24];
    let mut len = 0;
    for c in run {
        let n = c.0.len_utf8();
        if len + n > buf.len() {
            return run.iter().map(|c| c.0).collect::<String>().into();
        }
        c.0.encode_utf8(&mut buf[len..]);
        len += n;
    }
    // whole characters were encoded
    CompactString::from(std::str::from_utf8(&buf[..len]).expect("encoded characters"))
}

/// One token over the characters `a..=b` of a run.
fn span_token(
    text: CompactString,
    position: usize,
    a: &(char, usize, usize),
    b: &(char, usize, usize),
) -> Token {
    Token {
        text,
        position,
        from: a.1,
        to: b.2,
    }
}

/// A word's token, and with `edges` (indexed text) its stem's when that differs.
fn word_tokens(
    run: &[(char, usize, usize)],
    kind: Class,
    edges: bool,
    position: usize,
    tokens: &mut Vec<Token>,
) {
    if run.len() > MAX_WORD_CHARS {
        return;
    }
    let mut word = run_text(run);
    if kind == Class::Digits && word.contains(['.', ',']) {
        word = number_text(&word).into();
    }
    let stemmed = (edges && kind == Class::Letters)
        .then(|| stem_if_other(&word))
        .flatten();
    let (first, last) = (&run[0], &run[run.len() - 1]);
    tokens.push(span_token(word, position, first, last));
    if let Some(text) = stemmed {
        tokens.push(span_token(text, position, first, last));
    }
}

/// A Han run as overlapping bigrams; with `edges` (indexed text), its first and last
/// characters alone too.
fn bigram_tokens(
    run: &[(char, usize, usize)],
    edges: bool,
    position: usize,
    tokens: &mut Vec<Token>,
) {
    let alone = |c: &(char, usize, usize), position| span_token(char_text(c.0), position, c, c);
    if edges {
        tokens.push(alone(&run[0], position));
    }
    for (k, pair) in run.windows(2).enumerate() {
        let text = run_text(pair);
        tokens.push(span_token(text, position + k, &pair[0], &pair[1]));
    }
    if edges {
        tokens.push(alone(&run[run.len() - 1], position + run.len() - 1));
    }
}

fn cut_as(text: &str, edges: bool, units: bool) -> Vec<Token> {
    cut_chars(&normalized(text), edges, units)
}

/// Indexed text's tokens and its units (see [`units`]) in one pass: what
/// `(cut_chars(chars, true, false), cut_chars(chars, false, true))` gives, each word made once.
pub fn tokens_and_units(text: &str) -> (Vec<Token>, Vec<Token>) {
    let chars = normalized(text);
    let mut tokens = Vec::with_capacity(chars.len() + chars.len() / 2);
    let mut units = Vec::with_capacity(chars.len());
    let runs = class_runs(&chars);
    for (k, &(kind, a, b, position)) in runs.iter().enumerate() {
        let run = &chars[a..b];
        match kind {
            Class::Digits | Class::Letters => {
                let from = tokens.len();
                word_tokens(run, kind, true, position, &mut tokens);
                // the word itself, when indexed, comes first (its stem after)
                if let Some(word) = tokens.get(from) {
                    units.push(word.clone());
                }
            }
            _ => {
                each_char(run, position, &mut units);
                if run.len() == 1 {
                    tokens.push(units[units.len() - 1].clone());
                } else {
                    bigram_tokens(run, true, position, &mut tokens);
                }
            }
        }
        quarter_token(&chars, &runs, k, &mut tokens);
    }
    (tokens, units)
}

/// A Han run's characters, one token each.
fn each_char(run: &[(char, usize, usize)], position: usize, tokens: &mut Vec<Token>) {
    for (k, c) in run.iter().enumerate() {
        tokens.push(span_token(char_text(c.0), position + k, c, c));
    }
}

/// [`cut_as`] on text already normalized.
fn cut_chars(chars: &[(char, usize, usize)], edges: bool, units: bool) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(chars.len() + chars.len() / 2);
    let runs = class_runs(chars);
    for (k, &(kind, a, b, position)) in runs.iter().enumerate() {
        let run = &chars[a..b];
        match kind {
            Class::Digits | Class::Letters => word_tokens(run, kind, edges, position, &mut tokens),
            _ if units || run.len() == 1 => each_char(run, position, &mut tokens),
            _ => bigram_tokens(run, edges, position, &mut tokens),
        }
        if edges && !units {
            quarter_token(chars, &runs, k, &mut tokens);
        }
    }
    tokens
}

/// In indexed text, a `第 N 季`'s quarter term (`q3`) at the digit's place, covering the
/// phrase: the term an English `Q3` is.
fn quarter_token(
    chars: &[(char, usize, usize)],
    runs: &[(Class, usize, usize, usize)],
    k: usize,
    tokens: &mut Vec<Token>,
) {
    if let Some(q) = quarter_at(chars, runs, k) {
        let (before, after) = (runs[k - 1], runs[k + 1]);
        tokens.push(span_token(
            q.into(),
            runs[k].3,
            &chars[before.2 - 1],
            &chars[after.1],
        ));
    }
}

/// The tokenizer registered with tantivy as `gongkai`: [`tokenize`] and the synonym keys of
/// [`super::synonyms::Synonyms::analyze`].
#[derive(Clone, Default)]
pub struct GongkaiTokenizer {
    pub(crate) tokens: Vec<tantivy::tokenizer::Token>,
    /// The language's synonyms.
    pub synonyms: std::sync::Arc<super::synonyms::Synonyms>,
}

/// The tokens of one text, for tantivy.
pub struct GongkaiTokenStream<'a> {
    tokens: &'a mut [tantivy::tokenizer::Token],
    next: usize,
}

impl tantivy::tokenizer::Tokenizer for GongkaiTokenizer {
    type TokenStream<'a> = GongkaiTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> GongkaiTokenStream<'a> {
        let analyzed = self.synonyms.analyze(text);
        let n = analyzed.len();
        // the previous texts' tokens are kept and their strings written over: indexing makes
        // about two tokens per character, and need not allocate a string for each
        for (i, t) in analyzed.into_iter().enumerate() {
            if i == self.tokens.len() {
                self.tokens.push(Default::default());
            }
            let slot = &mut self.tokens[i];
            slot.text.clear();
            slot.text.push_str(&t.text);
            slot.offset_from = t.from;
            slot.offset_to = t.to;
            slot.position = t.position;
            slot.position_length = 1;
        }
        GongkaiTokenStream {
            tokens: &mut self.tokens[..n],
            next: 0,
        }
    }
}

impl tantivy::tokenizer::TokenStream for GongkaiTokenStream<'_> {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }
    fn token(&self) -> &tantivy::tokenizer::Token {
        &self.tokens[self.next - 1]
    }
    fn token_mut(&mut self) -> &mut tantivy::tokenizer::Token {
        &mut self.tokens[self.next - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        tokenize(s)
            .into_iter()
            .map(|t| t.text.into_string())
            .collect()
    }

    fn query_texts(s: &str) -> Vec<(String, bool)> {
        query(s).into_iter().map(|t| (t.text, t.prefix)).collect()
    }

    #[test]
    fn tokens_and_units_are_the_two_cuts_made_at_once() {
        for text in [
            "勞資爭議 ISO27001 retirement 哺(集)乳室 a 勞",
            "  Ｆｕｌｌ-width、臺灣 e 網 x",
            &"w".repeat(MAX_WORD_CHARS + 1),
            "",
        ] {
            let chars = normalized(text);
            assert_eq!(
                tokens_and_units(text),
                (
                    cut_chars(&chars, true, false),
                    cut_chars(&chars, false, true)
                ),
                "{text}"
            );
        }
    }

    #[test]
    fn han_runs_become_bigrams_with_their_edges() {
        assert_eq!(texts("勞資爭議"), ["勞", "勞資", "資爭", "爭議", "議"]);
        assert_eq!(
            texts("提供哺(集)乳室"),
            ["提", "提供", "供哺", "哺", "集", "乳", "乳室", "室"]
        );
        assert_eq!(texts("哺（集）乳室"), texts("哺(集)乳室"));
    }

    #[test]
    fn queries_use_bigrams_and_expand_the_open_last_word() {
        let q = |v: &[(&str, bool)]| -> Vec<(String, bool)> {
            v.iter().map(|(t, p)| (t.to_string(), *p)).collect()
        };
        assert_eq!(
            query_texts("勞資爭議"),
            q(&[("勞資", false), ("資爭", false), ("爭議", false)])
        );
        assert_eq!(
            query_texts("哺(集)乳室"),
            q(&[("哺", false), ("集", false), ("乳室", false)])
        );
        assert_eq!(
            query_texts("labor insur"),
            q(&[("labor", false), ("insur", true)])
        );
        assert_eq!(
            query_texts("labor insur "),
            q(&[("labor", false), ("insur", false)])
        );
        assert_eq!(query_texts("勞保 退"), q(&[("勞保", false), ("退", true)]));
    }

    #[test]
    fn latin_words_numbers_and_widths_fold() {
        assert_eq!(
            texts("ISO 27001 ＩＳＯ２７００１"),
            ["iso", "27001", "iso", "27001"]
        );
        assert_eq!(texts("Café NLRB's"), ["cafe", "nlrb", "s"]);
        assert_eq!(texts("111年度"), ["111", "年", "年度", "度"]);
        assert_eq!(texts("臺北 台北"), texts("台北 台北"));
    }

    #[test]
    fn numbers_and_quarters_are_single_terms() {
        assert_eq!(texts("99.90%"), ["99.9"]);
        assert_eq!(texts("99.09 100.0 1.44"), ["99.09", "100", "1.44"]);
        assert_eq!(texts("40,000 家次"), ["40000", "家", "家次", "次"]);
        assert_eq!(texts("1, 2 and 1,23"), ["1", "2", "and", "1", "23"]);
        assert_eq!(texts("Q3 Q1–Q4"), ["q3", "q1", "q4"]);
        assert_eq!(texts("HQ3 Q34"), ["hq", "3", "q", "34"]);
        // 第 3 季 is also the quarter's term, at the digit's place
        let t: Vec<(String, usize)> = tokenize("第 3 季執行")
            .into_iter()
            .map(|t| (t.text.into_string(), t.position))
            .collect();
        assert!(t.contains(&("q3".to_string(), 1)), "{t:?}");
        assert!(texts("第 1 季至第 3 季").contains(&"q3".to_string()));
        assert!(!texts("1 至 4 季").iter().any(|t| t.starts_with('q')));
    }

    #[test]
    fn offsets_point_into_the_original() {
        let s = "在臺北ISO";
        for t in tokenize(s) {
            assert!(s.is_char_boundary(t.from) && s.is_char_boundary(t.to));
        }
        let t = tokenize(s);
        assert_eq!(&s[t[2].from..t[2].to], "臺北");
        assert_eq!(&s[t[4].from..t[4].to], "ISO");
        assert_eq!(
            t.iter().map(|t| t.position).collect::<Vec<_>>(),
            [0, 0, 1, 2, 3]
        );
    }
}
