//! Byte spans and their line/column positions.

use serde::Serialize;

/// A located piece of the audited text, as the JSON contract describes it:
/// byte offsets, 1-based line, 1-based column counted in characters. Fields
/// in sorted order: the JSON output writes every object's keys sorted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    pub column: usize,
    pub end: usize,
    pub line: usize,
    pub start: usize,
    pub text: String,
}

/// Maps byte offsets to lines and columns.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset at which each line starts.
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// 1-based line and character column of a byte offset (which must lie on a
    /// char boundary of `text`).
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let column = text[self.starts[line]..offset].chars().count() + 1;
        (line + 1, column)
    }

    /// Byte range of a 1-based line, without its newline.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.starts[line - 1];
        let end = self.starts.get(line).map(|&s| s - 1).unwrap_or(text.len());
        start..end
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// A full span for a byte range of `text`.
    pub fn span(&self, text: &str, range: std::ops::Range<usize>) -> Span {
        let (line, column) = self.line_col(text, range.start);
        Span {
            start: range.start,
            end: range.end,
            line,
            column,
            text: text[range].to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let text = "一、总体\n  （一）法治";
        let idx = LineIndex::new(text);
        let off = text.find("法治").unwrap();
        assert_eq!(idx.line_col(text, off), (2, 6));
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(&text[idx.line_range(text, 1)], "一、总体");
    }
}
