//! `serve` patches a plain-data copy of the search index when a record changes instead of
//! indexing every record again; its export must equal that of a fresh tantivy index.

use gongkai::model::{Lang, Site};
use gongkai::search::{self, export, SearchIndex};
use std::path::Path;

fn site() -> Site {
    let content = gongkai::content::load(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
    Site::build(&content, Default::default())
}

fn files(e: export::Export) -> Vec<(String, String)> {
    e.files
        .into_iter()
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect()
}

#[test]
fn a_patched_mirror_exports_what_a_fresh_index_exports() {
    let site = site();
    for lang in Lang::ALL {
        let slugs: Vec<String> = site.agencies.iter().map(|a| a.slug.clone()).collect();
        let names = search::agency_names(&site, lang);
        let docs = search::docs(&site, lang);
        let syn = search::synonyms(&site, lang);
        let index =
            SearchIndex::build_with(lang, docs.clone(), slugs.clone(), syn.clone()).unwrap();
        let mut mirror = export::Mirror::read(&index).unwrap();
        // the mirror's export with every document `changed`, collected
        let export_mirror = |mirror: &mut export::Mirror, docs: &[search::SearchDoc]| {
            let all: Vec<usize> = (0..docs.len()).collect();
            files(
                export::collected(|out| {
                    export::export_mirror_to(&index, docs, &all, mirror, &names, out)
                })
                .unwrap(),
            )
        };
        // read back unchanged: the same files
        assert_eq!(
            export_mirror(&mut mirror, &docs),
            files(export::export(&index, &names).unwrap())
        );
        // edit two documents: new words, lost words, a longer and a shorter text, a title
        let mut edited = docs.clone();
        edited[3].body = format!(
            "{} 新增的句子 extra words ISO 9001 勞保局 托育 child care",
            edited[3].body
        );
        edited[7].body = edited[7].body.chars().take(20).collect();
        edited[7].title = "全新的計畫名稱 Brand new title".into();
        for d in [3usize, 7] {
            mirror.replace(d as u32, &docs[d], &edited[d]);
        }
        let fresh = SearchIndex::build_with(lang, edited.clone(), slugs, syn).unwrap();
        let want = files(export::export(&fresh, &names).unwrap());
        let got = export_mirror(&mut mirror, &edited);
        assert_eq!(got.len(), want.len());
        for (g, w) in got.iter().zip(&want) {
            assert_eq!(g.0, w.0, "file names ({})", lang.code());
            assert!(
                g.1 == w.1,
                "{} differs from a fresh index's ({})",
                g.0,
                lang.code()
            );
        }
    }
}
