//! `quality.shortcomings-thin`: the shortcomings part is too short or states
//! too few points; optionally, a heading promises causes and the text has none.
//!
//! Points are counted three ways and the largest count wins, so a part that
//! writes its problems in any usual form gets credit: sub-headings inside the
//! part, enumeration markers (一是/二是, 其一 …, from the YAML), and sentences
//! (split after 。！？；). One sentence listing problems with commas is one
//! point: that is exactly the "但仍存在……等" form a drafting office should expand.

use std::ops::Range;

use super::{finding, is_han};
use crate::document::{sentences, Document, Role};
use crate::engine::Finding;
use crate::rules::checks::ShortcomingsThin;

/// Body stretches of the shortcomings role inside `part`: text that is not a
/// heading, and sub-headings that are statements (「（一）执法力量不足，……。」).
fn body(doc: &Document, part: &Range<usize>, statement_end: &[char]) -> Vec<Range<usize>> {
    let inside = |r: &Range<usize>| part.start <= r.start && r.end <= part.end;
    let mut out: Vec<Range<usize>> = doc
        .segments
        .iter()
        .filter(|s| s.role == Role::Shortcomings && !s.heading && inside(&s.range))
        .map(|s| s.range.clone())
        .collect();
    out.extend(
        doc.sections
            .iter()
            .filter(|s| {
                s.role == Role::Shortcomings && inside(&s.title) && s.heading.start > part.start
            })
            .filter(|s| {
                doc.text[s.heading.clone()]
                    .trim_end()
                    .chars()
                    .next_back()
                    .is_some_and(|ch| statement_end.contains(&ch))
            })
            .map(|s| s.title.clone()),
    );
    out.sort_by_key(|r| r.start);
    out
}

pub fn run(doc: &Document, c: &ShortcomingsThin) -> Vec<Finding> {
    let parts = doc.parts(Role::Shortcomings);
    let Some(first) = parts.first().cloned() else {
        return Vec::new();
    };
    let bodies: Vec<Range<usize>> = parts
        .iter()
        .flat_map(|p| body(doc, p, &c.statement_end))
        .collect();
    let han: usize = bodies
        .iter()
        .map(|r| doc.text[r.clone()].chars().filter(|&ch| is_han(ch)).count())
        .sum();
    let sentence_count: usize = bodies
        .iter()
        .map(|r| {
            sentences(&doc.text, r.clone())
                .into_iter()
                .filter(|s| doc.text[s.clone()].chars().any(is_han))
                .count()
        })
        .sum();
    let enumerations: usize = bodies
        .iter()
        .map(|r| {
            c.enumerations
                .iter()
                .map(|re| re.find_iter(&doc.text[r.clone()]).count())
                .sum::<usize>()
        })
        .sum();
    // Sections inside the part other than the one that heads it.
    let sub_headings = doc
        .sections
        .iter()
        .filter(|s| s.role == Role::Shortcomings)
        .filter(|s| {
            parts
                .iter()
                .any(|p| p.start < s.heading.start && s.heading.start < p.end)
        })
        .count();
    let points = sentence_count.max(enumerations).max(sub_headings);

    let mut out = Vec::new();
    if han < c.min_han || points < c.min_points {
        let (han_s, points_s) = (han.to_string(), points.to_string());
        let (min_han, min_points) = (c.min_han.to_string(), c.min_points.to_string());
        out.push(finding(
            &c.finding,
            first.clone(),
            &[
                ("han", &han_s),
                ("points", &points_s),
                ("min_han", &min_han),
                ("min_points", &min_points),
            ],
        ));
    }
    if let Some(causes) = &c.causes {
        let heading = doc.sections.iter().find(|s| {
            s.role == Role::Shortcomings
                && causes
                    .heading
                    .iter()
                    .any(|re| re.is_match(&doc.text[s.title.clone()]))
        });
        if let Some(h) = heading {
            let flat: String = bodies
                .iter()
                .flat_map(|r| doc.text[r.clone()].chars())
                .filter(|ch| !ch.is_whitespace())
                .collect();
            if !causes.causes.iter().any(|re| re.is_match(&flat)) {
                out.push(finding(&causes.finding, h.heading.clone(), &[]));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{checks, doc, ids, report};
    use super::*;

    const ID: &str = "quality.shortcomings-thin";

    #[test]
    fn one_sentence_is_thin() {
        let text = report(
            2023,
            "一、主要举措和成效\n全面推行行政执法三项制度，执法案卷评查优秀率78%。\n2023年，我镇法治政府建设虽然取得了一定成效，但仍存在一些不足，主要是法治宣传的形式还比较单一。\n下一步，我镇将持续推进法治政府建设。",
        );
        let f = ids(&text, ID);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(doc(&text).text[f[0].range.clone()].contains("但仍存在"));
    }

    #[test]
    fn several_points_are_not_thin() {
        let text = report(
            2023,
            "一、主要举措和成效\n全面推行行政执法三项制度。\n二、存在的不足和原因\n一是法治政府建设推进不够平衡，部分镇（街道）对法治建设重视程度不够，法治审核力量薄弱，承接下放执法事项后存在“接不住”的情况；二是行政执法监督的深度不够，执法案卷评查中发现的程序瑕疵、文书不规范等问题仍然反复出现；三是本局政务公开工作还有差距，部分栏目信息更新不够及时。究其原因，主要是部分单位对法治建设的认识还停留在“软任务”层面，压力传导不够。\n三、下一年度工作安排\n2024年，我区将持续推进法治政府建设。",
        );
        assert!(ids(&text, ID).is_empty());
    }

    #[test]
    fn long_but_single_point_is_thin() {
        let long = "法治宣传的形式还比较单一".repeat(12);
        let text = report(
            2023,
            &format!("一、主要举措和成效\n全面推行行政执法三项制度。\n二、存在的不足\n{long}。\n三、下一年度工作安排\n2024年，我区将持续推进法治政府建设。"),
        );
        let f = ids(&text, ID);
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("1 个要点"), "{}", f[0].message);
    }

    #[test]
    fn promised_causes_missing_when_enabled() {
        let text = report(
            2023,
            "一、主要举措和成效\n全面推行行政执法三项制度。\n二、存在的不足和原因\n（一）基层执法力量不足，执法人员年龄结构老化，专业人员占比偏低，难以适应综合行政执法改革后的新要求。\n（二）普法形式单一，宣传内容针对性不强，群众参与度不高，以案释法等方式运用不够，普法效果有待进一步提升。\n三、下一年度工作安排\n2024年，我区将持续推进法治政府建设。",
        );
        let d = doc(&text);
        let mut c = checks().shortcomings_thin.clone().unwrap();
        (c.min_han, c.min_points) = (0, 0);
        // Off in the built-in configuration.
        assert!(c.causes.is_none());
        assert!(run(&d, &c).is_empty());
        let file = crate::rules::load::RuleFile {
            name: "t.yaml".into(),
            source: "shortcomings_thin:\n  id: x\n  min_han: 1\n  min_points: 1\n  message: m\n  causes:\n    heading: ['原因']\n    causes: ['究其原因']\n    message: 无原因\n".into(),
            builtin: false,
        };
        c.causes = crate::rules::checks::load(&file)
            .unwrap()
            .shortcomings_thin
            .unwrap()
            .causes;
        let f = run(&d, &c);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].message, "无原因");
        assert!(d.text[f[0].range.clone()].contains("不足和原因"));
        let with_cause = text.replace("以案释法等方式运用不够", "究其原因在于投入不足");
        assert!(run(&doc(&with_cause), &c).is_empty());
    }

    #[test]
    fn no_shortcomings_part_no_finding() {
        let text = report(2023, "一、主要举措和成效\n全面推行行政执法三项制度。");
        assert!(ids(&text, ID).is_empty());
    }
}
