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

impl ScanText {
    /// Build the scan text; `blocks` tell which line breaks are inside a paragraph.
    pub fn new(text: &str, blocks: &[Block]) -> ScanText {
        let mut deleted: Vec<Range<usize>> = Vec::new();
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut i = 0;
        while i < chars.len() {
            let (at, c) = chars[i];
            if is_space(c) || c == '\n' {
                let mut j = i;
                while j < chars.len() && (is_space(chars[j].1) || chars[j].1 == '\n') {
                    j += 1;
                }
                let end = chars.get(j).map(|x| x.0).unwrap_or(text.len());
                let run = &text[at..end];
                let prev = i.checked_sub(1).map(|k| chars[k].1);
                let next = chars.get(j).map(|x| x.1);
                let has_newline = run.contains('\n');
                let inside_block = has_newline
                    && run.matches('\n').count() == 1
                    && blocks
                        .iter()
                        .any(|b| b.range.start < at && end < b.range.end);
                let between_cjk = !has_newline
                    && matches!((prev, next), (Some(p), Some(n)) if (is_cjk(p) && (is_cjk(n) || n.is_ascii_digit())) || (p.is_ascii_digit() && is_cjk(n)));
                if inside_block || between_cjk {
                    deleted.push(at..end);
                }
                i = j;
            } else {
                i += 1;
            }
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
    fn joins_wrapped_lines_and_cjk_spaces() {
        let text = "严格落实集体讨\n论决定，2025 年度法治 政府。\n下一段";
        let block = Block {
            range: 0..text.find("\n下").unwrap(),
            kind: BlockKind::Paragraph,
            heading: None,
            title: None,
            section: None,
        };
        let s = ScanText::new(text, &[block]);
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
