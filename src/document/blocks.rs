//! Lines → blocks (paragraphs and headings), with heading levels from Chinese
//! numbering. Numbering is a mechanism, not a domain phrase: it lives here.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::{Block, BlockKind};
use crate::ingest::HeadingHint;

/// Heading markers by level: 一、 / 第一部分 → 1, （一） → 2, 1. 1、 → 3, （1） → 4, ① → 5.
static MARKERS: LazyLock<[(u8, Regex); 5]> = LazyLock::new(|| {
    [
        (1, Regex::new(r"^(?:第[一二三四五六七八九十]{1,3}部分[、：:．.\s]*|[一二三四五六七八九十]{1,3}[、．.](?:\s*))").unwrap()),
        (2, Regex::new(r"^[（(][一二三四五六七八九十]{1,3}[）)]\s*").unwrap()),
        (3, Regex::new(r"^\d{1,2}\s*[、．.](?:\s*)").unwrap()),
        (4, Regex::new(r"^[（(]\d{1,2}[）)]\s*").unwrap()),
        (5, Regex::new(r"^[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]\s*").unwrap()),
    ]
});

/// Characters that end a sentence (or a heading written as a sentence).
pub(crate) fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '。' | '！' | '？' | '；' | '：' | '!' | '?' | ';' | ':' | '”' | '」' | '）' | ')'
    )
}

fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}' || c == '\u{feff}'
}

/// Level and marker length of a heading marker at the start of `s`.
pub fn heading_marker(s: &str) -> Option<(u8, usize)> {
    for (level, re) in MARKERS.iter() {
        if let Some(m) = re.find(s) {
            // "1.5万" is a number, not a heading.
            if *level == 3 && s[m.end()..].starts_with(|c: char| c.is_ascii_digit()) {
                continue;
            }
            if m.end() < s.len() {
                return Some((*level, m.end()));
            }
        }
    }
    None
}

/// Trimmed byte range of a line.
fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let s = &text[range.clone()];
    let start = range.start + (s.len() - s.trim_start_matches(is_blank).len());
    let end = range.start + s.trim_end_matches(is_blank).len();
    start..end.max(start)
}

/// Whether the text is hard-wrapped (PDF extraction, fixed-width text): many long
/// lines stop without a sentence end.
fn hard_wrapped(lines: &[Range<usize>], text: &str) -> bool {
    let long: Vec<&str> = lines
        .iter()
        .map(|r| &text[r.clone()])
        .filter(|l| l.chars().count() >= 20)
        .collect();
    let open = long.iter().filter(|l| !l.ends_with(is_terminal)).count();
    long.len() >= 4 && open * 10 > long.len() * 4
}

/// Split `text` into blocks, skipping chrome lines and blank lines.
pub(super) fn split(text: &str, chrome: &[Range<usize>], hints: &[HeadingHint]) -> Vec<Block> {
    let mut lines = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        let range = start..start + line.len();
        start = range.end + 1;
        if chrome.iter().any(|c| c.start == range.start) {
            continue;
        }
        let trimmed = trim_range(text, range);
        if !trimmed.is_empty() {
            lines.push(trimmed);
        }
    }
    let wrapped = hints.is_empty() && hard_wrapped(&lines, text);
    let mut blocks: Vec<Block> = Vec::new();
    let mut prev_end = 0usize;
    for line in lines {
        let s = &text[line.clone()];
        let hint = hints
            .iter()
            .find(|h| h.start < line.end && line.start < h.end);
        let marker = heading_marker(s);
        let continues = wrapped
            && hint.is_none()
            && marker.is_none()
            && !is_page_number(s)
            && blocks.last().is_some_and(|b| {
                b.kind == BlockKind::Paragraph
                    && !text[b.range.clone()].ends_with(is_terminal)
                    && text[b.range.clone()].chars().count() >= 15
                    && text[prev_end..line.start].matches('\n').count() == 1
            });
        if continues {
            blocks.last_mut().unwrap().range.end = line.end;
        } else if is_page_number(s) && wrapped {
            // page furniture of an extracted PDF: not text
        } else {
            blocks.push(make_block(text, line.clone(), marker, hint));
        }
        prev_end = line.end;
    }
    blocks
}

/// "— 3 —", "- 12 -", "第 3 页": page numbers left in extracted text.
fn is_page_number(s: &str) -> bool {
    static PAGE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:[—\-–－]+\s*\d{1,4}\s*[—\-–－]+|第\s*\d{1,4}\s*页(?:\s*/?\s*共\s*\d{1,4}\s*页)?|\d{1,4})$").unwrap()
    });
    PAGE.is_match(s)
}

fn make_block(
    text: &str,
    range: Range<usize>,
    marker: Option<(u8, usize)>,
    hint: Option<&HeadingHint>,
) -> Block {
    let s = &text[range.clone()];
    let (level, marker_len) = match (hint, marker) {
        (Some(h), m) => (h.level.clamp(1, 6), m.map(|m| m.1).unwrap_or(0)),
        (None, Some((level, len))) => (level, len),
        (None, None) => {
            return Block {
                range,
                kind: BlockKind::Paragraph,
                heading: None,
                title: None,
                section: None,
            };
        }
    };
    // A heading may run in: the title ends at the first sentence end.
    let rest = &s[marker_len..];
    let title_len = rest
        .char_indices()
        .find(|&(_, c)| matches!(c, '。' | '！' | '？' | '!' | '?'))
        .map(|(i, _)| i)
        .unwrap_or(rest.len());
    let title_start = range.start + marker_len;
    let title_end = title_start + title_len;
    let heading_end = if title_end < range.end {
        // include the full stop in the heading
        title_end
            + rest[title_len..]
                .chars()
                .next()
                .map(char::len_utf8)
                .unwrap_or(0)
    } else {
        title_end
    };
    Block {
        range: range.clone(),
        kind: BlockKind::Heading { level },
        heading: Some(range.start..heading_end),
        title: Some(title_start..title_end),
        section: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_and_levels() {
        assert_eq!(heading_marker("一、加强党的领导"), Some((1, "一、".len())));
        assert_eq!(
            heading_marker("第二部分 存在问题"),
            Some((1, "第二部分 ".len()))
        );
        assert_eq!(heading_marker("（一）深入学习"), Some((2, "（一）".len())));
        assert_eq!(heading_marker("(一)深入学习"), Some((2, 5)));
        assert_eq!(heading_marker("1.强化理论学习"), Some((3, 2)));
        assert_eq!(heading_marker("2、抓好落实"), Some((3, "2、".len())));
        assert_eq!(heading_marker("（1）规范执法"), Some((4, "（1）".len())));
        assert_eq!(heading_marker("①完善制度"), Some((5, "①".len())));
        assert_eq!(heading_marker("1.5万余份宣传册"), None);
        assert_eq!(heading_marker("一是高度重视"), None);
        assert_eq!(heading_marker("2021年，我镇"), None);
        assert_eq!(heading_marker("一、"), None);
    }

    #[test]
    fn run_in_heading_has_title_and_body() {
        let text = "（一）深入学习贯彻习近平法治思想。专题传达学习。";
        let blocks = split(text, &[], &[]);
        assert_eq!(blocks.len(), 1);
        let b = &blocks[0];
        assert_eq!(b.kind, BlockKind::Heading { level: 2 });
        assert_eq!(
            &text[b.title.clone().unwrap()],
            "深入学习贯彻习近平法治思想"
        );
        assert_eq!(&text[b.body()], "专题传达学习。");
    }

    #[test]
    fn hard_wrapped_lines_are_joined() {
        let text = "一、主要举措和成效\n我镇坚持以习近平新时代中国特色社会主义思想为指\n导，深入贯彻党的二十大精神，全面贯彻习近平法治\n思想，推进法治政府建设取得新成效，各项工作有序\n开展，群众满意度不断提升，法治氛围日益浓厚。\n— 2 —\n二、存在的不足和原因\n";
        let blocks = split(text, &[], &[]);
        let kinds: Vec<_> = blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            vec![
                BlockKind::Heading { level: 1 },
                BlockKind::Paragraph,
                BlockKind::Heading { level: 1 }
            ]
        );
        assert!(text[blocks[1].range.clone()].ends_with("浓厚。"));
    }
}
