//! A miette `SourceCode` that shows only a window of one line around the labels.
//!
//! Chinese reports put a whole paragraph on one line; miette would print all of
//! it. The excerpt keeps offsets of the full text (so labels need no shifting),
//! and reports line and column (in characters) of the full text in the header.

use std::ops::Range;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::document::Document;

/// Display columns taken by miette's gutter (` 123 │ `) and margins.
const GUTTER_COLS: usize = 12;
/// Context kept on each side of the labels at the least, in display columns.
const MIN_CONTEXT_COLS: usize = 8;

#[derive(Debug)]
pub struct Excerpt {
    name: String,
    text: String,
    /// Byte range of the window in the full text.
    window: Range<usize>,
    line: usize,
    /// Character column of the window start on its line (0-based).
    window_column: usize,
    line_start: usize,
}

impl Excerpt {
    /// A window on the line of `primary` that also holds the other `labels` on
    /// that line, with as much context on each side as fits in `width` display
    /// columns (CJK characters take two). Labels on other lines should be
    /// dropped by the caller (see [`Excerpt::contains`]).
    pub fn new(
        name: &str,
        doc: &Document,
        primary: &Range<usize>,
        labels: &[Range<usize>],
        width: usize,
    ) -> Excerpt {
        let text = &doc.text;
        let (line, _) = doc.lines.line_col(text, primary.start);
        let line_range = doc.lines.line_range(text, line);
        let on_line: Vec<&Range<usize>> = labels
            .iter()
            .chain(std::iter::once(primary))
            .filter(|r| line_range.start <= r.start && r.start <= line_range.end)
            .collect();
        let lo = on_line
            .iter()
            .map(|r| r.start)
            .min()
            .unwrap_or(primary.start);
        let hi = on_line
            .iter()
            .map(|r| r.end.min(line_range.end))
            .max()
            .unwrap_or(primary.end)
            .max(lo);
        let labelled = UnicodeWidthStr::width(&text[lo..hi]);
        let side = (width.saturating_sub(GUTTER_COLS + labelled) / 2).max(MIN_CONTEXT_COLS);
        let start = lo - take_cols(text[line_range.start..lo].chars().rev(), side);
        let end = hi + take_cols(text[hi..line_range.end].chars(), side);
        Excerpt {
            name: name.to_owned(),
            text: text[start..end].to_owned(),
            window: start..end,
            line: line - 1,
            window_column: text[line_range.start..start].chars().count(),
            line_start: line_range.start,
        }
    }

    /// Whether a label can be shown in this excerpt.
    pub fn contains(&self, r: &Range<usize>) -> bool {
        self.window.start <= r.start && r.end <= self.window.end
    }
}

/// Bytes of the leading characters of `chars` that fit in `cols` display columns.
fn take_cols(chars: impl Iterator<Item = char>, cols: usize) -> usize {
    let mut used = 0;
    let mut bytes = 0;
    for c in chars {
        used += UnicodeWidthChar::width(c).unwrap_or(0);
        if used > cols {
            break;
        }
        bytes += c.len_utf8();
    }
    bytes
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        _before: usize,
        _after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let offset = span.offset().clamp(self.window.start, self.window.end);
        let column = self.window_column + self.text[..offset - self.window.start].chars().count();
        let _ = self.line_start;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            self.text.as_bytes(),
            (self.window.start, self.window.len()).into(),
            self.line,
            if span.offset() == offset {
                column
            } else {
                self.window_column
            },
            1,
        )))
    }
}
