//! The two languages of a site. What a language picks of a text, and what the site's
//! settings give it (tag, URL prefix), are beside those types ([`crate::content::schema`]).

use serde::Serialize;

/// A language the site is published in. Chinese is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Traditional Chinese (Taiwan).
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Both languages, the default first.
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// `zh` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// The other language.
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// A `YYYY-MM-DD` date as this language writes it: the ROC calendar in Chinese
    /// (民國 112 年 6 月 30 日), day month year in English. Anything else is returned as is.
    pub fn date_label(self, iso: &str) -> String {
        let parts: Vec<u32> = iso.split('-').filter_map(|p| p.parse().ok()).collect();
        let [y, m, d] = parts[..] else {
            return iso.to_string();
        };
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        match self {
            Lang::Zh if y > 1911 => format!("民國 {} 年 {m} 月 {d} 日", y - 1911),
            Lang::En if (1..=12).contains(&m) => format!("{d} {} {y}", MONTHS[m as usize - 1]),
            _ => iso.to_string(),
        }
    }

    /// A ROC year as readers of this language write it: `111 年`, `2022 (ROC 111)`.
    pub fn year_label(self, roc: u32) -> String {
        match self {
            Lang::Zh => format!("{roc} 年"),
            Lang::En => format!("{} (ROC {roc})", roc + 1911),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_follow_each_languages_convention() {
        assert_eq!(Lang::Zh.date_label("2023-06-30"), "民國 112 年 6 月 30 日");
        assert_eq!(Lang::En.date_label("2023-06-30"), "30 June 2023");
        assert_eq!(Lang::Zh.date_label("soon"), "soon");
    }
}
