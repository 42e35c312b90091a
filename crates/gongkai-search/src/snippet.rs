//! Snippets: a window of a document's text around the first matched term, with every match
//! in it marked. The browser builds its snippets the same way (`js/search.js`).

use super::synonyms::Synonyms;

/// Characters of context in a snippet.
pub const WINDOW_CHARS: usize = 90;

/// A piece of a snippet: text, and whether it matched.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Piece {
    /// The text, as in the document.
    pub text: String,
    /// Whether this piece is a match to highlight.
    pub mark: bool,
}

/// Matches considered when choosing the window (a long text's first ones).
pub const MAX_MATCHES: usize = 200;

/// The snippet of `text` for `terms`: up to [`WINDOW_CHARS`] characters starting a little
/// before the best match (or the start of the text when nothing matches): the match whose
/// window holds the most distinct terms, so the whole phrase when the text has it, the
/// earliest among equals. The window does not cut an English word or number at either end.
pub fn snippet(text: &str, terms: &[String], synonyms: &Synonyms) -> Vec<Piece> {
    let matched: Vec<(usize, usize, String)> = synonyms
        .analyze(text)
        .into_iter()
        .filter(|t| terms.iter().any(|term| *term == t.text))
        .map(|t| (t.from, t.to, t.text.into()))
        .collect();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_to_char = |b: usize| chars.partition_point(|(at, _)| *at < b);
    let lead = WINDOW_CHARS / 6;
    // the best place: most distinct terms within the window that would start there
    let mut first = 0;
    let mut best = 0;
    for (i, m) in matched.iter().take(MAX_MATCHES).enumerate() {
        let at = byte_to_char(m.0);
        let reach = at.saturating_sub(lead) + WINDOW_CHARS;
        let mut seen: Vec<&str> = Vec::new();
        for n in matched[i..].iter().take(MAX_MATCHES) {
            if byte_to_char(n.1) > reach {
                break;
            }
            if !seen.contains(&n.2.as_str()) {
                seen.push(&n.2);
            }
        }
        if seen.len() > best {
            best = seen.len();
            first = at;
        }
    }
    let matches: Vec<(usize, usize)> = matched.iter().map(|m| (m.0, m.1)).collect();
    let word = |c: usize| chars.get(c).is_some_and(|x| x.1.is_ascii_alphanumeric());
    let mut start = first.saturating_sub(lead);
    // not from the middle of a word: from its end (never past the match)
    while start > 0 && start < first && word(start - 1) && word(start) {
        start += 1;
    }
    let mut end = (start + WINDOW_CHARS).min(chars.len());
    // not to the middle of a word: back to its start (keeping at least the match's start)
    while end < chars.len() && end > first + 1 && word(end - 1) && word(end) {
        end -= 1;
    }
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
