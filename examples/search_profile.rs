//! Times the search phases on a site: `cargo run --release --example search_profile -- ROOT`.
//! Prints, per language, the time to index with tantivy and to export the static files.
use gongkai::model::{Lang, Site};
use gongkai::search::{self, export, SearchIndex};
use std::time::Instant;

fn main() {
    let root = std::env::args().nth(1).expect("usage: search_profile ROOT");
    let content = gongkai::content::load(std::path::Path::new(&root)).expect("content");
    let site = Site::build(&content, Default::default());
    for lang in Lang::ALL {
        let t = Instant::now();
        let docs = search::docs(&site, lang);
        let d = t.elapsed();
        let t = Instant::now();
        let slugs = site.agencies.iter().map(|a| a.slug.clone()).collect();
        let index = SearchIndex::build_with(lang, docs, slugs, search::synonyms(&site, lang))
            .expect("index");
        let i = t.elapsed();
        let t = Instant::now();
        let names = search::agency_names(&site, lang);
        let e = export::export(&index, &names).expect("export");
        let x = t.elapsed();
        println!(
            "{}: docs {:.0} ms, tantivy {:.0} ms, export {:.0} ms; {} terms, {} postings, {} shards, {} bytes",
            lang.code(),
            d.as_secs_f64() * 1e3,
            i.as_secs_f64() * 1e3,
            x.as_secs_f64() * 1e3,
            e.stats.terms,
            e.stats.postings,
            e.stats.shards,
            e.stats.bytes
        );
        // what `serve` does on a record edit: patch the mirror, export it
        let t = Instant::now();
        let mut mirror = export::Mirror::read(&index).expect("mirror");
        let r = t.elapsed();
        let mut docs = index.docs.clone();
        let old = docs[0].clone();
        docs[0].body.push_str(" 修訂。");
        let t = Instant::now();
        mirror.replace(0, &old, &docs[0]);
        let p = t.elapsed();
        let t = Instant::now();
        let e2 = export::collected(|out| {
            export::export_mirror_to(&index, &docs, &[0], &mut mirror, &names, out)
        })
        .expect("export");
        let x2 = t.elapsed();
        println!(
            "    edit: read mirror {:.0} ms (once), patch {:.1} ms, export {:.0} ms ({} files)",
            r.as_secs_f64() * 1e3,
            p.as_secs_f64() * 1e3,
            x2.as_secs_f64() * 1e3,
            e2.files.len()
        );
    }
}
