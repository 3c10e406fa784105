//! `quality.duplicate-sentence`: the same clause twice in the body (copy-paste).
//! Clauses end at the YAML's separators (。；！？ and ，); they are compared
//! without spaces, punctuation and a leading enumeration marker, so a clause
//! split by a PDF line break or led by 一是/二是 still matches its copy.

use std::ops::Range;

use super::{body_blocks, fill, finding, is_han};
use crate::document::scantext::squash;
use crate::document::Document;
use crate::engine::Finding;
use crate::rules::checks::Duplicate;

/// The clauses of a block: trimmed ranges, marker removed. Clauses with fewer
/// than `min_chars` Han characters and digits are left out: stripping a marker
/// only removes characters, so they could never count.
fn clauses(text: &str, block: Range<usize>, c: &Duplicate) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut push = |mut s: usize, e: usize| {
        loop {
            let t = &text[s..e];
            let lead = t.len() - t.trim_start().len();
            s += lead;
            let t = &text[s..e];
            match c
                .strip_prefix
                .iter()
                .find_map(|re| re.find(t).filter(|m| m.start() == 0 && !m.is_empty()))
            {
                Some(m) => s += m.end(),
                None => break,
            }
        }
        let e = s + text[s..e].trim_end().len();
        if s < e {
            out.push(s..e);
        }
    };
    // Separators are punctuation: a Han character or digit needs no look-up
    // (unless the configuration makes one a separator).
    let counts = |ch: char| ch.is_ascii_digit() || is_han(ch);
    let plain = !c.separators.iter().any(|&s| counts(s));
    let mut start = block.start;
    let mut counted = 0usize;
    for (i, ch) in text[block.clone()].char_indices() {
        if plain && counts(ch) {
            counted += 1;
        } else if c.separators.contains(&ch) {
            let at = block.start + i;
            if counted >= c.min_chars {
                push(start, at);
            }
            start = at + ch.len_utf8();
            counted = 0;
        } else if counts(ch) {
            counted += 1;
        }
    }
    if counted >= c.min_chars {
        push(start, block.end);
    }
    out
}

/// The characters a clause is compared by: Han characters and digits as
/// they are, Latin letters in lower case, nothing else.
fn compared_chars(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().filter_map(|ch| {
        if is_han(ch) || ch.is_ascii_digit() {
            Some(ch)
        } else if ch.is_ascii_alphabetic() {
            Some(ch.to_ascii_lowercase())
        } else {
            None
        }
    })
}

/// Normalised clause (the characters it is compared by).
fn normalise(s: &str) -> String {
    compared_chars(s).collect()
}

/// Hash of the normalised clause and its length in Han characters and
/// digits, without building the normalised string: most clauses occur once.
fn fingerprint(s: &str) -> (u64, usize) {
    use std::hash::Hasher;
    let mut hasher = rustc_hash::FxHasher::default();
    let mut count = 0;
    for ch in compared_chars(s) {
        count += usize::from(!ch.is_ascii_alphabetic());
        hasher.write_u32(ch as u32);
    }
    (hasher.finish(), count)
}

pub fn run(doc: &Document, c: &Duplicate) -> Vec<Finding> {
    // Each distinct clause once, in order of first occurrence, with its places.
    let mut groups: Vec<Vec<Range<usize>>> = Vec::new();
    // Groups by fingerprint; clauses whose fingerprints collide are told
    // apart by their normalised text.
    let mut seen: rustc_hash::FxHashMap<u64, Vec<usize>> = Default::default();
    // A heading's own title may repeat (a plan reuses the achievements'
    // sub-headings); only its run-in text is compared.
    for b in body_blocks(doc) {
        for r in clauses(&doc.text, b.body(), c) {
            let (key, count) = fingerprint(&doc.text[r.clone()]);
            if count < c.min_chars {
                continue;
            }
            let candidates = seen.entry(key).or_default();
            let same = |g: &&usize| normalise(&doc.text[groups[**g][0].clone()]) == normalise(&doc.text[r.clone()]);
            match candidates.iter().find(same) {
                Some(&g) => groups[g].push(r),
                None => {
                    candidates.push(groups.len());
                    groups.push(vec![r]);
                }
            }
        }
    }
    // Only repeated clauses are checked against the ignore list.
    let repeated = groups.into_iter().filter(|places| {
        places.len() >= 2
            && !c.ignore
                .iter()
                .any(|re| re.is_match(&normalise(&doc.text[places[0].clone()])))
    });
    let mut out = Vec::new();
    for places in join_consecutive(&doc.text, repeated, c) {
        // The message quotes the clause as read: without the spaces and line
        // breaks a PDF put inside it.
        let clause = squash(&doc.text[places[0].clone()]).into_owned();
        let count = places.len().to_string();
        let vars = [("clause", clause.as_str()), ("count", count.as_str())];
        let mut f = finding(&c.finding, places[0].clone(), &vars);
        f.related = places[1..]
            .iter()
            .map(|r| (r.clone(), fill("重复出现", &vars)))
            .collect();
        out.push(f);
    }
    out
}

/// Repeated clauses that follow each other in every place where they stand,
/// in the same line (a whole sentence copied: "……深度融合，为……提供有力法治保障") are one
/// repetition: their places joined, so that the sentence is reported once.
fn join_consecutive(
    text: &str,
    groups: impl Iterator<Item = Vec<Range<usize>>>,
    c: &Duplicate,
) -> Vec<Vec<Range<usize>>> {
    let only_separators = |between: &str| {
        between
            .chars()
            .all(|ch| (ch.is_whitespace() && ch != '\n') || ch == '\u{3000}' || c.separators.contains(&ch))
    };
    let mut out: Vec<Vec<Range<usize>>> = Vec::new();
    for places in groups {
        let follows = out.last().is_some_and(|last: &Vec<Range<usize>>| {
            last.len() == places.len()
                && last
                    .iter()
                    .zip(&places)
                    .all(|(a, b)| a.end <= b.start && only_separators(&text[a.end..b.start]))
        });
        match out.last_mut() {
            Some(last) if follows => {
                for (a, b) in last.iter_mut().zip(&places) {
                    a.end = b.end;
                }
            }
            _ => out.push(places),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{doc, ids, report};

    const ID: &str = "quality.duplicate-sentence";

    #[test]
    fn repeated_titles_and_stock_wording_are_fine() {
        let text = report(
            2024,
            "坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻党的二十大和二十届二中三中全会精神。\n一、主要举措和成效\n（一）坚持和加强党对法治政府建设的领导\n全面推行行政执法三项制度。\n二、2025年工作安排\n（一）坚持和加强党对法治政府建设的领导\n坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻党的二十大和二十届二中三中全会精神。",
        );
        assert!(ids(&text, ID).is_empty(), "{:?}", ids(&text, ID));
    }

    /// The one finding of a report body of `year`, and the text it covers.
    fn one(year: i32, body: &str) -> (crate::engine::Finding, String) {
        let text = report(year, body);
        let mut f = ids(&text, ID);
        assert_eq!(f.len(), 1, "{f:?}");
        let f = f.remove(0);
        let covered = doc(&text).text[f.range.clone()].to_owned();
        (f, covered)
    }

    #[test]
    fn copied_clause_is_flagged_with_both_places() {
        let (f, covered) = one(
            2021,
            "一、主要举措和成效\n（一）推进放管服改革。全年办理登记业务19495宗，完成食品抽检1166批次、食品快检36714批次，查处违法案件74宗。\n（二）强化监管。发放药品经营许可证52张，完成食品抽检1166批次、食品快检36714批次，办理简易注销420户。",
        );
        assert_eq!(covered, "完成食品抽检1166批次、食品快检36714批次");
        assert_eq!(f.related.len(), 1);
        assert!(f.related[0].0.start > f.range.end);
    }

    #[test]
    fn a_copied_sentence_of_several_clauses_is_one_finding() {
        let sentence = "推动法治政府建设与优化营商环境深度融合，为长三角一体化发展提供有力法治保障。";
        let (_, covered) = one(2022, &format!("一、主要举措和成效\n{sentence}\n二、2023年工作安排\n继续{sentence}"));
        assert_eq!(covered, "为长三角一体化发展提供有力法治保障");
        let (f, covered) = one(2022, &format!("一、主要举措和成效\n{sentence}\n二、2023年工作安排\n{sentence}"));
        assert_eq!(covered, "推动法治政府建设与优化营商环境深度融合，为长三角一体化发展提供有力法治保障");
        assert!(f.message.contains("深度融合，为长三角"), "{}", f.message);
    }

    #[test]
    fn message_quotes_a_clause_without_the_spaces_a_pdf_put_in() {
        let text = report(
            2021,
            "一、主要举措和成效\n（一）推进放管服改革。完成食品抽检 1166 批次、食品快检 36714 批次，查处违法案件74宗。\n（二）强化监管。发放许可证52张，完成食品抽检1166批次、食品快检36714批次，办理简易注销420户。",
        );
        let f = ids(&text, ID);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].message.contains("完成食品抽检1166批次、食品快检36714批次"), "{}", f[0].message);
    }

    #[test]
    fn short_or_different_clauses_are_fine() {
        let text = report(
            2021,
            "一、主要举措和成效\n（一）调解纠纷。调解成功率达到100%，化解率达到99%以上。\n（二）化解信访。办结率达到100%，化解率达到99%以上。\n（三）学习。坚持以习近平新时代中国特色社会主义思想为指导，推进依法行政。\n（四）执法。坚持以习近平法治思想为指导，推进严格规范公正文明执法。",
        );
        assert!(ids(&text, ID).is_empty(), "{:?}", ids(&text, ID));
    }

    #[test]
    fn marker_and_spaces_do_not_hide_a_copy() {
        let text = report(
            2023,
            "一、主要举措和成效\n一是全年组织镇村干部参加区司法局举办的依法行政专题培训班3期。\n二、其他工作\n二是全年组织镇村干部参加区司法 局举办的依法行政专题培训班3期。",
        );
        assert_eq!(ids(&text, ID).len(), 1);
    }

    #[test]
    fn a_clause_after_a_colon_is_compared_on_its_own() {
        let text = report(
            2024,
            "一、主要举措和成效\n开展工作。\n二、存在的不足\n与要求相比仍有差距：部分地方法治政府建设发展不平衡的问题依然存在。\n三、2025年工作安排\n重点解决以下问题：部分地方法治政府建设发展不平衡的问题依然存在。",
        );
        assert_eq!(ids(&text, ID).len(), 1, "{:?}", ids(&text, ID));
    }

    #[test]
    fn title_and_signature_do_not_count() {
        // The unit name stands in the title line, the body and the signature.
        let text = "某某市某某区人民政府办公室关于2023年度法治政府建设情况的报告\n发布时间：2024-03-01\n一、主要举措和成效\n某某市某某区人民政府办公室关于2023年度法治政府建设情况的报告已经区政府常务会议审议。\n某某市某某区人民政府办公室关于2023年度法治政府建设情况的报告\n2024年3月1日\n";
        assert!(ids(text, ID).is_empty(), "{:?}", ids(text, ID));
    }
}
