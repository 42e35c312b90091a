//! The `feedback` setting of `site.yaml`: where readers report an error on a page, and the
//! link each page makes to it, carrying the page's address and title.

use crate::error::Msg;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Where reports go, as `site.yaml`'s `feedback` gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Feedback<'a> {
    /// An e-mail address (a `mailto:` before it is allowed, and left out).
    Email(&'a str),
    /// The absolute http(s) address of a form.
    Form(&'a str),
}

/// What a page tells the place reports go: its address and title, and, for a message, the
/// subject and body written in the page's language around them.
#[derive(Debug, Clone, Copy)]
pub struct Report<'a> {
    /// The page's absolute address.
    pub url: &'a str,
    /// The page's title.
    pub title: &'a str,
    /// A message's subject.
    pub subject: &'a str,
    /// A message's body.
    pub body: &'a str,
}

/// RFC 3986's unreserved characters stay; everything else is percent-encoded (UTF-8), as a
/// `mailto:` header value (RFC 6068) and a query value both need.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// `s` percent-encoded for a URL's query or a `mailto:` header.
pub fn encode(s: &str) -> String {
    utf8_percent_encode(s, COMPONENT).to_string()
}

/// The setting read: an e-mail address or a form's address, or what is wrong with it.
pub fn parse(setting: &str) -> Result<Feedback<'_>, Msg> {
    let s = setting.trim();
    if s.is_empty() {
        return Err(Msg::new(
            "is empty: give an e-mail address or a form's address, or leave the field out to show no link",
            "空白：請填電子郵件地址或表單網址；不需要回報連結時請省略這個欄位",
        ));
    }
    if s.starts_with("https://") || s.starts_with("http://") {
        return match s.contains(char::is_whitespace) {
            false => Ok(Feedback::Form(s)),
            true => Err(Msg::new(
                "a form's address has no spaces (write a space as %20)",
                "表單網址不能有空格（空格請寫成 %20）",
            )),
        };
    }
    let address = s.strip_prefix("mailto:").unwrap_or(s);
    if is_email(address) {
        Ok(Feedback::Email(address))
    } else {
        Err(Msg::new(
            "must be an e-mail address (data@example.gov.tw) or the absolute http(s) address of a form",
            "須為電子郵件地址（data@example.gov.tw），或以 http:// 或 https:// 開頭的表單完整網址",
        ))
    }
}

/// An address `name@host.domain`: one `@`, a dot in the host, and ASCII letters, digits and
/// `+-._` only, so nothing in it needs encoding in a `mailto:` link (as
/// [`FEEDBACK_PATTERN`](super::validate::FEEDBACK_PATTERN) says to editors).
fn is_email(s: &str) -> bool {
    let Some((local, host)) = s.split_once('@') else {
        return false;
    };
    let fine = |c: char| c.is_ascii_alphanumeric() || "+-._".contains(c);
    !local.is_empty()
        && local.chars().all(fine)
        && host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && !host.contains("..")
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
}

impl Feedback<'_> {
    /// The link a page makes to report an error on it: a `mailto:` with `report`'s subject and
    /// body, or the form's address with the page's address and title as the `url` and `title`
    /// parameters (in place of `{url}` and `{title}` when the address has either).
    pub fn href(&self, report: &Report) -> String {
        match self {
            Feedback::Email(address) => format!(
                "mailto:{address}?subject={}&body={}",
                encode(report.subject),
                // RFC 6068: a line break in a body is CRLF
                encode(&report.body.replace("\r\n", "\n").replace('\n', "\r\n"))
            ),
            Feedback::Form(form) if form.contains("{url}") || form.contains("{title}") => form
                .replace("{url}", &encode(report.url))
                .replace("{title}", &encode(report.title)),
            Feedback::Form(form) => {
                // the parameters go before a fragment, after any query the form has
                let (base, fragment) = match form.find('#') {
                    Some(i) => form.split_at(i),
                    None => (*form, ""),
                };
                let sep = match base.contains('?') {
                    true if base.ends_with('?') || base.ends_with('&') => "",
                    true => "&",
                    false => "?",
                };
                let (url, title) = (encode(report.url), encode(report.title));
                format!("{base}{sep}url={url}&title={title}{fragment}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: Report = Report {
        url: "https://example.test/plans/111/a/",
        title: "計畫 & 50%",
        subject: "回報錯誤：計畫",
        body: "網頁：計畫\n網址：https://example.test/",
    };

    #[test]
    fn settings_are_read_or_refused() {
        assert_eq!(
            parse("data@mol.gov.tw"),
            Ok(Feedback::Email("data@mol.gov.tw"))
        );
        assert_eq!(parse(" mailto:a.b@x.tw "), Ok(Feedback::Email("a.b@x.tw")));
        assert_eq!(
            parse("https://forms.example/f?id=1"),
            Ok(Feedback::Form("https://forms.example/f?id=1"))
        );
        for bad in [
            "",
            "data",
            "a@b",
            "a b@x.tw",
            "a@x.tw?cc=b@y.tw",
            "ftp://x",
            "https://a b",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_message_carries_subject_and_body_encoded() {
        let href = Feedback::Email("a@x.tw").href(&REPORT);
        assert_eq!(
            href,
            "mailto:a@x.tw?subject=%E5%9B%9E%E5%A0%B1%E9%8C%AF%E8%AA%A4%EF%BC%9A%E8%A8%88%E7%95%AB&body=%E7%B6%B2%E9%A0%81%EF%BC%9A%E8%A8%88%E7%95%AB%0D%0A%E7%B6%B2%E5%9D%80%EF%BC%9Ahttps%3A%2F%2Fexample.test%2F"
        );
    }

    #[test]
    fn a_form_gets_the_page_as_parameters() {
        let url = "url=https%3A%2F%2Fexample.test%2Fplans%2F111%2Fa%2F";
        let title = "title=%E8%A8%88%E7%95%AB%20%26%2050%25";
        let cases = [
            (
                "https://f.example/r",
                format!("https://f.example/r?{url}&{title}"),
            ),
            (
                "https://f.example/r?x=1",
                format!("https://f.example/r?x=1&{url}&{title}"),
            ),
            (
                "https://f.example/r?",
                format!("https://f.example/r?{url}&{title}"),
            ),
            (
                "https://f.example/r#top",
                format!("https://f.example/r?{url}&{title}#top"),
            ),
            (
                "https://f.example/r?entry.1={url}&entry.2={title}",
                format!(
                    "https://f.example/r?entry.1={}&entry.2={}",
                    &url[4..],
                    &title[6..]
                ),
            ),
        ];
        for (form, want) in cases {
            assert_eq!(Feedback::Form(form).href(&REPORT), want, "{form}");
        }
    }
}
