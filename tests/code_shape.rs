//! The code's shape, as issue-style rules a reviewer would check by hand: no function in `src/`
//! longer than 80 lines, so each reads on one screen. rustfmt's layout makes a function's end
//! the first line at its own indentation that is a lone `}`.

use std::path::Path;

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
    functions(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src").as_path(),
        &mut all,
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
