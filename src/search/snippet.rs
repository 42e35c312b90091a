//! Snippets: a window of a document's text around the first matched term, with every match
//! in it marked. The browser builds its snippets the same way (`js/search.js`).

use super::synonyms::Synonyms;

/// Characters of context in a snippet.
pub const WINDOW_CHARS: usize = 90;

/// A piece of a snippet: text, and whether it matched.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Piece {
    /// The text, as in the document.
    pub text: String,
    /// Whether this piece is a match to highlight.
    pub mark: bool,
}

/// The snippet of `text` for `terms`: up to [`WINDOW_CHARS`] characters starting a little
/// before the first match (or the start of the text when nothing matches).
pub fn snippet(text: &str, terms: &[String], synonyms: &Synonyms) -> Vec<Piece> {
    let matches: Vec<(usize, usize)> = synonyms
        .analyze(text)
        .into_iter()
        .filter(|t| terms.contains(&t.text))
        .map(|t| (t.from, t.to))
        .collect();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_to_char = |b: usize| chars.partition_point(|(at, _)| *at < b);
    let first = matches.first().map_or(0, |m| byte_to_char(m.0));
    let start = first.saturating_sub(WINDOW_CHARS / 6);
    let end = (start + WINDOW_CHARS).min(chars.len());
    let byte = |c: usize| chars.get(c).map_or(text.len(), |x| x.0);
    let (from, to) = (byte(start), byte(end));
    let mut pieces: Vec<Piece> = Vec::new();
    let mut push = |s: &str, mark: bool| {
        if s.is_empty() {
            return;
        }
        match pieces.last_mut() {
            Some(p) if p.mark == mark => p.text.push_str(s),
            _ => pieces.push(Piece {
                text: s.to_string(),
                mark,
            }),
        }
    };
    if start > 0 {
        push("…", false);
    }
    let mut at = from;
    for (a, b) in matches {
        // overlapping bigrams: mark the part not yet marked
        let (a, b) = (a.max(at), b.min(to));
        if b <= at || a >= to {
            continue;
        }
        push(&text[at..a], false);
        push(&text[a..b], true);
        at = b;
    }
    push(&text[at..to], false);
    if end < chars.len() {
        push("…", false);
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_overlapping_bigrams_once() {
        let terms = vec!["勞資".to_string(), "資爭".to_string(), "爭議".to_string()];
        let p = snippet("處理勞資爭議案件", &terms, &Synonyms::default());
        assert_eq!(
            p,
            vec![
                Piece {
                    text: "處理".into(),
                    mark: false
                },
                Piece {
                    text: "勞資爭議".into(),
                    mark: true
                },
                Piece {
                    text: "案件".into(),
                    mark: false
                },
            ]
        );
    }
}
