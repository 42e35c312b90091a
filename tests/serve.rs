//! `gongkai serve`: serves the site, rebuilds on change, keeps the last good site when a
//! record breaks and recovers when it is fixed.

mod common;
use common::*;
use std::io::{Read, Write};
use std::time::{Duration, Instant};

fn get(port: u16, path: &str) -> (u16, String) {
    try_get(port, path).expect("a response from the server")
}

/// `GET path`: the status and body, or `None` when the connection fails.
fn try_get(port: u16, path: &str) -> Option<(u16, String)> {
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).ok()?;
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text.split_whitespace().nth(1)?.parse().ok()?;
    let body = text
        .split_once("\r\n\r\n")
        .map(|x| x.1.to_string())
        .unwrap_or_default();
    Some((status, body))
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
        // reaped, so that no finished server is left in the process table
        let _ = self.0.wait();
    }
}

/// `gongkai serve` of fixture `f` on a free port, started and answering.
fn serve(f: &Fixture) -> (Server, u16) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let server = Server(
        std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .args(["serve", "--root", f.root().to_str().unwrap()])
            .args(["-p", &port.to_string()])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap(),
    );
    wait_for(|| std::net::TcpStream::connect(("127.0.0.1", port)).is_ok());
    (server, port)
}

#[test]
fn serve_shows_drafts_marked_and_follows_the_mark() {
    let f = Fixture::new("minimal");
    let ports = "content/plans/111/fix-ports.yaml";
    f.edit(ports, "id: fix-ports", "draft: true\nid: fix-ports");
    let (_server, port) = serve(&f);
    let (status, page) = get(port, "/en/plans/111/fix-ports/");
    assert_eq!(status, 200);
    let note = between(&page, "draft-note", "</p>");
    assert!(text_of(note).contains("Draft"), "{note}");
    assert!(text_of(between(
        &get(port, "/plans/111/fix-ports/").1,
        "draft-note",
        "</p>"
    ))
    .contains("草稿"));
    assert!(!get(port, "/plans/111/fix-bridge/").1.contains("draft-note"));
    // searched too, since the preview shows it
    assert_eq!(search(port, "港口")["total"], 1);
    // published: the mark goes
    f.edit(ports, "draft: true\n", "");
    wait_for(|| !get(port, "/plans/111/fix-ports/").1.contains("draft-note"));
    assert!(!get(port, "/years/111/").1.contains("tag-draft"));
}

#[test]
fn serves_rebuilds_and_survives_a_broken_record() {
    let f = Fixture::new("minimal");
    let (_server, port) = serve(&f);
    let (status, page) = get(port, "/plans/111/fix-bridge/");
    assert_eq!(status, 200);
    assert!(page.contains("橋梁維護計畫") && page.contains("/__gongkai/live.js"));
    assert_eq!(get(port, "/nothing-here/").0, 404);
    assert!(get(port, "/en/nothing-here/").1.contains("Page not found"));
    assert_eq!(get(port, "/../Cargo.toml").0, 404);

    // an edit is rebuilt and served
    rename_plan_and_see_it_served(&f, port);

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

/// Renames a plan and waits until `serve` serves its page with the new name.
fn rename_plan_and_see_it_served(f: &Fixture, port: u16) {
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
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `gongkai serve` in `dir` with `args`, its stderr in `log`; up once the first build is done.
fn spawn_serve(dir: &std::path::Path, args: &[&str], port: u16, log: &std::path::Path) -> Server {
    let server = start_serve(dir, args, port, log);
    // a server still starting may refuse or reset a connection: the probe asks again
    wait_for(|| try_get(port, "/__gongkai/status").is_some_and(|r| r.1.contains("\"version\":1")));
    server
}

/// `gongkai serve` in `dir` with `args`, its stderr in `log`, messages in English; not waited
/// for.
fn start_serve(dir: &std::path::Path, args: &[&str], port: u16, log: &std::path::Path) -> Server {
    Server(
        std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .current_dir(dir)
            .args(["--lang", "en", "serve"])
            .args(args)
            .args(["--port", &port.to_string()])
            .stderr(std::fs::File::create(log).unwrap())
            .spawn()
            .unwrap(),
    )
}

fn version(port: u16) -> u64 {
    let (_, body) = get(port, "/__gongkai/status");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    v["version"].as_u64().unwrap()
}

#[test]
fn a_second_serve_on_a_busy_port_fails_before_building() {
    let (a, b) = (Fixture::new("minimal"), Fixture::new("minimal"));
    let port = free_port();
    let log = a.root().join("serve.log");
    let _first = spawn_serve(a.root(), &["--root", "."], port, &log);
    let second = cli(&[
        "serve",
        "--root",
        b.root().to_str().unwrap(),
        "--port",
        &port.to_string(),
    ]);
    assert!(!second.status.success());
    let said = String::from_utf8_lossy(&second.stderr);
    assert!(said.contains("cannot listen"), "{said}");
    // the way out: another port
    let next = format!("--port {}", port + 1);
    assert!(said.contains("in use") && said.contains(&next), "{said}");
    assert!(!b.out().exists(), "the second serve built before failing");
    let zh = cli_in(
        "zh",
        &[
            "serve",
            "-r",
            b.root().to_str().unwrap(),
            "-p",
            &port.to_string(),
        ],
    );
    let said = String::from_utf8_lossy(&zh.stderr);
    assert!(said.contains("已被占用") && said.contains(&next), "{said}");
}

/// Sends `head` (ignoring a connection the server closed early) and returns the status.
fn send_raw(port: u16, head: &[u8]) -> Option<u16> {
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let _ = s.write_all(head);
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    String::from_utf8_lossy(&buf)
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
}

fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .unwrap()
        .trim()
        .trim_end_matches(" kB")
        .parse()
        .unwrap()
}

#[test]
fn request_heads_are_bounded() {
    // issue 13.13: tiny_http kept request lines of any length (4 × 200 MB → 2.4 GB)
    let f = Fixture::new("minimal");
    let port = free_port();
    let server = spawn_serve(f.root(), &["--root", "."], port, &f.root().join("log"));
    let long_line = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(64 * 1024));
    assert_eq!(send_raw(port, long_line.as_bytes()), Some(414));
    let long_headers = format!(
        "GET / HTTP/1.1\r\nHost: x\r\n{}\r\n",
        "X-Filler: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n".repeat(1000)
    );
    assert_eq!(send_raw(port, long_headers.as_bytes()), Some(431));
    let q = "勞".repeat(1000);
    let q: String = form_urlencoded::byte_serialize(q.as_bytes()).collect();
    assert_eq!(get(port, &format!("/api/search?q={q}")).0, 414);
    assert_eq!(get(port, "/api/search?q=%E6%A9%8B%E6%A2%81").0, 200);

    // four clients sending 50 MB request lines at once: the server's memory stays small
    let before = rss_kib(server.0.id());
    let senders: Vec<_> = (0..4)
        .map(|_| {
            std::thread::spawn(move || {
                let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
                let chunk = vec![b'a'; 1 << 20];
                let _ = s.write_all(b"GET /");
                for _ in 0..50 {
                    if s.write_all(&chunk).is_err() {
                        break; // the server closed the connection: what it should do
                    }
                }
            })
        })
        .collect();
    for t in senders {
        t.join().unwrap();
    }
    let after = rss_kib(server.0.id());
    assert!(
        after < before + 20 * 1024,
        "server memory grew from {before} kB to {after} kB"
    );
    assert_eq!(get(port, "/plans/111/fix-bridge/").0, 200, "still serving");
}

#[test]
fn with_root_dot_saves_are_incremental_and_pages_never_go_missing() {
    // issue 13.9: with `--root .` every save was a full rebuild, and each full rebuild's
    // folder swap answered 404 for existing pages for a moment
    let f = Fixture::new("minimal");
    let port = free_port();
    let log = f.root().join("serve.log");
    let _server = spawn_serve(f.root(), &["--root", "."], port, &log);
    f.edit(
        "content/plans/111/fix-bridge.yaml",
        "  zh: 橋梁維護計畫",
        "  zh: 橋梁維護新計畫",
    );
    wait_for(|| version(port) == 2);
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.contains("rebuilt:"), "not incremental:\n{text}");

    // full rebuilds (agencies.yaml) while a reader keeps asking for a page
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let mut misses = 0;
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                if get(port, "/plans/111/fix-ports/").0 != 200 {
                    misses += 1;
                }
            }
            misses
        })
    };
    // each edit waits for a rebuild after the last one seen (two quick saves may be one
    // rebuild or two)
    let mut seen = version(port);
    let mut rebuilt = || {
        wait_for(|| version(port) > seen);
        seen = version(port);
    };
    for i in 0..5 {
        f.edit(
            "content/agencies.yaml",
            "Department Alpha",
            &format!("Department Alpha{i}"),
        );
        rebuilt();
        f.edit(
            "content/agencies.yaml",
            &format!("Department Alpha{i}"),
            "Department Alpha",
        );
        rebuilt();
    }
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    assert_eq!(reader.join().unwrap(), 0, "a page went missing");
}

#[test]
fn a_content_folder_made_anew_is_watched_again() {
    let f = Fixture::new("minimal");
    let port = free_port();
    let _server = spawn_serve(f.root(), &["--root", "."], port, &f.root().join("log"));
    let (content, moved) = (f.root().join("content"), f.root().join("content.moved"));
    std::fs::rename(&content, &moved).unwrap();
    wait_for(|| get(port, "/__gongkai/status").1.contains("content"));
    copy_dir(&moved, &content);
    wait_for(|| get(port, "/__gongkai/status").1.contains("\"error\":null"));
    rename_plan_and_see_it_served(&f, port);
}

#[test]
fn killed_during_rebuilds_the_next_build_publishes_a_whole_site() {
    // `serve` killed (SIGKILL) at a random moment of a rebuild: a build that fails then
    // leaves the folder as the kill left it, and the next build that succeeds publishes the
    // whole site, equal to a fresh build, with nothing left beside the output
    let f = Fixture::real();
    let plan = "content/plans/111/mol-office-building.yaml";
    let original = std::fs::read_to_string(f.root().join(plan)).unwrap();
    let edited = original.replace(
        "  zh: 勞動部取得自有辦公廳舍計畫",
        "  zh: 勞動部取得辦公廳舍新計畫",
    );
    assert_ne!(original, edited);
    f.write(plan, &edited);
    let expected = f.root().join("expected");
    gongkai::build::build(f.root(), &expected).unwrap();
    let new = snapshot(&expected);
    std::fs::remove_dir_all(&expected).unwrap();
    let mut seed = 0x2545f4914f6cdd1du64;
    for trial in 0..10 {
        f.write(plan, &original);
        let _ = std::fs::remove_dir_all(f.out());
        let port = free_port();
        let root = f.root().to_str().unwrap();
        let mut server = spawn_serve(f.root(), &["--root", root], port, &f.root().join("log"));
        f.write(plan, &edited);
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        std::thread::sleep(Duration::from_millis(30 + seed % 1500));
        server.0.kill().unwrap(); // SIGKILL
        server.0.wait().unwrap();
        f.write(
            plan,
            &edited.replace("agency: secretariat", "agency: nobody"),
        );
        let before = snapshot(&f.out());
        let failed = cli(&["build", "--root", root]);
        assert!(!failed.status.success());
        assert!(
            snapshot(&f.out()) == before,
            "trial {trial}: a failed build changed the site"
        );
        f.write(plan, &edited);
        let next = cli(&["build", "--root", root]);
        assert!(
            next.status.success(),
            "{}",
            String::from_utf8_lossy(&next.stderr)
        );
        let now = snapshot(&f.out());
        let differ: Vec<&String> = (now.keys().chain(new.keys()))
            .filter(|k| now.get(*k) != new.get(*k))
            .take(5)
            .collect();
        assert!(
            differ.is_empty(),
            "trial {trial}: not the whole new site: {differ:?}"
        );
        let beside = names_beside(f.root(), ".public");
        assert!(beside.is_empty(), "trial {trial}: {beside:?}");
    }
}

#[cfg(unix)]
#[test]
fn links_out_of_the_output_and_foreign_hosts_are_refused() {
    // an adversarial review read /etc/passwd through a link in the output, and any page
    // could read the server through a name rebound to 127.0.0.1 (DNS rebinding)
    use std::os::unix::fs::symlink;
    let f = Fixture::new("minimal");
    let port = free_port();
    let _server = spawn_serve(f.root(), &["--root", "."], port, &f.root().join("log"));
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
    symlink(outside.path(), f.out().join("leak")).unwrap();
    symlink("/etc/passwd", f.out().join("passwd.txt")).unwrap();
    symlink("/etc", f.out().join("plans/etc")).unwrap();
    for path in ["/leak/secret.txt", "/passwd.txt", "/plans/etc/passwd"] {
        let (status, body) = get(port, path);
        assert_eq!(status, 404, "{path}");
        assert!(
            !body.contains("secret") && !body.contains("root:"),
            "{path}"
        );
    }
    assert_eq!(get(port, "/plans/111/fix-bridge/").0, 200);

    let with_host = |host: &str| send_raw(port, format!("GET / HTTP/1.1\r\n{host}\r\n").as_bytes());
    assert_eq!(with_host(&format!("Host: localhost:{port}\r\n")), Some(200));
    assert_eq!(with_host(&format!("Host: [::1]:{port}\r\n")), Some(200));
    assert_eq!(
        with_host(&format!("Host: rebound.example:{port}\r\n")),
        Some(421)
    );
    assert_eq!(with_host(""), Some(421));
}

/// `GET /` with `host` as the `Host` header: the status.
fn status_for_host(port: u16, host: &str) -> Option<u16> {
    send_raw(
        port,
        format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes(),
    )
}

#[test]
fn bound_to_every_address_it_warns_and_answers_ip_addresses_only() {
    // the requests still go to 127.0.0.1: only the Host header names other addresses
    let f = Fixture::new("minimal");
    let (port, log) = (free_port(), f.root().join("log"));
    let _server = spawn_serve(f.root(), &["--bind", "0.0.0.0"], port, &log);
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("192.0.2.7:{port}"),
        format!("[2001:db8::7]:{port}"),
    ] {
        assert_eq!(status_for_host(port, &host), Some(200), "{host}");
    }
    for host in [
        format!("rebound.example:{port}"),
        format!("192.0.2.7:{}", port + 1),
    ] {
        assert_eq!(status_for_host(port, &host), Some(421), "{host}");
    }
    wait_for(|| std::fs::read_to_string(&log).unwrap().contains("Serving"));
    let said = std::fs::read_to_string(&log).unwrap();
    assert!(said.contains("not for the internet"), "{said}");
    assert!(
        said.contains(&format!("http://127.0.0.1:{port}/")),
        "{said}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn bound_to_one_address_it_answers_that_address_without_a_warning() {
    // all of 127.0.0.0/8 is this machine's on Linux
    let f = Fixture::new("minimal");
    let (port, log) = (free_port(), f.root().join("log"));
    let _server = start_serve(f.root(), &["--bind", "127.0.0.2"], port, &log);
    let probe = || {
        let mut s = std::net::TcpStream::connect(("127.0.0.2", port)).ok()?;
        s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
        let head = format!("GET /__gongkai/status HTTP/1.1\r\nHost: 127.0.0.2:{port}\r\n\r\n");
        s.write_all(head.as_bytes()).ok()?;
        let mut buf = String::new();
        s.read_to_string(&mut buf).ok()?;
        Some(buf)
    };
    wait_for(|| probe().is_some_and(|r| r.contains("\"version\":1")));
    assert!(probe().unwrap().starts_with("HTTP/1.1 200"));
    let said = std::fs::read_to_string(&log).unwrap();
    assert!(
        said.contains(&format!("http://127.0.0.2:{port}/")),
        "{said}"
    );
    assert!(!said.contains("not for the internet"), "{said}");
}

#[test]
fn a_first_build_that_fails_says_there_is_no_site_yet() {
    let f = Fixture::new("minimal");
    let plan = "content/plans/111/fix-bridge.yaml";
    f.edit(plan, "agency: alpha", "agency: gamma");
    let (port, log) = (free_port(), f.root().join("log"));
    let _server = start_serve(f.root(), &[], port, &log);
    wait_for(|| try_get(port, "/__gongkai/status").is_some_and(|r| r.1.contains("unknown agency")));
    let said = std::fs::read_to_string(&log).unwrap();
    assert!(said.contains("there is no site yet"), "{said}");
    assert!(!said.contains("last good site"), "{said}");
    assert!(get(port, "/__gongkai/status").1.contains("\"site\":false"));
    // fixed: the site is built; broken again: the last good site stays
    f.edit(plan, "agency: gamma", "agency: alpha");
    wait_for(|| get(port, "/__gongkai/status").1.contains("\"version\":1"));
    assert_eq!(get(port, "/plans/111/fix-bridge/").0, 200);
    f.edit(plan, "agency: alpha", "agency: gamma");
    wait_for(|| {
        let status = get(port, "/__gongkai/status").1;
        status.contains("unknown agency") && status.contains("\"site\":true")
    });
    wait_for(|| {
        std::fs::read_to_string(&log)
            .unwrap()
            .contains("last good site")
    });
}

#[cfg(target_os = "linux")]
#[test]
fn open_hands_the_sites_address_to_the_systems_opener() {
    // a stand-in for xdg-open, first on the PATH, writes down what it was asked to open
    use std::os::unix::fs::PermissionsExt;
    let f = Fixture::new("minimal");
    let bin = tempfile::tempdir().unwrap();
    let opened = bin.path().join("opened");
    let opener = bin.path().join("xdg-open");
    std::fs::write(
        &opener,
        format!("#!/bin/sh\necho \"$1\" > '{}'\n", opened.display()),
    )
    .unwrap();
    std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap()
    );
    let port = free_port();
    let _server = Server(
        std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
            .args(["serve", "-r", f.root().to_str().unwrap(), "--open"])
            .args(["-p", &port.to_string()])
            .env("PATH", path)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap(),
    );
    wait_for(|| opened.exists() && std::fs::read_to_string(&opened).unwrap().ends_with('\n'));
    let url = std::fs::read_to_string(&opened).unwrap();
    assert_eq!(url.trim(), format!("http://127.0.0.1:{port}/"));
}

#[cfg(target_os = "linux")]
#[test]
fn on_a_terminal_the_first_build_shows_its_progress() {
    // `script` (util-linux) runs serve on a pseudo-terminal and copies what it shows
    let f = Fixture::new("minimal");
    let port = free_port();
    let screen = f.root().join("screen");
    let command = format!(
        "exec '{}' --lang en serve -r '{}' -p {port}",
        env!("CARGO_BIN_EXE_gongkai"),
        f.root().display()
    );
    let mut server = Server(
        std::process::Command::new("script")
            .args(["-qefc", &command, "/dev/null"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::fs::File::create(&screen).unwrap())
            .spawn()
            .expect("script, from util-linux"),
    );
    wait_for(|| try_get(port, "/__gongkai/status").is_some_and(|r| r.1.contains("\"version\":1")));
    wait_for(|| {
        std::fs::read_to_string(&screen)
            .unwrap()
            .contains("Serving")
    });
    server.0.kill().unwrap();
    server.0.wait().unwrap();
    let shown = std::fs::read_to_string(&screen).unwrap();
    assert!(shown.contains("files written ["), "{shown:?}");
    assert!(shown.contains("full rebuild"), "{shown:?}");
}
