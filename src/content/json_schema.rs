//! JSON Schemas of the content files, generated from the types that load them
//! ([`schema`](super::schema)), so what an editor checks as staff type cannot drift from what
//! the loader accepts. Editors that use the common YAML language server (VS Code's YAML
//! extension, and others) find a file's schema by its first-line comment, [`modeline`].

use super::schema::{
    AgenciesFile, PageFile, PlanFile, RelatedFile, SiteFile, SynonymsFile, YearFile,
};
use schemars::generate::SchemaSettings;
use schemars::JsonSchema;
use serde_json::Value;
use std::path::{Component, Path, PathBuf};

/// The folder, under a site's root, that holds its schemas.
pub const DIR: &str = "schemas";

/// A kind of content file, each with its own schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A plan record, `content/plans/<year>/<id>.yaml`.
    Plan,
    /// `content/agencies.yaml`.
    Agencies,
    /// `content/site.yaml`.
    Site,
    /// A year record, `content/years/<year>.yaml`.
    Year,
    /// A page, `content/pages/<slug>.yaml`.
    Page,
    /// `content/search/synonyms.yaml`.
    Synonyms,
    /// `content/search/related.yaml`.
    Related,
}

impl Kind {
    /// Every kind, in the order their schemas are written.
    pub const ALL: [Kind; 7] = [
        Kind::Plan,
        Kind::Agencies,
        Kind::Site,
        Kind::Year,
        Kind::Page,
        Kind::Synonyms,
        Kind::Related,
    ];

    /// The schema's file name in [`DIR`].
    pub fn file_name(self) -> &'static str {
        match self {
            Kind::Plan => "plan.schema.json",
            Kind::Agencies => "agency.schema.json",
            Kind::Site => "site.schema.json",
            Kind::Year => "year.schema.json",
            Kind::Page => "page.schema.json",
            Kind::Synonyms => "synonyms.schema.json",
            Kind::Related => "related.schema.json",
        }
    }

    /// The kind of the content file at `rel` (relative to the site's root), as the loader
    /// places files; `None` for anything it does not read.
    pub fn of(rel: &Path) -> Option<Kind> {
        let parts: Vec<&str> = rel
            .components()
            .map(|c| match c {
                Component::Normal(s) => s.to_str().unwrap_or("\u{0}"),
                _ => "\u{0}",
            })
            .collect();
        let yaml = parts.last()?.ends_with(".yaml");
        match parts.as_slice() {
            ["content", "site.yaml"] => Some(Kind::Site),
            ["content", "agencies.yaml"] => Some(Kind::Agencies),
            ["content", "search", "synonyms.yaml"] => Some(Kind::Synonyms),
            ["content", "search", "related.yaml"] => Some(Kind::Related),
            ["content", "plans", _, _] if yaml => Some(Kind::Plan),
            ["content", "years", _] if yaml => Some(Kind::Year),
            ["content", "pages", _] if yaml => Some(Kind::Page),
            _ => None,
        }
    }

    /// The schema, as JSON Schema draft 07: the version the YAML language server supports.
    pub fn schema(self) -> Value {
        let (mut schema, title) = match self {
            Kind::Plan => (generate::<PlanFile>(), "gongkai 計畫紀錄 / plan record"),
            Kind::Agencies => (generate::<AgenciesFile>(), "gongkai 主辦機關 / agencies"),
            Kind::Site => (generate::<SiteFile>(), "gongkai 網站設定 / site settings"),
            Kind::Year => (generate::<YearFile>(), "gongkai 年度紀錄 / year record"),
            Kind::Page => (generate::<PageFile>(), "gongkai 說明頁面 / page"),
            Kind::Synonyms => (generate::<SynonymsFile>(), "gongkai 同義詞 / synonyms"),
            Kind::Related => (generate::<RelatedFile>(), "gongkai 相關詞 / related terms"),
        };
        schema["title"] = title.into();
        schema
    }

    /// The schema's file as written: pretty JSON, keys in a fixed order, ending in a newline.
    pub fn text(self) -> String {
        let mut text = serde_json::to_string_pretty(&self.schema()).expect("a schema is JSON");
        text.push('\n');
        text
    }
}

/// `T`'s schema, its descriptions tidied ([`tidy`]).
fn generate<T: JsonSchema>() -> Value {
    let generator = SchemaSettings::draft07().into_generator();
    let mut schema = generator.into_root_schema_for::<T>().to_value();
    tidy(&mut schema);
    schema
}

/// Joins the lines of each description that a doc comment wrapped, keeping its paragraphs: an
/// editor shows the text as it is.
pub(crate) fn tidy(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                match value {
                    Value::String(s) if key == "description" => *s = unwrap_lines(s),
                    _ => tidy(value),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(tidy),
        _ => {}
    }
}

/// `text` with each single line break gone: a space between words, nothing beside Chinese
/// (which has no spaces between words). Paragraph breaks (blank lines) stay.
fn unwrap_lines(text: &str) -> String {
    let wide = |c: Option<char>| c.is_some_and(|c| c >= '\u{2E80}');
    let paragraph = |para: &str| {
        let mut out = String::new();
        for line in para.lines().map(str::trim) {
            if !out.is_empty() && !wide(out.chars().last()) && !wide(line.chars().next()) {
                out.push(' ');
            }
            out.push_str(line);
        }
        out
    };
    text.split("\n\n")
        .map(paragraph)
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// What the YAML language server's first-line comment starts with.
pub const MODELINE: &str = "# yaml-language-server: $schema=";

/// The first-line comment pointing an editor at the schema `reference` (a path relative to
/// the file, or a URL).
pub fn modeline(reference: &str) -> String {
    format!("{MODELINE}{reference}")
}

/// The first line of `text` when it is a [`modeline`].
pub fn modeline_of(text: &str) -> Option<&str> {
    let first = text.lines().next()?;
    first.starts_with(MODELINE).then_some(first)
}

/// `text` beginning with `line` (a [`modeline`]), in place of the modeline it began with, if
/// any.
pub fn with_modeline(text: &str, line: &str) -> String {
    let rest = match modeline_of(text) {
        Some(first) => text[first.len()..].trim_start_matches(['\r', '\n']),
        None => text,
    };
    format!("{line}\n{rest}")
}

/// The schema of `kind` in `schemas` (a folder) as a file in `dir` refers to it: a relative
/// path with `/` between its steps, or an absolute one where there is none (another drive).
/// Links are resolved as far as the paths exist, so both are compared as the system sees them.
pub fn reference(dir: &Path, schemas: &Path, kind: Kind) -> String {
    let from = resolved(dir);
    let to = resolved(&schemas.join(kind.file_name()));
    let common = from
        .components()
        .zip(to.components())
        .take_while(|(a, b)| a == b)
        .count();
    if common == 0 {
        return to.to_string_lossy().replace('\\', "/");
    }
    let up = from.components().count() - common;
    let steps = std::iter::repeat_n("..".to_string(), up).chain(
        to.components()
            .skip(common)
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    steps.collect::<Vec<_>>().join("/")
}

/// `path` made absolute, with its longest existing part canonical (links resolved) and the
/// rest, which does not exist yet, as written (without `.` steps).
fn resolved(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut missing = Vec::new();
    let mut existing = absolute.as_path();
    loop {
        if let Ok(canon) = std::fs::canonicalize(existing) {
            let mut out = canon;
            out.extend(missing.iter().rev());
            return out;
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                missing.push(name.to_os_string());
                existing = parent;
            }
            _ => return absolute,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_follow_the_loaders_places() {
        let kind = |p: &str| Kind::of(Path::new(p));
        assert_eq!(kind("content/plans/112/a-b.yaml"), Some(Kind::Plan));
        assert_eq!(kind("content/agencies.yaml"), Some(Kind::Agencies));
        assert_eq!(kind("content/site.yaml"), Some(Kind::Site));
        assert_eq!(kind("content/years/112.yaml"), Some(Kind::Year));
        assert_eq!(kind("content/pages/about.yaml"), Some(Kind::Page));
        assert_eq!(kind("content/search/synonyms.yaml"), Some(Kind::Synonyms));
        assert_eq!(kind("content/plans/a.yaml"), None);
        assert_eq!(kind("content/plans/112/a.yml"), None);
        assert_eq!(kind("content/plans/112/x/a.yaml"), None);
        assert_eq!(kind("other/site.yaml"), None);
    }

    #[test]
    fn references_climb_from_the_record_to_the_schemas() {
        let site = tempfile::tempdir().unwrap();
        let root = site.path();
        let plans = root.join("content/plans/112");
        let schemas = root.join(DIR);
        assert_eq!(
            reference(&plans, &schemas, Kind::Plan),
            "../../../schemas/plan.schema.json"
        );
        assert_eq!(
            reference(&root.join("content"), &schemas, Kind::Site),
            "../schemas/site.schema.json"
        );
        // the same through `.` steps and a folder made later
        assert_eq!(
            reference(&root.join("./content/./years"), &schemas, Kind::Year),
            "../../schemas/year.schema.json"
        );
    }

    #[test]
    fn modelines_are_replaced_not_stacked() {
        let line = modeline("../x.json");
        let once = with_modeline("# a comment\nid: a\n", &line);
        assert_eq!(once, format!("{line}\n# a comment\nid: a\n"));
        let twice = with_modeline(&once, &modeline("../y.json"));
        assert_eq!(
            twice,
            "# yaml-language-server: $schema=../y.json\n# a comment\nid: a\n"
        );
        assert_eq!(modeline_of("id: a\n"), None);
    }

    #[test]
    fn descriptions_are_unwrapped_paragraphs() {
        assert_eq!(unwrap_lines("a\nb\n\n中\n文 `x`\ny"), "a b\n\n中文 `x` y");
        let plan = Kind::Plan.schema();
        let id = &plan["properties"]["id"]["description"];
        assert!(!id.as_str().unwrap().contains("hyphens,\n"), "{id}");
    }
}
