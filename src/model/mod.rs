//! The site as data: agencies, plans and years linked to each other, for both languages.
//! Built once from [`crate::content::Content`]; rendering only reads it.

pub mod align;
pub mod findings;
pub mod numbers;
pub mod reasons;
pub mod stats;
pub mod urls;

/// The two languages, from the layer below ([`gongkai_core::lang`]).
pub use gongkai_core::lang;
pub use lang::Lang;

use crate::content::schema::{
    AgenciesFile, AgencyFile, PageFile, PlanFile, SiteFile, Text, YearFile,
};
use crate::content::Content;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// What a site does with drafts: records marked `draft: true`, and every plan of a year whose
/// year record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Drafts {
    /// Left out, as if their files were not there: the published site.
    #[default]
    Hidden,
    /// Shown, each page of one marked as a draft: `serve`, `build --drafts`.
    Shown,
}

/// Whether `site.yaml` gives any way to reach the publisher (address, phone or e-mail).
pub fn has_contact(c: &SiteFile) -> bool {
    !c.contact_email.trim().is_empty() || c.phone.is_some() || c.address.is_some()
}

/// What `check` warns about without failing: a site with no way to reach its publisher.
pub fn warnings(root: &std::path::Path) -> Vec<String> {
    let rel = std::path::Path::new("content/site.yaml");
    let Ok(text) = std::fs::read_to_string(root.join(rel)) else {
        return Vec::new();
    };
    match crate::content::yaml::parse::<SiteFile>(rel, &text) {
        Ok(site) if !has_contact(&site) => vec![{
            let f = rel.display();
            crate::msg!(
                "{f}: no contact is set (contact_email, phone or address): the footer and the accessibility statement cannot say how to reach you",
                "{f}：未設定聯絡方式（contact_email、phone 或 address）：頁尾與無障礙聲明無法告訴讀者如何聯絡你們"
            )
            .to_string()
        }],
        _ => Vec::new(),
    }
}

/// One organizing agency and the plans it runs. Its fields are its record's, read through
/// `Deref` (`agency.slug`, `agency.name` …), so a field added to [`AgencyFile`] is not
/// copied here.
#[derive(Debug, Clone)]
pub struct Agency {
    /// The agency as `agencies.yaml` gives it.
    pub record: AgencyFile,
    /// Indices into [`Site::plans`], by year then item.
    pub plans: Vec<usize>,
}

impl std::ops::Deref for Agency {
    type Target = AgencyFile;

    fn deref(&self) -> &AgencyFile {
        &self.record
    }
}

/// One plan's evaluation in one year.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The record as staff wrote it.
    pub record: PlanFile,
    /// Where the record lives, relative to the site root.
    pub source: PathBuf,
    /// Index into [`Site::agencies`].
    pub agency: usize,
    /// The same plan (same id) in other years: indices into [`Site::plans`], by year.
    pub other_years: Vec<usize>,
    /// Why each flag its facts raise was raised: the reviewers' sentences.
    pub reasons: Vec<reasons::Reason>,
}

impl Plan {
    /// Gives the plan an edited record (the same plan, its place in the site unchanged), with
    /// the reasons read from its text.
    pub fn replace_record(&mut self, record: PlanFile) {
        self.reasons = reasons::of(&record);
        self.record = record;
    }
}

/// The whole site.
#[derive(Debug, Clone)]
pub struct Site {
    /// `site.yaml`.
    pub config: SiteFile,
    /// The ministry above the agencies.
    pub ministry: Text,
    /// Agencies in display order.
    pub agencies: Vec<Agency>,
    /// Plans sorted by year, then item number.
    pub plans: Vec<Plan>,
    /// Years present, ascending, each with its plans' indices.
    pub years: Vec<(u32, Vec<usize>)>,
    /// Prose pages by slug: the theme's defaults with the site's own on top.
    pub pages: BTreeMap<String, PageFile>,
    /// Year records (`content/years/<year>.yaml`): each year's source document.
    pub year_records: BTreeMap<u32, YearFile>,
    /// Search synonyms (`content/search/synonyms.yaml`).
    pub synonyms: crate::content::schema::SynonymsFile,
    /// Search related terms (`content/search/related.yaml`).
    pub related: crate::content::schema::RelatedFile,
}

impl Site {
    /// The agencies as `agencies.yaml` lists them (in display order), for open data.
    pub fn agencies_file(&self) -> AgenciesFile {
        AgenciesFile {
            ministry: self.ministry.clone(),
            agencies: self
                .agencies
                .iter()
                .enumerate()
                .map(|(i, a)| AgencyFile {
                    // numbered as shown
                    order: i as u32 + 1,
                    ..a.record.clone()
                })
                .collect(),
        }
    }

    /// The records of one year, by item.
    pub fn records_of_year(&self, year: u32) -> Vec<&PlanFile> {
        (self.plans_of_year(year).into_iter())
            .map(|p| &p.record)
            .collect()
    }

    /// The plans of `year`, by item.
    pub fn plans_of_year(&self, year: u32) -> Vec<&Plan> {
        self.years
            .iter()
            .find(|(y, _)| *y == year)
            .map(|(_, idx)| idx.iter().map(|&i| &self.plans[i]).collect())
            .unwrap_or_default()
    }

    /// Links validated content into the site as published, drafts left out. `default_pages`
    /// come from the theme and are replaced by the site's pages of the same slug.
    pub fn build(content: &Content, default_pages: BTreeMap<String, PageFile>) -> Site {
        Site::build_with(content, default_pages, Drafts::Hidden)
    }

    /// [`Site::build`], with `drafts` left out or shown.
    pub fn build_with(
        content: &Content,
        default_pages: BTreeMap<String, PageFile>,
        drafts: Drafts,
    ) -> Site {
        let plans = (content.plans.iter())
            .map(|p| (p.value.clone(), p.path.clone()))
            .collect();
        Site::link(content, plans, default_pages, drafts)
    }

    /// [`Site::build_with`], moving the plan records out of `content` (which is left without
    /// plans) instead of copying them: a build that keeps nothing for later never holds two
    /// copies of a national site's records.
    pub fn build_taking(
        content: &mut Content,
        default_pages: BTreeMap<String, PageFile>,
        drafts: Drafts,
    ) -> Site {
        let plans = (std::mem::take(&mut content.plans).into_iter())
            .map(|p| (p.value, p.path))
            .collect();
        Site::link(content, plans, default_pages, drafts)
    }

    /// Whether plan `i` is a draft: its record is, or its year's record.
    pub fn is_draft(&self, i: usize) -> bool {
        let r = &self.plans[i].record;
        r.draft || self.year_is_draft(r.year)
    }

    /// Whether `year`'s record is a draft (and so every plan of that year).
    pub fn year_is_draft(&self, year: u32) -> bool {
        self.year_records.get(&year).is_some_and(|y| y.draft)
    }

    /// The site of `content`'s other files and `plans` (each with its file), drafts
    /// left out when `drafts` says so: before anything is linked, so no list, count, link,
    /// search document or open-data row can hold one.
    fn link(
        content: &Content,
        mut plans: Vec<(PlanFile, PathBuf)>,
        default_pages: BTreeMap<String, PageFile>,
        drafts: Drafts,
    ) -> Site {
        let year_records = published_years(content, drafts);
        if drafts == Drafts::Hidden {
            let draft_years: Vec<u32> = (content.years.iter())
                .filter(|y| y.value.draft)
                .map(|y| y.value.year)
                .collect();
            plans.retain(|(r, _)| !r.draft && !draft_years.contains(&r.year));
        }
        let mut agency_files: Vec<_> = content.agencies.value.agencies.iter().collect();
        agency_files.sort_by(|a, b| a.order.cmp(&b.order).then(a.slug.cmp(&b.slug)));
        let mut agencies: Vec<Agency> = agency_files
            .iter()
            .map(|a| Agency {
                record: (*a).clone(),
                plans: Vec::new(),
            })
            .collect();
        let index: BTreeMap<&str, usize> = agencies
            .iter()
            .enumerate()
            .map(|(i, a)| (a.slug.as_str(), i))
            .collect();

        plans.sort_by(|(a, _), (b, _)| (a.year, a.item, &a.id).cmp(&(b.year, b.item, &b.id)));
        // the reasons are read from each plan's text: on every core
        let mut plans: Vec<Plan> = plans
            .into_par_iter()
            .map(|(record, source)| Plan {
                agency: index[record.agency.as_str()],
                reasons: reasons::of(&record),
                record,
                source,
                other_years: Vec::new(),
            })
            .collect();

        let mut by_id: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut years: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
        for (i, p) in plans.iter().enumerate() {
            agencies[p.agency].plans.push(i);
            by_id.entry(p.record.id.clone()).or_default().push(i);
            years.entry(p.record.year).or_default().push(i);
        }
        for same in by_id.values().filter(|v| v.len() > 1) {
            for &i in same {
                plans[i].other_years = same.iter().copied().filter(|&j| j != i).collect();
            }
        }

        let mut pages = default_pages;
        for (slug, page) in &content.pages {
            pages.insert(slug.clone(), page.value.clone());
        }
        Site {
            config: content.site.value.clone(),
            ministry: content.agencies.value.ministry.clone(),
            agencies,
            plans,
            years: years.into_iter().collect(),
            pages,
            year_records,
            synonyms: content
                .synonyms
                .as_ref()
                .map(|s| s.value.clone())
                .unwrap_or_default(),
            related: content
                .related
                .as_ref()
                .map(|s| s.value.clone())
                .unwrap_or_default(),
        }
    }
}

/// The year records of `content` by year, drafts left out when `drafts` says so.
fn published_years(content: &Content, drafts: Drafts) -> BTreeMap<u32, YearFile> {
    (content.years.iter())
        .filter(|y| drafts == Drafts::Shown || !y.value.draft)
        .map(|y| (y.value.year, y.value.clone()))
        .collect()
}
