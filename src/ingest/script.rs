//! Reports in traditional characters (a mirror site's conversion, the 繁體
//! version of a government page) are read in simplified characters: the rule
//! packs and the document profile are written in simplified. The conversion
//! keeps every character's byte width, so offsets, line numbers and the
//! format's heading ranges stay those of the file; a line whose conversion
//! would not is left as it is.

use std::sync::OnceLock;

/// Frequent characters whose simplified forms differ (設 设, 會 会, 區 区,
/// 縣 县, 報 报 …): a text dense in them is written in traditional script.
/// A simplified text has none of them, apart from a rare name.
const TRADITIONAL_MARKERS: &str =
    "們這個對與發會來時區縣鄉鎮國經關進務體點實現設項機構變應當執開辦規劃條議產業運動環護衛級報義傳統權確";

/// How much of the text the test reads, and how many markers it needs there.
const SAMPLE_BYTES: usize = 16 * 1024;
const MIN_MARKERS: usize = 12;

/// Whether `text` is written in traditional script.
pub fn is_traditional(text: &str) -> bool {
    let end = super::decode::floor_char_boundary(text, SAMPLE_BYTES);
    let markers = markers();
    text[..end]
        .chars()
        .filter(|&c| markers.contains(c))
        .take(MIN_MARKERS)
        .count()
        >= MIN_MARKERS
}

/// The markers as a bit set over the CJK block they lie in: the test reads
/// every character of the sample of every report, so one bit test each.
struct MarkerSet {
    first: u32,
    bits: Vec<u64>,
}

impl MarkerSet {
    fn contains(&self, c: char) -> bool {
        let Some(i) = (c as u32).checked_sub(self.first) else {
            return false;
        };
        let i = i as usize;
        self.bits.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }
}

fn markers() -> &'static MarkerSet {
    static MARKERS: OnceLock<MarkerSet> = OnceLock::new();
    MARKERS.get_or_init(|| {
        let first = TRADITIONAL_MARKERS.chars().map(u32::from).min().unwrap_or(0);
        let mut bits = Vec::new();
        for c in TRADITIONAL_MARKERS.chars() {
            let i = (c as u32 - first) as usize;
            if bits.len() <= i / 64 {
                bits.resize(i / 64 + 1, 0);
            }
            bits[i / 64] |= 1u64 << (i % 64);
        }
        MarkerSet { first, bits }
    })
}

fn converter() -> Option<&'static ferrous_opencc::OpenCC> {
    static CONVERTER: OnceLock<Option<ferrous_opencc::OpenCC>> = OnceLock::new();
    CONVERTER
        .get_or_init(|| ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::T2s).ok())
        .as_ref()
}

/// Whether `converted` has `original`'s characters' byte widths, one by one.
fn same_widths(original: &str, converted: &str) -> bool {
    original.len() == converted.len()
        && original.chars().count() == converted.chars().count()
        && original
            .chars()
            .zip(converted.chars())
            .all(|(a, b)| a.len_utf8() == b.len_utf8())
}

/// `text` in simplified characters, if it is in traditional script.
pub fn to_simplified(text: &str) -> Option<String> {
    if !is_traditional(text) {
        return None;
    }
    let converter = converter()?;
    let whole = converter.convert(text);
    if same_widths(text, &whole) {
        return Some(whole);
    }
    // Line by line, keeping a line whose conversion changes its widths.
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| {
            let converted = converter.convert(line);
            if same_widths(line, &converted) {
                converted
            } else {
                line.to_owned()
            }
        })
        .collect();
    Some(lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_text_is_read_in_simplified_characters() {
        let text = "小龍門鄉2024年法治政府建設情況報告\n一、主要舉措和成效\n深入學習貫徹習近平法治思想，鄉黨委會議專題研究法治政府建設工作3次，全面推行行政執法三項制度，開展普法宣傳活動12場。\n";
        let simplified = to_simplified(text).expect("traditional");
        assert!(simplified.starts_with("小龙门乡2024年法治政府建设情况报告"));
        assert!(simplified.contains("习近平法治思想"));
        assert!(simplified.contains("行政执法三项制度"));
        assert_eq!(simplified.len(), text.len());
    }

    #[test]
    fn simplified_text_is_left_alone() {
        let text = "某某县2024年法治政府建设情况报告\n一、主要举措和成效\n深入学习贯彻习近平法治思想，全面推行行政执法三项制度。于某某同志主持会议。\n";
        assert_eq!(to_simplified(text), None);
    }

    #[test]
    fn the_marker_set_holds_the_markers_and_nothing_else() {
        let set = markers();
        assert!(TRADITIONAL_MARKERS.chars().all(|c| set.contains(c)));
        let simplified = "们这个对与发会来时区县乡镇国经关进务体点实现设项机构变应当执开办规划条议产业运动环护卫级报义传统权确";
        assert!(simplified.chars().all(|c| !set.contains(c)));
        assert!(!set.contains('a') && !set.contains('\u{10FFFF}') && !set.contains('\u{4E00}'));
    }

    #[test]
    fn widths_are_compared_character_by_character() {
        assert!(same_widths("設會", "设会"));
        assert!(!same_widths("設a", "设"));
        assert!(!same_widths("ab", "é"));
    }
}
