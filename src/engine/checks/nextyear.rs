//! `quality.next-year-mismatch`: the plans are for a year other than report
//! year + 1. Looks at the heading(s) of the next-year part and at plan years in
//! its text ("2024年，我镇将……"); year mentions that are ranges, 以来, 至今 …
//! (the YAML's `ignore`) are history, not plan years.

use std::ops::Range;

use crate::rules::lazy::LazyRegex;

use super::finding;
use crate::document::{Document, Role};
use crate::engine::Finding;
use crate::rules::checks::NextYear;

/// Years captured by `re` in `text` (offset by `base`), outside `ignore` matches.
fn years(text: &str, base: usize, re: &LazyRegex, ignore: &[LazyRegex]) -> Vec<(i32, Range<usize>)> {
    let ignored: Vec<Range<usize>> = ignore
        .iter()
        .flat_map(|r| r.find_iter(text).map(|m| m.range()))
        .collect();
    re.captures_iter(text)
        .filter_map(|caps| {
            let y = caps.name("year")?;
            if ignored
                .iter()
                .any(|r| r.start < y.end() && y.start() < r.end)
            {
                return None;
            }
            let m = caps.get(0)?;
            Some((y.as_str().parse().ok()?, base + m.start()..base + m.end()))
        })
        .collect()
}

pub fn run(doc: &Document, c: &NextYear) -> Vec<Finding> {
    let Some(year) = doc.meta.year else {
        return Vec::new();
    };
    let expected = year + 1;
    // (year, where, found in a heading that opens the part)
    let mut hits: Vec<(i32, Range<usize>, bool)> = Vec::new();
    let mut add = |found: Vec<(i32, Range<usize>)>, opening: bool| {
        hits.extend(found.into_iter().map(|(y, r)| (y, r, opening)))
    };
    // The headings that open the part name its year; the titles of its
    // sub-headings are read like its text ("（五）2024年，我区将……").
    for s in doc.sections.iter().filter(|s| s.role == Role::NextYear) {
        let title = &doc.text[s.title.clone()];
        if s.parent
            .is_some_and(|p| doc.sections[p].role == Role::NextYear)
        {
            for re in &c.plan_year {
                add(years(title, s.title.start, re, &c.ignore), false);
            }
        } else {
            add(years(title, s.title.start, &c.heading_year, &c.ignore), true);
        }
    }
    // Plan years in the text of the part.
    for seg in doc
        .segments
        .iter()
        .filter(|s| s.role == Role::NextYear && !s.heading)
    {
        let text = &doc.text[seg.range.clone()];
        for re in &c.plan_year {
            add(years(text, seg.range.start, re, &c.ignore), false);
        }
    }
    hits.sort_by_key(|h| (h.1.start, h.1.end));
    hits.dedup_by(|a, b| a.1.start < b.1.end && b.1.start < a.1.end);
    let (year_s, expected_s) = (year.to_string(), expected.to_string());
    hits.into_iter()
        // A year in a heading must be the next one; in the text, a later year
        // is a longer-term target (2027年将实现…), an earlier one a leftover
        // from last year's report.
        .filter(|(y, _, opening)| *y < expected || (*y > expected && *opening))
        .map(|(y, r, _)| {
            let found = y.to_string();
            finding(
                &c.finding,
                r,
                &[
                    ("found", &found),
                    ("year", &year_s),
                    ("expected", &expected_s),
                ],
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{doc, ids, report};

    const ID: &str = "quality.next-year-mismatch";

    fn with_plan(year: i32, plan: &str) -> String {
        report(
            year,
            &format!("一、主要举措和成效\n全面推行行政执法三项制度。\n二、存在的不足和原因\n一是执法力量不足；二是普法形式单一。\n{plan}"),
        )
    }

    #[test]
    fn heading_with_the_report_year() {
        let text = with_plan(
            2022,
            "三、2022年工作打算\n（一）强化统筹推进。加强对镇（街道）法治建设的指导。",
        );
        let f = ids(&text, ID);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(doc(&text).text[f[0].range.clone()].starts_with("2022年"));
        assert!(f[0].message.contains("2023"), "{}", f[0].message);
    }

    #[test]
    fn heading_with_the_next_year_is_fine() {
        let text = with_plan(
            2022,
            "三、2023年工作打算\n（一）强化统筹推进。加强对镇（街道）法治建设的指导。",
        );
        assert!(ids(&text, ID).is_empty());
    }

    #[test]
    fn unheaded_plan_year() {
        let text = report(2023, "一、主要举措和成效\n全面推行行政执法三项制度。\n但仍存在一些不足，一是执法力量不足；二是普法形式单一。\n下一步，我镇将继续推进法治政府建设。2023年，我镇将重点抓好以下工作：一是压实责任。");
        assert_eq!(ids(&text, ID).len(), 1);
        let ok = text.replace("2023年，我镇将", "2024年，我镇将");
        assert!(ids(&ok, ID).is_empty());
    }

    #[test]
    fn plan_year_in_a_sub_heading() {
        let text = with_plan(
            2024,
            "三、2025年工作安排\n（一）深化改革。持续推进执法规范化。\n（二）2024年，我区将持续深化综合行政执法改革。",
        );
        let f = ids(&text, ID);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(doc(&text).text[f[0].range.clone()].starts_with("2024年"));
        let ok = text.replace("（二）2024年", "（二）2025年");
        assert!(ids(&ok, ID).is_empty(), "{:?}", ids(&ok, ID));
    }

    #[test]
    fn later_targets_and_nouns_in_plans_are_fine() {
        let text = with_plan(
            2024,
            "三、2025年工作安排\n（一）深化改革。2026年，全区将基本建成法治政府。2027年将实现全覆盖。启动2026年度计划编制。对2024年度计划未完成的事项跟踪督办，对2024年要求整改的问题逐项销号。",
        );
        assert!(ids(&text, ID).is_empty(), "{:?}", ids(&text, ID));
        let skipped = with_plan(2024, "三、2026年工作安排\n（一）深化改革。");
        assert_eq!(ids(&skipped, ID).len(), 1);
    }

    #[test]
    fn history_inside_plans_is_fine() {
        let text = with_plan(
            2020,
            "三、2021年度推进法治政府建设的主要思路和打算\n（一）制定汕尾市法治建设(2021-2025)规划。2019年以来我市将法治建设纳入考核，2020年至今无败诉案件。力争到2025年将执法人员持证率提高到100%。",
        );
        assert!(ids(&text, ID).is_empty(), "{:?}", ids(&text, ID));
    }
}
