//! Property tests over the YAML loader: no input makes it panic, and every rejection names
//! where the problem is (a line, or a field).

use gongkai::content::schema::PlanFile;
use gongkai::content::yaml;
use proptest::prelude::*;
use std::path::Path;

const RECORD: &str = include_str!("fixtures/minimal/content/plans/111/fix-bridge.yaml");

fn check(text: &str) {
    match yaml::parse::<PlanFile>(Path::new("content/plans/111/x.yaml"), text) {
        Ok(_) => {}
        Err(d) => {
            assert_eq!(d.file, Path::new("content/plans/111/x.yaml"));
            assert!(
                d.line.is_some() || d.field.is_some(),
                "a rejection without a place: {d}"
            );
            assert!(!d.message.is_empty());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC*") {
        check(&text);
    }

    #[test]
    fn damaged_records_never_panic(cut in 0usize..RECORD.len(), insert in "[\\[\\]{}:#&*!|>'\"%@`\\-\\n\\t ]{0,8}") {
        let mut cut = cut;
        while !RECORD.is_char_boundary(cut) { cut -= 1; }
        let damaged = format!("{}{}{}", &RECORD[..cut], insert, &RECORD[cut..]);
        check(&damaged);
        check(&RECORD[..cut]);
    }

    #[test]
    fn whole_content_loading_never_panics(insert in "[\\[\\]{}:#&*!|>'\"%@`\\-\\n\\t a-z0-9]{0,12}", at in 0usize..RECORD.len()) {
        let dir = tempfile::tempdir().unwrap();
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal/content");
        for e in walkdir::WalkDir::new(&src) {
            let e = e.unwrap();
            let target = dir.path().join("content").join(e.path().strip_prefix(&src).unwrap());
            if e.file_type().is_dir() { std::fs::create_dir_all(&target).unwrap(); } else { std::fs::copy(e.path(), &target).unwrap(); }
        }
        let mut at = at;
        while !RECORD.is_char_boundary(at) { at -= 1; }
        std::fs::write(dir.path().join("content/plans/111/fix-bridge.yaml"), format!("{}{}{}", &RECORD[..at], insert, &RECORD[at..])).unwrap();
        if let Err(gongkai::error::Error::Invalid(diags)) = gongkai::content::load(dir.path()) {
            prop_assert!(!diags.is_empty());
            for d in diags {
                prop_assert!(d.line.is_some() || d.field.is_some(), "no place: {}", d);
            }
        }
    }
}
