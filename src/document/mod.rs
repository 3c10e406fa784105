//! Stage 2: text → document.
//!
//! Finds the report's title, unit, level, year and publication date; splits the
//! text into blocks (paragraphs and headings); builds the section tree from
//! Chinese heading numbering (一、 （一） 1. （1） ① 第一部分); and gives every
//! byte of the body a role (achievements, first-responsible, shortcomings,
//! next-year, other, preamble). Roles come from headings *and* from unheaded
//! paragraphs led by phrases such as 但仍存在 / 下一步; the phrases are data
//! (`Profile`), the mechanism is here.

mod blocks;
mod kinds;
pub use blocks::heading_marker as blocks_heading_marker;
mod meta;
pub mod profile;
mod roles;
pub mod scantext;

use std::ops::Range;

use serde::Serialize;

pub use profile::Profile;

use crate::ingest::Source;
use crate::span::LineIndex;

pub use kinds::{Level, Role};

/// Compile the parser's own regexes (heading markers, dates, page numbers)
/// now rather than at their first use in a parse: the first job of the
/// warm-up core (`cli::audit::Auditor::warm`).
pub fn warm() {
    blocks::warm();
    meta::warm();
}

/// What a block of text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading; `level` 1 = 一、, 2 = （一）, 3 = 1., 4 = （1）, 5 = ①.
    Heading {
        level: u8,
    },
    Paragraph,
    Title,
    /// Header lines: source, dates, document number, salutation.
    Meta,
    /// Closing lines: unit, date, contacts.
    Signature,
}

/// One paragraph or heading: a run of lines. A heading may run in: `（一）标题。正文`.
#[derive(Debug, Clone)]
pub struct Block {
    /// Byte range of the block's text (trimmed).
    pub range: Range<usize>,
    pub kind: BlockKind,
    /// For headings: the heading's own text (marker and title, without run-in body).
    pub heading: Option<Range<usize>>,
    /// For headings: the title without the numbering marker.
    pub title: Option<Range<usize>>,
    /// Index of the innermost section this block belongs to.
    pub section: Option<usize>,
}

impl Block {
    /// The body text range: for a run-in heading the part after its title.
    pub fn body(&self) -> Range<usize> {
        match &self.heading {
            Some(h) => h.end..self.range.end,
            None => self.range.clone(),
        }
    }
}

/// A numbered section: its heading and everything up to the next heading of the
/// same or a higher level.
#[derive(Debug, Clone)]
pub struct Section {
    pub level: u8,
    pub block: usize,
    pub heading: Range<usize>,
    pub title: Range<usize>,
    pub range: Range<usize>,
    pub parent: Option<usize>,
    pub role: Role,
}

/// A stretch of text with one role. Segments are sorted and do not overlap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub range: Range<usize>,
    pub role: Role,
    /// The stretch is heading text (a section title).
    pub heading: bool,
}

/// Facts about the report as a whole.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Meta {
    pub title: Option<String>,
    pub year: Option<i32>,
    pub unit: Option<String>,
    pub level: Option<Level>,
    pub published: Option<String>,
    pub encoding: String,
    #[serde(skip)]
    pub title_range: Option<Range<usize>>,
    #[serde(skip)]
    pub published_range: Option<Range<usize>>,
    #[serde(skip)]
    pub year_range: Option<Range<usize>>,
}

/// A parsed report.
#[derive(Debug, Clone)]
pub struct Document {
    pub text: String,
    pub format: crate::ingest::Format,
    pub meta: Meta,
    pub lines: LineIndex,
    /// Masked page chrome (byte ranges of whole lines).
    pub chrome: Vec<Range<usize>>,
    /// Page numbers and running headers of a hard-wrapped (PDF) text: not text
    /// of the report, left out of the scan text even where a paragraph runs on
    /// over a page break (they lie inside its block).
    pub furniture: Vec<Range<usize>>,
    pub blocks: Vec<Block>,
    pub sections: Vec<Section>,
    pub segments: Vec<Segment>,
    /// The text patterns are matched against (see `scantext`).
    pub scan: scantext::ScanText,
}

impl Document {
    /// Parse a decoded report.
    pub fn parse(source: Source, profile: &Profile) -> Document {
        let text = source.text;
        let chrome = profile.chrome.mask(&text);
        let (mut blocks, furniture) = blocks::split(&text, &chrome, &source.headings);
        blocks::top_level_first(&mut blocks);
        let mut meta = meta::extract(&text, &mut blocks, profile);
        meta.encoding = source.encoding;
        let year = meta
            .year
            .or_else(|| meta::working_year(&text, &blocks, meta.published.as_deref()));
        let sections = roles::build_sections(&text, &mut blocks, profile, year);
        let segments = roles::assign(&text, &blocks, &furniture, &sections, profile, year);
        let scan = scantext::ScanText::new(&text, &blocks, &furniture);
        Document {
            lines: LineIndex::new(&text),
            text,
            format: source.format,
            meta,
            chrome,
            furniture,
            blocks,
            sections,
            segments,
            scan,
        }
    }

    /// Parse plain text directly (rule examples, tests).
    pub fn from_text(text: &str, profile: &Profile) -> Document {
        let source = Source {
            text: crate::ingest::decode::fold_fullwidth_digits(
                crate::ingest::decode::normalize_newlines(text.to_owned()),
            )
            .0,
            encoding: "utf-8".into(),
            format: crate::ingest::Format::Text,
            headings: Vec::new(),
            simplified: false,
            relined: false,
        };
        Document::parse(source, profile)
    }

    /// The segment containing byte `offset`, if any (chrome and blank lines have none).
    pub fn segment_at(&self, offset: usize) -> Option<&Segment> {
        let i = self.segments.partition_point(|s| s.range.end <= offset);
        self.segments.get(i).filter(|s| s.range.start <= offset)
    }

    /// The block containing byte `offset`.
    pub fn block_at(&self, offset: usize) -> Option<&Block> {
        let i = self.blocks.partition_point(|b| b.range.end <= offset);
        self.blocks.get(i).filter(|b| b.range.start <= offset)
    }

    /// The sentence around byte `offset` and the titles of the sections it is in:
    /// the scope a context pattern is checked in.
    pub fn context_texts(&self, offset: usize) -> Vec<&str> {
        let Some(block) = self.block_at(offset) else {
            return Vec::new();
        };
        let mut out: Vec<&str> = sentence_at(&self.text, block.range.clone(), offset)
            .map(|s| &self.text[s])
            .into_iter()
            .collect();
        let mut section = block.section;
        while let Some(i) = section {
            out.push(&self.text[self.sections[i].title.clone()]);
            section = self.sections[i].parent;
        }
        out
    }

    /// The role at byte `offset`.
    pub fn role_at(&self, offset: usize) -> Option<Role> {
        self.segment_at(offset).map(|s| s.role)
    }

    /// Whether any body text has this role.
    pub fn has_role(&self, role: Role) -> bool {
        self.segments.iter().any(|s| s.role == role && !s.heading)
    }

    /// Contiguous stretches (merged segments) of one role, headings included.
    pub fn parts(&self, role: Role) -> Vec<Range<usize>> {
        let mut out: Vec<Range<usize>> = Vec::new();
        for s in self.segments.iter().filter(|s| s.role == role) {
            match out.last_mut() {
                Some(last)
                    if self.text[last.end..s.range.start].trim().is_empty()
                        || last.end == s.range.start =>
                {
                    last.end = s.range.end
                }
                _ => out.push(s.range.clone()),
            }
        }
        out
    }

    /// A JSON/diagnostic span for a byte range.
    pub fn span(&self, range: Range<usize>) -> crate::span::Span {
        self.lines.span(&self.text, range)
    }

    /// The section heading that best stands for a role, for labels.
    pub fn first_heading_with_role(&self, role: Role) -> Option<&Section> {
        self.sections.iter().find(|s| s.role == role)
    }
}

fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';')
}

/// Whether the character `c` at byte `at` of `text` ends a sentence: a
/// sentence end, or a Latin full stop typed for 。 after a Han ("工作.一是",
/// OCR and some drafters' keyboards), never one after a digit ("1.加快") or
/// inside a number or an address.
pub(crate) fn ends_sentence_at(text: &str, at: usize, c: char) -> bool {
    ends_sentence(c) || (matches!(c, '.' | '．') && is_latin_full_stop(text, at, c))
}

/// A `.` or `．` after a Han character and before another one, a blank or
/// the end of the text.
pub fn is_latin_full_stop(text: &str, at: usize, c: char) -> bool {
    use crate::ingest::decode::is_han;
    matches!(c, '.' | '．')
        && text[..at].chars().next_back().is_some_and(is_han)
        && text[at + c.len_utf8()..]
            .chars()
            .next()
            .is_none_or(|n| is_han(n) || n.is_whitespace())
}

/// The sentence of `range` that holds byte `offset`, as [`sentences`] gives
/// it (none where `sentences` leaves the stretch out), without splitting the
/// rest of the range.
fn sentence_at(text: &str, range: Range<usize>, offset: usize) -> Option<Range<usize>> {
    if !(range.start <= offset && offset < range.end) {
        return None;
    }
    let start = text[range.start..offset]
        .char_indices()
        .rev()
        .find(|&(i, c)| ends_sentence_at(text, range.start + i, c))
        .map_or(range.start, |(i, c)| range.start + i + c.len_utf8());
    match text[offset..range.end]
        .char_indices()
        .find(|&(i, c)| ends_sentence_at(text, offset + i, c))
    {
        Some((i, c)) => {
            let end = offset + i + c.len_utf8();
            (text[start..end].trim().chars().count() > 1).then_some(start..end)
        }
        None => (!text[start..range.end].trim().is_empty()).then_some(start..range.end),
    }
}

/// Byte ranges of the sentences of `range` (split after 。！？；!?;).
pub fn sentences(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = range.start;
    for (i, c) in text[range.clone()].char_indices() {
        if ends_sentence_at(text, range.start + i, c) {
            let end = range.start + i + c.len_utf8();
            if text[start..end].trim().chars().count() > 1 {
                out.push(start..end);
            }
            start = end;
        }
    }
    if start < range.end && !text[start..range.end].trim().is_empty() {
        out.push(start..range.end);
    }
    out
}

#[cfg(test)]
mod tests;
