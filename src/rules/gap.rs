//! Bounded gaps in rule regexes, compiled cheaply.
//!
//! Rule authors write proximity as `决策[^。]{0,60}风险评估`: "风险评估 within 60
//! characters of 决策, in the same sentence". Compiled as written, each such gap
//! is sixty copies of a Unicode class automaton: most of the start-up time of a
//! run. Here every gap `[^…]{m,n}` whose class lists plain characters becomes a
//! lazy byte gap `(?s-u:[^\n]){m,4n}?` in a byte regex, and each match is checked
//! afterwards: the gap holds between m and n characters, none of them excluded
//! and no line break. The meaning stays that of the regex as written.

use std::sync::LazyLock;

use regex::bytes::{Captures, Regex, RegexBuilder};

/// `[^chars]{m,n}` or `[^chars]{n}` with plain characters in the class.
static GAP: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"\[\^([^\]\\\-\^\[]+)\]\{(\d+)(?:,(\d+))?\}").unwrap());

#[derive(Debug, Clone)]
struct Gap {
    group: String,
    forbidden: Vec<char>,
    min: usize,
    max: usize,
}

/// A rule regex with its gaps compiled as byte gaps.
#[derive(Debug, Clone)]
pub struct GapRegex {
    regex: Regex,
    gaps: Vec<Gap>,
}

impl GapRegex {
    pub fn new(pattern: &str) -> Result<GapRegex, regex::Error> {
        let mut gaps = Vec::new();
        let mut rewritten = String::with_capacity(pattern.len());
        let mut last = 0;
        for c in GAP.captures_iter(pattern) {
            let whole = c.get(0).unwrap();
            // an escaped bracket is not a class
            if pattern[..whole.start()].ends_with('\\') {
                continue;
            }
            let min: usize = c[2].parse().unwrap_or(0);
            let max: usize = c.get(3).map(|m| m.as_str().parse().unwrap_or(min)).unwrap_or(min);
            let group = format!("fazhigap{}", gaps.len());
            rewritten.push_str(&pattern[last..whole.start()]);
            rewritten.push_str(&format!("(?P<{group}>(?s-u:[^\\n]){{{min},{}}}?)", max * 4));
            gaps.push(Gap { group, forbidden: c[1].chars().collect(), min, max });
            last = whole.end();
        }
        rewritten.push_str(&pattern[last..]);
        let regex = RegexBuilder::new(&rewritten).build()?;
        Ok(GapRegex { regex, gaps })
    }

    fn gaps_hold(&self, caps: &Captures) -> bool {
        self.gaps.iter().all(|g| match caps.name(&g.group) {
            None => true,
            Some(m) => match std::str::from_utf8(m.as_bytes()) {
                Err(_) => false,
                Ok(s) => {
                    let n = s.chars().count();
                    n >= g.min && n <= g.max && !s.chars().any(|c| c == '\n' || g.forbidden.contains(&c))
                }
            },
        })
    }

    /// Every valid match, leftmost first, as captures.
    pub fn captures_all<'t>(&self, text: &'t str) -> Vec<Captures<'t>> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut pos = 0;
        while pos <= bytes.len() {
            let Some(caps) = self.regex.captures_at(bytes, pos) else { break };
            let m = caps.get(0).unwrap();
            let next = if self.gaps.is_empty() || self.gaps_hold(&caps) {
                let end = m.end();
                out.push(caps);
                if end > m.start() { end } else { next_char(text, end) }
            } else {
                next_char(text, m.start())
            };
            pos = next;
        }
        out
    }

    /// Byte ranges of every valid match.
    pub fn find_all(&self, text: &str) -> Vec<std::ops::Range<usize>> {
        if self.gaps.is_empty() {
            return self.regex.find_iter(text.as_bytes()).map(|m| m.range()).collect();
        }
        self.captures_all(text).iter().map(|c| c.get(0).unwrap().range()).collect()
    }

    pub fn is_match(&self, text: &str) -> bool {
        if self.gaps.is_empty() {
            return self.regex.is_match(text.as_bytes());
        }
        !self.captures_all(text).is_empty()
    }
}

fn next_char(text: &str, at: usize) -> usize {
    text[at.min(text.len())..].chars().next().map(|c| at + c.len_utf8()).unwrap_or(text.len() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_keep_their_meaning() {
        let re = GapRegex::new("决策[^。]{0,6}风险评估").unwrap();
        assert_eq!(re.find_all("重大决策前开展风险评估。").len(), 1);
        assert!(re.find_all("重大决策。开展风险评估").is_empty(), "the gap may not cross 。");
        assert!(re.find_all("决策一二三四五六七风险评估").is_empty(), "at most 6 characters");
        assert!(re.find_all("决策\n风险评估").is_empty(), "no line break");
        // a later start in the same text still matches after a rejected one
        let hits = re.find_all("决策。决策后风险评估");
        assert_eq!(hits.len(), 1);
        assert_eq!(&"决策。决策后风险评估"[hits[0].clone()], "决策后风险评估");
    }

    #[test]
    fn named_groups_and_plain_regexes() {
        let re = GapRegex::new(r"(?P<year>20\d{2})年[^。；]{0,6}将").unwrap();
        let text = "针对问题，我镇2022年将重点做好";
        let caps = re.captures_all(text);
        assert_eq!(&caps[0]["year"], b"2022");
        let plain = GapRegex::new("放管服|简政放权").unwrap();
        assert_eq!(plain.find_all("深化放管服改革，简政放权").len(), 2);
        let exact = GapRegex::new("《[^》]{1,4}》").unwrap();
        assert!(exact.is_match("《信访条例》"));
        assert!(!exact.is_match("《》"));
    }
}
