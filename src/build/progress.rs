//! A build's progress as one line on a terminal: the phase, files written, time taken. `build`
//! and `serve`'s first build show it; anything else (a pipe, a file, a test) sees only the
//! build's own messages.

use crate::error::UiLang;

/// A spinner line on stderr, told by the build how far it is.
pub struct TermProgress(indicatif::ProgressBar);

impl TermProgress {
    /// A progress line on stderr, or `None` when stderr is not a terminal.
    pub fn new() -> Option<TermProgress> {
        use std::io::IsTerminal;
        if !std::io::stderr().is_terminal() {
            return None;
        }
        let bar = indicatif::ProgressBar::new_spinner();
        let template = match UiLang::current() {
            UiLang::En => "{spinner} {msg}: {pos} files written [{elapsed}]",
            UiLang::Zh => "{spinner} {msg}：已寫入 {pos} 個檔案 [{elapsed}]",
        };
        let style =
            indicatif::ProgressStyle::with_template(template).expect("a valid progress template");
        bar.set_style(style);
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        Some(TermProgress(bar))
    }

    /// Takes the line off the terminal, for the build's own messages.
    pub fn clear(&self) {
        self.0.finish_and_clear();
    }
}

impl crate::build::Progress for TermProgress {
    fn phase(&self, what: &str) {
        self.0.set_message(what.to_string());
    }
    fn file_written(&self) {
        self.0.inc(1);
    }
}

/// Runs `build` with a progress line when stderr is a terminal (cleared when it ends), else
/// quietly.
pub fn with_progress<T>(build: impl FnOnce(&dyn crate::build::Progress) -> T) -> T {
    match TermProgress::new() {
        Some(progress) => {
            let result = build(&progress);
            progress.clear();
            result
        }
        None => build(&crate::build::Quiet),
    }
}
