//! A plan as search sees it ([`SearchDoc`]), and an agency ([`AgencyLabel`]): what the site
//! hands the index.

/// An agency as search shows it: its name and page.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AgencyLabel {
    /// The name in the index's language.
    pub name: String,
    /// The agency page's URL.
    pub url: String,
}

/// One plan as search sees it, in one language.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchDoc {
    /// The plan page's URL.
    pub url: String,
    /// The plan's name.
    pub title: String,
    /// Index of the agency, in the order the site lists agencies.
    pub agency: usize,
    /// The agency's name in this language.
    pub agency_name: String,
    /// ROC year.
    pub year: u32,
    /// The year as this language writes it.
    pub year_label: String,
    /// The review's three sections as plain text, one paragraph a line.
    pub body: String,
    /// The statuses the plan's facts have ([`crate::status::flags`]).
    pub flags: u16,
    /// The quarters of its quarterly statuses ([`crate::status::quarters`]).
    pub quarters: u16,
}
