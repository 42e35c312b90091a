//! Hostile records: no script, event handler or javascript: URL reaches a page.

mod common;
use common::*;

const PLAN: &str = "content/plans/111/fix-bridge.yaml";

#[test]
fn raw_html_in_records_is_escaped_or_sanitized() {
    let f = Fixture::new("minimal");
    f.edit(
        PLAN,
        "  zh: 橋梁維護計畫",
        "  zh: \"橋梁<script>alert('name')</script>計畫\"",
    );
    f.edit(
        PLAN,
        "完成**重要**工作。",
        "完成<script>alert(1)</script>工作<img src=x onerror=alert(2)>。[點我](javascript:alert(3)) <a href=\"javascript:alert(4)\" onclick=\"alert(5)\">連結</a> <iframe src=\"https://evil.example\"></iframe> <svg onload=alert(6)></svg> <div style=\"position:fixed\">x</div>",
    );
    f.edit(
        PLAN,
        "Bridge maintenance plan",
        "\"Bridge <img src=x onerror=alert(7)> plan\"",
    );
    f.build().unwrap();
    for (path, bytes) in snapshot(&f.out()) {
        if !(path.ends_with(".html") || path.ends_with(".xml")) {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap().to_lowercase();
        for tag in tags(&html) {
            let name = tag
                .split(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .next()
                .unwrap();
            assert!(
                !["script", "iframe", "img", "object", "embed"].contains(&name)
                    || (name == "script"
                        && tag.split_whitespace().any(|a| a.starts_with("src=\"/"))),
                "{path}: <{tag}"
            );
            for attr in tag.split_whitespace().skip(1) {
                assert!(!attr.starts_with("on"), "{path}: event handler in <{tag}");
                assert!(!attr.starts_with("style="), "{path}: style in <{tag}");
                assert!(
                    !attr.contains("javascript:"),
                    "{path}: javascript: URL in <{tag}"
                );
            }
        }
    }
    // the text itself is still shown, as text
    let page = f.read("plans/111/fix-bridge/index.html");
    assert!(
        page.contains("&lt;script>alert('name')&lt;/script>")
            || page.contains("&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;")
            || text_of(&page).contains("橋梁<script>alert('name')</script>計畫"),
        "name shown escaped"
    );
    assert!(text_of(&page).contains("連結"));
}

/// The real tags of an HTML page: escaped text like `&lt;img` is not a tag, nor is text inside
/// `<title>`, which browsers never parse as markup (the minifier may unescape it there).
fn tags(html: &str) -> Vec<&str> {
    let html = match (html.find("<title>"), html.find("</title>")) {
        (Some(_), Some(end)) => &html[end..],
        _ => html,
    };
    html.split('<')
        .skip(1)
        .filter(|t| t.starts_with(|c: char| c.is_ascii_alphabetic()))
        .map(|t| t.split('>').next().unwrap())
        .collect()
}
