//! Bounded gaps in rule regexes, matched without compiling them into automata.
//!
//! Rule authors write proximity as `决策[^。]{0,60}风险评估`: "风险评估 within 60
//! characters of 决策, in the same sentence". Compiled as written, each gap is
//! sixty copies of a Unicode class automaton, and determinising it while
//! scanning costs more than everything else in a run. So a regex is split at
//! its top-level gaps `[^…]{m,n}` (class of plain characters) into segments;
//! each segment is a small regex found on its own, and matches are chained:
//! the next segment must start after the previous one with between m and n
//! characters in between, none of them in the class and no line break. Each
//! chain takes the nearest next segment, as a lazy gap would. Regexes with a
//! top-level `|` next to a gap are compiled as written.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use regex_automata::meta;

/// `[^chars]{m,n}` or `[^chars]{n}` with plain characters in the class.
static GAP: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\[\^([^\]\\\-\^\[]+)\]\{(\d+)(?:,(\d+))?\}").unwrap());

#[derive(Debug, Clone)]
struct Gap {
    forbidden: Vec<char>,
    min: usize,
    max: usize,
}

impl Gap {
    fn allows(&self, s: &str) -> bool {
        let mut n = 0;
        for c in s.chars() {
            if c == '\n' || self.forbidden.contains(&c) {
                return false;
            }
            n += 1;
            if n > self.max {
                return false;
            }
        }
        n >= self.min
    }
}

/// One match: its range and the ranges of its named groups.
#[derive(Debug, Clone)]
pub struct GapMatch {
    pub range: Range<usize>,
    pub groups: Vec<(String, Range<usize>)>,
}

impl GapMatch {
    pub fn group<'t>(&self, text: &'t str, name: &str) -> Option<&'t str> {
        self.groups.iter().find(|(n, _)| n == name).map(|(_, r)| &text[r.clone()])
    }
}

/// A rule regex, split at its gaps.
#[derive(Debug, Clone)]
pub struct GapRegex {
    segments: Vec<meta::Regex>,
    /// `gaps[i]` lies between `segments[i]` and `segments[i + 1]`.
    gaps: Vec<Gap>,
}

/// Split `pattern` at top-level gaps; `None` when it cannot be split safely.
fn split(pattern: &str) -> Option<(Vec<String>, Vec<Gap>)> {
    let (mut segments, mut gaps) = (Vec::new(), Vec::new());
    let (mut depth, mut in_class, mut escaped) = (0i32, false, false);
    let mut current = String::new();
    let mut top_level_bar = false;
    let mut i = 0;
    while i < pattern.len() {
        let rest = &pattern[i..];
        let c = rest.chars().next().unwrap();
        if !escaped && !in_class && depth == 0 && c == '[' {
            if let Some(m) = GAP.captures(rest) {
                let min: usize = m[2].parse().ok()?;
                let max: usize = m.get(3).map(|x| x.as_str().parse().ok()).unwrap_or(Some(min))?;
                segments.push(std::mem::take(&mut current));
                gaps.push(Gap { forbidden: m[1].chars().collect(), min, max });
                i += m.get(0).unwrap().end();
                continue;
            }
        }
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '[' if !in_class => in_class = true,
            ']' if in_class => in_class = false,
            '(' if !in_class => depth += 1,
            ')' if !in_class => depth -= 1,
            '|' if !in_class && depth == 0 => top_level_bar = true,
            _ => {}
        }
        current.push(c);
        i += c.len_utf8();
    }
    segments.push(current);
    if gaps.is_empty() || top_level_bar || segments[1..].iter().any(|s| s.is_empty() || s.starts_with('^')) {
        return None;
    }
    Some((segments, gaps))
}

/// A small regex for rule data (labels, titles, level suffixes, contexts).
pub type Light = meta::Regex;

/// Compile rule-data regexes without an eager full DFA (see `segment_regex`).
pub fn light(pattern: &str) -> Result<Light, regex::Error> {
    segment_regex(pattern)
}

/// Several patterns in one automaton, for "does any match" questions.
pub fn light_many(patterns: &[String]) -> Result<Light, regex::Error> {
    meta::Regex::builder()
        .configure(meta::Regex::config().dfa(false).onepass(false))
        .build_many(patterns)
        .map_err(|e| regex::Error::Syntax(e.to_string()))
}

/// A segment regex. No eager full DFA: rule regexes are many and small, and the
/// lazy DFA is cheaper for report-sized texts than determinising up front.
fn segment_regex(pattern: &str) -> Result<meta::Regex, regex::Error> {
    meta::Regex::builder()
        .configure(meta::Regex::config().dfa(false).onepass(false))
        .build(pattern)
        .map_err(|e| regex::Error::Syntax(e.to_string()))
}

fn group_names(re: &meta::Regex) -> Vec<(usize, String)> {
    re.group_info()
        .pattern_names(regex_automata::PatternID::ZERO)
        .enumerate()
        .filter_map(|(i, n)| n.map(|n| (i, n.to_owned())))
        .collect()
}

impl GapRegex {
    pub fn new(pattern: &str) -> Result<GapRegex, regex::Error> {
        match split(pattern) {
            Some((segments, gaps)) => {
                let segments = segments.iter().map(|s| segment_regex(s)).collect::<Result<Vec<_>, _>>()?;
                Ok(GapRegex { segments, gaps })
            }
            None => Ok(GapRegex { segments: vec![segment_regex(pattern)?], gaps: Vec::new() }),
        }
    }

    fn segment_matches(re: &meta::Regex, text: &str) -> Vec<GapMatch> {
        let names = group_names(re);
        if names.is_empty() {
            return re.find_iter(text).map(|m| GapMatch { range: m.range(), groups: Vec::new() }).collect();
        }
        re.captures_iter(text)
            .filter_map(|c| {
                Some(GapMatch {
                    range: c.get_match()?.range(),
                    groups: names.iter().filter_map(|(i, n)| Some((n.clone(), c.get_group(*i)?.range()))).collect(),
                })
            })
            .collect()
    }

    /// Every match, leftmost first, not overlapping.
    pub fn matches(&self, text: &str) -> Vec<GapMatch> {
        let first = Self::segment_matches(&self.segments[0], text);
        if self.gaps.is_empty() || first.is_empty() {
            return first;
        }
        let rest: Vec<Vec<GapMatch>> = self.segments[1..].iter().map(|re| Self::segment_matches(re, text)).collect();
        let mut out: Vec<GapMatch> = Vec::new();
        'start: for m in first {
            if out.last().is_some_and(|last| m.range.start < last.range.end) {
                continue;
            }
            let mut chain = m;
            for (gap, candidates) in self.gaps.iter().zip(&rest) {
                let from = candidates.partition_point(|c| c.range.start < chain.range.end);
                let next = candidates[from..]
                    .iter()
                    .take_while(|c| c.range.start - chain.range.end <= gap.max * 4)
                    .find(|c| gap.allows(&text[chain.range.end..c.range.start]));
                match next {
                    Some(n) => {
                        chain.range.end = n.range.end;
                        chain.groups.extend(n.groups.iter().cloned());
                    }
                    None => continue 'start,
                }
            }
            out.push(chain);
        }
        out
    }

    pub fn find_all(&self, text: &str) -> Vec<Range<usize>> {
        self.matches(text).into_iter().map(|m| m.range).collect()
    }

    pub fn is_match(&self, text: &str) -> bool {
        if self.gaps.is_empty() {
            return self.segments[0].is_match(text);
        }
        !self.matches(text).is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_keep_their_meaning() {
        let re = GapRegex::new("决策[^。]{0,6}风险评估").unwrap();
        assert_eq!(re.segments.len(), 2);
        assert_eq!(re.find_all("重大决策前开展风险评估。").len(), 1);
        assert!(re.find_all("重大决策。开展风险评估").is_empty(), "the gap may not cross 。");
        assert!(re.find_all("决策一二三四五六七风险评估").is_empty(), "at most 6 characters");
        assert!(re.find_all("决策\n风险评估").is_empty(), "no line break");
        let text = "决策。决策后风险评估";
        let hits = re.find_all(text);
        assert_eq!(hits.len(), 1);
        assert_eq!(&text[hits[0].clone()], "决策后风险评估");
    }

    #[test]
    fn anchors_groups_and_alternations() {
        let re = GapRegex::new(r"(?P<year>20\d{2})\s*年度?[^。；]{0,6}(将|要)").unwrap();
        let text = "针对问题，我镇2022年将重点做好";
        let m = re.matches(text);
        assert_eq!(m[0].group(text, "year"), Some("2022"));
        let anchored = GapRegex::new("^[^。；]{0,10}(仍|还)存在").unwrap();
        assert!(anchored.is_match("我镇还存在问题"));
        assert!(!anchored.is_match("我镇工作有序开展，取得成效，但一二三四五还存在问题"));
        let alt = GapRegex::new("人大[^。]{0,5}监督|政协").unwrap();
        assert_eq!(alt.segments.len(), 1, "top-level alternation is compiled as written");
        assert!(alt.is_match("接受人大常委会监督"));
        let nested = GapRegex::new("《[^》]{0,20}信访[^》]{0,20}》").unwrap();
        assert!(nested.is_match("学习《信访工作条例》"));
        assert!(!nested.is_match("《条例》信访》"));
        let plain = GapRegex::new("放管服|简政放权").unwrap();
        assert_eq!(plain.find_all("深化放管服改革，简政放权").len(), 2);
    }
}
