//! `serve --open`: the site opened in the browser once it is built.

use crate::msg;

/// Hands `url` to the system's opener (xdg-open and its fallbacks, `open` on macOS, `start` on
/// Windows) without waiting for it; when none can be started, says so and where the site is.
pub fn open(url: &str) {
    if let Err(e) = open::that_detached(url) {
        let warning = msg!(
            "warning: cannot open a browser ({e}); open {url} yourself",
            "警告：無法開啟瀏覽器（{e}）；請自行開啟 {url}"
        );
        eprintln!("{warning}");
    }
}
