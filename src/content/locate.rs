//! Finds the line of a field in block-style YAML, for errors found after parsing
//! (an unknown agency, a percentage out of range). serde_yaml keeps no positions once parsed.

/// One step of a field path: a mapping key or a sequence index.
#[derive(Debug, Clone, Copy)]
pub enum Step<'a> {
    /// `key:`
    Key(&'a str),
    /// the n-th item of a sequence (0-based)
    Index(usize),
}

/// Returns the 1-based line holding the field at `path`, or, when the field itself is absent,
/// the line of its deepest ancestor present. Flow sequences (`[1, 2]`) resolve to the line of their key.
pub fn line_of(text: &str, path: &[Step]) -> Option<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let mut start = 0; // first line to search
    let mut end = lines.len(); // one past the last line of the current node
    let mut min_indent: isize = -1; // children must be indented more than this
    let mut found: Option<usize> = None;
    for step in path {
        let mut hit = None;
        let mut seen = 0;
        for (i, raw) in lines.iter().enumerate().take(end).skip(start) {
            let trimmed = raw.trim_start();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let indent = (raw.len() - trimmed.len()) as isize;
            if indent <= min_indent && i > start {
                break;
            }
            match step {
                Step::Key(k) => {
                    let item = trimmed.strip_prefix("- ").unwrap_or(trimmed);
                    let item_indent = indent + (trimmed.len() - item.len()) as isize;
                    if item_indent > min_indent
                        && item.strip_prefix(k).is_some_and(|r| r.starts_with(':'))
                    {
                        hit = Some((i, item_indent));
                        break;
                    }
                }
                Step::Index(n) => {
                    if trimmed.starts_with("- ") || trimmed == "-" {
                        if seen == *n {
                            hit = Some((i, indent));
                            break;
                        }
                        seen += 1;
                    } else if i == start && trimmed.contains('[') {
                        // flow sequence on the key's own line
                        return found;
                    }
                }
            }
        }
        let Some((line, indent)) = hit else {
            return found;
        };
        found = Some(line + 1);
        // the node's extent: following lines indented deeper than this key
        let node_end = lines
            .iter()
            .enumerate()
            .skip(line + 1)
            .find(|(_, l)| {
                let t = l.trim_start();
                !t.is_empty() && !t.starts_with('#') && ((l.len() - t.len()) as isize) <= indent
            })
            .map(|(i, _)| i)
            .unwrap_or(end);
        start = line;
        end = node_end.max(line + 1);
        min_indent = indent;
        if let Step::Index(_) = step {
            // sequence items' keys sit after "- ", deeper than the dash
            min_indent = indent;
        }
    }
    found
}

/// Parses a dotted path like `facts.lags[1].percent` into steps.
pub fn parse_path(path: &str) -> Vec<Step<'_>> {
    let mut steps = Vec::new();
    for part in path.split('.') {
        let (key, rest) = part.split_once('[').unwrap_or((part, ""));
        if !key.is_empty() {
            steps.push(Step::Key(key));
        }
        for idx in rest.split('[') {
            if let Ok(n) = idx.trim_end_matches(']').parse() {
                steps.push(Step::Index(n));
            }
        }
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "id: x\nname:\n  zh: 甲\n  en: A\nfacts:\n  reports:\n    on_time: true\n  lags:\n    - quarter: 3\n      percent: 3\n    - quarter: 4\n      percent: 120\n  budget_execution: [1, 2, 3, 4]\nagency: nope\n";

    fn at(p: &str) -> Option<usize> {
        line_of(DOC, &parse_path(p))
    }

    #[test]
    fn finds_nested_keys_and_items() {
        assert_eq!(at("agency"), Some(14));
        assert_eq!(at("name.en"), Some(4));
        assert_eq!(at("facts.lags[1].percent"), Some(12));
        assert_eq!(at("facts.lags[0].quarter"), Some(9));
        assert_eq!(at("facts.budget_execution[2]"), Some(13));
    }

    #[test]
    fn missing_key_gives_the_deepest_ancestor() {
        assert_eq!(at("nothing"), None);
        assert_eq!(at("name.fr"), Some(2));
    }
}
