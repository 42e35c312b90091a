use std::time::Instant;
fn main() {
    let arg = std::env::args().nth(1).unwrap();
    let n: usize = std::env::args().nth(2).unwrap().parse().unwrap();
    let md: String = match arg.as_str() {
        "ent" => "&#x4e00;".repeat(n),
        "ent2" => "&amp;".repeat(n),
        "list" => "- ".repeat(n) + "x",
        "quote" => ">".repeat(n) + " x",
        "div" => "<div>".repeat(n) + "x",
        "em" => "*a ".repeat(n) + "x",
        "brk" => "[".repeat(n) + "x",
        "lt" => "<".repeat(n) + "x",
        _ => panic!(),
    };
    let t = Instant::now();
    let mut raw = String::new();
    pulldown_cmark::html::push_html(&mut raw, pulldown_cmark::Parser::new_ext(&md, pulldown_cmark::Options::ENABLE_TABLES| pulldown_cmark::Options::ENABLE_STRIKETHROUGH));
    eprintln!("cmark {:?} {}", t.elapsed(), raw.len());
    let t = Instant::now();
    let clean = ammonia::Builder::default().clean(&raw).to_string();
    eprintln!("ammonia {:?} {}", t.elapsed(), clean.len());
    let t = Instant::now();
    let page = format!("<!doctype html><html><body><main>{clean}</main></body></html>");
    let m = minify_html::minify(page.as_bytes(), &minify_html::Cfg::new());
    eprintln!("minify {:?} {}", t.elapsed(), m.len());
}
