//! The text the patterns are matched against: the report text with the line
//! breaks inside a paragraph (hard-wrapped or PDF text) and the spaces between
//! Chinese characters ("2025 年度", "法治 政府") removed. Offsets map back to
//! the report text, so every span stays a span of what the user sees.

use std::ops::Range;

use super::Block;

#[derive(Debug, Clone, Default)]
pub struct ScanText {
    pub text: String,
    /// (scan offset, bytes deleted before it in total), at every deletion.
    shifts: Vec<(usize, usize)>,
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x2014 | 0x201C | 0x201D)
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{a0}')
}

/// Byte length of the space or line break (`is_space` or `\n`) at byte `at`,
/// 0 if there is none: the scan text is built without decoding every
/// character.
fn space_len(bytes: &[u8], at: usize) -> usize {
    match bytes[at] {
        b' ' | b'\t' | b'\n' => 1,
        0xC2 if bytes.get(at + 1) == Some(&0xA0) => 2,
        0xE3 if bytes.get(at + 1..at + 3) == Some(&[0x80, 0x80]) => 3,
        _ => 0,
    }
}

/// Length of the UTF-8 sequence that starts with `lead`.
fn utf8_width(lead: u8) -> usize {
    match lead {
        0..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// Whether the whitespace run `run` (between `prev` and `next`) is an artefact
/// of layout: a line break inside a paragraph, or a space between Chinese
/// characters or between Chinese and a number ("2025 年度", "法治 政府").
fn artefact(run: &str, prev: Option<char>, next: Option<char>) -> bool {
    run.matches('\n').count() == 1
        || (!run.contains('\n')
            && matches!((prev, next), (Some(p), Some(n)) if (is_cjk(p) && (is_cjk(n) || n.is_ascii_digit())) || (p.is_ascii_digit() && is_cjk(n))))
}

/// A stretch of text (a sentence, a heading, a title) with the layout
/// artefacts removed, as `ScanText` removes them from a paragraph: what phrase
/// rules about a sentence or a title are matched against.
pub fn squash(s: &str) -> std::borrow::Cow<'_, str> {
    match squash_layout(s) {
        std::borrow::Cow::Owned(o) => std::borrow::Cow::Owned(join_spaced_digits(o)),
        borrowed => borrowed,
    }
}

/// [`squash`] without joining spaced-out digits: the width a line takes on
/// the page (which tells a hard-wrapped line from a short one).
pub fn squash_layout(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains(|c: char| is_space(c) || c == '\n') {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.char_indices().peekable();
    let mut prev: Option<char> = None;
    while let Some((at, c)) = chars.next() {
        if is_space(c) || c == '\n' {
            let mut end = at + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if is_space(d) || d == '\n' {
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            let next = chars.peek().map(|x| x.1);
            if !artefact(&s[at..end], prev, next) {
                out.push_str(&s[at..end]);
                prev = s[at..end].chars().next_back();
            }
        } else {
            out.push(c);
            prev = Some(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// "2 0 2 5年" → "2025年": a PDF text layer spaces out half-width digits one
/// by one. Only runs of three or more single digits each one space apart are
/// joined ("第 1 2 项" is rare; "共 12 件 3 人" is left alone).
fn join_spaced_digits(s: String) -> String {
    let b = s.as_bytes();
    let single = |i: usize| {
        b[i].is_ascii_digit()
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && (i + 1 == b.len() || !b[i + 1].is_ascii_digit())
    };
    // Start of each run "d d d…" (bytes), and its end.
    let mut cuts: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if single(i) {
            let mut j = i;
            let mut spaces = Vec::new();
            while j + 2 < b.len() && b[j + 1] == b' ' && single(j + 2) {
                spaces.push(j + 1);
                j += 2;
            }
            if spaces.len() >= 2 {
                cuts.extend(spaces);
            }
            i = j + 1;
        } else {
            i += 1;
        }
    }
    if cuts.is_empty() {
        return s;
    }
    let mut out = String::with_capacity(s.len());
    let mut from = 0;
    for at in cuts {
        out.push_str(&s[from..at]);
        from = at + 1;
    }
    out.push_str(&s[from..]);
    out
}

impl ScanText {
    /// Build the scan text; `blocks` tell which line breaks are inside a paragraph.
    /// Page furniture (page numbers, running headers) inside a paragraph that
    /// runs on over a page break is removed with its line breaks.
    pub fn new(text: &str, blocks: &[Block], furniture: &[Range<usize>]) -> ScanText {
        let mut deleted: Vec<Range<usize>> = Vec::new();
        let inside = |r: &Range<usize>| {
            let i = blocks.partition_point(|b| b.range.end <= r.start);
            blocks
                .get(i)
                .is_some_and(|b| b.range.start < r.start && r.end < b.range.end)
        };
        let mut masked = furniture
            .iter()
            .filter(|r| !r.is_empty() && inside(r))
            .peekable();
        let bytes = text.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            while masked.peek().is_some_and(|m| m.end <= at) {
                masked.next();
            }
            if let Some(m) = masked.peek().filter(|m| m.start <= at) {
                let end = m.end;
                deleted.push(at..end);
                at = crate::ingest::decode::ceil_char_boundary(text, end);
                continue;
            }
            if space_len(bytes, at) == 0 {
                at += utf8_width(bytes[at]);
                continue;
            }
            let mut end = at;
            while end < bytes.len() {
                match space_len(bytes, end) {
                    0 => break,
                    w => end += w,
                }
            }
            let run = &text[at..end];
            let prev = text[..at].chars().next_back();
            let next = text[end..].chars().next();
            let has_newline = run.contains('\n');
            let inside_block =
                has_newline && run.matches('\n').count() == 1 && inside(&(at..end));
            let between_cjk = !has_newline
                && matches!((prev, next), (Some(p), Some(n)) if (is_cjk(p) && (is_cjk(n) || n.is_ascii_digit())) || (p.is_ascii_digit() && is_cjk(n)));
            if inside_block || between_cjk {
                deleted.push(at..end);
            }
            at = end;
        }
        let mut scan = String::with_capacity(text.len());
        let mut shifts = Vec::with_capacity(deleted.len());
        let mut last = 0;
        let mut total = 0;
        for d in deleted {
            scan.push_str(&text[last..d.start]);
            total += d.len();
            shifts.push((scan.len(), total));
            last = d.end;
        }
        scan.push_str(&text[last..]);
        ScanText { text: scan, shifts }
    }

    /// Original range of a scan range.
    pub fn to_original(&self, r: Range<usize>) -> Range<usize> {
        let shift_at = |p: usize, inclusive: bool| {
            let i = if inclusive {
                self.shifts.partition_point(|s| s.0 <= p)
            } else {
                self.shifts.partition_point(|s| s.0 < p)
            };
            i.checked_sub(1).map(|k| self.shifts[k].1).unwrap_or(0)
        };
        r.start + shift_at(r.start, true)..r.end + shift_at(r.end, false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::BlockKind;

    #[test]
    fn squash_joins_spaced_out_digits() {
        assert_eq!(squash("三、2 0 2 5 年工作思路"), "三、2025年工作思路");
        assert_eq!(squash("2 0 2 5"), "2025");
        assert_eq!(squash("共 12 件 3 人"), "共12件3人");
        assert_eq!(squash("第 1 2 项"), "第1 2项");
    }

    #[test]
    fn joins_wrapped_lines_and_cjk_spaces() {
        let text = "严格落实集体讨\n论决定，2025 年度法治 政府。\n下一段";
        let block = Block {
            range: 0..text.find("\n下").unwrap(),
            kind: BlockKind::Paragraph,
            heading: None,
            title: None,
            section: None,
        };
        let s = ScanText::new(text, &[block], &[]);
        assert_eq!(s.text, "严格落实集体讨论决定，2025年度法治政府。\n下一段");
        let at = s.text.find("讨论决定").unwrap();
        let r = s.to_original(at..at + "讨论决定".len());
        assert_eq!(&text[r], "讨\n论决定");
        let at = s.text.find("法治政府").unwrap();
        assert_eq!(&text[s.to_original(at..at + "法治政府".len())], "法治 政府");
        let at = s.text.find("下一段").unwrap();
        assert_eq!(&text[s.to_original(at..at + "下一段".len())], "下一段");
    }
}
