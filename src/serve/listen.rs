//! Where `serve` listens, and what it tells the person who started it: the address to open, a
//! warning when other machines can reach it, and what to do when the port is taken.

use crate::error::{Error, Msg, Result};
use crate::msg;
use std::io::ErrorKind;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};

/// How `serve` listens and what it does once the site is built.
#[derive(Debug, Clone)]
pub struct Options {
    /// The port; 0 asks the system for a free one.
    pub port: u16,
    /// The address listened on: 127.0.0.1 (this machine only) unless a preview on the local
    /// network is wanted (0.0.0.0, or one of the machine's addresses).
    pub bind: IpAddr,
    /// The address pages link to, instead of the server's own.
    pub base_url: Option<String>,
    /// Open the site in the browser after the first build.
    pub open: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            port: 1111,
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            base_url: None,
            open: false,
        }
    }
}

/// Listens on `options`' address and port, or says why not and what to do.
pub fn bind(options: &Options) -> Result<TcpListener> {
    let addr = SocketAddr::new(options.bind, options.port);
    TcpListener::bind(addr).map_err(|e| listen_error(addr, &e))
}

/// Why `addr` cannot be listened on, with the way out: another port when it is taken, an
/// address of this machine when it is not one.
fn listen_error(addr: SocketAddr, e: &std::io::Error) -> Error {
    let said = msg!("cannot listen on {addr}: {e}", "無法在 {addr} 上接聽：{e}");
    let port = addr.port();
    let next = port.checked_add(1).unwrap_or(1024);
    let hint = match e.kind() {
        ErrorKind::AddrInUse => msg!(
            "the port is in use (another `gongkai serve`, or another program): choose another with --port, e.g. `gongkai serve --port {next}`",
            "此連接埠已被占用（另一個 `gongkai serve` 或其他程式）：請用 --port 改用其他連接埠，例如 `gongkai serve --port {next}`"
        ),
        ErrorKind::AddrNotAvailable => Msg::new(
            "--bind takes an address of this machine: 127.0.0.1 (this machine only), 0.0.0.0 (every address) or one of its network addresses",
            "--bind 須為本機的位址：127.0.0.1（僅本機）、0.0.0.0（本機所有位址）或本機的某個網路位址",
        ),
        ErrorKind::PermissionDenied if port < 1024 => Msg::new(
            "ports below 1024 need administrator rights: use --port 1111 or another above 1024",
            "1024 以下的連接埠需要系統管理員權限：請改用 --port 1111 或其他大於 1024 的連接埠",
        ),
        _ => return Error::Usage(said),
    };
    Error::Usage(said.then(&hint))
}

/// The address to open the site at: the one listened on, or this machine's loopback address
/// when listening on every address (0.0.0.0 is no address to browse to).
pub fn local_url(address: SocketAddr) -> String {
    let ip = match address.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}/", SocketAddr::new(ip, address.port()))
}

/// What `serve` prints once it is up: where the site is, and, when other machines can reach
/// the server, that it is not for the internet.
pub fn announce(output: &std::path::Path, address: SocketAddr) -> Msg {
    let (out, url) = (output.display(), local_url(address));
    let serving = msg!(
        "Serving {out} at {url} (Ctrl+C to stop)",
        "網站 {out} 已在 {url} 提供預覽（按 Ctrl+C 停止）"
    );
    if address.ip().is_loopback() {
        return serving;
    }
    let (ip, port) = (address.ip(), address.port());
    let reach = if ip.is_unspecified() {
        msg!(
            "other devices on your network can open it at http://ADDRESS:{port}/, ADDRESS being this machine's IP address (its name is refused)",
            "同一網路上的其他裝置可用 http://位址:{port}/ 開啟，「位址」為本機的 IP 位址（以主機名稱連線會被拒絕）"
        )
    } else {
        msg!(
            "other devices on your network can open it at {url}",
            "同一網路上的其他裝置可用 {url} 開啟"
        )
    };
    let warning = Msg::new(
        "warning: this is a development server for previews on a network you trust, not for the internet; publish the site with `gongkai build`",
        "警告：這是供信任網路內預覽用的開發伺服器，不可對網際網路開放；正式發布請用 `gongkai build`",
    );
    Msg::new(
        format!("{}\n{}\n{}", serving.en, reach.en, warning.en),
        format!("{}\n{}\n{}", serving.zh, reach.zh, warning.zh),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_address_is_browsed_at_the_loopback_address() {
        assert_eq!(
            local_url("0.0.0.0:1111".parse().unwrap()),
            "http://127.0.0.1:1111/"
        );
        assert_eq!(local_url("[::]:80".parse().unwrap()), "http://[::1]:80/");
        assert_eq!(
            local_url("192.0.2.7:1111".parse().unwrap()),
            "http://192.0.2.7:1111/"
        );
    }

    #[test]
    fn only_a_server_others_can_reach_warns() {
        let out = std::path::Path::new("public");
        let local = announce(out, "127.0.0.1:1111".parse().unwrap());
        assert!(
            !local.contains("warning") && !local.contains("警告"),
            "{local:?}"
        );
        for addr in ["0.0.0.0:1111", "192.0.2.7:1111"] {
            let m = announce(out, addr.parse().unwrap());
            assert!(m.en.contains("not for the internet"), "{m:?}");
            assert!(m.zh.contains("不可對網際網路開放"), "{m:?}");
        }
    }

    #[test]
    fn a_busy_port_names_the_way_out_in_both_languages() {
        let taken = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = taken.local_addr().unwrap().port();
        let options = Options {
            port,
            ..Options::default()
        };
        let Err(Error::Usage(m)) = bind(&options) else {
            panic!("bound a port in use");
        };
        let next = port + 1;
        assert!(m.en.contains(&format!("--port {next}")), "{m:?}");
        assert!(
            m.zh.contains("已被占用") && m.zh.contains("--port"),
            "{m:?}"
        );
    }
}
