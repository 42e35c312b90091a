//! Missing English never blocks the Chinese site: `check` and `build` warn, naming file, line
//! and field; the English page of such a plan says the translation is being prepared, shows
//! the Chinese marked as Chinese and links to the Chinese page; `--strict` makes it an error.

mod common;
use common::html::{Element, Piece};
use common::*;

const PLAN: &str = "content/plans/111/fix-ports.yaml";

/// The fixture with the plan's English name and one section's English not written yet.
fn untranslated() -> Fixture {
    let f = Fixture::new("minimal");
    f.edit(PLAN, "  en: Port safety plan", "  en: \"\"");
    f.edit(
        PLAN,
        "    en: |\n      (1) The Q1 implementation report was 2 days late. The work plan was returned for revision 1 time. The annual targets were quantified.\n",
        "    en: TODO\n",
    );
    f
}

#[test]
fn check_and_build_warn_and_strict_refuses() {
    let f = untranslated();
    let (ok, said) = run_in(&f, &["check"]);
    assert!(ok, "{said}");
    assert!(
        said.contains("warning: content/plans/111/fix-ports.yaml:7: field `name.en`"),
        "{said}"
    );
    assert!(said.contains("field `review.administration.en`"), "{said}");
    let (ok, said) = run_in(&f, &["check", "--strict"]);
    assert!(!ok);
    assert!(
        said.contains("fix-ports.yaml:7: field `name.en`") && !said.contains("warning:"),
        "{said}"
    );
    let (ok, said) = run_in(&f, &["build", "--strict"]);
    assert!(!ok, "{said}");
    assert!(
        !f.out().exists(),
        "a strict build that fails publishes nothing"
    );
    let (ok, said) = run_in(&f, &["build"]);
    assert!(ok, "{said}");
    assert!(said.contains("field `name.en`"), "{said}");
}

#[test]
fn the_english_page_says_the_translation_is_being_prepared() {
    let f = untranslated();
    f.build().unwrap();
    let en = f.read("en/plans/111/fix-ports/index.html");
    assert!(
        en.contains("translation of this plan is being prepared"),
        "{en}"
    );
    let (h1, name) = &with_text(&en, "h1")[0];
    assert_eq!(
        (h1.attr("lang"), name.as_str()),
        (Some("zh-Hant-TW"), "港口安全計畫"),
        "{en}"
    );
    assert!(
        has_element(&en, "a", &[("href", "/plans/111/fix-ports/")]),
        "links the Chinese page"
    );
    // the Chinese review text shown, marked as Chinese; no placeholder shown
    let chinese = |e: &Element| e.attr("lang") == Some("zh-Hant-TW");
    let pieces = common::html::pieces(&en);
    assert!(pieces.windows(2).any(|w| match w {
        [Piece::Start(e), Piece::Text(t)] => chinese(e) && t.starts_with('第'),
        [Piece::Start(e), _] => chinese(e) && e.name == "span",
        _ => false,
    }));
    assert!(!text_of(&en).contains("TODO"));
    assert!(!en.contains("Translated from the Chinese original"));
    // lists mark it: the name in Chinese, a space, the mark
    let year = common::html::pieces(&f.read("en/years/111/index.html"));
    assert!(
        year.windows(5).any(|w| match w {
            [Piece::Start(a), Piece::Text(name), Piece::End(_), Piece::Text(space), Piece::Start(mark)] =>
                a.name == "a"
                    && chinese(a)
                    && name == "港口安全計畫"
                    && space == " "
                    && mark.has(&[("class", "pending")]),
            _ => false,
        }),
        "{year:?}"
    );
    // the Chinese page is as ever; a translated plan's English page has no notice
    let zh = f.read("plans/111/fix-ports/index.html");
    assert!(!zh.contains("pending"));
    let (h1, name) = &with_text(&zh, "h1")[0];
    assert!(
        h1.attrs.is_empty() && name == "港口安全計畫",
        "{h1:?} {name}"
    );
    let other = f.read("en/plans/111/fix-bridge/index.html");
    assert!(!other.contains("being prepared"));
}

#[test]
fn a_chinese_placeholder_is_still_an_error() {
    let f = Fixture::new("minimal");
    f.edit(PLAN, "  zh: 港口安全計畫", "  zh: TODO");
    let (ok, said) = run_in(&f, &["check"]);
    assert!(!ok);
    assert!(
        said.contains("field `name.zh`") && said.contains("placeholder"),
        "{said}"
    );
}
