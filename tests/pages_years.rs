//! `/years/` (and `/en/years/`) lists every year reviewed, newest first, each with its plans
//! and findings; the menu reaches it once there is more than one year.

mod common;
use common::*;

#[test]
fn the_years_page_lists_every_year_and_the_menu_reaches_it() {
    let f = Fixture::new("minimal");
    f.build().unwrap();
    for (prefix, title) in [("", "歷年評核結果"), ("en/", "Reviews by year")] {
        let page = f.read(&format!("{prefix}years/index.html"));
        assert_eq!(with_text(&page, "h1")[0].1, title, "{page}");
        let links = attr_values(&page, "href");
        let at = |url: String| links.iter().position(|l| *l == url);
        let (y111, y110) = (
            at(format!("/{prefix}years/111/")).expect("111 listed"),
            at(format!("/{prefix}years/110/")).expect("110 listed"),
        );
        assert!(y111 < y110, "newest first");
        assert!(at(format!("/{prefix}years/111/behind-schedule/")).is_some());
        // the main menu is the page's first `nav`
        let home = f.read(&format!("{prefix}index.html"));
        let menu = between(&home, "<nav", "</nav>");
        assert!(
            has_element(menu, "a", &[("href", &format!("/{prefix}years/"))]),
            "menu"
        );
        assert!(f
            .read("sitemap.xml")
            .contains(&format!("/{prefix}years/</loc>")));
    }
    // one year only: no menu entry, the page still there
    let one = Fixture::real();
    one.build().unwrap();
    assert!(!one.read("index.html").contains("<li><a href=\"/years/\">"));
    assert!(one.read("years/index.html").contains("/years/111/"));
}
