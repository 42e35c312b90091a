//! The open data as JSON, and the JSON Schema that describes it (`data/schema.json`),
//! generated from the types below as the editors' schemas are from the record types
//! ([`json_schema`](crate::content::json_schema)): what the schema says is what is written.
//!
//! A file is one object: `$schema`, `format_version`, `generated`, `publisher`, `license`,
//! `sources` (the published review document of each year in the file), `ministry`, `agencies`
//! and `plans`. Texts are `{zh, en}` and are given without the final line break that YAML's
//! block style adds ([`published_text`], as in the CSV).
//!
//! The types only serialize: what is said of the schema alone (each type's name in it, and
//! that an object has no other fields) is in their `#[schemars]` attributes, not serde's.

use crate::content::schema::{
    AgenciesFile, DataLicense, Fact, Facts, PlanFile, Review, SiteFile, SourceDocument, Text,
    YearFile,
};
use crate::model::reasons::Reasoned;
use crate::opendata_reasons::JsonReason;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A text as the open data give it: without the final line breaks that YAML's block style
/// (`|`) ends a text with, so that no cell ends in a stray line break.
pub fn published_text(text: &str) -> &str {
    text.trim_end_matches(['\n', '\r'])
}

/// The format's version: raised when a field is removed or changes its meaning; a field added
/// keeps it.
pub const FORMAT_VERSION: u32 = 1;

/// Where the schema is published, under the site's address.
pub const SCHEMA_PATH: &str = "/data/schema.json";

/// What the open-data files say of themselves besides the plans: their schema, date, publisher,
/// license and sources.
#[derive(Debug, Clone)]
pub struct Meta {
    /// The schema's absolute address ([`SCHEMA_PATH`] under the site's).
    pub schema_url: String,
    /// The date of the data, `YYYY-MM-DD` ([`Meta::new`] says which).
    pub generated: String,
    /// Who publishes them.
    pub publisher: Text,
    /// Their license.
    pub license: DataLicense,
    /// Each year's published review document, by year.
    pub sources: BTreeMap<u32, SourceDocument>,
}

impl Meta {
    /// The files' description from the site's settings and its year records.
    pub fn new(config: &SiteFile, years: &BTreeMap<u32, YearFile>) -> Meta {
        Meta {
            schema_url: format!("{}{SCHEMA_PATH}", config.base_url.trim_end_matches('/')),
            // the content's own date (`updated` in site.yaml, which staff set with each
            // edition), not the build's clock: the same content gives byte-identical files
            generated: config.updated.clone(),
            publisher: config.publisher.clone(),
            license: config.license(),
            sources: (years.iter())
                .map(|(y, r)| (*y, r.source.clone()))
                .collect(),
        }
    }

    /// The description of the site `site` publishes.
    pub fn of(site: &crate::model::Site) -> Meta {
        Meta::new(&site.config, &site.year_records)
    }
}

/// A text in both languages, as published.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields, rename = "Text")]
struct JsonText<'a> {
    /// Traditional Chinese, the authoritative text. / 正體中文，以此為準。
    zh: &'a str,
    /// English; empty while the translation is being prepared. / 英文；翻譯中時為空字串。
    en: &'a str,
}

impl<'a> From<&'a Text> for JsonText<'a> {
    fn from(t: &'a Text) -> Self {
        JsonText {
            zh: published_text(&t.zh),
            en: published_text(&t.en),
        }
    }
}

/// An organizing agency.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields, rename = "Agency")]
struct JsonAgency<'a> {
    /// The agency's code, as plans name it in `agency`. / 機關代碼，即計畫的 `agency`。
    slug: &'a str,
    /// Its name. / 機關名稱。
    name: JsonText<'a>,
    /// Its place in the site's lists, 1 first. / 網站列表中的順序，1 為第一。
    order: u32,
}

/// The review's three sections, each as published: paragraphs separated by a blank line.
/// The site shows them through a Markdown (CommonMark) renderer.
///
/// 複核結果的三段，照原文：段落之間空一行。網站以 Markdown（CommonMark）呈現。
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields, rename = "Review")]
struct JsonReview<'a> {
    /// 一、行政作業: reports, progress control, annual targets. / 報告提報、進度控制、年度目標。
    administration: JsonText<'a>,
    /// 二、經費運用: budget execution. / 經費執行情形。
    budget: JsonText<'a>,
    /// 三、特殊績效: achievements beyond the annual targets. / 年度目標以外的具體成果。
    performance: JsonText<'a>,
}

impl<'a> From<&'a Review> for JsonReview<'a> {
    fn from(r: &'a Review) -> Self {
        // destructured whole: a section added to the record does not compile until it is here
        let Review {
            administration,
            budget,
            performance,
        } = r;
        JsonReview {
            administration: administration.into(),
            budget: budget.into(),
            performance: performance.into(),
        }
    }
}

/// One plan's evaluation in one year.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields, rename = "Plan")]
struct JsonPlan<'a> {
    /// ROC year of the evaluation (111 = 2022). / 評核年度（民國年）。
    year: u32,
    /// Item number in that year's review table. / 該年度複核結果表中的項次。
    item: u32,
    /// Page of the published review document on which the plan's row starts, when known. /
    /// 該計畫所在列於複核結果文件中起始的頁次（已知時）。
    #[serde(skip_serializing_if = "Option::is_none")]
    source_page: Option<u32>,
    /// Plan identifier, stable across years. / 計畫識別碼，跨年度不變。
    id: &'a str,
    /// The organizing agency's `slug`. / 主辦機關代碼。
    agency: &'a str,
    /// The organizing agency's name. / 主辦機關名稱。
    agency_name: JsonText<'a>,
    /// Plan name, plain text. / 計畫名稱，純文字。
    name: JsonText<'a>,
    /// The review result. / 複核結果。
    review: JsonReview<'a>,
    /// The facts the review states, as data. / 複核結果所述事實。
    facts: &'a Facts,
    /// Facts that staff checked against the text by hand (left out when none). / 由承辦人員
    /// 人工核對的事實（沒有則省略）。
    #[serde(skip_serializing_if = "<[Fact]>::is_empty")]
    facts_checked_by_hand: &'a [Fact],
    /// Why each flag was raised, by flag (`behind_q3`, `late_q2`, `spending_q3`, `challenge`
    /// …): the reviewers' own sentences. / 各項情形的理由，以情形為鍵：評核意見原句。
    #[schemars(schema_with = "reasons_schema")]
    reasons: BTreeMap<&'static str, JsonReason>,
}

impl<'a> JsonPlan<'a> {
    /// Plan `p` as published, its agency named `agency_name`.
    fn new(plan: &'a impl Reasoned, agency_name: &'a Text) -> Self {
        let p = plan.record();
        // destructured whole: a field added to the record does not compile until it is
        // published here, or said not to be
        let PlanFile {
            id,
            year,
            item,
            source_page,
            agency,
            name,
            review,
            facts,
            facts_checked_by_hand,
            reasons: _,
            // a draft is never published
            draft: _,
        } = p;
        JsonPlan {
            year: *year,
            item: *item,
            source_page: *source_page,
            id,
            agency,
            agency_name: agency_name.into(),
            name: name.into(),
            review: review.into(),
            facts,
            facts_checked_by_hand,
            // the reasons staff gave, and those found in the text
            reasons: crate::opendata_reasons::json(plan),
        }
    }
}

/// The schema of [`JsonPlan::reasons`]: keys are flags.
fn reasons_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": "object",
        "propertyNames": generator.subschema_for::<crate::content::schema::Flag>(),
        "additionalProperties": generator.subschema_for::<JsonReason>(),
    })
}

/// The license the data are released under.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields, rename = "License")]
struct JsonLicense<'a> {
    /// Its name. / 授權條款名稱。
    name: JsonText<'a>,
    /// Where its text is, for each language. / 條文網址（中、英文）。
    url: JsonText<'a>,
    /// Its SPDX identifier, or null. / SPDX 授權識別碼，沒有則為 null。
    spdx: Option<&'a str>,
}

/// A year's published review document, where the year's texts and facts come from.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields, rename = "Source")]
struct JsonSource<'a> {
    /// The ROC year it reviews. / 所評核的年度（民國年）。
    year: u32,
    /// Its title as published. / 文件標題。
    title: JsonText<'a>,
    /// Who published it, or null. / 發布機關，未載明則為 null。
    publisher: Option<JsonText<'a>>,
    /// Its date, `YYYY-MM-DD`, or null. / 發布日期，未載明則為 null。
    date: Option<&'a str>,
    /// Its reference number (發文字號), or null. / 發文字號，未載明則為 null。
    reference: Option<&'a str>,
    /// Where it can be read, or null. / 文件網址，未載明則為 null。
    url: Option<&'a str>,
}

/// A file of gongkai's open data: plan evaluations with their facts and the reviewers'
/// reasons, in Traditional Chinese and English.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields, rename = "OpenData")]
struct JsonDataset<'a> {
    /// This schema's address. / 本結構描述的網址。
    #[serde(rename = "$schema")]
    schema: &'a str,
    /// The format's version, raised when a field is removed or changes meaning. / 格式版本：
    /// 欄位刪除或意義改變時遞增。
    #[schemars(schema_with = "format_version_schema")]
    format_version: u32,
    /// The date of the data, `YYYY-MM-DD`: the date the site's content was last updated, not
    /// the moment the file was made, so the same content always gives the same file. / 資料
    /// 日期：網站內容最後更新日期（而非產生檔案的時間），同樣的內容產生同樣的檔案。
    #[schemars(pattern(crate::content::validate::DATE_PATTERN))]
    generated: &'a str,
    /// Who publishes the data. / 資料提供機關。
    publisher: JsonText<'a>,
    /// The license. / 授權條款。
    license: JsonLicense<'a>,
    /// The published review document of each year in the file, by year. / 檔案所含各年度之
    /// 複核結果出處文件，依年度排列。
    sources: Vec<JsonSource<'a>>,
    /// The ministry the agencies belong to. / 各機關所屬部會。
    ministry: JsonText<'a>,
    /// The organizing agencies, by `order`. / 主辦機關，依 `order` 排列。
    agencies: Vec<JsonAgency<'a>>,
    /// The plans, by year, then item, then id. / 計畫，依年度、項次、識別碼排列。
    plans: Vec<JsonPlan<'a>>,
}

/// The schema of [`JsonDataset::format_version`]: exactly [`FORMAT_VERSION`].
fn format_version_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({ "type": "integer", "const": FORMAT_VERSION })
}

fn agency_names<'a>(agencies: &'a AgenciesFile, slug: &str) -> Option<&'a Text> {
    (agencies.agencies.iter())
        .find(|a| a.slug == slug)
        .map(|a| &a.name)
}

/// The sources of `years`, as [`JsonDataset::sources`] gives them.
fn sources<'a>(meta: &'a Meta, years: &BTreeSet<u32>) -> Vec<JsonSource<'a>> {
    (meta.sources.iter())
        .filter(|(y, _)| years.contains(y))
        .map(|(y, d)| JsonSource {
            year: *y,
            title: (&d.title).into(),
            publisher: d.publisher.as_ref().map(JsonText::from),
            date: d.date.as_deref(),
            reference: d.reference.as_deref(),
            url: d.url.as_deref(),
        })
        .collect()
}

/// Plans as pretty-printed JSON (UTF-8, ends with a newline), described by `meta`, as the
/// schema ([`schema_text`]) describes. Plans are sorted by year, then item, then id; agencies
/// by order, then slug; `sources` lists the years the plans have.
pub fn to_json<P: Reasoned>(plans: &[P], agencies: &AgenciesFile, meta: &Meta) -> Vec<u8> {
    let mut sorted: Vec<&P> = plans.iter().collect();
    sorted.sort_by(|a, b| in_file_order(a.record(), b.record()));
    let records: Vec<&PlanFile> = sorted.iter().map(|p| p.record()).collect();
    let objects = sorted.iter().map(|p| json_plan(*p, agencies));
    json_of_plans(&records, objects, agencies, meta)
}

/// The order of [`to_json`]'s plans: by year, then item, then id.
pub fn in_file_order(a: &PlanFile, b: &PlanFile) -> std::cmp::Ordering {
    (a.year, a.item, &a.id).cmp(&(b.year, b.item, &b.id))
}

/// How deep [`to_json`] writes a plan's object: in `plans`, in the file's object.
const PLAN_INDENT: &[u8] = b"    ";

/// One plan's object in [`to_json`]'s `plans`, indented as it is there.
pub fn json_plan<P: Reasoned>(plan: &P, agencies: &AgenciesFile) -> Vec<u8> {
    let no_name = Text::default();
    let agency_name = agency_names(agencies, &plan.record().agency).unwrap_or(&no_name);
    let text = serde_json::to_vec_pretty(&JsonPlan::new(plan, agency_name))
        .expect("a plan serializes to JSON");
    // a JSON string holds no raw line end: every one in the text is between values
    let mut out = Vec::with_capacity(text.len() + text.len() / 8);
    out.extend_from_slice(PLAN_INDENT);
    for &b in &text {
        out.push(b);
        if b == b'\n' {
            out.extend_from_slice(PLAN_INDENT);
        }
    }
    out
}

/// [`to_json`] of the plans `records`, in [`in_file_order`], whose objects [`json_plan`] made
/// are `objects`, in the same order (made as they are written, when the iterator makes them).
pub fn json_of_plans<O: AsRef<[u8]>>(
    records: &[&PlanFile],
    objects: impl IntoIterator<Item = O>,
    agencies: &AgenciesFile,
    meta: &Meta,
) -> Vec<u8> {
    let years: BTreeSet<u32> = records.iter().map(|r| r.year).collect();
    let mut file = JsonPlans::new(&years, agencies, meta);
    objects.into_iter().for_each(|o| file.push(o.as_ref()));
    file.finish()
}

/// A JSON file of plans made object by object, in the order pushed: what [`json_of_plans`]
/// writes at once, for a file whose plans are made a year at a time.
pub struct JsonPlans {
    /// The file's object with its `plans` written empty.
    head: Vec<u8>,
    /// The file so far, once a plan is in.
    out: Vec<u8>,
}

impl JsonPlans {
    /// A file for plans of `years`.
    pub fn new(years: &BTreeSet<u32>, agencies: &AgenciesFile, meta: &Meta) -> Self {
        let head = serde_json::to_vec_pretty(&dataset(agencies, meta, years))
            .expect("plans serialize to JSON");
        JsonPlans {
            head,
            out: Vec::new(),
        }
    }

    /// Adds a plan's object ([`json_plan`]).
    pub fn push(&mut self, object: &[u8]) {
        // the file's object ends with its plans, written empty as `[]`: the objects go there
        let empty = b"[]\n}";
        if !self.out.is_empty() {
            self.out.extend_from_slice(b",\n");
        } else if let Some(head) = self.head.strip_suffix(empty.as_slice()) {
            self.out.extend_from_slice(head);
            self.out.extend_from_slice(b"[\n");
        } else {
            unreachable!("the file's object ends with its plans")
        }
        self.out.extend_from_slice(object);
    }

    /// Makes room for `bytes` more of objects, so that a file of gigabytes is not copied as
    /// it grows.
    pub fn reserve(&mut self, bytes: usize) {
        self.out.reserve(bytes + self.head.len());
    }

    /// The file.
    pub fn finish(self) -> Vec<u8> {
        if self.out.is_empty() {
            let mut out = self.head;
            out.push(b'\n');
            return out;
        }
        let mut out = self.out;
        out.extend_from_slice(b"\n  ]\n}\n");
        out
    }
}

/// The file's object for plans of `years`, its `plans` empty ([`json_of_plans`] writes them).
fn dataset<'a>(
    agencies: &'a AgenciesFile,
    meta: &'a Meta,
    years: &BTreeSet<u32>,
) -> JsonDataset<'a> {
    let mut ags: Vec<_> = agencies.agencies.iter().collect();
    ags.sort_by(|a, b| (a.order, &a.slug).cmp(&(b.order, &b.slug)));
    let l = &meta.license;
    JsonDataset {
        schema: &meta.schema_url,
        format_version: FORMAT_VERSION,
        generated: &meta.generated,
        publisher: (&meta.publisher).into(),
        license: JsonLicense {
            name: (&l.name).into(),
            url: JsonText {
                zh: l.url_for(false),
                en: l.url_for(true),
            },
            spdx: l.spdx.as_deref(),
        },
        sources: sources(meta, years),
        ministry: (&agencies.ministry).into(),
        agencies: (ags.iter())
            .map(|a| JsonAgency {
                slug: &a.slug,
                name: (&a.name).into(),
                order: a.order,
            })
            .collect(),
        plans: Vec::new(),
    }
}

/// The JSON Schema (draft 07) of the files [`to_json`] writes, published at `schema_url`:
/// generated from the types that write them, descriptions in English and Chinese.
pub fn schema(schema_url: &str) -> serde_json::Value {
    let generator = schemars::generate::SchemaSettings::draft07()
        .for_serialize()
        .into_generator();
    let mut schema = generator.into_root_schema_for::<JsonDataset>().to_value();
    crate::content::json_schema::tidy(&mut schema);
    schema["$id"] = schema_url.into();
    schema["title"] = "gongkai 開放資料 / open data".into();
    schema
}

/// [`schema`] as the file is written: pretty JSON ending in a newline.
pub fn schema_text(schema_url: &str) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(&schema(schema_url)).expect("a schema is JSON");
    out.push(b'\n');
    out
}
