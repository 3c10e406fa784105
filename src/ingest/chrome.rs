//! Page chrome: breadcrumbs, share and QR lines, font-size widgets, footers.
//!
//! The phrases live in the rule data (`rules/document.yaml`, `chrome:`); this
//! module only knows how to match them against whole lines and return the byte
//! ranges to mask.

use crate::rules::gap::{light_many, Light, Prefiltered};

/// Matches lines that are page chrome.
///
/// The patterns anchored at the line's start (`^…`, most of them) are one
/// automaton, the others another, searched from their literals: an anchored
/// search gives up within a few characters of a paragraph line, where one
/// automaton for all would read every line to its end for the few patterns
/// that may match anywhere (7× slower on the bench corpus's lines).
#[derive(Debug, Clone)]
pub struct ChromeMatcher {
    anchored: Light,
    anywhere: Prefiltered,
}

/// The patterns that can only match at the start of a line, and the others.
fn by_anchor(patterns: &[String]) -> (Vec<String>, Vec<String>) {
    patterns.iter().cloned().partition(|p| p.starts_with('^'))
}

impl ChromeMatcher {
    /// `patterns` are regexes matched against one trimmed line each.
    pub fn new(patterns: &[String]) -> Result<Self, regex::Error> {
        let (anchored, anywhere) = by_anchor(patterns);
        Ok(ChromeMatcher {
            anchored: light_many(&anchored)?,
            anywhere: Prefiltered::eager(anywhere)?,
        })
    }

    /// Patterns whose syntax was checked, compiled when first used.
    pub fn lazy(patterns: Vec<String>) -> Self {
        let (anchored, anywhere) = by_anchor(&patterns);
        ChromeMatcher {
            anchored: Light::lazy(anchored),
            anywhere: Prefiltered::lazy(anywhere),
        }
    }

    /// Compile now (see `Profile::warm`).
    pub fn warm(&self) {
        self.anchored.get();
        self.anywhere.get();
    }

    pub fn empty() -> Self {
        ChromeMatcher::new(&[]).expect("an empty pattern set compiles")
    }

    /// Whether one line (without its newline) is chrome. A long line with a
    /// sentence in it is not, whatever it starts or ends with: it is text run
    /// together with a breadcrumb or a footer (a page flattened to one line),
    /// and masking it would mask the report.
    pub fn is_chrome_line(&self, line: &str) -> bool {
        let trimmed = line
            .trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '•' || c == '·');
        !trimmed.is_empty()
            && !is_prose(trimmed)
            && (self.anchored.is_match(trimmed) || self.anywhere.is_match(trimmed))
    }

    /// Byte ranges of the chrome lines of `text` (each without the newline).
    pub fn mask(&self, text: &str) -> Vec<std::ops::Range<usize>> {
        let mut out = Vec::new();
        let mut start = 0;
        for line in text.split('\n') {
            let end = start + line.len();
            if self.is_chrome_line(line) {
                out.push(start..end);
            }
            start = end + 1;
        }
        out
    }
}

/// Chrome lines are short; a line past this many characters that holds a
/// full stop is prose.
const PROSE_CHARS: usize = 200;

fn is_prose(line: &str) -> bool {
    line.len() > PROSE_CHARS && line.chars().count() > PROSE_CHARS && line.contains('。')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_whole_lines_only() {
        let m = ChromeMatcher::new(&["^(您)?当前(的)?位置".into(), "扫一扫".into()]).unwrap();
        let text = "您当前的位置: 首页 > 政务公开\n正文政务公开工作\n扫一扫在手机打开当前页";
        let mask = m.mask(text);
        assert_eq!(mask.len(), 2);
        assert_eq!(&text[mask[0].clone()], "您当前的位置: 首页 > 政务公开");
        assert_eq!(&text[mask[1].clone()], "扫一扫在手机打开当前页");
    }

    #[test]
    fn a_report_run_into_a_breadcrumb_is_not_chrome() {
        let m = ChromeMatcher::new(&["^(您)?当前(的)?位置".into(), "ICP备".into()]).unwrap();
        let report = "当前位置：首页 > 政务公开 > 某街道2022年法治政府建设年度报告。一、强化组织领导。".to_owned()
            + &"坚持依法决策、推进依法行政。".repeat(20)
            + "湘ICP备05003125号";
        assert!(m.mask(&report).is_empty());
        let long_menu = "当前位置：".to_owned() + &"首页 > 政务公开 > ".repeat(30);
        assert_eq!(m.mask(&long_menu).len(), 1, "a long line without a sentence is still chrome");
    }
}
