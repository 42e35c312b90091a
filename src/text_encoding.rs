//! Text that is not UTF-8: a table exported from Excel or Word in Taiwan is often Big5 or
//! UTF-16 ("Unicode text"). A byte-order mark names UTF-16 or UTF-8 for certain; otherwise
//! chardetng (the detector Firefox uses, told the text is from Taiwan) names the likeliest
//! encoding, and encoding_rs decodes it as browsers do.

use encoding_rs::Encoding;

/// The encoding `bytes` are probably in, when it is not UTF-8: by their byte-order mark, else
/// as detected. `None` when the bytes are UTF-8 or nothing fits better than a guess.
pub fn guess(bytes: &[u8]) -> Option<&'static str> {
    detect(bytes).map(|(e, _)| e.name())
}

/// The encoding of `bytes` that is not UTF-8, and the length of its byte-order mark.
fn detect(bytes: &[u8]) -> Option<(&'static Encoding, usize)> {
    if let Some((e, bom)) = Encoding::for_bom(bytes) {
        return (e != encoding_rs::UTF_8).then_some((e, bom));
    }
    if std::str::from_utf8(bytes).is_ok() {
        return None;
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let (e, sure) = detector.guess_assess(Some(b"tw"), false);
    // named only when the whole text is that encoding: a stray byte is no encoding at all
    let whole = e
        .decode_without_bom_handling_and_without_replacement(bytes)
        .is_some();
    (sure && whole).then_some((e, 0))
}

/// `bytes` as text: UTF-8 as it is (without a byte-order mark); another encoding decoded when
/// it is known by its mark or detected, and decodes without error. The name of the encoding
/// decoded from is returned, so the user can be told.
pub fn decode(bytes: &[u8]) -> Option<(String, Option<&'static str>)> {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Some((s.strip_prefix('\u{FEFF}').unwrap_or(s).to_string(), None));
    }
    let (encoding, bom) = detect(bytes)?;
    let text = encoding.decode_without_bom_handling_and_without_replacement(&bytes[bom..])?;
    Some((text.into_owned(), Some(encoding.name())))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "項次\t主辦機關\t計畫名稱\t複核結果\n1\t勞動部勞工保險局\t勞工保險業務資訊系統\t一、行政作業：尚符合規定。\n";

    #[test]
    fn big5_and_utf16_tables_are_read() {
        let (big5, _, bad) = encoding_rs::BIG5.encode(TEXT);
        assert!(!bad);
        assert_eq!(guess(&big5), Some("Big5"));
        assert_eq!(decode(&big5), Some((TEXT.to_string(), Some("Big5"))));
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(TEXT.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(guess(&utf16), Some("UTF-16LE"));
        assert_eq!(decode(&utf16), Some((TEXT.to_string(), Some("UTF-16LE"))));
        assert_eq!(guess(TEXT.as_bytes()), None);
        let with_bom = [b"\xEF\xBB\xBF", TEXT.as_bytes()].concat();
        assert_eq!(decode(&with_bom), Some((TEXT.to_string(), None)));
    }
}
