//! "Did you mean": the closest of the names a field may hold to one it does not know.

use crate::error::Msg;
use crate::msg;

/// The candidate closest to `word`, when it is close enough to be the one meant: a typing
/// slip (small edit distance against the length) or a different case.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    let len = lower.chars().count();
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&lower, c), c))
        // a third of the name may differ, one character at least, but never all of it
        .filter(|(d, c)| *d <= (c.chars().count() / 3).max(1) && *d < len)
        .min()
        .map(|(_, c)| c)
}

/// The message for an agency slug not in `content/agencies.yaml`: the one probably meant,
/// and the list to choose from.
pub fn unknown_agency<'a>(slug: &str, known: impl IntoIterator<Item = &'a String>) -> Msg {
    let known: Vec<&str> = known.into_iter().map(String::as_str).collect();
    let list = known.join(", ");
    match closest(slug, known.iter().copied()) {
        Some(near) => msg!(
            "unknown agency `{slug}`: did you mean `{near}`? The agencies in content/agencies.yaml are: {list}",
            "找不到機關 `{slug}`：是不是 `{near}`？content/agencies.yaml 中的機關有：{list}"
        ),
        None => msg!(
            "unknown agency `{slug}`: write the slug of one in content/agencies.yaml ({list}), or add it there",
            "找不到機關 `{slug}`：請填 content/agencies.yaml 中的機關代碼（{list}），或先在該檔新增這個機關"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slips_are_matched_and_strangers_are_not() {
        let known = ["wda", "bli", "osha", "labor-standards"];
        assert_eq!(closest("wdaa", known), Some("wda"));
        assert_eq!(closest("WDA", known), Some("wda"));
        assert_eq!(closest("labour-standards", known), Some("labor-standards"));
        assert_eq!(closest("labor-standrads", known), Some("labor-standards"));
        assert_eq!(closest("ministry", known), None);
        assert_eq!(closest("b", ["a"]), None);
    }
}
