//! The ministry's table of a new year (112) as staff receive it, for the tests that publish
//! one: page breaks mid-row and inside an agency's name, an agency new this year (`ilosh`,
//! which [`add_new_agency`] adds), plans that continue 111's under the same or a shortened name.

use gongkai::import::NO_SPECIAL_PERFORMANCE;

const HEADER: &str = "項次\t主辦機關\t計畫名稱\t複核結果";

/// A review cell in the ministry's format.
pub fn review(lag: &str, budget: &str, performance: &str) -> String {
    format!(
        "<p>一、行政作業</p> <p>(一)如期依限提報 112 年度「作業計畫」、112 年度 1 至 4 季「執行情形」及 112 年度「自評報告」。</p> <p>(二)進度控制情形與結果：{lag}</p> <p>(三)年度目標之挑戰性與明確性</p> <p>1.年度目標挑戰性：所定目標均已完成，目標設定相較 111 年度無顯著挑戰性。</p> <p>2.年度目標明確性：採量化指標，已如期如質完成年度作業計畫所定目標。</p> <p>二、經費運用</p> <p>{budget}</p> <p>三、特殊績效</p> <p>{performance}</p>"
    )
}

pub const ON_TIME: &str = "按季管考週期之年累計進度及年終進度未有落後情形。";
pub const ALL_100: &str = "各管考週期，年累計支用比進度均達 100%。";

/// The table of 112: `q3` is item 2's third-quarter spending, `lag` item 1's progress
/// sentence. Item 2's row breaks across a page mid-review, item 4's inside its agency's
/// name; item 8 is of an agency new this year; items 1–4 and 7 continue 111's plans under
/// their names, item 5 the bli plan under a shortened one; item 6 is new.
pub fn table(q3: &str, lag: &str) -> String {
    let none = format!("{NO_SPECIAL_PERFORMANCE}。");
    let q3_budget = format!("年累計支用比第 3 季 {q3}%、餘均達 100%。");
    let r2 = review(ON_TIME, &q3_budget, &none);
    let cut = r2.find("<p>(三)").unwrap();
    let r4 = review(ON_TIME, ALL_100, &none);
    let cut4 = r4.find("<p>(一)").unwrap();
    [
        "## 112 年度部會管制個案計畫評核".to_string(),
        HEADER.into(),
        format!(
            "1\t勞動關係司\t營造勞工有利結社環境\t{}",
            review(lag, ALL_100, &none)
        ),
        format!("2\t勞動關係司\t提升勞資爭議處理效能\t{}", &r2[..cut]),
        String::new(),
        HEADER.into(),
        format!("\t\t\t{}", &r2[cut..]),
        format!(
            "3\t勞動保險司\t健全勞工保險制度，改善勞工保險財務\t{}",
            review(ON_TIME, ALL_100, "辦理勞工保險財務精算，提出財務改革方案。")
        ),
        format!("4\t勞動條件及\t建構彈性安全的 工時規範\t{}", &r4[..cut4]),
        String::new(),
        HEADER.into(),
        format!("\t就業平等司\t\t{}", &r4[cut4..]),
        format!(
            "5\t勞工保險局\t年金服務躍升計畫\t{}",
            review(ON_TIME, ALL_100, &none)
        ),
        format!(
            "6\t職業安全衛生署\t推動職場安全衛生數位轉型\t{}",
            review(ON_TIME, ALL_100, &none)
        ),
        format!(
            "7\t秘書處\t勞動部取得自有辦公廳舍計畫\t{}",
            review(ON_TIME, ALL_100, &none)
        ),
        format!(
            "8\t勞動及職業安全衛生 研究所\t職場危害預防研究\t{}",
            review(ON_TIME, ALL_100, &none)
        ),
    ]
    .join("\n")
        + "\n"
}

/// Adds the agency new in 112 to the site's `content/agencies.yaml`, as staff do first.
pub fn add_new_agency(f: &super::Fixture) {
    let agencies = std::fs::read_to_string(f.root().join("content/agencies.yaml")).unwrap();
    f.write(
        "content/agencies.yaml",
        &(agencies
            + "  - slug: ilosh\n    name:\n      zh: 勞動及職業安全衛生研究所\n      en: Institute of Labor, Occupational Safety and Health\n    order: 8\n"),
    );
}
