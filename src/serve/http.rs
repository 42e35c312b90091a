//! The development server's HTTP/1.1: GET and HEAD only, one request per connection, and
//! bounded everywhere a client could make it hold memory or threads. The request head is read
//! into a buffer of at most [`Limits::head`] bytes and parsed with `httparse`; a longer request
//! line is answered 414, longer headers 431, and the connection closed. (tiny_http, used
//! before, buffered a request line of any length.)
//!
//! Time is bounded per request, not per read: a client has [`Limits::head_time`] from the
//! accept to the end of its request head, and [`Limits::write_time`] to take the whole answer,
//! so clients trickling a byte at a time hold a connection slot no longer than that. Only
//! requests naming the server's own address in `Host` are answered ([`Hosts`]): a page on
//! another site whose name was rebound to 127.0.0.1 (DNS rebinding) is answered 421. A server
//! listening on every address (`--bind 0.0.0.0`) answers any IP address with its port
//! ([`Hosts::any_ip`]): each one may be the machine's, and rebinding needs a name.

use std::io::{Read, Write};
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What a client may send and hold.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Request line and headers together, in bytes.
    pub head: usize,
    /// The request target (path and query), in bytes.
    pub target: usize,
    /// Headers.
    pub headers: usize,
    /// Connections served at once; more are answered 503.
    pub connections: usize,
    /// How long a client may take to send its whole request head, from the accept on.
    pub head_time: Duration,
    /// How long a client may take to read the whole answer.
    pub write_time: Duration,
    /// The `Host` values answered; any other, or none in an HTTP/1.1 request, is answered 421.
    pub hosts: Hosts,
}

impl Limits {
    /// The limits of a server listening on `addr`, answering the names of that address.
    pub fn for_address(addr: SocketAddr) -> Limits {
        Limits {
            head: 16 * 1024,
            target: 8 * 1024,
            headers: 64,
            connections: 64,
            head_time: Duration::from_secs(10),
            write_time: Duration::from_secs(10),
            hosts: Hosts::for_address(addr),
        }
    }
}

/// The `Host` values a server answers.
#[derive(Debug, Clone)]
pub struct Hosts {
    /// The names and addresses answered, compared ignoring case. See [`hosts_for`].
    pub names: Vec<String>,
    /// The port of a server listening on every address (0.0.0.0, `::`), which also answers a
    /// `Host` that is any IP address, with that port or none: it cannot know which of the
    /// machine's addresses a client used, and a page rebinding a name sends the name.
    pub any_ip: Option<u16>,
}

impl Hosts {
    /// The `Host` values of a server listening on `addr`.
    pub fn for_address(addr: SocketAddr) -> Hosts {
        Hosts {
            names: hosts_for(addr),
            any_ip: addr.ip().is_unspecified().then_some(addr.port()),
        }
    }

    /// Whether `host`, a `Host` header's value, names this server.
    pub fn answers(&self, host: &str) -> bool {
        self.names.iter().any(|h| h.eq_ignore_ascii_case(host))
            || self.any_ip.is_some_and(|port| is_ip_host(host, port))
    }
}

/// The `Host` values that name `addr`: its address, and for a loopback address or every
/// address (0.0.0.0, `::`) the loopback names (`127.0.0.1`, `localhost`, `[::1]`), each with
/// the port and without.
pub fn hosts_for(addr: SocketAddr) -> Vec<String> {
    let literal = match addr.ip() {
        IpAddr::V4(ip) => ip.to_string(),
        IpAddr::V6(ip) => format!("[{ip}]"),
    };
    let mut names = vec![literal];
    if addr.ip().is_loopback() || addr.ip().is_unspecified() {
        for n in ["127.0.0.1", "localhost", "[::1]"] {
            if !names.iter().any(|x| x == n) {
                names.push(n.to_string());
            }
        }
    }
    let port = addr.port();
    names
        .into_iter()
        .flat_map(|n| [format!("{n}:{port}"), n])
        .collect()
}

/// Whether `host` (a `Host` value) is an IP address, with `port` or no port.
fn is_ip_host(host: &str, port: u16) -> bool {
    if let Ok(addr) = host.parse::<SocketAddr>() {
        return addr.port() == port;
    }
    let bare = host.strip_prefix('[').and_then(|h| h.strip_suffix(']'));
    match bare {
        Some(v6) => v6.parse::<std::net::Ipv6Addr>().is_ok(),
        None => host.parse::<std::net::Ipv4Addr>().is_ok(),
    }
}

/// A request's method and target (path and query, as sent).
#[derive(Debug)]
pub struct Request {
    /// GET or HEAD.
    pub method: String,
    /// The path and query.
    pub target: String,
}

/// An answer.
#[derive(Debug)]
pub struct Response {
    /// The status code.
    pub status: u16,
    /// The Content-Type.
    pub content_type: std::borrow::Cow<'static, str>,
    /// Other headers.
    pub headers: Vec<(&'static str, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Response {
    /// An answer with a body of type `content_type`.
    pub fn new(
        status: u16,
        content_type: impl Into<std::borrow::Cow<'static, str>>,
        body: Vec<u8>,
    ) -> Response {
        Response {
            status,
            content_type: content_type.into(),
            headers: Vec::new(),
            body,
        }
    }

    fn text(status: u16, body: &str) -> Response {
        Response::new(
            status,
            "text/plain; charset=utf-8",
            body.as_bytes().to_vec(),
        )
    }
}

/// Answers every connection on `listener` with `handler`, a thread each, until the listener
/// fails.
pub fn run(
    listener: TcpListener,
    limits: Limits,
    handler: Arc<dyn Fn(&Request) -> Response + Send + Sync>,
) {
    let limits = Arc::new(limits);
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let accepted = Instant::now();
        let Ok(mut stream) = stream else {
            // out of file descriptors, say: not a reason to spin
            std::thread::sleep(Duration::from_millis(10));
            continue;
        };
        if open.fetch_add(1, Ordering::SeqCst) >= limits.connections {
            open.fetch_sub(1, Ordering::SeqCst);
            let mut busy = Response::text(503, "too many connections\n");
            busy.headers.push(("Retry-After", "1".into()));
            // never wait on this client: the answer goes if the socket takes it at once
            let _ = stream.set_nonblocking(true);
            let _ = write_response(&mut stream, &busy, false, accepted + Duration::from_secs(1));
            continue;
        }
        let slot = open.clone();
        let (open, handler, limits) = (open.clone(), handler.clone(), limits.clone());
        let spawned = std::thread::Builder::new().spawn(move || {
            serve_one(stream, &limits, &*handler, accepted);
            open.fetch_sub(1, Ordering::SeqCst);
        });
        // no thread to be had (the system's limit): this connection is dropped, not the server
        if spawned.is_err() {
            slot.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

fn serve_one(
    mut stream: TcpStream,
    limits: &Limits,
    handler: &dyn Fn(&Request) -> Response,
    accepted: Instant,
) {
    let (response, head_only) = match read_head(&mut stream, limits, accepted + limits.head_time) {
        Ok(req) => {
            let head_only = req.method == "HEAD";
            (handler(&req), head_only)
        }
        Err(Some(refusal)) => (refusal, false),
        Err(None) => return, // the client went away or did not send its request in time
    };
    let until = Instant::now() + limits.write_time;
    let _ = write_response(&mut stream, &response, head_only, until);
    let _ = stream.shutdown(std::net::Shutdown::Write);
    // read (and drop) a little of what the client is still sending, so that closing does not
    // reset the connection before it has read the answer: at most 128 kB, for 200 ms in all
    let until = Instant::now() + Duration::from_millis(200);
    let mut sink = [0u8; 8192];
    for _ in 0..16 {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            break;
        }
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
    }
}

/// Reads and parses one request head, which must have arrived whole by `until`;
/// `Err(Some(answer))` for a request refused, `Err(None)` when there is nobody to answer.
fn read_head(
    stream: &mut TcpStream,
    limits: &Limits,
    until: Instant,
) -> Result<Request, Option<Response>> {
    let mut buf = vec![0u8; limits.head];
    let mut len = 0;
    loop {
        if len == buf.len() {
            let line_ended = buf.windows(2).any(|w| w == b"\r\n");
            return Err(Some(if line_ended {
                Response::text(431, "request headers too large\n")
            } else {
                Response::text(414, "request line too long\n")
            }));
        }
        // the time left for the whole head, not a fresh timeout for each read
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return Err(None);
        }
        let from = len.saturating_sub(2);
        match stream.read(&mut buf[len..]) {
            Ok(0) => return Err(None),
            Ok(n) => len += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => return Err(None),
        }
        // parsed only once an empty line (the head's end) may have arrived
        let tail = &buf[from..len];
        if !(tail.windows(2).any(|w| w == b"\n\n") || tail.windows(3).any(|w| w == b"\n\r\n")) {
            continue;
        }
        let mut headers = vec![httparse::EMPTY_HEADER; limits.headers];
        let mut req = httparse::Request::new(&mut headers);
        match req.parse(&buf[..len]) {
            Ok(httparse::Status::Complete(_)) => return checked(&req, limits).map_err(Some),
            Ok(httparse::Status::Partial) => {}
            Err(httparse::Error::TooManyHeaders) => {
                return Err(Some(Response::text(431, "too many request headers\n")))
            }
            Err(_) => return Err(Some(Response::text(400, "bad request\n"))),
        }
    }
}

/// A parsed request as the handler gets it, or the answer refusing it: a target that is not a
/// path (`http://…`, `*`) 400, too long 414, a `Host` not this server's 421, a method other
/// than GET and HEAD 405.
fn checked(req: &httparse::Request, limits: &Limits) -> Result<Request, Response> {
    let method = req.method.unwrap_or_default().to_string();
    let target = req.path.unwrap_or_default().to_string();
    if target.len() > limits.target {
        return Err(Response::text(414, "request target too long\n"));
    }
    if !target.starts_with('/') {
        return Err(Response::text(400, "the request target must be a path\n"));
    }
    let hosts: Vec<&[u8]> = (req.headers.iter())
        .filter(|h| h.name.eq_ignore_ascii_case("host"))
        .map(|h| h.value)
        .collect();
    let known = |v: &[u8]| limits.hosts.answers(String::from_utf8_lossy(v).trim());
    match hosts.as_slice() {
        // HTTP/1.0 may leave the host out; a browser always sends it
        [] if req.version == Some(0) => {}
        [] => return Err(Response::text(421, "a Host header is required\n")),
        [one] if known(one) => {}
        [_] => {
            return Err(Response::text(
                421,
                "this server does not answer for that host\n",
            ))
        }
        _ => return Err(Response::text(400, "more than one Host header\n")),
    }
    if method != "GET" && method != "HEAD" {
        let mut r = Response::text(405, "only GET and HEAD\n");
        r.headers.push(("Allow", "GET, HEAD".into()));
        return Err(r);
    }
    Ok(Request { method, target })
}

/// Writes `r` (its head alone for HEAD), all of it by `until`.
fn write_response(
    stream: &mut TcpStream,
    r: &Response,
    head_only: bool,
    until: Instant,
) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n",
        r.status,
        reason(r.status),
        r.content_type,
        r.body.len()
    );
    for (k, v) in &r.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    write_by(stream, head.as_bytes(), until)?;
    if !head_only {
        write_by(stream, &r.body, until)?;
    }
    stream.flush()
}

/// Writes all of `bytes`, each write waiting at most for what is left of the time until
/// `until`: a client reading slowly cannot hold the connection past it.
fn write_by(stream: &mut TcpStream, mut bytes: &[u8], until: Instant) -> std::io::Result<()> {
    use std::io::{Error, ErrorKind};
    while !bytes.is_empty() {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(Error::new(
                ErrorKind::TimedOut,
                "the client reads too slowly",
            ));
        }
        stream.set_write_timeout(Some(left))?;
        match stream.write(&bytes[..bytes.len().min(64 * 1024)]) {
            Ok(0) => return Err(ErrorKind::WriteZero.into()),
            Ok(n) => bytes = &bytes[n..],
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        414 => "URI Too Long",
        421 => "Misdirected Request",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A server on a free port answering every request 200 with its target; its port.
    fn server(change: impl FnOnce(&mut Limits)) -> u16 {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let mut limits = Limits::for_address(addr);
        change(&mut limits);
        let handler = |req: &Request| Response::text(200, &req.target);
        std::thread::spawn(move || run(listener, limits, Arc::new(handler)));
        addr.port()
    }

    /// Sends `raw` and reads until the server closes: the whole answer, as text.
    fn exchange(port: u16, raw: &[u8]) -> String {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let _ = s.write_all(raw);
        let mut buf = Vec::new();
        let _ = s.read_to_end(&mut buf);
        String::from_utf8_lossy(&buf).into_owned()
    }

    fn status(answer: &str) -> u16 {
        answer
            .split_whitespace()
            .nth(1)
            .and_then(|c| c.parse().ok())
            .unwrap_or(0)
    }

    fn get_with_host(port: u16, host: &str) -> u16 {
        status(&exchange(
            port,
            format!("GET / HTTP/1.1\r\nHost: {host}\r\n\r\n").as_bytes(),
        ))
    }

    #[test]
    fn only_the_servers_own_names_are_answered() {
        // a page whose name was rebound to 127.0.0.1 sends its own name as Host
        let port = server(|_| {});
        for host in [
            format!("127.0.0.1:{port}"),
            format!("localhost:{port}"),
            format!("LocalHost:{port}"),
            format!("[::1]:{port}"),
            "127.0.0.1".to_string(),
            "localhost".to_string(),
        ] {
            assert_eq!(get_with_host(port, &host), 200, "{host}");
        }
        for host in [
            format!("attacker.example:{port}"),
            "attacker.example".to_string(),
            format!("127.0.0.1:{}", port.wrapping_add(1)),
            format!("localhost.attacker.example:{port}"),
            String::new(),
        ] {
            assert_eq!(get_with_host(port, &host), 421, "{host:?}");
        }
        // no Host: refused in HTTP/1.1, which requires it; HTTP/1.0 may leave it out
        assert_eq!(status(&exchange(port, b"GET / HTTP/1.1\r\n\r\n")), 421);
        assert_eq!(status(&exchange(port, b"GET / HTTP/1.0\r\n\r\n")), 200);
        let two = "GET / HTTP/1.1\r\nHost: localhost\r\nHost: attacker.example\r\n\r\n";
        assert_eq!(status(&exchange(port, two.as_bytes())), 400);
        // the absolute form names a host of its own: refused
        let absolute = "GET http://attacker.example/ HTTP/1.1\r\nHost: localhost\r\n\r\n";
        assert_eq!(status(&exchange(port, absolute.as_bytes())), 400);
    }

    #[test]
    fn the_hosts_come_from_the_address_listened_on() {
        let hosts = hosts_for("127.0.0.1:8000".parse().unwrap());
        for h in [
            "127.0.0.1:8000",
            "localhost:8000",
            "[::1]:8000",
            "localhost",
        ] {
            assert!(hosts.iter().any(|x| x == h), "{h}");
        }
        let hosts = hosts_for("192.0.2.7:80".parse().unwrap());
        assert_eq!(hosts, ["192.0.2.7:80", "192.0.2.7"]);
    }

    #[test]
    fn a_server_on_every_address_answers_any_ip_address_and_no_name() {
        for host in ["192.0.2.7:1111", "192.0.2.7", "[2001:db8::1]:1111", "[::1]"] {
            assert!(is_ip_host(host, 1111), "{host}");
        }
        for host in [
            "192.0.2.7:1112",
            "rebound.example:1111",
            "2001:db8::1",
            "1.2.3",
        ] {
            assert!(!is_ip_host(host, 1111), "{host}");
        }
        let any_ip = |addr: &str| Hosts::for_address(addr.parse().unwrap()).any_ip;
        assert_eq!(any_ip("0.0.0.0:1111"), Some(1111));
        assert_eq!(any_ip("127.0.0.1:1111"), None);
    }

    #[test]
    fn clients_trickling_bytes_hold_their_slots_no_longer_than_the_head_time() {
        // 4 clients each sending a byte every 50 ms (each read well within the time), for
        // 5 s: with a time per read they held every slot the whole 5 s
        let head_time = Duration::from_millis(300);
        let port = server(|l| {
            l.connections = 4;
            l.head_time = head_time;
        });
        let started = Instant::now();
        let slow: Vec<_> = (0..4)
            .map(|_| {
                std::thread::spawn(move || {
                    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
                    for b in b"GET /".iter().chain([b'a'; 100].iter()) {
                        if s.write_all(&[*b]).is_err() || started.elapsed().as_secs() >= 5 {
                            break;
                        }
                        std::thread::sleep(Duration::from_millis(50));
                    }
                })
            })
            .collect();
        std::thread::sleep(Duration::from_millis(100)); // every slot taken
        let ok = format!("GET /ok HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n");
        let mut refused = 0;
        while status(&exchange(port, ok.as_bytes())) != 200 {
            refused += 1;
            assert!(started.elapsed() < Duration::from_secs(3), "still refused");
            std::thread::sleep(Duration::from_millis(20));
        }
        let waited = started.elapsed();
        assert!(refused > 0, "the slow clients never held the slots");
        assert!(waited < head_time + Duration::from_secs(1), "{waited:?}");
        for t in slow {
            t.join().unwrap();
        }
    }

    #[test]
    fn a_client_that_does_not_read_is_let_go_after_the_write_time() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let mut limits = Limits::for_address(addr);
        limits.write_time = Duration::from_millis(300);
        limits.connections = 1;
        // an answer far larger than the sockets' buffers
        let handler = |_: &Request| Response::new(200, "text/plain", vec![b'x'; 16 << 20]);
        std::thread::spawn(move || run(listener, limits, Arc::new(handler)));
        let mut idle = TcpStream::connect(addr).unwrap();
        write!(idle, "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
        let started = Instant::now();
        let ok = b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n";
        while status(&exchange(addr.port(), ok)) != 200 {
            assert!(started.elapsed() < Duration::from_secs(5), "still refused");
            std::thread::sleep(Duration::from_millis(20));
        }
        drop(idle);
    }

    #[test]
    fn hostile_heads_get_one_short_answer() {
        let port = server(|_| {});
        let host = format!("Host: localhost:{port}\r\n");
        // pipelined: the first request is answered, then the connection is closed
        let two = format!("GET /one HTTP/1.1\r\n{host}\r\nGET /two HTTP/1.1\r\n{host}\r\n");
        let answer = exchange(port, two.as_bytes());
        assert_eq!(answer.matches("HTTP/1.1").count(), 1, "{answer}");
        assert!(answer.ends_with("/one") && answer.contains("Connection: close"));
        // HEAD with a body: the head alone, the body not read as a request
        let head =
            format!("HEAD /h HTTP/1.1\r\n{host}Content-Length: 40\r\n\r\nGET /x HTTP/1.1\r\n\r\n");
        let answer = exchange(port, head.as_bytes());
        assert_eq!(status(&answer), 200);
        assert!(answer.ends_with("\r\n\r\n"), "{answer}");
        // a thousand tiny headers within the byte limit
        let many = format!("GET / HTTP/1.1\r\n{host}{}\r\n", "a:b\r\n".repeat(1000));
        assert_eq!(status(&exchange(port, many.as_bytes())), 431);
        // a NUL or a bare CR in the head; another method; a target that is not a path
        assert_eq!(status(&exchange(port, b"GET /\0 HTTP/1.1\r\n\r\n")), 400);
        let post = format!("POST / HTTP/1.1\r\n{host}Content-Length: 1\r\n\r\nx");
        assert_eq!(status(&exchange(port, post.as_bytes())), 405);
        let star = format!("OPTIONS * HTTP/1.1\r\n{host}\r\n");
        assert_eq!(status(&exchange(port, star.as_bytes())), 400);
        // heads ending in bare LFs are read too
        let lf = format!("GET /lf HTTP/1.1\nHost: localhost:{port}\n\n");
        assert_eq!(status(&exchange(port, lf.as_bytes())), 200);
    }
}
