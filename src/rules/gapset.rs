//! Many rule regexes behind one literal automaton.
//!
//! Each regex is split at its gaps into segments (`gap`); most segments start
//! with known literals. [`SegmentTable`] collects the segments of many regexes
//! (shared by pattern text) and their literals, for one Aho-Corasick automaton
//! over all of them: one pass over a text tells, for every segment, where it
//! can match, and a segment whose literals do not occur is neither searched
//! nor compiled. The pack's scan (`engine::scan::Matcher`) adds the pack's
//! literal keywords to the same automaton; [`GapSet`] serves the profile's
//! role rules, which are tried on many short texts (titles, leads), where one
//! automaton built once costs far less than one per segment.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::gap::{exact_matches, GapMatch, GapRegex, Prefixes, Segment};

/// Where a literal of the automaton occurs: (start, rank of the literal in
/// the segment's prefixes, end).
pub type Occurrence = (usize, u32, usize);

/// The segments of many regexes and the literals that start them.
#[derive(Debug, Default, Clone)]
pub struct SegmentTable {
    literals: Vec<Vec<u8>>,
    literal_ids: HashMap<Vec<u8>, usize>,
    /// Segments that start with literal `i`: (segment id, rank).
    literal_segments: Vec<Vec<(u32, u32)>>,
    segments: Vec<Segment>,
    segment_ids: HashMap<String, usize>,
}

impl SegmentTable {
    /// The id of a literal of the automaton, added if new.
    pub fn literal(&mut self, bytes: &[u8]) -> usize {
        if let Some(&id) = self.literal_ids.get(bytes) {
            return id;
        }
        let id = self.literals.len();
        self.literals.push(bytes.to_vec());
        self.literal_ids.insert(bytes.to_vec(), id);
        self.literal_segments.push(Vec::new());
        id
    }

    /// The ids of the segments of `regex`, in order, added (with their
    /// literals) if new.
    pub fn add(&mut self, regex: &GapRegex) -> Vec<usize> {
        let mut ids = Vec::new();
        for segment in regex.segments() {
            if let Some(&id) = self.segment_ids.get(segment.pattern()) {
                ids.push(id);
                continue;
            }
            let id = self.segments.len();
            self.segment_ids.insert(segment.pattern().to_owned(), id);
            self.segments.push(segment.clone());
            if let Prefixes::Exact(lits) | Prefixes::Starts(lits) = segment.prefixes() {
                for (rank, lit) in lits.iter().enumerate() {
                    let lid = self.literal(lit);
                    self.literal_segments[lid].push((id as u32, rank as u32));
                }
            }
            ids.push(id);
        }
        ids
    }

    /// Whether segment `id` must be searched for even where none of its
    /// literals occurs (it has none).
    pub fn needs_search(&self, id: usize) -> bool {
        matches!(self.segments[id].prefixes(), Prefixes::Unknown)
    }

    pub fn literals(&self) -> &[Vec<u8>] {
        &self.literals
    }

    pub fn segment_count(&self) -> usize {
        self.segments.len()
    }

    /// The segments literal `literal` starts: (segment id, rank).
    pub fn segments_of(&self, literal: usize) -> &[(u32, u32)] {
        &self.literal_segments[literal]
    }

    /// Record an occurrence of literal `literal` at `range` for every segment
    /// it starts.
    pub fn note(&self, literal: usize, range: Range<usize>, occurrences: &mut [Vec<Occurrence>]) {
        for &(segment, rank) in &self.literal_segments[literal] {
            occurrences[segment as usize].push((range.start, rank, range.end));
        }
    }

    /// The matches of segment `id` in `text`, given the occurrences of its
    /// literals: an exact alternation from the occurrences alone, a segment
    /// with starting literals by its regex anchored where they occur, any
    /// other by its regex over the whole text.
    pub fn segment_matches(&self, id: usize, text: &str, occurrences: &mut [Occurrence]) -> Vec<GapMatch> {
        let segment = &self.segments[id];
        match segment.prefixes() {
            Prefixes::Exact(_) => exact_matches(occurrences),
            // (no literal, no match: and no regex to compile)
            Prefixes::Starts(_) if occurrences.is_empty() => Vec::new(),
            Prefixes::Starts(_) => {
                let mut starts: Vec<usize> = occurrences.iter().map(|o| o.0).collect();
                starts.sort_unstable();
                segment.find_at(text, &starts)
            }
            Prefixes::Unknown => segment.find_all(text),
        }
    }

    /// Compile every segment regex the automaton does not answer.
    pub fn warm(&self) {
        self.segments.iter().for_each(Segment::warm_regex);
    }
}

/// How many scans use aho-corasick's small automaton before its fast one is
/// built (the fallback for literals that are not distinct UTF-8 strings).
pub const DFA_AFTER_SCANS: usize = 4;

/// Role scans (titles and leads: a few hundred per report) with the fallback
/// NFA before its DFA is built.
const ROLE_SCANS_BEFORE_DFA: usize = 20_000;

/// A literal automaton searched in every report (overlapping, standard
/// semantics: every occurrence of every literal, nested ones too).
///
/// A character-wise double-array automaton (daachorse): on Chinese text it
/// reads a character per step, not a byte, and is both cheaper to build than
/// aho-corasick's DFA and about twice as fast (the pack's 800 literals over
/// the 2,000-file bench corpus: 34 ms against 75 ms; 0.3 MB against 2.6 MB).
/// Literals it cannot take (bytes that are not UTF-8, from a byte-level
/// regex; an empty or repeated literal) use aho-corasick: a contiguous NFA,
/// then a DFA once it has scanned a few texts.
#[derive(Debug, Clone)]
pub struct Literals {
    searcher: Searcher,
}

#[derive(Clone)]
enum Searcher {
    Charwise(daachorse::CharwiseDoubleArrayAhoCorasick<u32>),
    Bytes(ByteLiterals),
}

impl Literals {
    pub fn new(patterns: Vec<Vec<u8>>) -> Result<Literals, String> {
        Literals::with_threshold(patterns, DFA_AFTER_SCANS)
    }

    /// With the aho-corasick fallback building its DFA after `scans` scans.
    pub fn with_threshold(patterns: Vec<Vec<u8>>, scans: usize) -> Result<Literals, String> {
        let searcher = match charwise(&patterns) {
            Some(automaton) => Searcher::Charwise(automaton),
            None => Searcher::Bytes(ByteLiterals::new(patterns, scans)?),
        };
        Ok(Literals { searcher })
    }

    /// Call `found(literal index, byte range)` for every occurrence of every
    /// literal in `text`, ordered by where they end.
    #[inline]
    pub fn for_each(&self, text: &str, mut found: impl FnMut(usize, Range<usize>)) {
        match &self.searcher {
            Searcher::Charwise(automaton) => {
                for m in automaton.find_overlapping_iter(text) {
                    found(m.value() as usize, m.start()..m.end());
                }
            }
            Searcher::Bytes(literals) => {
                for m in literals.automaton().find_overlapping_iter(text) {
                    found(m.pattern().as_usize(), m.range());
                }
            }
        }
    }
}

impl std::fmt::Debug for Searcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Searcher::Charwise(a) => write!(f, "Charwise({} bytes)", a.heap_bytes()),
            Searcher::Bytes(b) => b.fmt(f),
        }
    }
}

/// The character-wise automaton of distinct, non-empty UTF-8 literals.
fn charwise(patterns: &[Vec<u8>]) -> Option<daachorse::CharwiseDoubleArrayAhoCorasick<u32>> {
    let texts: Vec<(&str, u32)> = patterns
        .iter()
        .enumerate()
        .map(|(i, p)| Some((std::str::from_utf8(p).ok().filter(|s| !s.is_empty())?, u32::try_from(i).ok()?)))
        .collect::<Option<_>>()?;
    daachorse::CharwiseDoubleArrayAhoCorasickBuilder::new()
        .match_kind(daachorse::MatchKind::Standard)
        .build_with_values(texts)
        .ok()
}

/// aho-corasick over byte literals: a contiguous NFA, cheap to build, and a
/// DFA built once it has scanned a few texts (same matches, about twice as fast).
#[derive(Debug)]
struct ByteLiterals {
    patterns: Vec<Vec<u8>>,
    nfa: AhoCorasick,
    dfa: OnceLock<AhoCorasick>,
    scans: AtomicUsize,
    /// Scans with the NFA before the DFA is built.
    threshold: usize,
}

impl ByteLiterals {
    fn new(patterns: Vec<Vec<u8>>, threshold: usize) -> Result<ByteLiterals, String> {
        let nfa = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&patterns)
            .map_err(|e| e.to_string())?;
        Ok(ByteLiterals {
            patterns,
            nfa,
            dfa: OnceLock::new(),
            scans: AtomicUsize::new(0),
            threshold,
        })
    }

    fn automaton(&self) -> &AhoCorasick {
        if let Some(dfa) = self.dfa.get() {
            return dfa;
        }
        if self.scans.fetch_add(1, Ordering::Relaxed) < self.threshold {
            return &self.nfa;
        }
        self.dfa.get_or_init(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::DFA))
                .build(&self.patterns)
                .unwrap_or_else(|_| self.nfa.clone())
        })
    }
}

impl Clone for ByteLiterals {
    fn clone(&self) -> Self {
        ByteLiterals {
            patterns: self.patterns.clone(),
            nfa: self.nfa.clone(),
            dfa: self.dfa.clone(),
            scans: AtomicUsize::new(self.scans.load(Ordering::Relaxed)),
            threshold: self.threshold,
        }
    }
}

/// Rule regexes searched in the same short texts, through one automaton.
/// Built-in rules are split and indexed when the set is first used (on a
/// spare core, while the report is read), not at load.
#[derive(Debug, Default, Clone)]
pub struct GapSet {
    /// Each regex's pattern, and the regex when it was compiled at load.
    patterns: Vec<(String, Option<GapRegex>)>,
    built: OnceLock<Built>,
}

#[derive(Debug, Clone)]
struct Built {
    table: SegmentTable,
    /// Each regex and the ids of its segments.
    regexes: Vec<(GapRegex, Vec<usize>)>,
    automaton: Literals,
}

/// One text as seen by a [`GapSet`]: where each segment's literals occur, and
/// the segment matches worked out so far.
pub struct GapScan<'t> {
    text: &'t str,
    /// The segment of each occurrence, sorted; `occurrences` in the same order.
    segments: Vec<u32>,
    occurrences: RefCell<Vec<Occurrence>>,
    /// Segment matches worked out so far (few per text: a list).
    found: RefCell<Vec<(usize, Vec<GapMatch>)>>,
}

impl<'t> GapScan<'t> {
    pub fn text(&self) -> &'t str {
        self.text
    }

    /// No literal of the set occurs in the text.
    pub fn is_empty(&self) -> bool {
        self.segments.is_empty()
    }
}

impl GapSet {
    /// Add a regex compiled now (a rule file from outside: its errors show
    /// at load); returns its id in the set.
    pub fn add(&mut self, regex: GapRegex, pattern: &str) -> usize {
        self.patterns.push((pattern.to_owned(), Some(regex)));
        self.patterns.len() - 1
    }

    /// Add a built-in regex, split when the set is first used.
    pub fn add_lazy(&mut self, pattern: &str) -> usize {
        self.patterns.push((pattern.to_owned(), None));
        self.patterns.len() - 1
    }

    fn built(&self) -> &Built {
        self.built.get_or_init(|| {
            let mut table = SegmentTable::default();
            let regexes: Vec<(GapRegex, Vec<usize>)> = self
                .patterns
                .iter()
                .map(|(pattern, regex)| {
                    let regex = regex.clone().unwrap_or_else(|| {
                        GapRegex::new(pattern).expect("a built-in rule regex is valid")
                    });
                    let ids = table.add(&regex);
                    (regex, ids)
                })
                .collect();
            // Many short texts per report: the NFA for a report or two, then a DFA.
            let automaton = Literals::with_threshold(table.literals().to_vec(), ROLE_SCANS_BEFORE_DFA)
                .expect("rule literals make an automaton");
            Built {
                table,
                regexes,
                automaton,
            }
        })
    }

    /// Read `text` once for every regex of the set. (A title or lead: few
    /// literals occur, so they are kept in one list sorted by segment.)
    pub fn scan<'t>(&self, text: &'t str) -> GapScan<'t> {
        let built = self.built();
        let mut hits: Vec<(u32, Occurrence)> = Vec::new();
        built.automaton.for_each(text, |literal, range| {
            for &(segment, rank) in built.table.segments_of(literal) {
                hits.push((segment, (range.start, rank, range.end)));
            }
        });
        hits.sort_unstable_by_key(|h| h.0);
        GapScan {
            text,
            segments: hits.iter().map(|h| h.0).collect(),
            occurrences: RefCell::new(hits.into_iter().map(|h| h.1).collect()),
            found: RefCell::new(Vec::new()),
        }
    }

    /// Every match of regex `id` in the scanned text, leftmost first.
    pub fn matches(&self, id: usize, scan: &GapScan<'_>) -> Vec<GapMatch> {
        let built = self.built();
        let (regex, segments) = &built.regexes[id];
        // A match needs every segment; most rules find none of some
        // segment's literals in a title or lead: done.
        if !self.can_match(built, segments, scan) {
            return Vec::new();
        }
        regex.matches_with(scan.text, |i| {
            let sid = segments[i];
            if let Some((_, found)) = scan.found.borrow().iter().find(|(s, _)| *s == sid) {
                return found.clone();
            }
            let from = scan.segments.partition_point(|&s| (s as usize) < sid);
            let to = scan.segments.partition_point(|&s| (s as usize) <= sid);
            let mut occurrences = scan.occurrences.borrow_mut();
            let found = built.table.segment_matches(sid, scan.text, &mut occurrences[from..to]);
            scan.found.borrow_mut().push((sid, found.clone()));
            found
        })
    }

    /// Whether every segment with literals has some in the scanned text.
    fn can_match(&self, built: &Built, segments: &[usize], scan: &GapScan<'_>) -> bool {
        segments.iter().all(|&sid| {
            built.table.needs_search(sid) || scan.segments.binary_search(&(sid as u32)).is_ok()
        })
    }

    /// Whether regex `id` can only match where one of its literals occurs.
    pub fn literal_bound(&self, id: usize) -> bool {
        let built = self.built();
        built.regexes[id].1.iter().any(|&sid| !built.table.needs_search(sid))
    }

    pub fn is_match(&self, id: usize, scan: &GapScan<'_>) -> bool {
        !self.matches(id, scan).is_empty()
    }

    /// Index the regexes now.
    pub fn prepare(&self) {
        self.built();
    }

    /// Index the regexes and compile the segment regexes now.
    pub fn warm(&self) {
        self.built().table.warm();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every occurrence of every literal, as aho-corasick's overlapping
    /// search reports them, sorted.
    fn by_aho_corasick(literals: &[Vec<u8>], text: &str) -> Vec<(usize, Range<usize>)> {
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(literals)
            .unwrap();
        let mut out: Vec<_> = ac
            .find_overlapping_iter(text)
            .map(|m| (m.pattern().as_usize(), m.range()))
            .collect();
        out.sort_by_key(|(p, r)| (r.start, r.end, *p));
        out
    }

    fn by_literals(literals: &[Vec<u8>], text: &str) -> Vec<(usize, Range<usize>)> {
        let mut out = Vec::new();
        Literals::new(literals.to_vec())
            .unwrap()
            .for_each(text, |p, r| out.push((p, r)));
        out.sort_by_key(|(p, r)| (r.start, r.end, *p));
        out
    }

    #[test]
    fn literals_that_are_not_distinct_utf8_fall_back() {
        let text = "依法行政，法治政府";
        // a repeated literal, an empty one, a byte that is half a character
        for literals in [
            vec![b"\xE6\xB3".to_vec(), "法治".as_bytes().to_vec()],
            vec!["法治".as_bytes().to_vec(), "法治".as_bytes().to_vec()],
        ] {
            assert_eq!(by_literals(&literals, text), by_aho_corasick(&literals, text));
        }
        assert!(matches!(
            Literals::new(vec!["法".into(), "法治".into()]).unwrap().searcher,
            Searcher::Charwise(_)
        ));
    }

    proptest::proptest! {
        /// The character-wise automaton finds what aho-corasick finds:
        /// nested, overlapping and repeated occurrences, mixed scripts.
        #[test]
        fn literals_agree_with_aho_corasick(
            literals in proptest::collection::btree_set("[法治依政府a-c，。 ]{1,4}", 1..12),
            text in "[法治依政府a-c，。 \n]{0,60}",
        ) {
            let literals: Vec<Vec<u8>> = literals.into_iter().map(String::into_bytes).collect();
            proptest::prop_assert_eq!(by_literals(&literals, &text), by_aho_corasick(&literals, &text));
        }
    }

    /// Through the set, every regex finds what it finds on its own.
    #[test]
    fn a_set_finds_what_each_regex_finds() {
        let patterns = [
            "(常务会议?|党组会议?)[^。；]{0,40}(学习|学法)",
            "(学法|法治)",
            "《[^》]{0,20}信访[^》]{0,20}》",
            r"(?P<year>20[0-9]{2})年度?[^。；;]{0,24}(安排|计划|打算)",
            "^(下一步|下一年度|下步|明年)",
            "(工作|主要)(安排|打算)$",
            "(补齐?|补强|聚焦)[^，,。；;、]{0,8}(不足|短板)",
            r"(?:^|[^0-9])20[0-9]{2}",
        ];
        let texts = [
            "常务会议学法，党组会学习。学法治学法法治",
            "学习《信访工作条例》《条例》信访》《信访》",
            "2025年工作安排",
            "下一步工作打算",
            "聚焦短板弱项，补齐基层执法短板",
            "",
            "无关的标题",
        ];
        let mut set = GapSet::default();
        let ids: Vec<usize> = patterns
            .iter()
            .enumerate()
            .map(|(i, p)| match i % 2 {
                0 => set.add_lazy(p),
                _ => set.add(GapRegex::new_eager(p).unwrap(), p),
            })
            .collect();
        for t in texts {
            let scan = set.scan(t);
            for (p, &id) in patterns.iter().zip(&ids) {
                let alone = GapRegex::new_eager(p).unwrap().matches_by_regex(t);
                let through: Vec<_> = set.matches(id, &scan).into_iter().map(|m| (m.range, m.groups)).collect();
                let alone: Vec<_> = alone.into_iter().map(|m| (m.range, m.groups)).collect();
                assert_eq!(through, alone, "{p} on {t}");
                assert_eq!(set.is_match(id, &scan), !alone.is_empty(), "{p} on {t}");
            }
        }
    }
}
