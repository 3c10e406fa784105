//! Text flattened to one line (a web page copied with its line breaks
//! collapsed to spaces, a crawler's dump) is read as lines again: in a very
//! long line, each run of whitespace becomes a line break. Without this the
//! whole report is one "line": its title line, or a page-chrome line when the
//! footer is on it too, and nothing is left to audit.
//!
//! A break takes the place of the whitespace character it replaces, padded
//! with spaces to the same byte width, so every offset stays that of the
//! file. A run after a number is kept ("2024 年"), unless the number is a
//! date or a time ("2024-03-15 来源"), and so is one before a number that
//! stands apart ("案件 12 件") and one beside a colon ("发布时间 : 2023-01-29"):
//! they are one phrase or one field.

/// A line this long (in characters) is no paragraph of a report: real
/// paragraphs run to a few hundred characters, a flattened page to thousands.
const LONG_LINE_CHARS: usize = 400;

/// …and it is only re-lined where it has this many places to break:
/// otherwise it is one long paragraph, left as it is.
const MIN_BREAKS: usize = 8;

/// The text with its over-long lines broken at whitespace, or `None` when no
/// line is long enough and breakable.
pub fn relined(text: &str) -> Option<String> {
    let mut out: Option<String> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if let Some(broken) = break_line(line) {
            // the lines before the first broken one, as they were
            out.get_or_insert_with(|| text[..at].to_owned()).push_str(&broken);
        } else if let Some(out) = out.as_mut() {
            out.push_str(line);
        }
        at += line.len();
    }
    out
}

/// Whether `c` separates fields of a flattened page.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{a0}')
}

fn is_trail_separator(c: char) -> bool {
    matches!(c, '>' | '＞' | '»' | '›' | '|' | '｜' | '/')
}

/// Where the whitespace runs of `line` that may become breaks start.
fn break_points(line: &str) -> Vec<usize> {
    let mut points = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in line.char_indices() {
        if is_space(c) && !prev.is_some_and(is_space) {
            let next = line[i..].trim_start_matches(is_space);
            let after_digit = prev.is_some_and(|p| p.is_ascii_digit()) && !after_date(&line[..i]);
            let at_edge = prev.is_none() || next.trim_end().is_empty();
            // A label and its value are one field ("发布时间 : 2023-01-29").
            let at_colon = after_label(&line[..i]) || next.starts_with([':', '：']);
            // A breadcrumb or a menu is one line of chrome ("首页 > 政务公开").
            let in_trail = prev.is_some_and(is_trail_separator) || next.starts_with(is_trail_separator);
            if !after_digit && !at_edge && !at_colon && !in_trail && !before_number(next) {
                points.push(i);
            }
        }
        prev = Some(c);
    }
    points
}

/// Whether `rest` starts with a number standing apart, as PDF text spaces
/// them ("案件 12 件"): a number run into its word ("2023年，") or an
/// enumeration marker ("1．坚持") starts a line.
fn before_number(rest: &str) -> bool {
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    digits > 0 && rest[digits..].starts_with(is_space)
}

/// Whether `before` ends with a short label and its colon ("发布时间：",
/// "来源:"), not a sentence that leads into what follows ("报告如下：").
fn after_label(before: &str) -> bool {
    let token = before.rsplit(is_space).next().unwrap_or(before);
    token.ends_with([':', '：']) && token.chars().count() <= 8
}

/// Whether `before` ends with a date or a clock time ("2024-03-15",
/// "2024/3/15", "10:21"): the next field of a page follows it, not a unit.
fn after_date(before: &str) -> bool {
    let token = before.rsplit(is_space).next().unwrap_or(before);
    let tail: Vec<char> = token.chars().rev().take_while(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | ':' | '.')).collect();
    tail.iter().any(|c| matches!(c, '-' | '/' | ':')) && tail.iter().filter(|c| c.is_ascii_digit()).count() >= 3
}

fn break_line(line: &str) -> Option<String> {
    if line.len() < LONG_LINE_CHARS || line.chars().count() < LONG_LINE_CHARS {
        return None;
    }
    let points = break_points(line);
    if points.len() < MIN_BREAKS {
        return None;
    }
    let mut out = String::with_capacity(line.len());
    let mut from = 0;
    for i in points {
        let width = line[i..].chars().next().map_or(1, char::len_utf8);
        out.push_str(&line[from..i]);
        out.push('\n');
        out.extend(std::iter::repeat_n(' ', width - 1));
        from = i + width;
    }
    out.push_str(&line[from..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(fields: &[&str], sep: &str) -> String {
        fields.join(sep)
    }

    #[test]
    fn a_flattened_page_is_read_as_lines_at_the_same_offsets() {
        let body = "坚持党的领导，法治政府建设责任扛牢压实。".repeat(100);
        let fields = [
            "首页 > 政务公开 > 法治政府建设", "某县人民政府关于2024年度法治政府建设情况的报告",
            "发布时间：2025-03-12 10:21", "来源：县政府办", "现将有关情况报告如下：", "一、2024年主要工作", &body,
            "1．坚持习近平法治思想引领。", &body, "2023年，全面推进。",
            "二、存在的不足", "三、2025年工作安排", "网站标识码：4300000063",
        ];
        for sep in [" ", "\u{3000}", "\u{a0}", "  "] {
            let text = page(&fields, sep);
            let lined = relined(&text).expect("relined");
            assert_eq!(lined.len(), text.len());
            let lines: Vec<&str> = lined.lines().map(str::trim).collect();
            assert!(lines.contains(&"一、2024年主要工作"), "{lines:?}");
            assert!(lines[0].starts_with("首页") && lines[0].ends_with("> 法治政府建设"), "{lines:?}");
            assert!(lines.contains(&"1．坚持习近平法治思想引领。"), "{lines:?}");
            assert!(lines.contains(&"2023年，全面推进。"), "{lines:?}");
            assert!(lines.contains(&"来源：县政府办"), "a field after a date and time: {lines:?}");
            assert!(lines.contains(&"发布时间：2025-03-12"), "{lines:?}");
            assert!(lines.contains(&"现将有关情况报告如下："), "{lines:?}");
            assert!(lines.contains(&"网站标识码：4300000063"), "{lines:?}");
            for (i, c) in text.char_indices().filter(|(_, c)| !is_space(*c)) {
                assert!(lined[i..].starts_with(c), "{c} at {i}");
            }
        }
    }

    #[test]
    fn ordinary_text_and_long_paragraphs_stay() {
        let para = "全年办理行政复议案件 12 件，于 2024 年 3 月办结。".repeat(100);

        assert_eq!(relined(&para), None, "no break beside a number");
        let report = "某县2024年法治政府建设情况报告\n一、主要举措\n坚持依法行政。\n";
        assert_eq!(relined(report), None);
        let long_unspaced = "坚持依法行政".repeat(400);
        assert_eq!(relined(&long_unspaced), None);
    }

    proptest::proptest! {
        /// Any text: the same length, every other character where it was,
        /// whitespace the only thing that changes, and only into breaks.
        #[test]
        fn relining_keeps_offsets_and_characters(
            pieces in proptest::collection::vec("[法治政府一、（）：:>|。12 \u{3000}\u{a0}-]{1,12}", 0..200),
            breaks in proptest::collection::vec(0usize..200, 0..3),
        ) {
            let mut pieces = pieces;
            for b in breaks {
                if b < pieces.len() {
                    pieces[b].push('\n');
                }
            }
            let text: String = pieces.concat();
            if let Some(lined) = relined(&text) {
                proptest::prop_assert_eq!(lined.len(), text.len());
                for (i, c) in text.char_indices() {
                    if is_space(c) {
                        proptest::prop_assert!(lined[i..].starts_with(c) || lined[i..].starts_with('\n'));
                    } else {
                        proptest::prop_assert!(lined[i..].starts_with(c));
                    }
                }
            }
        }
    }

    #[test]
    fn only_the_long_line_is_broken() {
        let long = ["甲乙丙丁。"; 400].join(" ");
        let text = format!("标题 行\n{long}\n落款 单位\n");
        let lined = relined(&text).expect("relined");
        assert!(lined.starts_with("标题 行\n甲乙丙丁。\n甲乙丙丁。"));
        assert!(lined.ends_with("\n落款 单位\n"));
        assert_eq!(lined.len(), text.len());
    }
}
