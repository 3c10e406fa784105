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
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};
use regex_automata::{meta, Anchored, Input};


#[derive(Debug, Clone)]
struct Gap {
    forbidden: Vec<char>,
    min: usize,
    max: usize,
}

impl Gap {
    /// A gap at the start of `s`: `[^chars]{m,n}` or `[^chars]{n}` with plain
    /// characters in the class, and the length of its source. (A small
    /// grammar read by hand: a regex for it would be compiled at every start.)
    fn parse(s: &str) -> Option<(Gap, usize)> {
        let class = s.strip_prefix("[^")?;
        let close = class.find(']')?;
        let forbidden: Vec<char> = class[..close].chars().collect();
        if forbidden.is_empty() || forbidden.iter().any(|c| matches!(c, '\\' | '-' | '^' | '[')) {
            return None;
        }
        let counts = class[close + 1..].strip_prefix('{')?;
        let end = counts.find('}')?;
        let number = |t: &str| -> Option<usize> {
            if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            t.parse().ok()
        };
        let (min, max) = match counts[..end].split_once(',') {
            Some((a, b)) => (number(a)?, number(b)?),
            None => {
                let n = number(&counts[..end])?;
                (n, n)
            }
        };
        let len = s.len() - counts.len() + end + 1;
        Some((Gap { forbidden, min, max }, len))
    }

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
        self.groups
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, r)| &text[r.clone()])
    }
}

/// What the literal prefixes of a segment say about where it can match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prefixes {
    /// The segment is exactly this alternation of literals, in preference
    /// order (no look-around, no named groups): a match is the first literal,
    /// in this order, that occurs at the leftmost position where any occurs.
    Exact(Vec<Vec<u8>>),
    /// Every match starts with one of these literals (none empty).
    Starts(Vec<Vec<u8>>),
    /// No useful prefixes: the segment is searched for on its own.
    Unknown,
}

/// Literal prefixes of one segment (`regex_syntax` literal extraction, whose
/// contract is that every match starts with one of them, listed in preference
/// order; exact literals with no look-around *are* the regex).
fn prefixes(hir: &regex_syntax::hir::Hir, has_names: bool) -> Prefixes {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let mut ex = Extractor::new();
    ex.kind(ExtractKind::Prefix)
        .limit_class(16)
        .limit_repeat(4)
        .limit_literal_len(64)
        .limit_total(128);
    let seq = ex.extract(hir);
    let Some(lits) = seq.literals() else {
        return Prefixes::Unknown;
    };
    if lits.is_empty() || lits.iter().any(|l| l.is_empty()) {
        return Prefixes::Unknown;
    }
    let bytes: Vec<Vec<u8>> = lits.iter().map(|l| l.as_bytes().to_vec()).collect();
    if seq.is_exact() && hir.properties().look_set().is_empty() && !has_names {
        Prefixes::Exact(bytes)
    } else {
        Prefixes::Starts(bytes)
    }
}

/// A compiled segment and the names of its groups.
#[derive(Debug, Clone)]
struct Compiled {
    regex: meta::Regex,
    names: Vec<(usize, String)>,
}

/// One segment of a rule regex: a small regex, compiled when first searched
/// with (a segment whose prefixes are exact never is, when scanned through a
/// [`crate::engine::Matcher`]).
#[derive(Debug)]
pub struct Segment {
    pattern: String,
    prefixes: Prefixes,
    has_names: bool,
    compiled: OnceLock<Compiled>,
    /// `Exact`: the leftmost-first searcher; `Starts`: where matches can start.
    literals: OnceLock<AhoCorasick>,
}

impl Clone for Segment {
    fn clone(&self) -> Self {
        Segment {
            pattern: self.pattern.clone(),
            prefixes: self.prefixes.clone(),
            has_names: self.has_names,
            compiled: self.compiled.clone(),
            literals: self.literals.clone(),
        }
    }
}

impl Segment {
    fn new(pattern: &str, eager: bool) -> Result<Segment, regex::Error> {
        let hir = regex_syntax::ParserBuilder::new()
            .build()
            .parse(pattern)
            .map_err(|e| regex::Error::Syntax(e.to_string()))?;
        let has_names = has_named_group(&hir);
        let segment = Segment {
            pattern: pattern.to_owned(),
            prefixes: prefixes(&hir, has_names),
            has_names,
            compiled: OnceLock::new(),
            literals: OnceLock::new(),
        };
        if eager {
            let compiled = segment.build()?;
            let _ = segment.compiled.set(compiled);
        }
        Ok(segment)
    }

    pub fn pattern(&self) -> &str {
        &self.pattern
    }

    pub fn prefixes(&self) -> &Prefixes {
        &self.prefixes
    }

    fn build(&self) -> Result<Compiled, regex::Error> {
        let regex = segment_regex(&self.pattern, self.has_names)?;
        let names = if self.has_names {
            group_names(&regex)
        } else {
            Vec::new()
        };
        Ok(Compiled { regex, names })
    }

    fn compiled(&self) -> &Compiled {
        // The pattern parsed when the segment was made; compiling can then only
        // fail on the size limits, which rule regexes stay far below (and
        // rule files from outside the binary are compiled eagerly, where an
        // error is reported with its location).
        self.compiled
            .get_or_init(|| self.build().expect("a parsed rule regex compiles"))
    }

    /// For an exact alternation of literals: a leftmost-first Aho-Corasick
    /// automaton over them in preference order, which gives the regex's own
    /// matches and is far cheaper to build.
    fn literal_searcher(&self) -> Option<&AhoCorasick> {
        let Prefixes::Exact(lits) = &self.prefixes else {
            return None;
        };
        Some(self.literals.get_or_init(|| {
            // A few short literals: the contiguous NFA searches them about as
            // fast as a DFA and costs a fraction to build.
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostFirst)
                .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
                .build(lits)
                .expect("a few short literals make an automaton")
        }))
    }

    /// For known starting literals: an automaton over them, to find where a
    /// match can start before the regex is compiled or run. Titles and leads
    /// are short and most rules' literals are not in them: the regex of such a
    /// rule is then never compiled on the parse's path.
    fn start_searcher(&self) -> Option<&AhoCorasick> {
        let Prefixes::Starts(lits) = &self.prefixes else {
            return None;
        };
        Some(self.literals.get_or_init(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
                .build(lits)
                .expect("a few short literals make an automaton")
        }))
    }

    /// Every position where one of the starting literals occurs, sorted.
    fn starts(&self, ac: &AhoCorasick, text: &str) -> Vec<usize> {
        let mut starts: Vec<usize> = ac.find_overlapping_iter(text).map(|m| m.start()).collect();
        starts.sort_unstable();
        starts
    }

    /// Every match in `text`, leftmost first, not overlapping.
    pub fn find_all(&self, text: &str) -> Vec<GapMatch> {
        if let Some(ac) = self.literal_searcher() {
            return ac
                .find_iter(text)
                .map(|m| GapMatch {
                    range: m.range(),
                    groups: Vec::new(),
                })
                .collect();
        }
        if let Some(ac) = self.start_searcher() {
            let starts = self.starts(ac, text);
            if starts.is_empty() {
                return Vec::new();
            }
            return self.find_at(text, &starts);
        }
        self.find_all_by_regex(text)
    }

    /// [`Segment::find_all`] with the segment's regex, whatever its prefixes.
    pub fn find_all_by_regex(&self, text: &str) -> Vec<GapMatch> {
        let c = self.compiled();
        if c.names.is_empty() {
            return c
                .regex
                .find_iter(text)
                .map(|m| GapMatch {
                    range: m.range(),
                    groups: Vec::new(),
                })
                .collect();
        }
        c.regex
            .captures_iter(text)
            .filter_map(|caps| capture_match(&caps, &c.names))
            .collect()
    }

    /// The same matches as [`Segment::find_all`], given every position where
    /// one of the segment's prefixes occurs (sorted, may repeat). Only for
    /// segments with `Prefixes::Starts`.
    pub fn find_at(&self, text: &str, starts: &[usize]) -> Vec<GapMatch> {
        let c = self.compiled();
        let mut out = Vec::new();
        let mut last_end = 0;
        let mut caps = (!c.names.is_empty()).then(|| c.regex.create_captures());
        for (i, &s) in starts.iter().enumerate() {
            if s < last_end || (i > 0 && starts[i - 1] == s) {
                continue;
            }
            let input = Input::new(text).span(s..text.len()).anchored(Anchored::Yes);
            let m = match caps.as_mut() {
                None => c.regex.search(&input).map(|m| GapMatch {
                    range: m.range(),
                    groups: Vec::new(),
                }),
                Some(caps) => {
                    c.regex.search_captures(&input, caps);
                    capture_match(caps, &c.names)
                }
            };
            if let Some(m) = m {
                last_end = m.range.end.max(s + 1);
                out.push(m);
            }
        }
        out
    }

    /// Build now what `find_all` will search with: the automaton of an exact
    /// alternation of literals, else the regex (and its starts' automaton).
    pub fn warm(&self) {
        if self.literal_searcher().is_none() {
            self.start_searcher();
            self.compiled();
        }
    }

    /// Compile the regex of a segment that needs one; through a `Matcher`, an
    /// exact alternation of literals is answered by the matcher's automaton.
    pub fn warm_regex(&self) {
        if !matches!(self.prefixes, Prefixes::Exact(_)) {
            self.compiled();
        }
    }

    pub fn is_match(&self, text: &str) -> bool {
        if let Some(ac) = self.literal_searcher() {
            return ac.is_match(text);
        }
        if let Some(ac) = self.start_searcher() {
            if !ac.is_match(text) {
                return false;
            }
        }
        self.compiled().regex.is_match(text)
    }
}

fn capture_match(
    caps: &regex_automata::util::captures::Captures,
    names: &[(usize, String)],
) -> Option<GapMatch> {
    Some(GapMatch {
        range: caps.get_match()?.range(),
        groups: names
            .iter()
            .filter_map(|(i, n)| Some((n.clone(), caps.get_group(*i)?.range())))
            .collect(),
    })
}

fn has_named_group(hir: &regex_syntax::hir::Hir) -> bool {
    use regex_syntax::hir::HirKind;
    match hir.kind() {
        HirKind::Capture(c) => c.name.is_some() || has_named_group(&c.sub),
        HirKind::Repetition(r) => has_named_group(&r.sub),
        HirKind::Concat(hs) | HirKind::Alternation(hs) => hs.iter().any(has_named_group),
        _ => false,
    }
}

/// Matches of an exact-prefix segment from the occurrences of its literals:
/// `(start, rank, end)` for every occurrence of literal number `rank` of
/// `Prefixes::Exact`, in any order. The result is what the regex's own
/// leftmost-first search would give.
pub fn exact_matches(occurrences: &mut [(usize, u32, usize)]) -> Vec<GapMatch> {
    occurrences.sort_unstable();
    let mut out: Vec<GapMatch> = Vec::with_capacity(occurrences.len());
    let mut last_end = 0;
    let mut last_start = usize::MAX;
    for &(start, _, end) in occurrences.iter() {
        if start == last_start || start < last_end {
            continue;
        }
        last_start = start;
        last_end = end;
        out.push(GapMatch {
            range: start..end,
            groups: Vec::new(),
        });
    }
    out
}

/// A rule regex, split at its gaps.
#[derive(Debug, Clone)]
pub struct GapRegex {
    segments: Vec<Segment>,
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
            if let Some((gap, len)) = Gap::parse(rest) {
                segments.push(std::mem::take(&mut current));
                gaps.push(gap);
                i += len;
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
    if gaps.is_empty()
        || top_level_bar
        || segments[1..]
            .iter()
            .any(|s| s.is_empty() || s.starts_with('^'))
    {
        return None;
    }
    Some((segments, gaps))
}

/// A small regex for rule data (labels, titles, level suffixes, contexts),
/// or several matched as one: compiled now (`light`, `light_many`), or when
/// first used (`Light::lazy`).
pub type Light = super::lazy::Deferred<meta::Regex>;

impl super::lazy::Compile for meta::Regex {
    type Source = Vec<String>;
    fn compile(patterns: &Vec<String>) -> Result<meta::Regex, regex::Error> {
        // Searched in short texts (a line, a title, a sentence) and never for
        // groups: a literal prefilter would cost more to extract than it saves
        // there, and explicit groups only enlarge the automaton.
        let config = super::lazy::config(false)
            .which_captures(regex_automata::nfa::thompson::WhichCaptures::Implicit);
        super::lazy::build(patterns, config)
    }
}

/// Like [`Light`], with a literal prefilter: for patterns that may match
/// anywhere in a long text (a whole line), where finding their literals
/// first is several times faster than running the automaton over it all.
pub type Prefiltered = super::lazy::Deferred<WithPrefilter>;

#[derive(Debug, Clone)]
pub struct WithPrefilter(meta::Regex);

impl super::lazy::Compile for WithPrefilter {
    type Source = Vec<String>;
    fn compile(patterns: &Vec<String>) -> Result<WithPrefilter, regex::Error> {
        let config = super::lazy::config(true)
            .which_captures(regex_automata::nfa::thompson::WhichCaptures::Implicit);
        super::lazy::build(patterns, config).map(WithPrefilter)
    }
}

impl std::ops::Deref for WithPrefilter {
    type Target = meta::Regex;
    fn deref(&self) -> &meta::Regex {
        &self.0
    }
}

/// Compile a rule-data regex now.
pub fn light(pattern: &str) -> Result<Light, regex::Error> {
    Light::eager(vec![pattern.to_owned()])
}

/// Several patterns in one automaton, for "does any match" questions.
pub fn light_many(patterns: &[String]) -> Result<Light, regex::Error> {
    Light::eager(patterns.to_vec())
}

/// A segment regex (engine settings: `lazy::config`). Groups are compiled
/// only when some are named (the only ones read).
fn segment_regex(pattern: &str, named: bool) -> Result<meta::Regex, regex::Error> {
    let groups = if named {
        regex_automata::nfa::thompson::WhichCaptures::All
    } else {
        regex_automata::nfa::thompson::WhichCaptures::Implicit
    };
    super::lazy::build(&[pattern], super::lazy::config(true).which_captures(groups))
}

fn group_names(re: &meta::Regex) -> Vec<(usize, String)> {
    re.group_info()
        .pattern_names(regex_automata::PatternID::ZERO)
        .enumerate()
        .filter_map(|(i, n)| n.map(|n| (i, n.to_owned())))
        .collect()
}

impl GapRegex {
    /// Split and check `pattern`; segments are compiled when first used.
    pub fn new(pattern: &str) -> Result<GapRegex, regex::Error> {
        Self::build(pattern, false)
    }

    /// Split `pattern` and compile every segment now (rule files from outside
    /// the binary: any error shows at load time).
    pub fn new_eager(pattern: &str) -> Result<GapRegex, regex::Error> {
        Self::build(pattern, true)
    }

    fn build(pattern: &str, eager: bool) -> Result<GapRegex, regex::Error> {
        // The whole pattern must be a valid regex, not only its segments (for
        // the built-in rules the tests check this, and a release build skips it).
        if eager || cfg!(debug_assertions) {
            regex_syntax::ParserBuilder::new()
                .build()
                .parse(pattern)
                .map_err(|e| regex::Error::Syntax(e.to_string()))?;
        }
        match split(pattern) {
            Some((segments, gaps)) => {
                let segments = segments
                    .iter()
                    .map(|s| Segment::new(s, eager))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(GapRegex { segments, gaps })
            }
            None => Ok(GapRegex {
                segments: vec![Segment::new(pattern, eager)?],
                gaps: Vec::new(),
            }),
        }
    }

    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// Build every segment's searcher now (see `Segment::warm`).
    pub fn warm(&self) {
        self.segments.iter().for_each(Segment::warm);
    }

    /// Every match, leftmost first, not overlapping.
    pub fn matches(&self, text: &str) -> Vec<GapMatch> {
        self.matches_with(text, |i| self.segments[i].find_all(text))
    }

    /// [`GapRegex::matches`], with the matches of segment `i` from `segment(i)`
    /// (asked for in order, and only as far as needed).
    pub fn matches_with(
        &self,
        text: &str,
        mut segment: impl FnMut(usize) -> Vec<GapMatch>,
    ) -> Vec<GapMatch> {
        let first = segment(0);
        if self.gaps.is_empty() || first.is_empty() {
            return first;
        }
        let rest: Vec<Vec<GapMatch>> = (1..self.segments.len()).map(&mut segment).collect();
        let mut out: Vec<GapMatch> = Vec::new();
        for m in first {
            if out
                .last()
                .is_some_and(|last| m.range.start < last.range.end)
            {
                continue;
            }
            let mut chain = m;
            if self.extend(text, &rest, 0, &mut chain) {
                out.push(chain);
            }
        }
        out
    }

    /// Extend `chain` by the segments from gap `i` on: the nearest candidate
    /// the gap allows first, then (when a later segment finds nothing after
    /// it) the next ones, as the regex's own search backtracks. On failure
    /// `chain` is left as it was.
    fn extend(&self, text: &str, rest: &[Vec<GapMatch>], i: usize, chain: &mut GapMatch) -> bool {
        let (Some(gap), Some(candidates)) = (self.gaps.get(i), rest.get(i)) else {
            return true;
        };
        let (end, groups) = (chain.range.end, chain.groups.len());
        let from = candidates.partition_point(|c| c.range.start < end);
        let within = candidates[from..]
            .iter()
            .take_while(|c| c.range.start - end <= gap.max * 4)
            .filter(|c| gap.allows(&text[end..c.range.start]));
        for next in within {
            chain.range.end = next.range.end;
            chain.groups.extend(next.groups.iter().cloned());
            if self.extend(text, rest, i + 1, chain) {
                return true;
            }
            chain.range.end = end;
            chain.groups.truncate(groups);
        }
        false
    }

    pub fn find_all(&self, text: &str) -> Vec<Range<usize>> {
        self.matches(text).into_iter().map(|m| m.range).collect()
    }

    /// [`GapRegex::matches`] with every segment searched by its regex (the
    /// reference the literal shortcuts are tested against).
    pub fn matches_by_regex(&self, text: &str) -> Vec<GapMatch> {
        self.matches_with(text, |i| self.segments[i].find_all_by_regex(text))
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

    /// A chain that fails after the nearest candidate tries the next ones,
    /// as the regex backtracks: whether a text matches, and where the first
    /// match starts, are the regex crate's own.
    #[test]
    fn chains_backtrack_like_the_regex() {
        let patterns = [
            "(法治思想|法律法规|宪法)[^。；;]{0,40}(纳入|列入|作为)[^。；;]{0,20}干部(教育)?培训",
            "(甲|乙)[^。]{0,3}(丙|丁)[^。]{0,2}戊",
            "甲[^。]{0,5}乙[^。]{0,1}丙",
        ];
        let texts = [
            "坚持把学习贯彻习近平法治思想作为首要政治任务，将其纳入党委中心组学习计划、干部教育培训核心内容。",
            "把宪法作为必修课，纳入干部培训",
            "甲丙x丁戊。乙丁丙xx戊",
            "甲乙x乙丙。甲乙乙丙",
            "甲丙丙丙丁x戊",
        ];
        for p in patterns {
            let gap = GapRegex::new_eager(p).unwrap();
            let re = regex::Regex::new(p).unwrap();
            for t in texts {
                assert_eq!(gap.is_match(t), re.is_match(t), "{p} on {t}");
                let first = gap.find_all(t).first().map(|r| r.start);
                assert_eq!(first, re.find(t).map(|m| m.start()), "{p} on {t}");
            }
        }
    }

    #[test]
    fn gap_syntax_is_read_exactly() {
        let gap = |s: &str| Gap::parse(s).map(|(g, len)| (g.forbidden, g.min, g.max, len));
        assert_eq!(gap("[^。；]{0,6}将"), Some((vec!['。', '；'], 0, 6, "[^。；]{0,6}".len())));
        assert_eq!(gap("[^》]{20}》"), Some((vec!['》'], 20, 20, "[^》]{20}".len())));
        for not_a_gap in [
            "[^。]{0,}", "[^。]{,3}", "[^。]{a}", "[^。]{１}", "[^]{1}", "[^a-z]{1}",
            r"[^\n]{1}", "[^^]{1}", "[^[]{1}", "[^。]", "[^。]{1", "[。]{1}", "[^。] {1}",
        ] {
            assert_eq!(gap(not_a_gap), None, "{not_a_gap}");
        }
    }

    /// Segments with known starting literals are searched from where those
    /// occur; the matches are the regex's own.
    #[test]
    fn starting_literals_give_the_regex_matches() {
        let patterns = [
            r"(?P<year>20[0-9]{2})年度?[^。；]{0,6}(将|要)",
            r"\b(ab|abc)d?\b",
            "(仍然?|还)(存在|有)[^。；]{0,12}(不足|问题)",
            "^(下一步|下步)",
            "主要(负责(人|同志)|领导(干部|同志)?)[^。；]{0,16}(履行|职责)",
            "(a|ab)(c|bcd)",
        ];
        let texts = [
            "2022年将重点做好2023年度要2024年，将。2025年度将",
            "abcd abc ab abcd abbcd xabd",
            "我镇仍然存在问题，还有不足。还存在一些薄弱环节和问题",
            "下一步，下步打算",
            "主要负责同志认真履行职责，主要领导干部带头履职",
            "abcd abc ab abbcd",
            "",
        ];
        for p in patterns {
            let re = GapRegex::new(p).unwrap();
            for t in texts {
                let ours: Vec<_> = re.matches(t).into_iter().map(|m| (m.range, m.groups)).collect();
                let reference: Vec<_> =
                    re.matches_by_regex(t).into_iter().map(|m| (m.range, m.groups)).collect();
                assert_eq!(ours, reference, "{p} on {t}");
                assert_eq!(re.is_match(t), !reference.is_empty(), "{p} on {t}");
            }
        }
    }

    #[test]
    fn gaps_keep_their_meaning() {
        let re = GapRegex::new("决策[^。]{0,6}风险评估").unwrap();
        assert_eq!(re.segments.len(), 2);
        assert_eq!(re.find_all("重大决策前开展风险评估。").len(), 1);
        assert!(
            re.find_all("重大决策。开展风险评估").is_empty(),
            "the gap may not cross 。"
        );
        assert!(
            re.find_all("决策一二三四五六七风险评估").is_empty(),
            "at most 6 characters"
        );
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
        assert_eq!(
            alt.segments.len(),
            1,
            "top-level alternation is compiled as written"
        );
        assert!(alt.is_match("接受人大常委会监督"));
        let nested = GapRegex::new("《[^》]{0,20}信访[^》]{0,20}》").unwrap();
        assert!(nested.is_match("学习《信访工作条例》"));
        assert!(!nested.is_match("《条例》信访》"));
        let plain = GapRegex::new("放管服|简政放权").unwrap();
        assert_eq!(plain.find_all("深化放管服改革，简政放权").len(), 2);
    }
}
