//! Text decoding: BOM → UTF-16 without BOM → strict UTF-8 → chardetng guess.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

use super::IngestError;

/// Decoded text and the name of the encoding it came in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: String,
}

/// How many bytes chardetng sees when the encoding must be guessed.
/// 1 KB is ≈ 500 Chinese characters in GBK: on the 2,000-file benchmark
/// corpus, and on the corpus and samples converted to GB18030 and Big5 (whole
/// and cut to their first 700 bytes), 512 bytes already gave the same guesses
/// as 4 KB.
const DETECT_SAMPLE: usize = 1024;

/// Decode the bytes of a plain-text report.
pub fn decode_text(bytes: &[u8]) -> Result<Decoded, IngestError> {
    decode_with_hint(bytes, None)
}

/// Decode bytes, trusting a declared charset (e.g. an HTML `<meta>`) when the
/// bytes decode under it without errors.
pub fn decode_with_hint(
    bytes: &[u8],
    declared: Option<&'static Encoding>,
) -> Result<Decoded, IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty);
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return decode_strict(&bytes[bom_len..], encoding);
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return decode_strict(bytes, encoding);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return finish(text.to_owned(), UTF_8);
    }
    if let Some(encoding) = declared {
        if let Ok(decoded) = decode_strict(bytes, encoding) {
            return Ok(decoded);
        }
    }
    if mostly_utf8(bytes) {
        let text = String::from_utf8_lossy(bytes).into_owned();
        return finish(text, UTF_8);
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    // A few kilobytes of Chinese text settle the guess; chardetng's cost is
    // linear in what it is fed, and it dominated the read of a GB18030 file.
    // ASCII says nothing about the encoding: the sample starts at the first
    // other byte, which begins a character since an ASCII byte precedes it.
    let first = bytes.iter().position(|b| !b.is_ascii()).unwrap_or(0);
    let sample = &bytes[first..bytes.len().min(first + DETECT_SAMPLE)];
    detector.feed(sample, first + sample.len() == bytes.len());
    let guess = detector.guess(None, Utf8Detection::Allow);
    let (text, had_errors) = guess.decode_without_bom_handling(bytes);
    if had_errors {
        let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
        // A few broken characters in a long text (a truncated file, a stray byte) are
        // tolerable; a text that is mostly broken is not a text in this encoding.
        if bad * 50 > text.chars().count().max(1) {
            return Err(looks_binary(bytes)
                .map(IngestError::Binary)
                .unwrap_or_else(|| {
                    IngestError::Decode(format!("按 {} 解码有大量错误字符", display_name(guess)))
                }));
        }
    }
    finish(text.into_owned(), guess)
}

fn decode_strict(bytes: &[u8], encoding: &'static Encoding) -> Result<Decoded, IngestError> {
    match encoding.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => finish(text.into_owned(), encoding),
        None => Err(IngestError::Decode(format!(
            "内容不是有效的 {} 编码",
            display_name(encoding)
        ))),
    }
}

fn finish(text: String, encoding: &'static Encoding) -> Result<Decoded, IngestError> {
    if let Some(reason) = control_heavy(&text) {
        return Err(IngestError::Binary(reason));
    }
    Ok(Decoded {
        text,
        encoding: display_name(encoding),
    })
}

/// The lower-case WHATWG name, except that GBK is reported as `gb18030`-compatible
/// `gbk` (its decoder also decodes four-byte GB18030 sequences).
fn display_name(encoding: &'static Encoding) -> String {
    encoding.name().to_ascii_lowercase()
}

/// UTF-16 without a BOM shows as a NUL in every other byte for CJK-free ASCII
/// runs and many NULs overall; Chinese text in UTF-8 or GBK never has NUL.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 16 || bytes.len() % 2 != 0 {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4096)];
    let (mut even_nul, mut odd_nul) = (0usize, 0usize);
    for (i, b) in sample.iter().enumerate() {
        if *b == 0 {
            if i % 2 == 0 {
                even_nul += 1
            } else {
                odd_nul += 1
            }
        }
    }
    let pairs = sample.len() / 2;
    // Chinese text has few ASCII characters, so few NULs: a NUL in one byte
    // position only is enough, if the text then decodes as plausible UTF-16.
    let candidate = if odd_nul * 50 > pairs && even_nul * 20 < pairs.max(1) {
        UTF_16LE
    } else if even_nul * 50 > pairs && odd_nul * 20 < pairs.max(1) {
        UTF_16BE
    } else {
        return None;
    };
    let (text, had_errors) = candidate.decode_without_bom_handling(bytes);
    (!had_errors && control_heavy(&text).is_none() && plausible_text(&text)).then_some(candidate)
}

/// Nearly all characters are ASCII, CJK or CJK/full-width punctuation.
fn plausible_text(text: &str) -> bool {
    let (mut total, mut usual) = (0usize, 0usize);
    for c in text.chars().take(20_000) {
        total += 1;
        if matches!(c, '\u{9}'..='\u{d}' | ' '..='~' | '\u{2000}'..='\u{206f}' | '\u{3000}'..='\u{303f}' | '\u{4e00}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}')
        {
            usual += 1;
        }
    }
    usual * 10 >= total * 9
}

/// Invalid UTF-8 that is UTF-8 nearly everywhere (a GBK line pasted into a UTF-8
/// file): many valid multi-byte characters, few invalid bytes. Decoding it as a
/// legacy single-byte encoding would turn every Chinese character into mojibake.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().bytes().filter(|b| *b >= 0x80).count();
        invalid += chunk.invalid().len();
    }
    multibyte >= 30 && invalid * 10 < multibyte
}

fn looks_binary(bytes: &[u8]) -> Option<String> {
    let sample = &bytes[..bytes.len().min(8192)];
    let nul = sample.iter().filter(|&&b| b == 0).count();
    (nul > 0).then(|| format!("含有 {nul} 个 NUL 字节"))
}

/// Bytes of a text that `control_heavy` looks at (cut back to a character
/// boundary).
const CONTROL_SAMPLE_BYTES: usize = 64 * 1024;

/// Text with NUL bytes or many control characters is binary data, not a report.
/// Counted on the UTF-8 bytes (every report is read through here), in passes
/// the compiler vectorises: characters are the bytes that are not
/// continuation bytes, C0 controls and DEL are single bytes, C1 controls
/// (U+0080–U+009F) are `C2 80`–`C2 9F`.
fn control_heavy(text: &str) -> Option<String> {
    let mut end = text.len().min(CONTROL_SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    let bytes = sample.as_bytes();
    // One pass, one table look-up a byte: bit 0 a C0 control or DEL (not
    // line breaks, tabs, form feeds), bit 1 NUL.
    const CLASS: [u8; 256] = {
        let mut class = [0u8; 256];
        let mut b = 0;
        while b < 0x20 {
            if !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C) {
                class[b as usize] = 1;
            }
            b += 1;
        }
        class[0] = 2;
        class[0x7F] = 1;
        class
    };
    let (mut c0, mut nul) = (0usize, 0usize);
    for &b in bytes {
        let class = CLASS[b as usize];
        c0 += usize::from(class & 1);
        nul += usize::from(class >> 1);
    }
    if nul > 0 {
        return Some(format!("含有 {nul} 个 NUL 字符"));
    }
    let c1 = memchr::memchr_iter(0xC2, bytes)
        .filter(|&i| matches!(bytes.get(i + 1), Some(0x80..=0x9F)))
        .count();
    let control = c0 + c1;
    let total = sample.chars().count();
    (control * 20 > total.max(1)).then(|| format!("含有大量控制字符（{control}/{total}）"))
}

/// Full-width digits (０–９) as ASCII digits, and where each folded digit
/// ended in the text given (so that byte offsets into it can be moved).
/// Reports typed with an input method's full-width digits ("２０２４年度")
/// then read like any other: years, dates and numbers in patterns are written
/// with ASCII digits. One character stays one character: lines and columns do
/// not change, byte offsets after a folded digit move back by two.
pub fn fold_fullwidth_digits(text: String) -> (String, Vec<usize>) {
    // U+FF10..U+FF19 are EF BC 90..99 in UTF-8; full-width punctuation shares
    // the first two bytes, so the third decides.
    let bytes = text.as_bytes();
    let digits: Vec<usize> = memchr::memmem::find_iter(bytes, b"\xEF\xBC")
        .filter(|&i| matches!(bytes.get(i + 2), Some(0x90..=0x99)))
        .collect();
    if digits.is_empty() {
        return (text, digits);
    }
    let mut folded = Vec::with_capacity(bytes.len());
    let mut from = 0;
    for &i in &digits {
        folded.extend_from_slice(&bytes[from..i]);
        folded.push(b'0' + (bytes[i + 2] - 0x90));
        from = i + 3;
    }
    folded.extend_from_slice(&bytes[from..]);
    let ends = digits.iter().map(|i| i + 3).collect();
    let folded = String::from_utf8(folded).expect("a three-byte character replaced by one byte");
    (folded, ends)
}

/// A byte offset of the text given to [`fold_fullwidth_digits`] in its result
/// (`ends` as it returned them).
pub fn offset_after_fold(offset: usize, ends: &[usize]) -> usize {
    offset - 2 * ends.partition_point(|&e| e <= offset)
}

/// Invisible format characters copied from web pages — zero-width space,
/// (non-)joiner, left-to-right/right-to-left marks (U+200B–U+200F), word joiner
/// (U+2060), a BOM inside the text (U+FEFF) and the soft hyphen (U+00AD) —
/// split words for the patterns (`执法\u{200b}公示`). Each becomes a space of
/// the same UTF-8 length: the three-byte ones an ideographic space (U+3000),
/// the soft hyphen a no-break space (U+00A0). The document stage reads both as
/// layout spaces (removed from its scan text between Chinese characters), and
/// no byte offset, line or column moves: spans stay those of the decoded file.
pub fn neutralize_format_chars(text: String) -> String {
    let bytes = text.as_bytes();
    // Every sequence starts with one of these bytes, which never continue a
    // character: a match is always at a character boundary.
    let hits: Vec<(usize, bool)> = memchr::memchr3_iter(0xE2, 0xEF, 0xC2, bytes)
        .filter_map(|i| match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (0xE2, Some(0x80), Some(0x8B..=0x8F)) | (0xE2, Some(0x81), Some(0xA0)) | (0xEF, Some(0xBB), Some(0xBF)) => {
                Some((i, true))
            }
            (0xC2, Some(0xAD), _) => Some((i, false)),
            _ => None,
        })
        .collect();
    if hits.is_empty() {
        return text;
    }
    let mut bytes = text.into_bytes();
    for (i, three) in hits {
        if three {
            bytes[i..i + 3].copy_from_slice("\u{3000}".as_bytes());
        } else {
            bytes[i..i + 2].copy_from_slice("\u{a0}".as_bytes());
        }
    }
    String::from_utf8(bytes).expect("characters replaced by characters of the same length")
}

/// Han characters a text must have: at least one, and at least one for every
/// `MIN_HAN_SHARE` letters of other scripts (Latin, Cyrillic, Latin-1 mojibake).
/// A real report of a few hundred characters, or one under kilobytes of
/// English page furniture and URLs, is far above this; English text and bytes
/// decoded in a wrong single-byte encoding are far below.
const MIN_HAN_SHARE: usize = 50;

/// Han characters after which the text is taken as Chinese without reading on
/// (when the share is already met).
const ENOUGH_HAN: usize = 500;

/// Whether a decoded text is (almost) without Chinese: then it is not a report,
/// or its encoding was not recognised. Returns the Han and other letters seen.
pub fn not_chinese(text: &str) -> Option<(usize, usize)> {
    let (mut han, mut other) = (0usize, 0usize);
    for c in text.chars() {
        if is_han(c) {
            han += 1;
            if han >= ENOUGH_HAN && han * MIN_HAN_SHARE >= other {
                return None;
            }
        } else if c.is_alphabetic() {
            other += 1;
        }
    }
    (han == 0 || han * MIN_HAN_SHARE < other).then_some((han, other))
}

/// A Han character (the CJK unified ideograph blocks), for the readers of
/// every format.
pub(crate) fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// The last character boundary of `s` at or before `at` (clamped to its length).
pub(crate) fn floor_char_boundary(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The first character boundary of `s` at or after `at` (clamped to its length).
pub(crate) fn ceil_char_boundary(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// CRLF and lone CR become LF. Offsets change, line numbers do not.
pub fn normalize_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str =
        "清溪镇2021年法治政府建设年度报告\n一、加强党对法治建设的领导，完善法治政府建设推进机制。";

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode_text(SAMPLE.as_bytes()).unwrap().encoding, "utf-8");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(SAMPLE.as_bytes());
        let d = decode_text(&bom).unwrap();
        assert_eq!(d.text, SAMPLE);
        assert_eq!(d.encoding, "utf-8");
    }

    #[test]
    fn gb18030_and_gbk() {
        let (bytes, _, _) = encoding_rs::GB18030.encode(SAMPLE);
        let d = decode_text(&bytes).unwrap();
        assert_eq!(d.text, SAMPLE);
        assert!(
            d.encoding == "gbk" || d.encoding == "gb18030",
            "{}",
            d.encoding
        );
    }

    #[test]
    fn big5_is_not_taken_for_gbk() {
        // Every Big5 byte pair is also a valid GBK pair: only the guess on the
        // (bounded) sample tells them apart.
        let text = "臺北市政府法治建設年度報告。一、加強黨對法治建設的領導，完善推進機制，\
                    健全依法決策機制，嚴格規範公正文明執法。"
            .repeat(40);
        let (bytes, _, unmappable) = encoding_rs::BIG5.encode(&text);
        assert!(!unmappable);
        assert!(bytes.len() > DETECT_SAMPLE);
        let d = decode_text(&bytes).unwrap();
        assert_eq!(d.encoding, "big5");
        assert_eq!(d.text, text);
    }

    #[test]
    fn short_gbk_text() {
        let (bytes, _, _) = encoding_rs::GBK.encode("法治政府建设");
        assert_eq!(decode_text(&bytes).unwrap().text, "法治政府建设");
    }

    #[test]
    fn guess_sees_past_a_long_ascii_head_and_decodes_the_whole_text() {
        // The detector's sample starts at the first non-ASCII byte and is
        // bounded; the text after the sample still decodes.
        let head = "Report 2023 ".repeat(1000);
        let body = SAMPLE.repeat(400);
        let text = format!("{head}\n{body}\n尾部：法治政府建设年度报告");
        let (bytes, _, _) = encoding_rs::GB18030.encode(&text);
        assert!(bytes.len() > 2 * DETECT_SAMPLE + head.len());
        let d = decode_text(&bytes).unwrap();
        assert_eq!(d.text, text);
        assert!(d.encoding == "gbk" || d.encoding == "gb18030", "{}", d.encoding);
    }

    #[test]
    fn utf16_with_bom_and_without() {
        let mut le = vec![0xFF, 0xFE];
        for u in SAMPLE.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode_text(&le).unwrap();
        assert_eq!(d.text, SAMPLE);
        assert_eq!(d.encoding, "utf-16le");
        let ascii = "Report 2021\nline two of the report text";
        let raw: Vec<u8> = ascii.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(decode_text(&raw).unwrap().text, ascii);
    }

    /// `control_heavy` as the characters define it.
    fn control_heavy_by_chars(text: &str) -> Option<String> {
        let (mut total, mut control, mut nul) = (0usize, 0usize, 0usize);
        let mut end = text.len().min(CONTROL_SAMPLE_BYTES);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        for c in text[..end].chars() {
            total += 1;
            if c == '\0' {
                nul += 1;
            } else if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}') {
                control += 1;
            }
        }
        if nul > 0 {
            return Some(format!("含有 {nul} 个 NUL 字符"));
        }
        (control * 20 > total.max(1)).then(|| format!("含有大量控制字符（{control}/{total}）"))
    }

    #[test]
    fn control_counts_on_bytes_match_characters() {
        let pieces = [
            "法治", "a", "\n", "\t", "\u{c}", "\r", "\u{1}", "\u{7f}", "\u{80}", "\u{9f}",
            "\u{a0}", "\u{85}", "é", "\0", "𠀀", "，",
        ];
        let mut seed = 7u32;
        for len in [0, 1, 5, 40, 300, 7_000, 25_000] {
            for _ in 0..20 {
                let mut text = String::new();
                for _ in 0..len {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    // Mostly Han text, now and then a control character.
                    let k = (seed >> 16) as usize % (pieces.len() * 4);
                    text.push_str(pieces.get(k).copied().unwrap_or("法"));
                }
                assert_eq!(control_heavy(&text), control_heavy_by_chars(&text), "{len}");
                let text = text.replace('\0', "");
                assert_eq!(control_heavy(&text), control_heavy_by_chars(&text), "{len}");
            }
        }
    }

    #[test]
    fn binary_is_rejected() {
        let bytes: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
        let r = decode_text(&bytes);
        assert!(matches!(r, Err(IngestError::Binary(_))), "{r:?}");
        assert!(matches!(
            decode_text(b"\x01\x02abc\0\0\0def\0\0\0\0\x05\x06\x07\0\0ghi\0\0\0\0\0\0\0\0\0"),
            Err(IngestError::Binary(_))
        ));
    }

    #[test]
    fn fullwidth_digits_fold_to_ascii() {
        let text = "２０２４年度（一）法治，２．３万条";
        let (folded, ends) = fold_fullwidth_digits(text.to_owned());
        assert_eq!(folded, "2024年度（一）法治，2．3万条");
        assert_eq!(folded.chars().count(), text.chars().count());
        // Offsets of the same characters before and after.
        for (c, at) in [('年', 0), ('法', 0), ('万', 0)] {
            let old = text.find(c).unwrap() + at;
            assert_eq!(offset_after_fold(old, &ends), folded.find(c).unwrap());
        }
        assert_eq!(offset_after_fold(text.len(), &ends), folded.len());
        let plain = "2024年（一），：".to_owned();
        assert_eq!(fold_fullwidth_digits(plain.clone()), (plain, Vec::new()));
    }

    #[test]
    fn format_characters_become_spaces_of_the_same_length() {
        let text = "执法\u{200b}公示\u{200c}\u{200d}\u{200e}\u{200f}，\u{2060}记录\u{feff}审核\u{ad}制度“”—…\u{2061}";
        let out = neutralize_format_chars(text.to_owned());
        assert_eq!(out, "执法\u{3000}公示\u{3000}\u{3000}\u{3000}\u{3000}，\u{3000}记录\u{3000}审核\u{a0}制度“”—…\u{2061}");
        assert_eq!(out.len(), text.len());
        let plain = "法治政府建设“年度报告”——2024".to_owned();
        assert_eq!(neutralize_format_chars(plain.clone()), plain);
    }

    #[test]
    fn text_without_han_is_not_chinese() {
        assert_eq!(not_chinese("Annual report 2024, rule of law."), Some((0, 21)));
        assert_eq!(not_chinese("2024 — 12 / 31"), Some((0, 0)));
        assert!(not_chinese("ÃƒÂ©Ã¢â‚¬Å“ mojibake Ã©").is_some_and(|(han, _)| han == 0));
        assert_eq!(not_chinese(SAMPLE), None);
        assert_eq!(not_chinese("法治政府建设"), None);
        // One Han character in fifty letters is enough; less is not.
        let latin = "a".repeat(500);
        assert_eq!(not_chinese(&format!("{latin}法治政府建设年度报告")), None);
        assert!(not_chinese(&format!("{latin}{latin}{latin}法治政府建设年度报告")).is_some());
    }

    #[test]
    fn newlines_are_normalised() {
        assert_eq!(normalize_newlines("a\r\nb\rc\n".into()), "a\nb\nc\n");
    }
}
