//! Third-party files the default theme's scripts carry, kept under `vendor/` exactly as their
//! packages published them (pinned in `vendor/package.json`, checked by `tests/vendor.rs`;
//! licences in `THIRD_PARTY_NOTICES.md`) and compiled in. A line `//@vendor NAME` of a
//! theme's script stands for the file `vendor/NAME`: the script the site ships holds it whole,
//! while the repository holds it once, as published.

/// The vendored files, by their path under `vendor/`.
pub const FILES: &[(&str, &str)] = &[
    (
        "porter2/index.js",
        include_str!("../../vendor/porter2/index.js"),
    ),
    (
        "porter2/LICENSE",
        include_str!("../../vendor/porter2/LICENSE"),
    ),
];

/// What marks a line standing for a vendored file.
pub const MARK: &str = "//@vendor ";

/// `script` with each line `//@vendor NAME` (spaces around allowed) replaced by the file
/// `NAME` of [`FILES`], ending in a line break; `None` when it has no such line. A name not
/// vendored is left as it is (the line stays a comment).
pub fn splice(script: &str) -> Option<String> {
    if !script.contains(MARK) {
        return None;
    }
    let mut out = String::with_capacity(script.len());
    for line in script.split_inclusive('\n') {
        match vendored(line) {
            Some(file) => {
                out.push_str(file);
                if !file.ends_with('\n') {
                    out.push('\n');
                }
            }
            None => out.push_str(line),
        }
    }
    Some(out)
}

/// The vendored file a whole line names.
fn vendored(line: &str) -> Option<&'static str> {
    let name = line.trim().strip_prefix(MARK)?.trim();
    FILES.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marked_line_becomes_the_file_and_nothing_else_changes() {
        let script = "a\n  //@vendor porter2/LICENSE  \nb // not //@vendor porter2/LICENSE\n";
        let out = splice(script).unwrap();
        let licence = FILES[1].1;
        assert_eq!(
            out,
            format!("a\n{licence}b // not //@vendor porter2/LICENSE\n")
        );
        assert_eq!(splice("no mark\n"), None);
        let unknown = "//@vendor nothing/here.js\n";
        assert_eq!(splice(unknown).as_deref(), Some(unknown));
    }
}
