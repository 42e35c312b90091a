//! `sitemap.xml`: every page in both languages with its alternates; a site too large for one
//! file gets an index (`sitemap_index.xml` template) of numbered parts.

use super::pages::PageKey;
use super::{base, template_error};
use crate::error::Result;
use crate::model::{Lang, Site};
use serde::Serialize;
use tera::{Context, Tera};

#[derive(Serialize)]
struct SitemapEntry {
    loc: String,
    alternates: Vec<(String, String)>,
}

/// URLs per sitemap file; the protocol allows 50,000, and a larger site gets an index.
const SITEMAP_URLS: usize = 40_000;

/// `sitemap.xml`, or for large sites `sitemap.xml` as an index of `sitemap-N.xml` files:
/// (file, XML) pairs.
pub(super) fn render_sitemap(
    site: &Site,
    tera: &Tera,
    keys: &[PageKey],
) -> Result<Vec<(String, String)>> {
    let absolute = |key: &PageKey, lang: Lang| format!("{}{}", base(site), key.url(site, lang));
    let mut entries = Vec::new();
    for lang in Lang::ALL {
        for key in keys.iter().filter(|k| k.in_sitemap()) {
            entries.push(SitemapEntry {
                loc: absolute(key, lang),
                alternates: Lang::ALL
                    .iter()
                    .map(|l| (l.tag(&site.config).to_string(), absolute(key, *l)))
                    .collect(),
            });
        }
    }
    let render = |template: &str, ctx: Context| {
        tera.render(template, &ctx)
            .map_err(|e| template_error(template, e))
    };
    split_sitemap(
        &entries,
        SITEMAP_URLS,
        |chunk| {
            let mut ctx = Context::new();
            ctx.insert("entries", chunk);
            render("sitemap.xml", ctx)
        },
        |files| {
            let mut ctx = Context::new();
            ctx.insert("base_url", base(site));
            ctx.insert("files", files);
            render("sitemap_index.xml", ctx)
        },
    )
}

/// One sitemap, or numbered parts of at most `per_file` entries each and an index of them
/// (`render_index` gets the parts' file names).
fn split_sitemap<T>(
    entries: &[T],
    per_file: usize,
    render: impl Fn(&[T]) -> Result<String>,
    render_index: impl Fn(&[String]) -> Result<String>,
) -> Result<Vec<(String, String)>> {
    if entries.len() <= per_file {
        return Ok(vec![("sitemap.xml".to_string(), render(entries)?)]);
    }
    let mut files = Vec::new();
    for (i, chunk) in entries.chunks(per_file).enumerate() {
        files.push((format!("sitemap-{}.xml", i + 1), render(chunk)?));
    }
    let names: Vec<String> = files.iter().map(|(name, _)| name.clone()).collect();
    files.push(("sitemap.xml".to_string(), render_index(&names)?));
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_sitemaps_are_split_under_an_index() {
        let render = |c: &[u32]| Ok(format!("{c:?}"));
        let index = |names: &[String]| Ok(names.join(" "));
        let one = split_sitemap(&[1, 2], 2, render, index).unwrap();
        assert_eq!(one, vec![("sitemap.xml".to_string(), "[1, 2]".to_string())]);
        let many = split_sitemap(&[1, 2, 3, 4, 5], 2, render, index).unwrap();
        let names: Vec<&str> = many.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(
            names,
            [
                "sitemap-1.xml",
                "sitemap-2.xml",
                "sitemap-3.xml",
                "sitemap.xml"
            ]
        );
        assert_eq!(many[2].1, "[5]");
        assert_eq!(many[3].1, "sitemap-1.xml sitemap-2.xml sitemap-3.xml");
    }

    #[test]
    fn the_index_template_writes_what_the_protocol_asks() {
        let dir = tempfile::tempdir().unwrap();
        let theme = crate::render::theme::Theme::load(dir.path(), "default").unwrap();
        let tera = crate::render::engine(&theme).unwrap();
        let mut ctx = Context::new();
        ctx.insert("base_url", "https://x.test/a&b");
        ctx.insert("files", &["sitemap-1.xml", "sitemap-2.xml"]);
        assert_eq!(
            tera.render("sitemap_index.xml", &ctx).unwrap(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n<sitemap><loc>https://x.test/a&amp;b/sitemap-1.xml</loc></sitemap>\n<sitemap><loc>https://x.test/a&amp;b/sitemap-2.xml</loc></sitemap>\n</sitemapindex>\n"
        );
    }
}
