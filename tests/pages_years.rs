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
        assert!(page.contains(&format!("<h1>{title}</h1>")), "{page}");
        let (y111, y110) = (
            page.find(&format!("href=\"/{prefix}years/111/\""))
                .expect("111 listed"),
            page.find(&format!("href=\"/{prefix}years/110/\""))
                .expect("110 listed"),
        );
        assert!(y111 < y110, "newest first");
        assert!(page.contains(&format!("href=\"/{prefix}years/111/behind-schedule/\"")));
        let home = f.read(&format!("{prefix}index.html"));
        assert!(
            home.contains(&format!("<li><a href=\"/{prefix}years/\">")),
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
