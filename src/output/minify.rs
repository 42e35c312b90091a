//! HTML minification with minify-html. Its JS minifier stays off: it has broken scripts in
//! other generators, and our scripts are external files anyway.

use std::sync::OnceLock;

fn cfg() -> &'static minify_html::Cfg {
    static C: OnceLock<minify_html::Cfg> = OnceLock::new();
    C.get_or_init(|| {
        let mut c = minify_html::Cfg::new();
        c.minify_css = true;
        c.minify_js = false;
        c.keep_closing_tags = true;
        c.keep_html_and_head_opening_tags = true;
        c
    })
}

/// Minified HTML.
pub fn html(src: &str) -> Vec<u8> {
    minify_html::minify(src.as_bytes(), cfg())
}
