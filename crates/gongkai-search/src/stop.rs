//! Words that carry no topic: question words, particles and filler phrases of Chinese, and
//! English stop words. A query's stop words count toward nothing: not its quorum, not its
//! ranking, not its suggestions (「勞保會倒嗎」 is about 勞保, "the rights of workers" about
//! rights and workers). The browser gets these lists in the manifest (`stop`).
//!
//! A Chinese phrase of two or more characters is always a stop word. A lone character (的,
//! 嗎, 會 …) is one only where it does not form an indexed bigram with a neighbouring
//! character of the query: 會 in 「勞保會倒嗎」 is filler, in 「工會」 it is the word.

use super::tokenize;

/// Chinese filler: question words, particles, pronouns, modal verbs and the phrases people
/// start a question with. Written in Traditional characters (queries are folded first).
pub const ZH: &[&str] = &[
    // phrases: always filler
    "我想知道",
    "想知道",
    "我想問",
    "想請問",
    "請問",
    "請教",
    "我想",
    "我要",
    "我們",
    "你們",
    "他們",
    "自己",
    "怎麼辦",
    "怎麼樣",
    "怎麼",
    "怎樣",
    "如何",
    "什麼",
    "甚麼",
    "為什麼",
    "為何",
    "哪些",
    "哪裡",
    "哪個",
    "哪邊",
    "哪一",
    "有沒有",
    "有無",
    "是不是",
    "是否",
    "會不會",
    "能不能",
    "可不可以",
    "可以",
    "要不要",
    "應該",
    "需要",
    "一定",
    "必須",
    "多少",
    "幾個",
    "一下",
    "關於",
    "有關",
    "還是",
    "或者",
    "以及",
    "而且",
    "但是",
    "因為",
    "所以",
    "如果",
    "的話",
    "這個",
    "那個",
    "這些",
    "那些",
    "這樣",
    "那樣",
    "時候",
    "什麼時候",
    "到底",
    "究竟",
    "是什麼",
    "誰",
    "嗎",
    "呢",
    "吧",
    "啊",
    "呀",
    "嘛",
    "喔",
    "哦",
    "啦",
    "欸",
    "耶",
    // lone characters: filler unless they form an indexed bigram with a neighbour
    "的",
    "了",
    "我",
    "你",
    "妳",
    "他",
    "她",
    "是",
    "有",
    "在",
    "想",
    "要",
    "會",
    "能",
    "可",
    "該",
    "就",
    "都",
    "也",
    "還",
    "和",
    "與",
    "及",
    "或",
    "跟",
    "被",
    "把",
    "給",
    "讓",
    "對",
    "從",
    "向",
    "很",
    "太",
    "最",
    "又",
    "再",
    "才",
    "哪",
    "怎",
    "麼",
    "啥",
    "去",
    "到",
    "得",
    "著",
    "過",
    "幫",
    "嗯",
    "請",
];

/// English stop words: articles, prepositions, pronouns, auxiliaries and question words.
pub const EN: &[&str] = &[
    "a",
    "an",
    "the",
    "of",
    "for",
    "in",
    "on",
    "at",
    "to",
    "by",
    "with",
    "from",
    "into",
    "onto",
    "about",
    "as",
    "and",
    "or",
    "but",
    "if",
    "then",
    "so",
    "than",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "am",
    "do",
    "does",
    "did",
    "doing",
    "have",
    "has",
    "had",
    "having",
    "can",
    "could",
    "should",
    "would",
    "will",
    "shall",
    "may",
    "might",
    "must",
    "i",
    "me",
    "my",
    "mine",
    "we",
    "us",
    "our",
    "you",
    "your",
    "yours",
    "he",
    "him",
    "his",
    "she",
    "her",
    "they",
    "them",
    "their",
    "it",
    "its",
    "this",
    "that",
    "these",
    "those",
    "there",
    "here",
    "what",
    "which",
    "who",
    "whom",
    "whose",
    "when",
    "where",
    "why",
    "how",
    "any",
    "some",
    "all",
    "each",
    "every",
    "own",
    "just",
    "also",
    "very",
    "more",
    "most",
    "much",
    "many",
    "such",
    "only",
    "other",
    "another",
    "get",
    "got",
    "want",
    "wants",
    "need",
    "needs",
    "know",
    "tell",
    "please",
    "help",
    "during",
    "s",
    "t",
    "im",
    "ive",
    "dont",
    "doesnt",
    "cant",
    "happens",
    "happen",
    "going",
    "way",
    "ways",
    "anything",
    "something",
    "someone",
    "anyone",
    "ll",
    "re",
    "ve",
];

/// English contractions whose first part is a word of its own elsewhere ("won" awards, "let"):
/// the tokenizer cuts at the apostrophe, so each is a phrase of two words here. Negations
/// among them still negate a status after them ([`super::words::NEGATORS`]).
pub const EN_CONTRACTIONS: &[&str] = &[
    "won't",
    "don't",
    "doesn't",
    "didn't",
    "isn't",
    "aren't",
    "wasn't",
    "weren't",
    "haven't",
    "hasn't",
    "hadn't",
    "wouldn't",
    "couldn't",
    "shouldn't",
    "mustn't",
    "needn't",
    "ain't",
    "let's",
];

/// Every stop word as normalized units (see [`tokenize::units`]): the lists above, Chinese
/// first, contractions last. Each entry is one phrase.
pub fn units() -> Vec<Vec<String>> {
    ZH.iter()
        .chain(EN)
        .chain(EN_CONTRACTIONS)
        .map(|w| tokenize::unit_texts(w))
        .collect()
}

/// Whether `text` (normalized: a Chinese phrase, or one English word) is a stop word.
pub fn is_stop(text: &str) -> bool {
    static SET: std::sync::OnceLock<std::collections::HashSet<String>> = std::sync::OnceLock::new();
    SET.get_or_init(|| units().into_iter().map(|u| u.concat()).collect())
        .contains(text)
}

/// The stop phrases as the manifest carries them: one string per phrase, its units joined
/// by a space.
pub fn rows() -> Vec<String> {
    units().into_iter().map(|u| u.join(" ")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stop_word_is_one_normalized_phrase_listed_once() {
        let all = units();
        assert!(all.iter().all(|u| !u.is_empty()));
        let mut seen = std::collections::HashSet::new();
        for u in &all {
            assert!(seen.insert(u.clone()), "{u:?} listed twice");
        }
        // Chinese phrases are Han characters only; English words are one word each
        assert!(all[..ZH.len()]
            .iter()
            .all(|u| u.iter().all(|c| c.chars().all(tokenize::is_han))));
        let contractions = all.len() - EN_CONTRACTIONS.len();
        assert!(all[ZH.len()..contractions].iter().all(|u| u.len() == 1));
        assert!(
            all[contractions..].iter().all(|u| u.len() == 2),
            "a contraction is two words"
        );
    }
}
