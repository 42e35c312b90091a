//! The code's shape, as issue-style rules a reviewer would check by hand: no function in `src/`
//! (or a workspace crate's `src/`) longer than 80 lines, so each reads on one screen; and the
//! `gongkai` crate's top-level modules in layers, each using only the layers below it, so that
//! no two modules depend on each other. rustfmt's layout makes a function's end the first line
//! at its own indentation that is a lone `}`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 80;

/// (file, first line, name, length) of every function in `src`'s Rust files.
fn functions(dir: &Path, out: &mut Vec<(String, usize, String, usize)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            functions(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            let lines: Vec<&str> = text.lines().collect();
            for (i, line) in lines.iter().enumerate() {
                let Some((indent, name)) = fn_header(line) else {
                    continue;
                };
                // a body opened and closed on the header's line (`fn f(&self) {}`)
                if line.trim_end().ends_with('}') {
                    out.push((path.display().to_string(), i + 1, name, 1));
                    continue;
                }
                let close = format!("{indent}}}");
                if let Some(end) = (i..lines.len()).find(|&j| lines[j] == close) {
                    out.push((path.display().to_string(), i + 1, name, end - i + 1));
                }
            }
        }
    }
}

/// The indentation and name of a line that starts a function with a body.
fn fn_header(line: &str) -> Option<(&str, String)> {
    let body = line.trim_start();
    let indent = &line[..line.len() - body.len()];
    let mut words = body.split_whitespace().peekable();
    while let Some(w) = words.peek() {
        if w.starts_with("pub") || ["const", "async", "unsafe", "extern"].contains(w) {
            words.next();
        } else {
            break;
        }
    }
    if words.next() != Some("fn") || line.trim_end().ends_with(';') {
        return None;
    }
    let name: String = words
        .next()?
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    Some((indent, name))
}

#[test]
fn no_function_in_src_is_longer_than_80_lines() {
    let mut all = Vec::new();
    for src in source_dirs() {
        functions(&src, &mut all);
    }
    assert!(
        all.iter().any(|f| f.0.contains("gongkai-search")),
        "the scan did not reach the workspace crates"
    );
    assert!(
        all.len() > 100,
        "the scan found only {} functions",
        all.len()
    );
    let long: Vec<String> = all
        .iter()
        .filter(|f| f.3 > MAX_LINES)
        .map(|(file, line, name, n)| format!("{file}:{line} {name}: {n} lines"))
        .collect();
    assert!(
        long.is_empty(),
        "functions longer than {MAX_LINES} lines:\n{}",
        long.join("\n")
    );
}

/// `src/` of the `gongkai` crate and of every workspace crate under `crates/`.
fn source_dirs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![root.join("src")];
    let mut crates: Vec<PathBuf> = std::fs::read_dir(root.join("crates"))
        .unwrap()
        .map(|e| e.unwrap().path().join("src"))
        .filter(|p| p.is_dir())
        .collect();
    crates.sort();
    dirs.extend(crates);
    dirs
}

#[test]
fn the_scan_sees_a_long_function() {
    let src =
        "fn short() {\n}\n    pub(crate) fn long() {\n".to_string() + &"x\n".repeat(90) + "    }\n";
    let lines: Vec<&str> = src.lines().collect();
    let (indent, name) = fn_header(lines[2]).unwrap();
    assert_eq!((indent, name.as_str()), ("    ", "long"));
    assert_eq!(fn_header("    fn decl(&self);"), None);
}

#[test]
fn the_dev_server_uses_no_staff_command() {
    // `serve` sits beside the staff commands, not on them: what both need lives below both
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![root.join("serve.rs")];
    if let Ok(dir) = std::fs::read_dir(root.join("serve")) {
        files.extend(dir.filter_map(|e| e.ok()).map(|e| e.path()));
    }
    for f in files
        .iter()
        .filter(|f| f.extension().is_some_and(|x| x == "rs"))
    {
        let text = std::fs::read_to_string(f).unwrap();
        assert!(
            !text.contains("cmd::"),
            "{} uses a staff command",
            f.display()
        );
    }
}

/// The `gongkai` crate's top-level modules in layers, lowest first: a module uses (by a
/// `crate::` path) only modules of the layers before its own, never one of its own layer or
/// above. Below them all are the workspace crates, which Cargo keeps from using anything
/// above them: `gongkai-core` (messages, errors, the languages, the records' shape), and on it
/// `gongkai-search` (the search engine) and `gongkai-output` (publishing), re-exported as
/// `gongkai::error`, `gongkai::search`, `gongkai::output` and inside `gongkai::content` and
/// `gongkai::model`. A new module is placed here, in the layer of the lowest module that
/// uses it or above what it uses.
const LAYERS: &[&[&str]] = &[
    // text below everything: Markdown, the review text's cleanup, encodings
    &["text", "text_encoding"],
    // the review reader: the facts and flags' sentences a review's text states
    &["reader"],
    // loading and validating content/
    &["content"],
    // the site as data; importing the ministry's table into records
    &["model", "import"],
    // what is made of the model or the records: search documents, open data's reasons, a
    // new record
    &["search", "opendata_reasons", "scaffold"],
    &["opendata_json"],
    &["opendata"],
    &["opendata_ods"],
    // the open data's pieces kept between rebuilds, and the files made of them
    &["opendata_pieces"],
    &["opendata_files"],
    // pages
    &["render"],
    // the pipeline, its server, the staff commands
    &["build"],
    &["serve"],
    &["cmd"],
];

/// The top-level modules `src/lib.rs` declares.
fn lib_modules() -> Vec<String> {
    let lib = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs");
    std::fs::read_to_string(lib)
        .unwrap()
        .lines()
        .filter_map(|l| {
            let l = l.trim().strip_prefix("pub ").unwrap_or(l.trim());
            l.strip_prefix("mod ")?
                .strip_suffix(';')
                .map(str::to_string)
        })
        .collect()
}

/// The Rust files of top-level module `m`: `src/m.rs` and everything under `src/m/`.
fn module_files(m: &str) -> Vec<PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    let file = src.join(format!("{m}.rs"));
    if file.is_file() {
        files.push(file);
    }
    let mut dirs = vec![src.join(m)];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries {
            let p = e.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                files.push(p);
            }
        }
    }
    files
}

/// A line without its comment: a `//` not right after a `:` (as in `https://`) starts one.
fn code_of(line: &str) -> &str {
    let b = line.as_bytes();
    let cut = (0..b.len().saturating_sub(1))
        .find(|&i| b[i] == b'/' && b[i + 1] == b'/' && (i == 0 || b[i - 1] != b':'));
    &line[..cut.unwrap_or(line.len())]
}

/// The first name of each path `code` reaches through `crate::`: `crate::model::Lang` gives
/// `model`, `use crate::{content::schema, msg}` gives `content` and `msg`.
fn crate_paths(code: &str) -> Vec<String> {
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut names = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let before = code[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest = &code[at + "crate::".len()..];
        let Some(group) = rest.strip_prefix('{') else {
            names.push(ident(rest));
            continue;
        };
        // the group's items at its own depth, each up to its comma
        let mut depth = 0;
        let mut item_start = true;
        for (i, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => break,
                '}' => depth -= 1,
                ',' if depth == 0 => item_start = true,
                c if item_start && !c.is_whitespace() => {
                    names.push(ident(&group[i..]));
                    item_start = false;
                }
                _ => {}
            }
        }
    }
    names.retain(|n| !n.is_empty());
    names
}

/// Each top-level module's uses of the others (by `crate::` path), with a line showing each.
fn module_graph() -> BTreeMap<String, BTreeMap<String, String>> {
    let modules = lib_modules();
    let mut graph = BTreeMap::new();
    for m in &modules {
        let mut uses: BTreeMap<String, String> = BTreeMap::new();
        for file in module_files(m) {
            let text = std::fs::read_to_string(&file).unwrap();
            for (i, line) in text.lines().enumerate() {
                for used in crate_paths(code_of(line)) {
                    if used != *m && modules.contains(&used) {
                        uses.entry(used)
                            .or_insert_with(|| format!("{}:{}", file.display(), i + 1));
                    }
                }
            }
        }
        graph.insert(m.clone(), uses);
    }
    graph
}

/// A cycle of `graph`, if it has one (depth first, each module once).
fn a_cycle(graph: &BTreeMap<String, BTreeMap<String, String>>) -> Option<Vec<String>> {
    fn visit(
        m: &str,
        graph: &BTreeMap<String, BTreeMap<String, String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == m) {
            let mut cycle = path[at..].to_vec();
            cycle.push(m.to_string());
            return Some(cycle);
        }
        if !done.insert(m.to_string()) {
            return None;
        }
        path.push(m.to_string());
        for next in graph.get(m).into_iter().flat_map(|u| u.keys()) {
            if let Some(c) = visit(next, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|m| visit(m, graph, &mut Vec::new(), &mut done))
}

#[test]
fn the_scan_reads_crate_paths_and_groups() {
    assert_eq!(crate_paths("use crate::model::Lang;"), ["model"]);
    assert_eq!(
        crate_paths("use crate::{content::schema::{A, B}, msg, search};"),
        ["content", "msg", "search"]
    );
    assert_eq!(
        crate_paths("x = $crate::error::Msg::new(gongkai_crate::a)"),
        ["error"]
    );
    assert_eq!(
        code_of("let u = \"https://x\"; // crate::build"),
        "let u = \"https://x\"; "
    );
    let graph = module_graph();
    // arrows known to be there: the scan reads them
    assert!(graph["build"].contains_key("render"), "{graph:?}");
    assert!(graph["content"].contains_key("reader"), "{graph:?}");
    assert!(graph["render"].contains_key("text"), "{graph:?}");
}

#[test]
fn no_two_top_level_modules_depend_on_each_other() {
    let graph = module_graph();
    if let Some(cycle) = a_cycle(&graph) {
        let steps: Vec<String> = cycle
            .windows(2)
            .map(|w| format!("{} → {} ({})", w[0], w[1], graph[&w[0]][&w[1]]))
            .collect();
        panic!("the modules form a cycle:\n  {}", steps.join("\n  "));
    }
}

#[test]
fn every_top_level_module_uses_only_the_layers_below_it() {
    let layer: BTreeMap<&str, usize> = LAYERS
        .iter()
        .enumerate()
        .flat_map(|(i, l)| l.iter().map(move |m| (*m, i)))
        .collect();
    let modules = lib_modules();
    for m in &modules {
        assert!(
            layer.contains_key(m.as_str()),
            "src/lib.rs declares `{m}`, which no layer of LAYERS (tests/code_shape.rs) holds: place it"
        );
    }
    for m in layer.keys() {
        assert!(
            modules.iter().any(|d| d == m),
            "LAYERS names `{m}`, which src/lib.rs does not declare"
        );
    }
    let mut upward = Vec::new();
    for (m, uses) in module_graph() {
        for (used, at) in uses {
            if layer[used.as_str()] >= layer[m.as_str()] {
                upward.push(format!("{m} uses {used}, of its own layer or above ({at})"));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "arrows that do not point down:\n  {}",
        upward.join("\n  ")
    );
}
