//! `quality.formulation` (规范表述): (a) a table of known wrong forms and their
//! canonical form; (b) near misses of canonical outline phrases — a text of the
//! same length that differs in exactly one Han character (科级保障体系 for
//! 科技保障体系). Both lists are closed: precision first.

use std::ops::Range;

use super::{fill, in_chrome, is_han};
use crate::ingest::decode::{ceil_char_boundary, floor_char_boundary};
use crate::document::Document;
use crate::engine::Finding;
use crate::rules::checks::{Form, Formulation, NearMiss};

fn make(
    f: &Formulation,
    severity: crate::rules::Severity,
    message: &str,
    suggestion: Option<&str>,
    range: Range<usize>,
    vars: &[(&str, &str)],
) -> Finding {
    Finding {
        id: f.id.clone(),
        severity,
        message: fill(message, vars),
        range,
        suggestion: suggestion.map(|s| fill(s, vars)),
        related: Vec::new(),
    }
}

fn table(
    doc: &Document,
    f: &Formulation,
    literal_hits: Vec<Vec<Range<usize>>>,
) -> Vec<Finding> {
    let scan = &doc.scan.text;
    let mut out = Vec::new();
    for (w, literal_hits) in f.table.iter().zip(literal_hits) {
        let year_ok = match doc.meta.year {
            Some(y) => w.from_year.is_none_or(|a| y >= a) && w.to_year.is_none_or(|b| y <= b),
            None => w.from_year.is_none() && w.to_year.is_none(),
        };
        if !year_ok {
            continue;
        }
        // Each match in the scan text and the fix it calls for.
        let matches: Vec<(Range<usize>, String)> = match &w.form {
            Form::Literal(_) => literal_hits
                .into_iter()
                .map(|r| (r, w.fix.clone()))
                .collect(),
            Form::Regex(re) => re
                .captures_iter(scan)
                .map(|caps| {
                    let mut fix = String::new();
                    caps.expand(&w.fix, &mut fix);
                    (caps.get(0).expect("whole match").range(), fix)
                })
                .collect(),
        };
        for (m, fix) in matches {
            if !w.near.is_empty() && !near_any(scan, &m, &w.near) {
                continue;
            }
            if w.not_preceded_by
                .iter()
                .any(|p| scan[..m.start].ends_with(p.as_str()))
                || w.not_followed_by
                    .iter()
                    .any(|p| scan[m.end..].starts_with(p.as_str()))
            {
                continue;
            }
            // The wording as read (a PDF's line breaks and page numbers inside
            // it left out); the span still covers it in the report's text.
            let found = scan[m.clone()].to_owned();
            let range = doc.scan.to_original(m);
            if in_chrome(doc, &range) {
                continue;
            }
            let vars = [
                ("name", w.name.as_str()),
                ("found", found.as_str()),
                ("fix", fix.as_str()),
            ];
            out.push(make(
                f,
                w.severity,
                &w.message,
                f.suggestion.as_deref(),
                range,
                &vars,
            ));
        }
    }
    out
}

/// How far (in characters) a `near` word may be from a table match.
const NEAR_CHARS: usize = 6;

/// Whether one of `words` lies within `NEAR_CHARS` characters before or after
/// `m`.
fn near_any(scan: &str, m: &Range<usize>, words: &[String]) -> bool {
    let before_start = scan[..m.start]
        .char_indices()
        .rev()
        .nth(NEAR_CHARS - 1)
        .map_or(0, |(i, _)| i);
    let after_end = scan[m.end..]
        .char_indices()
        .nth(NEAR_CHARS)
        .map_or(scan.len(), |(i, _)| m.end + i);
    let (before, after) = (&scan[before_start..m.start], &scan[m.end..after_end]);
    // the name the range belongs to is in its own sentence ("制定实施方案。
    // 近三年（2021-2023年）" is no 方案's range)
    let sentence_end = |c: char| matches!(c, '。' | '；' | '！' | '？' | '\n');
    let before = before.rfind(sentence_end).map_or(before, |i| &before[i..]);
    let after = after.find(sentence_end).map_or(after, |i| &after[..i]);
    words
        .iter()
        .any(|w| before.contains(w.as_str()) || after.contains(w.as_str()))
}

/// Whether an occurrence of `needle` in `hay` covers `start..end`: the
/// candidate is part of a correct text.
fn covered_by(hay: &str, needle: &str, start: usize, end: usize) -> bool {
    if needle.len() < end - start {
        return false;
    }
    let from = floor_char_boundary(hay, end.saturating_sub(needle.len()));
    let to = ceil_char_boundary(hay, start + needle.len());
    hay[from..to]
        .match_indices(needle)
        .any(|(i, _)| from + i <= start && end <= from + i + needle.len())
}

/// Scan ranges between matching brackets (《…》), innermost pairs included.
fn bracketed(text: &str, pairs: &[(char, char)]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for &(open, close) in pairs {
        let mut stack = Vec::new();
        for (i, ch) in text.char_indices() {
            if ch == open {
                stack.push(i);
            } else if ch == close {
                if let Some(start) = stack.pop() {
                    out.push(start..i + ch.len_utf8());
                }
            } else if ch == '\n' {
                stack.clear();
            }
        }
    }
    out
}

/// The byte offset `n` characters before `at`, if there are that many.
fn chars_back(text: &str, at: usize, n: usize) -> Option<usize> {
    if n == 0 {
        return Some(at);
    }
    text[..at].char_indices().rev().nth(n - 1).map(|(i, _)| i)
}

/// Where a text of `want`'s length starting at `start` differs from it in
/// exactly one Han character for a Han character: the end of that text, and
/// the index of the differing character.
fn one_han_apart(text: &str, start: usize, want: &[char]) -> Option<(usize, usize)> {
    let mut diff = None;
    let mut got = text[start..].char_indices();
    for (k, &w) in want.iter().enumerate() {
        let (_, c) = got.next()?;
        if c != w {
            if diff.is_some() || !is_han(c) || !is_han(w) {
                return None;
            }
            diff = Some(k);
        }
    }
    let end = got.next().map_or(text.len(), |(i, _)| start + i);
    diff.map(|k| (end, k))
}

fn near_misses(
    doc: &Document,
    f: &Formulation,
    n: &NearMiss,
    halves: Vec<Vec<(usize, usize)>>,
) -> Vec<Finding> {
    let scan = &doc.scan.text;
    // Bracketed names (《…》), worked out when a candidate first needs them.
    let mut inside_brackets: Option<Vec<Range<usize>>> = None;
    let mut out: Vec<Finding> = Vec::new();
    for (p, halves) in n.phrases.iter().zip(halves) {
        let want: Vec<char> = p.phrase.chars().collect();
        let len = want.len();
        // Only where a half of the phrase occurs can a text differing from it
        // in one character start (`LiteralForms`); a one-character phrase has
        // no halves and no near misses.
        if len < 2 {
            continue;
        }
        let mut candidates: Vec<usize> = halves
            .into_iter()
            .filter_map(|(byte, shift)| chars_back(scan, byte, shift))
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        for start in candidates {
            let Some((end, diff)) = one_han_apart(scan, start, &want) else {
                continue;
            };
            // A different last character followed by more Han text is most
            // often another word (体制机制 for 体系, 多元化调解 for 多元化解).
            let word_goes_on = diff == len - 1 && scan[end..].chars().next().is_some_and(is_han);
            if word_goes_on {
                continue;
            }
            // Inside a correct text: a canonical phrase or an allowed variant.
            if n.phrases.iter().any(|q| {
                covered_by(scan, &q.phrase, start, end)
                    || q.allow.iter().any(|a| covered_by(scan, a, start, end))
            }) {
                continue;
            }
            let brackets = inside_brackets.get_or_insert_with(|| bracketed(scan, &n.skip_inside));
            if brackets.iter().any(|c| c.start <= start && end <= c.end) {
                continue;
            }
            let range = doc.scan.to_original(start..end);
            if in_chrome(doc, &range)
                || out
                    .iter()
                    .any(|o| o.range.start < range.end && range.start < o.range.end)
            {
                continue;
            }
            let found = &scan[start..end];
            let vars = [("found", found), ("fix", p.phrase.as_str())];
            out.push(make(
                f,
                n.severity,
                &n.message,
                n.suggestion.as_deref(),
                range,
                &vars,
            ));
        }
    }
    out
}

pub fn run(doc: &Document, f: &Formulation) -> Vec<Finding> {
    let phrases = f.near_miss.as_ref().map_or(0, |n| n.phrases.len());
    let hits = f.literals.find(&doc.scan.text, f.table.len(), phrases);
    let mut out = table(doc, f, hits.forms);
    if let Some(n) = &f.near_miss {
        let near: Vec<Finding> = near_misses(doc, f, n, hits.halves)
            .into_iter()
            // A wrong form from the table wins over a near miss at the same place.
            .filter(|x| {
                !out.iter()
                    .any(|o| o.range.start < x.range.end && x.range.start < o.range.end)
            })
            .collect();
        out.extend(near);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{doc, ids, report};
    use crate::rules::Severity;

    const ID: &str = "quality.formulation";

    fn body(line: &str, year: i32) -> String {
        report(year, &format!("一、主要举措和成效\n{line}"))
    }

    fn found(text: &str) -> Vec<(String, Option<String>, Severity)> {
        let d = doc(text);
        ids(text, ID)
            .into_iter()
            .map(|f| (d.text[f.range.clone()].to_owned(), f.suggestion, f.severity))
            .collect()
    }

    /// The one finding of a body line: its text and severity.
    fn one(line: &str, year: i32) -> (String, Severity) {
        let f = found(&body(line, year));
        assert_eq!(f.len(), 1, "{f:?}");
        (f[0].0.clone(), f[0].2)
    }

    #[test]
    fn hyphen_in_outline_title() {
        let f = found(&body(
            "认真落实《法治政府建设实施纲要(2021-2025年)》。",
            2023,
        ));
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, "(2021-2025年)");
        assert_eq!(f[0].1.as_deref(), Some("改为“（2021—2025年）”"));
        assert_eq!(f[0].2, Severity::Error);
        for wrong in [
            "（2021－2025年）",
            "（2021–2025年）",
            "（2021~2025年）",
            "（2021——2025年）",
            "（20212025年）",
            "(2021-2025)",
        ] {
            assert_eq!(
                found(&body(
                    &format!("落实《法治政府建设实施纲要{wrong}》。"),
                    2023
                ))
                .len(),
                1,
                "{wrong}"
            );
        }
        // Bare plan title without 《》, as 汕尾 wrote it.
        assert_eq!(
            found(&body("制定汕尾市法治建设(2021-2025)规划。", 2020)).len(),
            1
        );
    }

    #[test]
    fn em_dash_is_right_with_either_bracket() {
        for right in [
            "《法治政府建设实施纲要（2021—2025年）》",
            "《法治政府建设实施纲要(2021—2025年)》",
            "《法治政府建设实施纲要（2021—2025 年）》",
        ] {
            assert!(
                found(&body(&format!("落实{right}。"), 2023)).is_empty(),
                "{right}"
            );
        }
        // Not a parenthesised range, or not in a name.
        assert!(found(&body("2021-2023年连续三年获评先进。", 2023)).is_empty());
        assert!(found(&body("近三年（2021-2023年）共办理案件120件。", 2023)).is_empty());
        assert_eq!(found(&body("落实《提升行政执法质量三年行动计划（2023-2025年）》。", 2023)).len(), 1);
        // a name in the sentence before is not this range's name
        assert!(found(&body("制定实施方案。近三年（2021-2023年）共办理案件120件。", 2023)).is_empty());
    }

    #[test]
    fn a_range_with_both_years_written_out_is_info() {
        assert_eq!(
            one("深入贯彻《法治政府建设实施纲要（2021年—2025年）》。", 2024),
            ("（2021年—2025年）".to_owned(), Severity::Info)
        );
        assert!(found(&body("近三年（2021年—2023年）共办理案件120件。", 2024)).is_empty());
        // with a hyphen it is the connector's error
        assert_eq!(one("落实《法治政府建设实施纲要（2021年-2025年）》。", 2024).1, Severity::Error);
    }

    #[test]
    fn thought_names() {
        assert_eq!(
            found(&body("坚持以新时代中国特色社会主义思想为指导。", 2023)).len(),
            1
        );
        assert!(found(&body(
            "坚持以习近平新时代中国特色社会主义思想为指导。",
            2023
        ))
        .is_empty());
        let f = found(&body("深入学习习近平总书记法治思想。", 2023));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].1.as_deref(), Some("改为“习近平法治思想”"));
        assert!(found(&body("深入学习习近平法治思想。", 2023)).is_empty());
    }

    #[test]
    fn wrong_fazhi_compounds_are_info() {
        let f = found(&body("加快建设法制政府，提升法制思维。", 2023));
        assert_eq!(f.len(), 2);
        assert!(f.iter().all(|x| x.2 == Severity::Info));
        let f = found(&body("推动街道法制建设再上新台阶。", 2024));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].1.as_deref(), Some("改为“法治建设”"));
        // the term of its time: history, and reports on years before 2019
        assert!(found(&body("改革开放以来，社会主义法制建设取得重大成就。", 2024)).is_empty());
        assert!(found(&body("加强民主法制建设。", 2024)).is_empty());
        assert!(found(&body("推动全县法制建设。", 2017)).is_empty());
    }

    #[test]
    fn correct_fazhi_terms_are_never_flagged() {
        for ok in [
            "严格执行重大执法决定法制审核制度。",
            "政府法制机构对草案进行审查。",
            "意见已报送市人大常委会法制工作委员会。",
            "维护社会主义法制的统一。",
            "开展纪律和法制教育。",
            "在中国政府法制信息网公开征求意见。",
        ] {
            assert!(
                found(&body(ok, 2023)).is_empty(),
                "{ok}: {:?}",
                found(&body(ok, 2023))
            );
        }
        // 法制办 in a report on 2017 is history, and 法制日报 before 2021 is fine.
        assert!(found(&body("市政府法制办牵头开展清理。", 2017)).is_empty());
        assert!(found(&body("在法制日报发表文章。", 2019)).is_empty());
        assert_eq!(found(&body("在法制日报发表文章。", 2022)).len(), 1);
    }

    #[test]
    fn near_miss_of_outline_phrase() {
        let f = found(&body(
            "健全法治政府建设科级保障体系，全面建设数字法治政府。",
            2021,
        ));
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, "科级保障体系");
        assert_eq!(f[0].1.as_deref(), Some("改为“科技保障体系”"));
        assert!(found(&body("健全法治政府建设科技保障体系。", 2021)).is_empty());
        // An allowed variant, and two characters off.
        assert!(found(&body("完善突发事件应急体系。", 2021)).is_empty());
        assert!(found(&body("完善社会保障体系。", 2021)).is_empty());
        // A different last character that goes on into another word.
        for ok in [
            "健全突发事件应对体制机制。",
            "完善矛盾纠纷多元化调解机制。",
            "党组理论学习中心组学深悟透。",
        ] {
            assert!(found(&body(ok, 2021)).is_empty(), "{ok}: {:?}", found(&body(ok, 2021)));
        }
        // Names of local documents are left alone.
        assert!(found(&body(
            "制定《某某街道法治政府建设科级保障体系实施办法》。",
            2021
        ))
        .is_empty());
    }

    #[test]
    fn near_miss_at_every_position_of_a_phrase() {
        // Candidates come from the phrase's halves: a change in either half,
        // at its first or last character, must still be found.
        let phrase: Vec<char> = "科技保障体系".chars().collect();
        for k in 0..phrase.len() {
            let mut wrong = phrase.clone();
            wrong[k] = '甲';
            let wrong: String = wrong.into_iter().collect();
            let f = found(&body(&format!("健全法治政府建设{wrong}，全面推进。"), 2021));
            assert_eq!(f.len(), 1, "{wrong}: {f:?}");
            assert_eq!(f[0].0, wrong);
        }
    }

    #[test]
    fn wrong_years_in_the_outline_title() {
        assert_eq!(
            one("紧扣《法治政府建设实施纲要（2022—2025年）》要求。", 2025),
            ("法治政府建设实施纲要（2022—2025年）".to_owned(), Severity::Error)
        );
        for right in ["《法治政府建设实施纲要（2021—2025年）》", "《法治政府建设实施纲要（2015—2020年）》"] {
            assert!(found(&body(&format!("落实{right}。"), 2023)).is_empty(), "{right}");
        }
    }

    #[test]
    fn dated_and_variant_wordings() {
        let f = found(&body("传达落实习近平总书记全面依法治国新理念新思想新战略。", 2022));
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].2, Severity::Info);
        // before 2021 it was the current wording
        assert!(found(&body("学习习近平总书记关于全面依法治国的新理念新思想新战略。", 2020)).is_empty());
        let f = found(&body("局长切实履行推进法治政府建设第一责任人职责。", 2023));
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].1.as_deref(), Some("改为“履行推进法治建设第一责任人职责”"));
        assert!(found(&body("局长切实履行推进法治建设第一责任人职责。", 2023)).is_empty());
        // the doctrine's old name, written as an enumeration
        let f = found(&body("深入贯彻落实习近平总书记全面依法治国新理念、新思想、新战略。", 2024));
        assert_eq!(f.len(), 1, "{f:?}");
        let f = found(&body("深入贯彻习近平总书记关于全面依法治国新思想新战略。", 2024));
        assert_eq!(f.len(), 1, "{f:?}");
        // the 2015 outline's goal in a report on 2025, not in one on 2020
        let old_goal = "紧扣“职能科学、权责法定、执法严明、公开公正、廉洁高效、守法诚信”目标要求。";
        let f = found(&body(old_goal, 2025));
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].2, Severity::Info);
        assert!(found(&body(old_goal, 2020)).is_empty());
        let new_goal = "加快建设职能科学、权责法定、执法严明、公开公正、智能高效、廉洁诚信、人民满意的法治政府。";
        assert!(found(&body(new_goal, 2025)).is_empty());
    }
}
