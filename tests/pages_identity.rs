//! Identity and contact: the footer shows what site.yaml sets and nothing else; the
//! accessibility mark only when configured; an agency's details on its page; `check` warns
//! when a site gives no way to reach it.

mod common;
use common::*;

const SET: &str = r#"unit:
  zh: 綜合規劃司
  en: Department of Planning
address:
  zh: 測試市測試路 1 號
  en: 1 Test Road, Test City
phone: "+886-2-1234-5678"
office_hours:
  zh: 週一至週五
  en: Monday to Friday
ministry_url: https://ministry.example.test
accessibility_mark:
  image:
    src: https://mark.example.test/mark.png
    alt:
      zh: 無障礙標章
      en: Accessibility mark
  url: https://mark.example.test/cert/1
"#;

#[test]
fn footer_shows_what_is_set_and_the_mark_only_when_configured() {
    let f = Fixture::new("minimal");
    f.build().unwrap();
    let plain = f.read("index.html");
    let text = text_of(&plain);
    assert!(
        text.contains("test@example.test"),
        "the e-mail set is shown"
    );
    assert!(
        !plain.contains("a11y-mark") && !text.contains("無障礙標章"),
        "no mark unless configured"
    );
    assert!(
        !text.contains("電話") && !text.contains("服務時間"),
        "unset fields are not rendered"
    );

    f.edit("content/site.yaml", "updated:", &format!("{SET}updated:"));
    f.build().unwrap();
    for (page, words) in [
        (
            "index.html",
            [
                "綜合規劃司",
                "測試市測試路 1 號",
                "+886-2-1234-5678",
                "週一至週五",
            ],
        ),
        (
            "en/index.html",
            [
                "Department of Planning",
                "1 Test Road, Test City",
                "+886-2-1234-5678",
                "Monday to Friday",
            ],
        ),
    ] {
        let html = f.read(page);
        let text = text_of(&html);
        for w in words {
            assert!(text.contains(w), "{page} does not show {w}");
        }
        let links = attr_values(&html, "href");
        assert!(
            links.contains(&"https://mark.example.test/cert/1".to_string()),
            "{page}: mark link"
        );
        assert!(
            links.contains(&"https://ministry.example.test".to_string()),
            "{page}: ministry link"
        );
        assert!(
            attr_values(&html, "src").contains(&"https://mark.example.test/mark.png".to_string())
        );
    }
    // the accessibility statement points to the contact
    let a11y = f.read("accessibility/index.html");
    assert!(attr_values(&a11y, "href").contains(&"#contact".to_string()));
}

#[test]
fn check_warns_when_no_contact_is_set_and_rejects_a_bad_url() {
    let f = Fixture::new("minimal");
    let root = f.root().to_str().unwrap().to_string();
    let o = cli(&["check", "--root", &root]);
    assert!(o.status.success());
    assert!(!String::from_utf8_lossy(&o.stderr).contains("no contact"));
    f.edit(
        "content/site.yaml",
        "contact_email: test@example.test\n",
        "",
    );
    let o = cli(&["check", "--root", &root]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("warning: content/site.yaml: no contact"));
    f.build().unwrap();
    assert!(
        !f.read("index.html").contains("id=\"contact\""),
        "no empty contact block"
    );
    f.edit(
        "content/site.yaml",
        "updated:",
        "ministry_url: www.example.test\nupdated:",
    );
    let o = cli(&["check", "--root", &root]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("ministry_url"));
}

#[test]
fn agency_page_shows_its_details_above_its_plans() {
    let f = Fixture::new("minimal");
    f.edit(
        "content/agencies.yaml",
        "    order: 2\n",
        "    order: 2\n    description:\n      zh: 甲司負責測試。\n      en: Alpha runs the tests.\n    website: https://alpha.example.test\n    contact:\n      phone: \"02-0000-0000\"\n",
    );
    f.build().unwrap();
    let html = f.read("en/agencies/alpha/index.html");
    let text = text_of(&html);
    let about = text
        .find("Alpha runs the tests.")
        .expect("description shown");
    let plans = text.find("This agency's plans").unwrap();
    assert!(about < plans);
    assert!(text.contains("02-0000-0000"));
    assert!(attr_values(&html, "href").contains(&"https://alpha.example.test".to_string()));
    // an agency without details shows no empty block
    assert!(!text_of(&f.read("en/agencies/beta/index.html")).contains("About the agency"));
}
