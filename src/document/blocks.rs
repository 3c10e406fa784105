//! Lines → blocks (paragraphs and headings), with heading levels from Chinese
//! numbering. Numbering is a mechanism, not a domain phrase: it lives here.

use std::ops::Range;
use std::sync::LazyLock;

use crate::rules::lazy::Regex;

use super::{Block, BlockKind};
use crate::ingest::HeadingHint;

/// Heading markers by level: 一、 / 第一部分 / 一＋ideographic space → 1, （一） → 2,
/// 1. 1、 → 3, （1） → 4, ① → 5.
///
/// Digits are ASCII or full-width, the ones reports use: a Unicode `\d`
/// (every script's digits) costs ten times as much to compile, a real share
/// of a single report's start-up.
static MARKERS: LazyLock<[(u8, Regex); 5]> = LazyLock::new(|| {
    [
        (1, Regex::lean(r"^(?:第[一二三四五六七八九十]{1,3}部分[、：:．.\s]*|[一二三四五六七八九十]{1,3}(?:[、．.]\s*|[\u{3000}\t]\s*|[ \u{a0}]{2,}\s*))").unwrap()),
        (2, Regex::lean(r"^[（(][一二三四五六七八九十]{1,3}[）)]\s*").unwrap()),
        (3, Regex::lean(r"^[0-9０-９]{1,2}\s*[、．.](?:\s*)").unwrap()),
        (4, Regex::lean(r"^[（(][0-9０-９]{1,2}[）)]\s*").unwrap()),
        (5, Regex::lean(r"^[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]\s*").unwrap()),
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

static PAGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::lean(r"^(?:[—\-–－]+\s*[0-9０-９]{1,4}\s*[—\-–－]+|第\s*[0-9０-９]{1,4}\s*页(?:\s*[/，,]?\s*共\s*[0-9０-９]{1,4}\s*页)?|[0-9０-９]{1,4}\s*/\s*[0-9０-９]{1,4}|[0-9０-９]{1,4})$").unwrap()
});

static PART: LazyLock<Regex> =
    LazyLock::new(|| Regex::lean(r"^第[一二三四五六七八九十]{1,3}部分").unwrap());

/// Compile this module's regexes now (see [`super::warm`]).
pub(super) fn warm() {
    LazyLock::force(&MARKERS);
    LazyLock::force(&PAGE);
    LazyLock::force(&PART);
}

/// Level and marker length of a heading marker at the start of `s`.
pub fn heading_marker(s: &str) -> Option<(u8, usize)> {
    for (level, re) in MARKERS.iter() {
        if let Some(m) = re.find(s) {
            if *level == 3 && is_decimal_number(m.as_str(), &s[m.end()..]) {
                continue;
            }
            if m.end() < s.len() {
                return Some((*level, m.end()));
            }
        }
    }
    None
}

/// Whether a line is only a section number ("一、", "（一）", "3.").
fn is_marker_only(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty()
        && MARKERS
            .iter()
            .any(|(_, re)| re.find(t).is_some_and(|m| m.end() == t.len()))
}

/// Whether an arabic marker (`marker`, e.g. "1.") and the text after it are
/// a number: "1.5万" is one; "4. 2025年…" (a space), "4、2025年…" (a 、) and
/// "4.2025年工作安排" (a year) are a heading.
fn is_decimal_number(marker: &str, rest: &str) -> bool {
    if !rest.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    if marker.ends_with(char::is_whitespace) || marker.contains('、') {
        return false;
    }
    let b = rest.as_bytes();
    let year = b.len() >= 4
        && (b.starts_with(b"19") || b.starts_with(b"20"))
        && b[2].is_ascii_digit()
        && b[3].is_ascii_digit()
        && rest[4..].trim_start().starts_with('年');
    !year
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

/// Display width of a line as laid out on a page (Han and full-width forms 2),
/// without the spaces a PDF text layer puts between characters ("法 治 政 府").
fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(super::scantext::squash_layout(s).as_ref())
}

/// Whether a wrapped line ends a sentence (so the paragraph may end with it). A
/// closing bracket or quote ends one only right after a sentence end ("。”").
fn ends_sentence(s: &str) -> bool {
    let mut rev = s.chars().rev();
    let sentence_end =
        |c: char| matches!(c, '。' | '！' | '？' | '；' | '：' | '!' | '?' | ';' | ':');
    match rev.next() {
        Some(c) if sentence_end(c) => true,
        Some('”' | '’' | '」' | '』' | '）' | ')') => rev.next().is_some_and(sentence_end),
        _ => false,
    }
}

/// The first word of a line: a run of digits and Latin letters, or one character.
fn first_word(s: &str) -> &str {
    let run = s
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '%' | '-')))
        .map(|(i, _)| i)
        .unwrap_or(s.len());
    match run {
        0 => s.chars().next().map(|c| &s[..c.len_utf8()]).unwrap_or(""),
        n => &s[..n],
    }
}

/// Whether a line ends inside a bracket, a book title or a quotation opened on it.
fn inside_brackets(s: &str) -> bool {
    let count = |set: &[char]| s.chars().filter(|c| set.contains(c)).count();
    count(&['（', '(']) > count(&['）', ')'])
        || count(&['《']) > count(&['》'])
        || count(&['“']) > count(&['”'])
}

/// One non-blank line of the text and what precedes it.
struct Line {
    range: Range<usize>,
    /// A blank or chrome line lies between this line and the previous text line.
    gap: bool,
    /// A blank line does.
    blank: bool,
}

/// Page furniture of a hard-wrapped text: page numbers, and running headers and
/// footers (a short line repeated on several pages, every time next to a page
/// number). Returns, for each line, whether it is furniture.
fn furniture(text: &str, lines: &[Line]) -> Vec<bool> {
    let page: Vec<bool> = lines
        .iter()
        .map(|l| is_page_number(&text[l.range.clone()]))
        .collect();
    let key = |l: &Line| -> String {
        text[l.range.clone()]
            .chars()
            .filter(|c| !is_blank(*c))
            .collect()
    };
    let candidate = |i: usize| {
        let s = &text[lines[i].range.clone()];
        !page[i] && width(s) <= 40 && !ends_sentence(s) && heading_marker(s).is_none()
    };
    let next_to_page = |i: usize| (i > 0 && page[i - 1]) || (i + 1 < lines.len() && page[i + 1]);
    let mut groups: std::collections::HashMap<String, Vec<usize>> = Default::default();
    for i in (0..lines.len()).filter(|&i| candidate(i)) {
        groups.entry(key(&lines[i])).or_default().push(i);
    }
    let headers: Vec<usize> = groups
        .values()
        .filter(|m| m.len() >= 2 && m.iter().all(|&i| next_to_page(i)))
        .flatten()
        .copied()
        .collect();
    let mut out = page;
    for i in headers {
        out[i] = true;
    }
    out
}

/// Display width of a full line of a hard-wrapped text: the 90th percentile of
/// the line widths.
/// How wide a full line of a hard-wrapped text is: the 90th percentile of
/// the lines' display widths, and of their lengths in characters. Text laid
/// out on a page wraps by width; text wrapped by a converter or an editor
/// wraps by characters, where a line with digits and Latin letters is
/// narrower than a line of Han of the same length.
#[derive(Debug, Clone, Copy, Default)]
struct FullLine {
    width: usize,
    chars: usize,
}

impl FullLine {
    fn of(text: &str, lines: &[&Line]) -> FullLine {
        let percentile = |mut v: Vec<usize>| {
            v.sort_unstable();
            v.get((v.len() * 9 / 10).min(v.len().saturating_sub(1))).copied().unwrap_or(0)
        };
        FullLine {
            width: percentile(lines.iter().map(|l| width(&text[l.range.clone()])).collect()),
            chars: percentile(lines.iter().map(|l| chars(&text[l.range.clone()])).collect()),
        }
    }

    /// Whether the line at `range` fills the line as the full ones do: 85 %
    /// of their width, or (wrapped by characters, where full lines are all
    /// about as long) 95 % of their length. A paragraph's first line is
    /// indented: its indent takes room too.
    fn is_filled_by(&self, text: &str, range: &Range<usize>) -> bool {
        let line = &text[range.clone()];
        let indent = indent(text, range.start);
        let chars = chars(line) + indent.chars().count();
        (width(line) + unicode_width::UnicodeWidthStr::width(indent)) * 20 >= self.width * 17
            || (!letter_spaced(line) && chars * 20 >= self.chars * 19)
    }
}

/// Characters of a line as a converter that wraps by characters counts
/// them (spaces included).
fn chars(s: &str) -> usize {
    s.chars().count()
}

/// A line set in spaced-out letters ("2022年 法 治 政 府 建 设"): a title laid
/// out on a page, whose spaces are no characters of a wrapped text.
fn letter_spaced(s: &str) -> bool {
    s.matches(' ').count() * 3 > s.chars().count()
}

/// The blanks between the start of the line and `start`.
fn indent(text: &str, start: usize) -> &str {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..start];
    &before[before.trim_end_matches(is_blank).len()..]
}

/// Whether a hard-wrapped text marks its paragraphs by indenting their first
/// lines: most lines after a sentence end are indented (and some are), so an
/// unindented line goes on what the line before it started.
fn indents_paragraphs(text: &str, body: &[&Line], indented: &[bool]) -> bool {
    let starts: Vec<bool> = (1..body.len())
        .filter(|&i| ends_sentence(&text[body[i - 1].range.clone()]))
        .map(|i| indented[i])
        .collect();
    let n = starts.iter().filter(|&&b| b).count();
    n >= 3 && n * 10 >= starts.len() * 6
}

/// A line at least this long (characters) that stops in mid-word is a
/// paragraph broken at a page break, not a short title or label.
const BROKEN_LINE_CHARS: usize = 40;

/// A line this long (bytes, ≈ 1,000 Han) is not a paragraph but a text that lost its line
/// breaks (a document-sharing page, a copy from a viewer).
const RUN_ON_LINE: usize = 3000;

/// A run-on line split before each section number (一、 （一）) that follows a
/// sentence end, so that the report's sections are found; other lines whole.
fn run_on_parts(text: &str, line: Range<usize>) -> Vec<Range<usize>> {
    if line.len() < RUN_ON_LINE {
        return vec![line];
    }
    let s = &text[line.clone()];
    let mut cuts: Vec<usize> = Vec::new();
    for (i, c) in s.char_indices() {
        if !matches!(c, '。' | '；' | '！' | '？') {
            continue;
        }
        let after = i + c.len_utf8();
        let rest = s[after..].trim_start();
        let at = s.len() - rest.len();
        if heading_marker(rest).is_some_and(|(level, _)| level <= 2) && cuts.last() != Some(&at) {
            cuts.push(at);
        }
    }
    let mut parts = Vec::with_capacity(cuts.len() + 1);
    let mut from = 0;
    for at in cuts {
        parts.push(trim_range(text, line.start + from..line.start + at));
        from = at;
    }
    parts.push(trim_range(text, line.start + from..line.end));
    parts.retain(|r| !r.is_empty());
    parts
}

/// Split `text` into blocks, skipping chrome lines and blank lines. In a
/// hard-wrapped text, a line as wide as a full line that does not end a sentence
/// goes on in the next line (whatever that line starts with), a heading set
/// narrower than the body goes on in a shorter unpunctuated line, and page
/// numbers and running headers between pages are not text: their line ranges
/// are returned with the blocks, to be masked like page chrome.
pub(super) fn split(
    text: &str,
    chrome: &[Range<usize>],
    hints: &[HeadingHint],
) -> (Vec<Block>, Vec<Range<usize>>) {
    let mut lines: Vec<Line> = Vec::new();
    let mut start = 0;
    let mut gap = false;
    let mut blank = false;
    for line in text.split('\n') {
        let range = start..start + line.len();
        start = range.end + 1;
        if chrome.iter().any(|c| c.start == range.start) {
            gap = true;
            continue;
        }
        let trimmed = trim_range(text, range);
        if trimmed.is_empty() {
            gap = true;
            blank = true;
        } else {
            for (k, part) in run_on_parts(text, trimmed).into_iter().enumerate() {
                lines.push(Line {
                    range: part,
                    gap: k == 0 && std::mem::take(&mut gap),
                    blank: k == 0 && std::mem::take(&mut blank),
                });
            }
        }
    }
    let ranges: Vec<Range<usize>> = lines.iter().map(|l| l.range.clone()).collect();
    let wrapped = hints.is_empty() && hard_wrapped(&ranges, text);
    let skip = if wrapped {
        furniture(text, &lines)
    } else {
        vec![false; lines.len()]
    };
    let body: Vec<&Line> = lines
        .iter()
        .zip(&skip)
        .filter(|(_, s)| !**s)
        .map(|(l, _)| l)
        .collect();
    let full = if wrapped { FullLine::of(text, &body) } else { FullLine::default() };
    // A gap (blank line) next to page furniture is part of the page break.
    let mut gaps: Vec<bool> = Vec::with_capacity(body.len());
    {
        let mut pending_gap = false;
        let mut page_break = false;
        for (l, s) in lines.iter().zip(&skip) {
            pending_gap |= l.gap;
            if *s {
                page_break = true;
                continue;
            }
            gaps.push(pending_gap && !page_break);
            pending_gap = false;
            page_break = false;
        }
    }
    // (only a hard-wrapped text's paragraphs are told by their indent)
    let indented: Vec<bool> = body.iter().map(|l| wrapped && !indent(text, l.range.start).is_empty()).collect();
    let indents_paragraphs = wrapped && indents_paragraphs(text, &body, &indented);
    // Groups of lines: (first line index, last line index).
    let mut groups: Vec<(usize, usize)> = Vec::new();
    for (i, line) in body.iter().enumerate() {
        let s = &text[line.range.clone()];
        let hint = hints
            .iter()
            .any(|h| h.start < line.range.end && line.range.start < h.end);
        let joins = wrapped
            && !hint
            && !gaps[i]
            && groups.last().is_some_and(|&(first, last)| {
                let prev = &text[body[last].range.clone()];
                let head = &text[body[first].range.clone()];
                // A heading line without a full stop is a heading of its own: only
                // a short unpunctuated tail goes on it (the heading wrapped, or was
                // set in a larger font); a body line after it starts a paragraph.
                let bare_heading = first == last
                    && heading_marker(head).is_some()
                    && !head.contains(['。', '！', '？', '!', '?']);
                // A numbered point set as a paragraph ("（一）部分村干部法治意识不强，
                // 依法办事能力不足，遇事仍习惯于凭经" / "验、按老办法处理。") fills
                // its line with a clause and goes on: it is run-in text.
                let run_in_point = bare_heading
                    && !ends_sentence(prev)
                    && prev.contains(['，', ','])
                    && full.is_filled_by(text, &body[last].range)
                    && heading_marker(s).is_none();
                if run_in_point {
                    return true;
                }
                // Where paragraphs start indented, a short unindented line
                // between an indented heading and the next indented line is
                // the heading's tail ("七、存在的" / "不足"), however short the
                // heading's first line.
                let heading_tail = bare_heading
                    && indents_paragraphs
                    && indented[last]
                    && !indented[i]
                    && !ends_sentence(prev)
                    && !ends_sentence(s)
                    && heading_marker(s).is_none()
                    && width(s) * 2 < full.width
                    && body.get(i + 1).is_none_or(|_| indented[i + 1] || gaps[i + 1]);
                if heading_tail {
                    return true;
                }
                if bare_heading {
                    return !ends_sentence(prev)
                        && width(prev) * 2 >= full.width
                        && heading_marker(s).is_none()
                        && !ends_sentence(s)
                        && width(s) < width(prev)
                        && width(s) * 20 < full.width * 17;
                }
                // A line is full when it is about as wide as the widest lines, or
                // when the next line's first word ("13996388609）") would not have
                // fitted on it. A paragraph does not end inside brackets.
                let is_full = full.is_filled_by(text, &body[last].range)
                    || width(prev) + width(first_word(s)) > full.width;
                is_full && (!ends_sentence(prev) || inside_brackets(prev))
            });
        // A paragraph of a text that is not hard-wrapped, broken in mid-word
        // at a page break of the document it was copied from ("…二是扛牢法治
        // 建设第一" / "责任人职责。…"), goes on in the next line.
        let broken_mid_sentence = !wrapped
            && !hint
            && !line.blank
            && groups.last().is_some_and(|&(first, last)| {
                let prev = &text[body[last].range.clone()];
                heading_marker(&text[body[first].range.clone()]).is_none()
                    && prev.chars().count() >= BROKEN_LINE_CHARS
                    && prev.contains(['。', '，', '；'])
                    && prev.chars().next_back().is_some_and(crate::ingest::decode::is_han)
                    && s.chars().next().is_some_and(crate::ingest::decode::is_han)
                    && heading_marker(s).is_none()
                    // an inline enumeration item (一是, 第二，) starts anew
                    && super::roles::enum_markers(s).first().is_none_or(|m| m.start > 0)
            });
        // A section number alone on its line (PDF text: "一、" over its title)
        // takes the next line as its title or run-in text.
        let after_bare_marker = heading_marker(s).is_none()
            && groups.last().is_some_and(|&(first, last)| {
                first == last && is_marker_only(&text[body[last].range.clone()])
            });
        match groups.last_mut() {
            Some(g) if joins || after_bare_marker || broken_mid_sentence => g.1 = i,
            _ => groups.push((i, i)),
        }
    }
    let mut blocks: Vec<Block> = groups
        .into_iter()
        .map(|(first, last)| {
            let range = body[first].range.start..body[last].range.end;
            // (the first line's marker, or a bare marker's and the next line's)
            let lines = if is_marker_only(&text[body[first].range.clone()]) {
                &text[range.clone()]
            } else {
                &text[body[first].range.clone()]
            };
            let hint = hints
                .iter()
                .find(|h| h.start < range.end && range.start < h.end);
            make_block(text, range, heading_marker(lines), hint)
        })
        .collect();
    restore_lost_numerals(text, &mut blocks);
    if hints.is_empty() {
        nest_under_parts(text, &mut blocks);
    }
    let mut furniture: Vec<Range<usize>> = lines
        .iter()
        .zip(&skip)
        .filter(|(_, s)| **s)
        .map(|(l, _)| l.range.clone())
        .collect();
    // A chrome line inside a paragraph broken at a page break (a watermark)
    // goes out of the paragraph's text with its line breaks, like a page number.
    furniture.extend(chrome.iter().filter(|c| {
        let i = blocks.partition_point(|b| b.range.end <= c.start);
        blocks
            .get(i)
            .is_some_and(|b| b.range.start < c.start && c.end < b.range.end)
    }).cloned());
    furniture.sort_by_key(|r| r.start);
    (blocks, furniture)
}

/// A site's editor may drop a section's numeral and leave its 、
/// ("、坚持党的全面领导，确保…" before "二、…"): a paragraph that starts with
/// 、 and Han text is a heading at the level of the next heading numbered
/// with a 、. Without one it stays a paragraph.
fn restore_lost_numerals(text: &str, blocks: &mut [Block]) {
    for i in 0..blocks.len() {
        let range = blocks[i].range.clone();
        let s = &text[range.clone()];
        let Some(rest) = s.strip_prefix('、') else {
            continue;
        };
        let body = rest.trim_start_matches(is_blank);
        // (a line of a sentence broken before its 、 is no section: the text
        // before it must end a sentence or be a heading)
        let after_a_stop = i == 0
            || blocks[i - 1].kind != BlockKind::Paragraph
            || ends_sentence(text[blocks[i - 1].range.clone()].trim_end());
        if blocks[i].kind != BlockKind::Paragraph || !body.starts_with(crate::ingest::decode::is_han) || !after_a_stop {
            continue;
        }
        let level = blocks[i + 1..].iter().find_map(|b| {
            let BlockKind::Heading { level } = b.kind else { return None };
            let (_, len) = heading_marker(&text[b.range.clone()])?;
            text[b.range.start..b.range.start + len].contains('、').then_some(level)
        });
        if let Some(level) = level {
            blocks[i] = make_block(text, range, Some((level, s.len() - body.len())), None);
        }
    }
}

/// The shallowest numbering a report uses is its top level: a short report
/// numbered 1. 2. 3. (or （一）（二）) has its parts there, not three levels down.
pub(super) fn top_level_first(blocks: &mut [Block]) {
    let levels = || {
        blocks.iter().filter_map(|b| match b.kind {
            BlockKind::Heading { level } => Some(level),
            _ => None,
        })
    };
    let Some(top) = levels().min() else { return };
    if top <= 1 {
        return;
    }
    for b in blocks.iter_mut() {
        if let BlockKind::Heading { level } = &mut b.kind {
            *level -= top - 1;
        }
    }
}

/// A report in parts (第一部分 …) that numbers the sections of a part 一、二、
/// has one level more: the parts stay at level 1 and every heading after the
/// first part goes one level down (一、 → 2, （一） → 3 …). Parts and 一、
/// headings side by side (第一部分 … 二、 …) are not nested.
fn nest_under_parts(text: &str, blocks: &mut [Block]) {
    let is_part = |b: &Block| {
        matches!(b.kind, BlockKind::Heading { level: 1 }) && PART.is_match(&text[b.range.clone()])
    };
    let Some(first_part) = blocks.iter().position(is_part) else {
        return;
    };
    // Nested when the first level-1 heading inside some part is numbered 一
    // (第一部分 一、… 二、…); a numbering that goes on from the parts
    // (第一部分 … 二、… 第三部分) is one level.
    let parts: Vec<usize> = (first_part..blocks.len()).filter(|&i| is_part(&blocks[i])).collect();
    let nested = parts.iter().enumerate().any(|(k, &p)| {
        let end = parts.get(k + 1).copied().unwrap_or(blocks.len());
        blocks[p + 1..end]
            .iter()
            .find(|b| matches!(b.kind, BlockKind::Heading { level: 1 }))
            .is_some_and(|b| {
                let mut numeral = text[b.range.clone()].trim_start().chars();
                numeral.next() == Some('一')
                    && !numeral.next().is_some_and(|c| "一二三四五六七八九十".contains(c))
            })
    });
    if !nested || parts.len() < 2 {
        return;
    }
    for b in &mut blocks[first_part..] {
        if let BlockKind::Heading { level } = b.kind {
            if !is_part(b) {
                b.kind = BlockKind::Heading {
                    level: (level + 1).min(6),
                };
            }
        }
    }
}

/// "— 3 —", "- 12 -", "第 3 页": page numbers left in extracted text.
fn is_page_number(s: &str) -> bool {
    PAGE.is_match(s)
}

fn make_block(
    text: &str,
    range: Range<usize>,
    marker: Option<(u8, usize)>,
    hint: Option<&HeadingHint>,
) -> Block {
    let s = &text[range.clone()];
    // The report's own numbering (一、（一）1.) gives the level; a page's <h2>
    // or a Word style only where there is none: sites and templates put the
    // sections of a report at any h-level or style.
    let (level, marker_len) = match (hint, marker) {
        (_, Some((level, len))) => (level, len),
        (Some(h), None) => (h.level.clamp(1, 6), 0),
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
    // A heading may run in: the title ends at the first sentence end, or at
    // a colon ("（四）规范行政执法：针对……" reads like "（四）规范行政执法。针对……").
    let rest = &s[marker_len..];
    let title_len = rest
        .char_indices()
        .find(|&(i, c)| {
            matches!(c, '。' | '！' | '？' | '!' | '?' | '：' | ':')
                || super::is_latin_full_stop(rest, i, c)
        })
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
    fn the_shallowest_numbering_is_the_top_level() {
        let text = "1.主要工作及成效\n开展工作。\n（1）推进执法\n执法。\n2.存在的问题和原因\n不足。\n3.下一步工作计划\n加强。";
        let (mut blocks, _) = split(text, &[], &[]);
        top_level_first(&mut blocks);
        assert_eq!(heading_levels(&blocks), vec![1, 2, 1, 1]);
    }

    #[test]
    fn section_numbers_outrank_page_heading_levels() {
        use crate::ingest::HeadingHint;
        let text = "一、主要举措\n开展工作。\n（一）推进执法\n执法。\n二、存在的问题\n不足。\n存在问题\n不足。";
        let hint = |needle: &str, level: u8| {
            let start = text.find(needle).unwrap();
            HeadingHint { start, end: start + needle.len(), level }
        };
        // sections in <h3>, a sub-section in <h4>, an unnumbered <h2>
        let hints = [hint("一、主要举措", 3), hint("（一）推进执法", 4), hint("二、存在的问题", 3), hint("存在问题", 2)];
        assert_eq!(heading_levels(&split(text, &[], &hints).0), vec![1, 2, 1, 2]);
    }

    fn heading_levels(blocks: &[Block]) -> Vec<u8> {
        blocks
            .iter()
            .filter_map(|b| match b.kind {
                BlockKind::Heading { level } => Some(level),
                _ => None,
            })
            .collect()
    }

    fn levels(text: &str) -> Vec<(String, u8)> {
        split(text, &[], &[])
            .0
            .iter()
            .filter_map(|b| match b.kind {
                BlockKind::Heading { level } => {
                    Some((text[b.range.clone()].chars().take(4).collect(), level))
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn sections_inside_parts_go_one_level_down() {
        let nested = "第一部分　主要举措
一、加强领导
（一）健全机制
正文。
二、推进公开
正文。
第二部分　存在的不足
正文。
";
        let want: Vec<(String, u8)> = [("第一部分", 1), ("一、加强", 2), ("（一）健", 3), ("二、推进", 2), ("第二部分", 1)]
            .into_iter()
            .map(|(s, l)| (s.to_owned(), l))
            .collect();
        assert_eq!(levels(nested), want);
        // Parts and 一、 as siblings stay at one level.
        let flat = "一、主要举措
正文。
第二部分　存在的不足
正文。
";
        assert_eq!(levels(flat), [("一、主要".to_owned(), 1), ("第二部分".to_owned(), 1)]);
        let alternating = "第一部分　主要举措\n正文。\n二、第一责任人\n正文。\n第三部分　存在的不足\n正文。\n";
        assert!(levels(alternating).iter().all(|(_, l)| *l == 1));
    }

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
        assert_eq!(heading_marker("3.2025亿元"), None);
        // a year after the number: a plan heading, however it is spaced
        assert_eq!(heading_marker("4. 2025年工作安排"), Some((3, "4. ".len())));
        assert_eq!(heading_marker("4.2025年工作安排"), Some((3, "4.".len())));
        assert_eq!(heading_marker("4、2025年工作安排"), Some((3, "4、".len())));
        assert_eq!(heading_marker("一是高度重视"), None);
        assert_eq!(heading_marker("2021年，我镇"), None);
        assert_eq!(heading_marker("一、"), None);
        assert_eq!(
            heading_marker("二\u{3000}存在问题"),
            Some((1, "二\u{3000}".len()))
        );
        assert_eq!(heading_marker("三  工作安排"), Some((1, "三  ".len())));
        // one plain space is a PDF's space inside a word, not a marker
        assert_eq!(heading_marker("一 体化推进"), None);
    }

    #[test]
    fn run_in_heading_has_title_and_body() {
        let text = "（一）深入学习贯彻习近平法治思想。专题传达学习。";
        let (blocks, _) = split(text, &[], &[]);
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
    fn a_latin_full_stop_after_han_ends_a_run_in_title() {
        // 。 typed as "." (a keyboard, OCR); "1.5万" and "1.加快" are not sentence ends
        let text = "(一)强化组织领导,推进法治政府建设.一是完成1.5万件.";
        let (blocks, _) = split(text, &[], &[]);
        let b = &blocks[0];
        assert_eq!(&text[b.title.clone().unwrap()], "强化组织领导,推进法治政府建设");
        assert_eq!(&text[b.body()], "一是完成1.5万件.");
        let text = "（二）加强执法监督。1.加快推进重点领域立法";
        let (blocks, _) = split(text, &[], &[]);
        assert_eq!(&text[blocks[0].title.clone().unwrap()], "加强执法监督");
        assert_eq!(
            crate::document::sentences(text, 0..text.len()).len(),
            2,
            "1. after 。 is not a sentence"
        );
    }

    #[test]
    fn hard_wrapped_lines_are_joined() {
        let text = "一、主要举措和成效\n我镇坚持以习近平新时代中国特色社会主义思想为指\n导，深入贯彻党的二十大精神，全面贯彻习近平法治\n思想，推进法治政府建设取得新成效，各项工作有序\n开展，群众满意度不断提升，法治氛围日益浓厚。\n— 2 —\n二、存在的不足和原因\n";
        let (blocks, _) = split(text, &[], &[]);
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

    #[test]
    fn a_numbered_point_that_fills_its_line_runs_on() {
        // PDF text: a problem point set as a paragraph wraps like one; a
        // short heading without a clause stays a heading
        let text = "二、存在的不足\n（一）部分村干部法治意识不强，依法办事能力不足，遇事仍习惯于凭经\n验、按老办法处理，个别村在集体资产处置中程序不够规范，村务决策\n不够民主，需要整改。\n（二）执法力量较为薄弱，乡综合行政执法队专业人员少，执法装备不足，\n难以满足基层执法需要，案件办理质量有待进一步提高，仍需加强。\n（三）加强组织领导\n成立法治政府建设领导小组，统筹推进全乡法治政府建设各项工作落实。\n";
        let (blocks, _) = split(text, &[], &[]);
        let firsts: Vec<&str> = blocks
            .iter()
            .map(|b| text[b.range.clone()].lines().next().unwrap())
            .collect();
        assert_eq!(firsts.len(), 5, "{firsts:#?}");
        assert!(text[blocks[1].range.clone()].ends_with("需要整改。"));
        assert!(text[blocks[2].range.clone()].ends_with("仍需加强。"));
        assert_eq!(&text[blocks[3].range.clone()], "（三）加强组织领导");
    }

    #[test]
    fn indented_first_lines_and_lines_wrapped_by_characters_are_joined() {
        // a PDF paragraph's first line is indented (its text is narrower than
        // the full lines); a converter wraps by characters, so a line with
        // spaced numbers is narrower than a line of Han of the same length
        let text = "一、主要做法和成效\n\u{3000}\u{3000}2023 年，在省委、省政府的坚强领导下，全州坚持以习近平\n新时代中国特色社会主义思想为指导，深入贯彻落实党的二十大精神，不\n断纵深推进法治政府建设，有效转变政府职能，积极推进依法行政，持续\n提升法治政府建设质效，为谱写中国式现代化篇章提供坚强的法治保障。\n\u{3000}\u{3000}（二）优化政府职能体系建设。编制公布行政许可事项清单 236 项\n，发布“高效办成一件事”事项清单 4 期 50 个主题，政务服务事项\n网上可办率 94.3%，办理 1.3 万件；认真落实《云南省法治化营\n商环境全面提质 23 条措施》，建成 13 个乡（镇）公共法律服务工\n作站、109 个村（社区）公共法律服务工作室规范化运行。\n";
        let (blocks, _) = split(text, &[], &[]);
        let paragraphs: Vec<&str> = blocks.iter().map(|b| &text[b.range.clone()]).collect();
        assert_eq!(paragraphs.len(), 3, "{paragraphs:#?}");
        assert!(paragraphs[1].contains("习近平\n新时代"));
        assert!(paragraphs[2].contains("法治化营\n商环境"));
    }

    #[test]
    fn page_breaks_inside_a_paragraph_are_not_text() {
        // a paragraph runs on over two page breaks; the running header (the same
        // short line next to every page number) and the page numbers are furniture
        let line = "全面推行行政执法公示制度、执法全过程记录制度和重大执法决定法制审核";
        let text = format!(
            "一、主要举措和成效\n{line}\n{line}\n- 1 -\n某某县人民政府公报\n{line}\n{line}\n— 2 —\n某某县人民政府公报\n{line}\n制度。\n二、存在的不足\n执法力量不足。\n"
        );
        let (blocks, furniture) = split(&text, &[], &[]);
        let kinds: Vec<_> = blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            vec![
                BlockKind::Heading { level: 1 },
                BlockKind::Paragraph,
                BlockKind::Heading { level: 1 },
                BlockKind::Paragraph
            ]
        );
        let furniture: Vec<&str> = furniture.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(
            furniture,
            ["- 1 -", "某某县人民政府公报", "— 2 —", "某某县人民政府公报"]
        );
        assert!(text[blocks[1].range.clone()].ends_with("制度。"));
    }

    #[test]
    fn a_full_line_goes_on_whatever_starts_the_next() {
        // "（2）" at the start of a wrapped line is not a heading when the line
        // before is full and open; a short line ends its paragraph
        let full = "对目录内事项严格履行法定程序，一是公众参与，通过座谈会征求意见，并于会后";
        let text = format!(
            "{full}\n（2）专家论证，组织论证会9场，形成论证报告，提交政府常务会议研究讨论。\n{full}\n公开。\n{full}\n公开。\n（二）推进执法\n"
        );
        let (blocks, _) = split(&text, &[], &[]);
        let kinds: Vec<_> = blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            vec![
                BlockKind::Paragraph,
                BlockKind::Paragraph,
                BlockKind::Paragraph,
                BlockKind::Heading { level: 2 }
            ]
        );
    }

    #[test]
    fn a_section_whose_numeral_was_lost_is_still_a_heading() {
        let text = "现将有关情况报告如下：\n、坚持党的全面领导，确保法治政府建设始终沿着正确方向推进\n市政府常务会议专题学法。\n二、依法全面履行政府职能\n持续深化“放管服”改革。\n";
        assert_eq!(levels(text), [("、坚持党".to_owned(), 1), ("二、依法".to_owned(), 1)]);
        let (blocks, _) = split(text, &[], &[]);
        assert_eq!(&text[blocks[1].title.clone().unwrap()], "坚持党的全面领导，确保法治政府建设始终沿着正确方向推进");
        // No heading numbered with 、 after it: a paragraph.
        assert_eq!(levels("、坚持党的全面领导\n（二）依法全面履行政府职能\n"), [("（二）依".to_owned(), 2)]);
        // A sentence broken before its 、: no heading.
        assert_eq!(
            levels("全年完成食品抽检1166批次\n、食品快检36714批次，查处违法案件74宗。\n二、依法全面履行政府职能\n"),
            [("二、依法".to_owned(), 1)]
        );
    }

    #[test]
    fn an_unindented_stub_under_an_indented_heading_is_its_tail() {
        let para = "　　一是法治政府建设区域间发展不平衡，部分旗县推进力度不够；二是行\n政执法质量仍有提升空间，执法监督力量薄弱。\n";
        let text = format!("{para}{para}{para}　　七、存在的\n不足\n{para}{para}");
        let (blocks, _) = split(&text, &[], &[]);
        let heading = blocks.iter().find(|b| matches!(b.kind, BlockKind::Heading { .. })).unwrap();
        assert_eq!(&text[heading.title.clone().unwrap()], "存在的\n不足");
        assert_eq!(blocks.len(), 6);
        // Without indented paragraphs the short line stays a line of its own.
        let flat = text.replace('　', "");
        let (blocks, _) = split(&flat, &[], &[]);
        assert_eq!(blocks.len(), 7);
    }

    #[test]
    fn a_heading_in_a_larger_font_goes_on_in_a_shorter_line() {
        let full = "县政府党组坚持把学习贯彻习近平法治思想作为首要政治任务，党组理论学习中";
        let text = format!(
            "二、党政主要负责人履行推进法治建设第一\n责任人职责情况\n{full}\n心组全年开展专题学法5次。\n{full}\n心组全年开展专题学法5次。\n{full}\n心组全年开展专题学法5次。\n{full}\n心组全年开展专题学法5次。\n"
        );
        let (blocks, _) = split(&text, &[], &[]);
        assert_eq!(blocks[0].kind, BlockKind::Heading { level: 1 });
        assert_eq!(
            &text[blocks[0].title.clone().unwrap()],
            "党政主要负责人履行推进法治建设第一\n责任人职责情况"
        );
        assert_eq!(blocks.len(), 5);
    }

    #[test]
    fn a_line_cut_short_by_a_long_word_or_inside_brackets_goes_on() {
        let full = "对目录内事项严格履行法定程序，通过座谈会征求意见并于会后";
        let text = format!(
            "{full}\n公开。\n{full}\n公开。\n（联系领导：白某某；联系人：赵某某；联系电话：\n13996388609）\n{full}\n公开。\n"
        );
        let (blocks, _) = split(&text, &[], &[]);
        let contact = blocks
            .iter()
            .find(|b| text[b.range.clone()].starts_with("（联系"))
            .unwrap();
        assert!(text[contact.range.clone()].ends_with("13996388609）"));
        assert_eq!(blocks.len(), 4);
    }
}
