//! `gongkai serve`: serves the site, rebuilds on change, keeps the last good site when a
//! record breaks and recovers when it is fixed.

mod common;
use common::*;
use std::io::{Read, Write};
use std::time::{Duration, Instant};

fn get(port: u16, path: &str) -> (u16, String) {
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text.split_whitespace().nth(1).unwrap().parse().unwrap();
    let body = text
        .split_once("\r\n\r\n")
        .map(|x| x.1.to_string())
        .unwrap_or_default();
    (status, body)
}

fn search(port: u16, q: &str) -> serde_json::Value {
    let q: String = form_urlencoded::byte_serialize(q.as_bytes()).collect();
    let (status, body) = get(port, &format!("/api/search?q={q}&lang=zh"));
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

/// Every exported search file of the Chinese site, as one string.
fn static_index(root: &std::path::Path) -> String {
    walkdir::WalkDir::new(root.join("public/search/zh"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect()
}

fn wait_for(mut ok: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ok() {
        assert!(start.elapsed() < Duration::from_secs(20), "timed out");
        std::thread::sleep(Duration::from_millis(100));
    }
}

struct Server(std::process::Child);
impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
    }
}

#[test]
fn serves_rebuilds_and_survives_a_broken_record() {
    let f = Fixture::new("minimal");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let _server = Server(
        std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .args([
                "serve",
                "--root",
                f.root().to_str().unwrap(),
                "--port",
                &port.to_string(),
            ])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap(),
    );
    wait_for(|| std::net::TcpStream::connect(("127.0.0.1", port)).is_ok());
    let (status, page) = get(port, "/plans/111/fix-bridge/");
    assert_eq!(status, 200);
    assert!(page.contains("橋梁維護計畫") && page.contains("/__gongkai/live.js"));
    assert_eq!(get(port, "/nothing-here/").0, 404);
    assert!(get(port, "/en/nothing-here/").1.contains("Page not found"));
    assert_eq!(get(port, "/../Cargo.toml").0, 404);

    // an edit is rebuilt and served
    f.edit(
        "content/plans/111/fix-bridge.yaml",
        "  zh: 橋梁維護計畫",
        "  zh: 橋梁維護新計畫",
    );
    wait_for(|| {
        get(port, "/plans/111/fix-bridge/")
            .1
            .contains("橋梁維護新計畫")
    });

    // a broken record: the error is reported, the last good site stays
    f.edit(
        "content/plans/111/fix-bridge.yaml",
        "agency: alpha",
        "agency: gamma",
    );
    wait_for(|| get(port, "/__gongkai/status").1.contains("unknown agency"));
    assert!(get(port, "/plans/111/fix-bridge/")
        .1
        .contains("橋梁維護新計畫"));

    // fixed: the error goes away
    f.edit(
        "content/plans/111/fix-bridge.yaml",
        "agency: gamma",
        "agency: alpha",
    );
    wait_for(|| get(port, "/__gongkai/status").1.contains("\"error\":null"));

    // the edit is searchable, from tantivy and from the static index
    let found = search(port, "維護新計畫");
    assert_eq!(found["total"], 1, "{found}");
    assert_eq!(found["results"][0]["url"], "/plans/111/fix-bridge/");
    assert!(static_index(f.root()).contains("橋梁維護新計畫"));
    assert_eq!(get(port, "/api/search?q=x&year=abc").0, 400);
    assert_eq!(get(port, "/api/search?q=x&agency=nobody").0, 400);

    // a deleted record disappears from every page and from search
    assert_eq!(search(port, "港口")["total"], 1);
    assert!(static_index(f.root()).contains("港口安全計畫"));
    std::fs::remove_file(f.root().join("content/plans/111/fix-ports.yaml")).unwrap();
    wait_for(|| !get(port, "/years/111/").1.contains("fix-ports"));
    // the list pages are written before the record's pages are removed
    wait_for(|| get(port, "/plans/111/fix-ports/").0 == 404);
    assert!(!get(port, "/agencies/beta/").1.contains("港口安全計畫"));
    assert_eq!(search(port, "港口")["total"], 0);
    let index = static_index(f.root());
    assert!(!index.contains("港口安全計畫") && !index.contains("\"港口\""));
}
