//! Reading the table: rows, continuation rows, cells, sections.

use super::facts;
use super::text::{
    clean_wraps, ends_sentence, escape_markdown_start, heading_prefix, normalize_for_facts,
    split_review_cell, starts_with_marker, strip_spaces, Fragment, HEADINGS,
};
use super::{ImportOutcome, ImportProblem};
use crate::content::schema::{
    AgenciesFile, Challenge, Clarity, Facts, PlanFile, Reports, Review, Text,
};

const HEADER: [&str; 4] = ["項次", "主辦機關", "計畫名稱", "複核結果"];

/// A paragraph being assembled, with the line it starts on.
struct Para {
    text: String,
    line: usize,
}

/// One item's cells, accumulated over its first row and its continuation rows.
struct Item {
    item: u32,
    line: usize,
    agency: String,
    agency_line: Option<usize>,
    name: String,
    paras: Vec<Para>,
    /// The last paragraph was not closed by `</p>` when its row ended.
    open: bool,
}

impl Item {
    fn append_row(&mut self, line: usize, agency: &str, name: &str, review: &str) {
        if !agency.trim().is_empty() {
            self.agency.push_str(agency.trim());
            self.agency_line.get_or_insert(line);
        }
        if !name.trim().is_empty() {
            if !self.name.is_empty() {
                self.name.push(' ');
            }
            self.name.push_str(name.trim());
        }
        let frags = split_review_cell(review);
        let mut at_row_start = true;
        for Fragment {
            text,
            opened,
            closed,
        } in frags
        {
            if !opened && text.trim().is_empty() {
                // Only a `</p>` closing the paragraph left open by the previous row.
                self.open = false;
                continue;
            }
            let join = match self.paras.last() {
                None => false,
                Some(_) if !at_row_start => false,
                Some(_) if self.open || !opened => true,
                // Not a continuation of an open `<p>`, but a page break may still have cut a
                // sentence in two (`…職業安全衛生</p>` / `<p>決策系統…`): join when the previous
                // paragraph ends mid-sentence and the next does not start a new outline point.
                Some(prev) => {
                    let prev = clean_wraps(&prev.text);
                    let next = clean_wraps(&text);
                    !prev.is_empty()
                        && !next.is_empty()
                        && !ends_sentence(&prev)
                        && heading_prefix(&prev).is_none_or(|(_, rest)| !rest.is_empty())
                        && !starts_with_marker(&next)
                        && heading_prefix(&next).is_none()
                }
            };
            if join {
                let last = self.paras.last_mut().expect("checked above");
                last.text.push(' ');
                last.text.push_str(&text);
            } else {
                self.paras.push(Para { text, line });
            }
            at_row_start = false;
            self.open = !closed;
        }
    }
}

/// Split into lines on `\n`, `\r\n` or a lone `\r`.
fn lines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                out.push(&text[start..i]);
                start = i + 1;
            }
            b'\r' => {
                out.push(&text[start..i]);
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    out.push(&text[start..]);
    out
}

fn parse_item_number(cell: &str) -> Option<u32> {
    let s = normalize_for_facts(cell);
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok().filter(|&n| n > 0)
}

/// Parse the review table (see the module documentation) for ROC `year`.
///
/// Rules:
/// - A BOM is ignored; lines end with `\n`, `\r\n` or `\r`; line numbers are 1-based.
/// - Blank lines, lines without a tab (titles, page furniture) and header rows
///   (`項次` `主辦機關` `計畫名稱` `複核結果`, tab-separated) are skipped; a line without a tab that contains `<p>` is a
///   problem (review text outside the table).
/// - A row has exactly 4 tab-separated cells (trailing empty cells are ignored); a row whose
///   first cell is empty continues the previous item: agency and name text is appended, review
///   paragraphs are appended (an unclosed `<p>` continues; a paragraph cut mid-sentence at a page
///   break — previous one not ending in `。！？；` and next not starting with an outline marker
///   like `(二)`, `1.`, `二、` — is joined).
/// - Wrap spaces are undone with [`clean_wraps`]; the agency is matched against `agencies.yaml`
///   with all spaces removed.
/// - The review is split into its sections at paragraphs starting with `一、行政作業`,
///   `二、經費運用`, `三、特殊績效`; the heading is removed and text after it in the same paragraph
///   becomes the section's first paragraph. Paragraphs are joined by a blank line, the section
///   ends with a newline, and Markdown-special paragraph starts are escaped.
/// - Facts are extracted from the Chinese text (see `facts`).
/// - `id` is the placeholder `p<year>-<item>`; English texts are empty.
pub fn parse_table(text: &str, year: u32, agencies: &AgenciesFile) -> ImportOutcome {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut problems: Vec<ImportProblem> = Vec::new();
    let mut items: Vec<Item> = Vec::new();
    // Index into `items` of the item continuation rows belong to.
    let mut current: Option<usize> = None;
    // After a broken item row, its continuation rows are skipped silently.
    let mut skipping = false;

    for (idx, raw) in lines(text).into_iter().enumerate() {
        let line = idx + 1;
        let line_text = raw.strip_prefix('\u{feff}').unwrap_or(raw);
        if line_text.trim().is_empty() {
            continue;
        }
        if !line_text.contains('\t') {
            let lower = line_text.to_ascii_lowercase();
            if lower.contains("<p>") || lower.contains("</p>") || lower.contains("<p ") {
                problems.push(ImportProblem {
                    line,
                    message: "review text outside a table row (expected 4 tab-separated cells)"
                        .into(),
                });
            }
            continue;
        }
        let mut cells: Vec<&str> = line_text.split('\t').collect();
        while cells.len() > 4 && cells.last().is_some_and(|c| c.trim().is_empty()) {
            cells.pop();
        }
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let is_header = strip_spaces(cells[0]) == HEADER[0]
            || cells
                .iter()
                .zip(HEADER)
                .filter(|(c, h)| strip_spaces(c) == *h)
                .count()
                >= 2;
        if is_header {
            continue;
        }
        let first = cells[0].trim();
        if cells.len() != 4 {
            problems.push(ImportProblem {
                line,
                message: format!(
                    "expected 4 tab-separated cells (項次, 主辦機關, 計畫名稱, 複核結果), found {}",
                    cells.len()
                ),
            });
            if !first.is_empty() {
                current = None;
                skipping = true;
            }
            continue;
        }
        if first.is_empty() {
            match current {
                Some(i) => items[i].append_row(line, cells[1], cells[2], cells[3]),
                None if skipping => {}
                None => problems.push(ImportProblem {
                    line,
                    message: "continuation row (empty 項次) with no item before it".into(),
                }),
            }
            continue;
        }
        let Some(number) = parse_item_number(first) else {
            problems.push(ImportProblem {
                line,
                message: format!("item number (項次) {first:?} is not a positive number"),
            });
            current = None;
            skipping = true;
            continue;
        };
        if let Some(prev) = items.iter().find(|it| it.item == number) {
            problems.push(ImportProblem {
                line,
                message: format!(
                    "item {number} appears twice (first on line {}); this row is ignored",
                    prev.line
                ),
            });
            current = None;
            skipping = true;
            continue;
        }
        skipping = false;
        let mut item = Item {
            item: number,
            line,
            agency: String::new(),
            agency_line: None,
            name: String::new(),
            paras: Vec::new(),
            open: false,
        };
        item.append_row(line, cells[1], cells[2], cells[3]);
        items.push(item);
        current = Some(items.len() - 1);
    }

    if items.is_empty() {
        problems.push(ImportProblem {
            line: 1,
            message: "no items found: the table has no rows with a 項次".into(),
        });
    }
    let records = items
        .into_iter()
        .map(|it| build_record(it, year, agencies, &mut problems))
        .collect();
    problems.sort_by_key(|p| p.line);
    ImportOutcome { records, problems }
}

fn build_record(
    it: Item,
    year: u32,
    agencies: &AgenciesFile,
    problems: &mut Vec<ImportProblem>,
) -> PlanFile {
    let n = it.item;
    let mut problem = |line: usize, message: String| {
        problems.push(ImportProblem {
            line,
            message: format!("item {n}: {message}"),
        });
    };

    let agency_zh = strip_spaces(&it.agency);
    let agency_line = it.agency_line.unwrap_or(it.line);
    let agency = if agency_zh.is_empty() {
        problem(agency_line, "the agency (主辦機關) is empty".into());
        String::new()
    } else {
        match agencies
            .agencies
            .iter()
            .find(|a| strip_spaces(&a.name.zh) == agency_zh)
        {
            Some(a) => a.slug.clone(),
            None => {
                problem(
                    agency_line,
                    format!(
                        "unknown agency 「{agency_zh}」: add it to agencies.yaml or fix the table"
                    ),
                );
                String::new()
            }
        }
    };

    let name = clean_wraps(&it.name);
    if name.is_empty() {
        problem(it.line, "the plan name (計畫名稱) is empty".into());
    }

    // Split into sections.
    let mut sections: [Vec<(String, usize)>; 3] = Default::default();
    let mut heading_line: [Option<usize>; 3] = [None; 3];
    let mut before: Vec<(String, usize)> = Vec::new();
    let mut current: Option<usize> = None;
    for p in &it.paras {
        let text = clean_wraps(&p.text);
        if text.is_empty() {
            continue;
        }
        if let Some((k, rest)) = heading_prefix(&text) {
            if let Some(first) = heading_line[k] {
                problem(
                    p.line,
                    format!(
                        "heading {} appears again (first on line {first})",
                        HEADINGS[k]
                    ),
                );
            } else if current.is_some_and(|c| c > k) {
                problem(p.line, format!("heading {} is out of order", HEADINGS[k]));
            }
            heading_line[k].get_or_insert(p.line);
            current = Some(k);
            if !rest.is_empty() {
                sections[k].push((rest.to_string(), p.line));
            }
            continue;
        }
        for h in HEADINGS {
            if text.contains(h) {
                problem(
                    p.line,
                    format!("heading {h} inside a paragraph; the paragraph was not split"),
                );
            }
        }
        match current {
            Some(k) => sections[k].push((text, p.line)),
            None => before.push((text, p.line)),
        }
    }
    for k in 0..3 {
        if heading_line[k].is_none() {
            problem(it.line, format!("section {} is missing", HEADINGS[k]));
        }
    }
    if !before.is_empty() {
        let first_heading = (0..3).find(|&k| heading_line[k].is_some());
        match first_heading {
            // The heading of the section before the first one found is missing: the text is
            // that section's (already reported as a missing heading).
            Some(f) if f > 0 => {
                let target = f - 1;
                let mut moved = std::mem::take(&mut before);
                moved.append(&mut sections[target]);
                sections[target] = moved;
            }
            _ => {
                problem(
                    before[0].1,
                    format!(
                        "text before the heading {} was put in that section",
                        HEADINGS[0]
                    ),
                );
                let mut moved = std::mem::take(&mut before);
                moved.append(&mut sections[0]);
                sections[0] = moved;
            }
        }
    }
    for k in 0..3 {
        if let Some(line) = heading_line[k] {
            if sections[k].is_empty() {
                problem(line, format!("section {} has no text", HEADINGS[k]));
            }
        }
    }

    let join = |paras: &[(String, usize)]| -> String {
        if paras.is_empty() {
            return String::new();
        }
        let mut s = paras
            .iter()
            .map(|(p, _)| escape_markdown_start(p))
            .collect::<Vec<_>>()
            .join("\n\n");
        s.push('\n');
        s
    };
    let plain = |paras: &[(String, usize)]| -> String {
        paras
            .iter()
            .map(|(p, _)| normalize_for_facts(p))
            .collect::<Vec<_>>()
            .join("\n")
    };

    // Facts.
    let admin_norm = plain(&sections[0]);
    let budget_norm = plain(&sections[1]);
    let admin_line = sections[0]
        .first()
        .map(|p| p.1)
        .or(heading_line[0])
        .unwrap_or(it.line);
    let budget_line = sections[1]
        .first()
        .map(|p| p.1)
        .or(heading_line[1])
        .unwrap_or(it.line);
    let mut msgs = Vec::new();
    let reports = if sections[0].is_empty() {
        Reports {
            on_time: true,
            late: vec![],
            returned: vec![],
        }
    } else {
        facts::reports(&admin_norm, &mut msgs)
    };
    let lags = facts::lags(&admin_norm, &mut msgs);
    for m in msgs.drain(..) {
        problem(admin_line, m);
    }
    let (target_challenge, target_clarity) = if sections[0].is_empty() {
        (Challenge::NotStated, Clarity::NotStated)
    } else {
        (
            facts::target_challenge(&admin_norm),
            facts::target_clarity(&admin_norm),
        )
    };
    let budget_execution = facts::budget_execution(&budget_norm, &mut msgs);
    for m in msgs.drain(..) {
        problem(budget_line, m);
    }
    let perf_norm: Vec<String> = sections[2]
        .iter()
        .map(|(p, _)| normalize_for_facts(p))
        .collect();
    let special_performance = facts::special_performance(&perf_norm);

    let text = |zh: String| Text {
        zh,
        en: String::new(),
    };
    PlanFile {
        id: format!("p{year}-{n}"),
        year,
        item: n,
        agency,
        name: text(name),
        review: Review {
            administration: text(join(&sections[0])),
            budget: text(join(&sections[1])),
            performance: text(join(&sections[2])),
        },
        facts: Facts {
            reports,
            lags,
            target_challenge,
            target_clarity,
            budget_execution,
            special_performance,
        },
    }
}
