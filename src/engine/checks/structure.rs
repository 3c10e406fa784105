//! `structure.empty-section` (the project's own id): a heading with no text
//! under it. The next block of the body decides: a paragraph, or a heading
//! numbered one rank deeper (一、 → （一） → 1. → （1） → ①), is content; a heading
//! of the same or a higher rank, the signature or the end of the text is not.
//! Ranks come from the numbering marker itself, so a source whose heading levels
//! are flattened (HTML h-tags) gives the same answer as plain text.

use super::finding;
use crate::document::{blocks_heading_marker, BlockKind, Document, Section};
use crate::engine::Finding;
use crate::rules::checks::EmptySection;

/// Rank of a heading: from its numbering marker, else its structural level.
fn rank(doc: &Document, heading: &std::ops::Range<usize>, level: u8) -> u8 {
    blocks_heading_marker(doc.text[heading.clone()].trim_start())
        .map(|(l, _)| l)
        .unwrap_or(level)
}

/// Whether a block is page chrome: a paragraph joined across a masked line
/// (a watermark inside a page break) is text.
fn all_chrome(doc: &Document, r: &std::ops::Range<usize>) -> bool {
    doc.chrome.iter().any(|c| c.start <= r.start && r.end <= c.end)
}

fn is_empty(doc: &Document, s: &Section, c: &EmptySection) -> bool {
    let own = &doc.blocks[s.block];
    if !doc.text[own.body()].trim().is_empty() {
        return false; // run-in text: 「（一）标题。正文」
    }
    let heading = doc.text[s.heading.clone()].trim_end();
    let last = heading.char_indices().next_back();
    if last.is_some_and(|(at, ch)| {
        c.statement_end.contains(&ch) || crate::document::is_latin_full_stop(heading, at, ch)
    }) {
        return false; // the heading is itself a statement
    }
    let next = doc.blocks[s.block + 1..]
        .iter()
        .find(|b| !doc.text[b.range.clone()].trim().is_empty() && !all_chrome(doc, &b.range));
    match next.map(|b| (b, b.kind)) {
        Some((_, BlockKind::Paragraph)) => false,
        // A sub-heading is content: deeper by its marker, or by the parse's
        // level (一、 inside 第一部分).
        Some((b, BlockKind::Heading { level })) => {
            let h = b.heading.clone().unwrap_or(b.range.clone());
            level <= s.level && rank(doc, &h, level) <= rank(doc, &s.heading, s.level)
        }
        _ => true,
    }
}

pub fn empty_sections(doc: &Document, c: &EmptySection) -> Vec<Finding> {
    doc.sections
        .iter()
        .filter(|s| is_empty(doc, s, c))
        .map(|s| {
            let heading = doc.text[s.heading.clone()].trim().to_owned();
            finding(&c.finding, s.heading.clone(), &[("heading", &heading)])
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{doc, ids, report};

    const ID: &str = "structure.empty-section";

    #[test]
    fn a_heading_that_is_a_sentence_ending_in_a_latin_full_stop_is_not_empty() {
        let text = report(2023, "一、主要举措和成效\n全面推行行政执法三项制度。\n二、下一年度工作安排\n(一)深入学习贯彻习近平法治思想,推动学习常态化.\n(二)全面落实行政执法三项制度.\n");
        assert!(ids(&text, ID).is_empty(), "{:?}", ids(&text, ID));
    }

    #[test]
    fn heading_followed_by_signature_only() {
        let text = report(2023, "一、主要举措和成效\n全面推行行政执法三项制度。\n二、下一年度工作安排\n2024年，我区将持续推进法治政府建设。\n三、其他需要报告的情况\n");
        let f = ids(&text, ID);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            &doc(&text).text[f[0].range.clone()],
            "三、其他需要报告的情况"
        );
    }

    #[test]
    fn parts_numbering_their_sections_are_not_empty() {
        let text = report(2023, "第一部分　主要举措和成效
一、加强党的领导
全面推行行政执法三项制度。
二、推进政务公开
全年公开信息120条。
第二部分　存在的不足
基层执法力量不足。
第三部分　其他需要报告的情况
");
        let f = ids(&text, ID);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            &doc(&text).text[f[0].range.clone()],
            "第三部分　其他需要报告的情况"
        );
    }

    #[test]
    fn sections_with_text_or_subsections_are_not_empty() {
        let text = report(2023, "一、主要举措和成效\n（一）推行三项制度\n全面推行行政执法三项制度。\n（二）推进政务公开。全年公开信息120条。\n二、存在的不足\n（一）基层执法力量不足，专业人员占比偏低，难以适应改革后的新要求。\n（二）普法形式单一，群众参与度不高。\n三、其他需要报告的情况\n无。");
        assert!(ids(&text, ID).is_empty(), "{:?}", ids(&text, ID));
    }

    #[test]
    fn heading_followed_by_a_sibling_is_empty() {
        let text = report(
            2023,
            "一、主要举措和成效\n（一）推行三项制度\n（二）推进政务公开\n全年公开信息120条。",
        );
        let f = ids(&text, ID);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(&doc(&text).text[f[0].range.clone()], "（一）推行三项制度");
    }
}
