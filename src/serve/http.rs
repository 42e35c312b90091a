//! The development server's HTTP/1.1: GET and HEAD only, one request per connection, and
//! bounded everywhere a client could make it hold memory or threads. The request head is read
//! into a buffer of at most [`Limits::head`] bytes and parsed with `httparse`; a longer request
//! line is answered 414, longer headers 431, and the connection closed. (tiny_http, used
//! before, buffered a request line of any length.)

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// What a client may send and hold.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Request line and headers together, in bytes.
    pub head: usize,
    /// The request target (path and query), in bytes.
    pub target: usize,
    /// Headers.
    pub headers: usize,
    /// Connections served at once; more are answered 503.
    pub connections: usize,
    /// How long a client may take to send its request, or to read the answer.
    pub timeout: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            head: 16 * 1024,
            target: 8 * 1024,
            headers: 64,
            connections: 64,
            timeout: Duration::from_secs(10),
        }
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
    pub content_type: &'static str,
    /// Other headers.
    pub headers: Vec<(&'static str, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Response {
    /// An answer with a body of type `content_type`.
    pub fn new(status: u16, content_type: &'static str, body: Vec<u8>) -> Response {
        Response {
            status,
            content_type,
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
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let Ok(mut stream) = stream else { continue };
        let _ = stream.set_read_timeout(Some(limits.timeout));
        let _ = stream.set_write_timeout(Some(limits.timeout));
        if open.fetch_add(1, Ordering::SeqCst) >= limits.connections {
            open.fetch_sub(1, Ordering::SeqCst);
            let mut busy = Response::text(503, "too many connections\n");
            busy.headers.push(("Retry-After", "1".into()));
            let _ = write_response(&mut stream, &busy, false);
            continue;
        }
        let (open, handler) = (open.clone(), handler.clone());
        std::thread::spawn(move || {
            serve_one(stream, &limits, &*handler);
            open.fetch_sub(1, Ordering::SeqCst);
        });
    }
}

fn serve_one(mut stream: TcpStream, limits: &Limits, handler: &dyn Fn(&Request) -> Response) {
    let (response, head_only) = match read_head(&mut stream, limits) {
        Ok(req) => {
            let head_only = req.method == "HEAD";
            (handler(&req), head_only)
        }
        Err(Some(refusal)) => (refusal, false),
        Err(None) => return, // the client went away or sent nothing in time
    };
    let _ = write_response(&mut stream, &response, head_only);
    let _ = stream.shutdown(std::net::Shutdown::Write);
    // read (and drop) a little of what the client is still sending, so that closing does not
    // reset the connection before it has read the answer
    let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
    let mut sink = [0u8; 8192];
    for _ in 0..16 {
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
    }
}

/// Reads and parses one request head; `Err(Some(answer))` for a request refused.
fn read_head(stream: &mut TcpStream, limits: &Limits) -> Result<Request, Option<Response>> {
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
        match stream.read(&mut buf[len..]) {
            Ok(0) => return Err(None),
            Ok(n) => len += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => return Err(None),
        }
        let mut headers = vec![httparse::EMPTY_HEADER; limits.headers];
        let mut req = httparse::Request::new(&mut headers);
        match req.parse(&buf[..len]) {
            Ok(httparse::Status::Complete(_)) => {
                let method = req.method.unwrap_or_default().to_string();
                let target = req.path.unwrap_or_default().to_string();
                if target.len() > limits.target {
                    return Err(Some(Response::text(414, "request target too long\n")));
                }
                if method != "GET" && method != "HEAD" {
                    let mut r = Response::text(405, "only GET and HEAD\n");
                    r.headers.push(("Allow", "GET, HEAD".into()));
                    return Err(Some(r));
                }
                return Ok(Request { method, target });
            }
            Ok(httparse::Status::Partial) => {}
            Err(httparse::Error::TooManyHeaders) => {
                return Err(Some(Response::text(431, "too many request headers\n")))
            }
            Err(_) => return Err(Some(Response::text(400, "bad request\n"))),
        }
    }
}

fn write_response(stream: &mut TcpStream, r: &Response, head_only: bool) -> std::io::Result<()> {
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
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(&r.body)?;
    }
    stream.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}
