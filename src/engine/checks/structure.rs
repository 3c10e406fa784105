//! `structure.empty-section` (the project's own id): a heading with no text and
//! no sub-heading under it.

use super::finding;
use crate::document::{BlockKind, Document};
use crate::engine::Finding;
use crate::rules::checks::EmptySection;

/// Whether section `i` is `ancestor` or lies inside it.
fn within(doc: &Document, mut i: usize, ancestor: usize) -> bool {
    loop {
        if i == ancestor {
            return true;
        }
        match doc.sections[i].parent {
            Some(p) => i = p,
            None => return false,
        }
    }
}

pub fn empty_sections(doc: &Document, c: &EmptySection) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, s) in doc.sections.iter().enumerate() {
        let own = &doc.blocks[s.block];
        if !doc.text[own.body()].trim().is_empty() {
            continue; // run-in text: 「（一）标题。正文」
        }
        let title = doc.text[s.heading.clone()].trim_end();
        if title
            .chars()
            .next_back()
            .is_some_and(|ch| c.statement_end.contains(&ch))
        {
            continue; // the heading is itself a statement
        }
        let has_content = doc.blocks.iter().enumerate().any(|(bi, b)| {
            bi != s.block
                && matches!(b.kind, BlockKind::Paragraph | BlockKind::Heading { .. })
                && b.section.is_some_and(|bs| within(doc, bs, i))
                && !doc.text[b.range.clone()].trim().is_empty()
        });
        if !has_content {
            let heading = doc.text[s.heading.clone()].trim().to_owned();
            out.push(finding(
                &c.finding,
                s.heading.clone(),
                &[("heading", &heading)],
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{doc, ids, report};

    const ID: &str = "structure.empty-section";

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
    fn sections_with_text_or_subsections_are_not_empty() {
        let text = report(2023, "一、主要举措和成效\n（一）推行三项制度\n全面推行行政执法三项制度。\n（二）推进政务公开。全年公开信息120条。\n二、存在的不足\n（一）基层执法力量不足，专业人员占比偏低，难以适应改革后的新要求。\n（二）普法形式单一，群众参与度不高。\n三、其他需要报告的情况\n无。");
        assert!(ids(&text, ID).is_empty(), "{:?}", ids(&text, ID));
    }
}
