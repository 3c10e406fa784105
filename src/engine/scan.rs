//! One-pass multi-pattern scan: every literal of a pack *and* every literal
//! prefix of its regexes in one Aho-Corasick automaton (overlapping, so nested
//! phrases all hit).
//!
//! Rule regexes are split at their gaps (`rules::gap`) into small segments.
//! A segment that is an alternation of literals (`(指挥|治理|执法)`, `平台`) is
//! answered from the literal occurrences alone, exactly as its leftmost-first
//! regex search would be; a segment with literal prefixes (`《[^》]{1,30}》`)
//! runs its regex anchored at the places where a prefix occurs; only a segment
//! with neither (`(?:^|[^至\d])20\d{2}`) searches the whole text itself. So a
//! report is read once by the automaton instead of once per regex, and most
//! segment regexes are never compiled.

use std::collections::HashMap;
use std::ops::Range;


use crate::rules::gap::{GapMatch, GapRegex};
use crate::rules::gapset::{Literals, Occurrence, SegmentTable};
use crate::rules::{Pack, PatternUse};

/// What one compiled pattern stands for in the pack.
#[derive(Debug, Clone, Copy)]
pub struct Target {
    /// The item's index in the pack; for `PatternUse::Negation`, the index of
    /// the negation set in `Pack::negations`.
    pub item: usize,
    pub usage: PatternUse,
    /// Index of the pattern in `Item::all_patterns()` (in its negation set
    /// for `PatternUse::Negation`).
    pub pattern: usize,
}

/// A pattern occurrence in the text.
#[derive(Debug, Clone)]
pub struct Hit {
    pub target: Target,
    pub range: Range<usize>,
}

/// Where the segments of one regex are, in the matcher's segment table.
#[derive(Debug)]
struct RegexEntry {
    regex: GapRegex,
    segments: Vec<usize>,
    targets: Vec<Target>,
}

/// All patterns of a pack, compiled once per run.
#[derive(Debug)]
pub struct Matcher {
    literals: Literals,
    /// Pack literal patterns by automaton literal id.
    targets: Vec<Vec<Target>>,
    /// The regexes' segments and their literals (the automaton's other ones).
    table: SegmentTable,
    regexes: Vec<RegexEntry>,
}

impl Matcher {
    /// Compile a pack's patterns. Built-in packs compile segment regexes when
    /// first needed; other packs compile every segment now, so that an error
    /// in a rule file shows before any report is read.
    pub fn new(pack: &Pack) -> Result<Matcher, String> {
        let mut table = SegmentTable::default();
        let mut targets: Vec<Vec<Target>> = Vec::new();
        let mut regex_ids: HashMap<&str, usize> = HashMap::new();
        let mut regexes: Vec<RegexEntry> = Vec::new();
        let item_patterns = pack.items.iter().enumerate().flat_map(|(item, it)| {
            it.all_patterns()
                .enumerate()
                .map(move |(pattern, (p, usage))| (p, Target { item, usage, pattern }))
        });
        let negation_patterns = pack.negations.iter().enumerate().flat_map(|(set, ps)| {
            ps.iter().enumerate().map(move |(pattern, p)| {
                (p, Target { item: set, usage: PatternUse::Negation, pattern })
            })
        });
        for (pattern, target) in item_patterns.chain(negation_patterns) {
            if !pattern.is_regex {
                let id = table.literal(pattern.text.as_bytes());
                if targets.len() <= id {
                    targets.resize(id + 1, Vec::new());
                }
                targets[id].push(target);
                continue;
            }
            if let Some(&id) = regex_ids.get(pattern.text.as_str()) {
                regexes[id].targets.push(target);
                continue;
            }
            let regex = if pack.builtin {
                GapRegex::new(&pattern.text)
            } else {
                GapRegex::new_eager(&pattern.text)
            }
            .map_err(|e| e.to_string())?;
            let segments = table.add(&regex);
            regex_ids.insert(pattern.text.as_str(), regexes.len());
            regexes.push(RegexEntry {
                regex,
                segments,
                targets: vec![target],
            });
        }
        targets.resize(table.literals().len(), Vec::new());
        Ok(Matcher {
            literals: Literals::new(table.literals().to_vec())?,
            targets,
            table,
            regexes,
        })
    }

    /// Compile every regex segment now (see `CompiledPack::warm`).
    pub fn warm(&self) {
        self.table.warm();
    }

    /// Every hit of every pattern, in text order.
    pub fn scan(&self, text: &str) -> Vec<Hit> {
        // About one hit per 30 bytes of a report: grown a few times at most.
        let mut hits = Vec::with_capacity(text.len() / 32);
        // (start, rank, end) of every prefix occurrence, per segment.
        let segments = self.table.segment_count();
        // The per-segment lists are kept from one report to the next of the
        // same thread (cleared, not freed): most reports fill the same ones.
        let mut occurrences = OCCURRENCES.take();
        occurrences.iter_mut().for_each(Vec::clear);
        occurrences.resize_with(segments, Vec::new);
        self.literals.for_each(text, |literal, range| {
            for &target in &self.targets[literal] {
                hits.push(Hit {
                    target,
                    range: range.clone(),
                });
            }
            self.table.note(literal, range, &mut occurrences);
        });
        // Matches of each segment, worked out when a regex first needs them.
        let mut found: Vec<Option<Vec<GapMatch>>> = vec![None; segments];
        for entry in &self.regexes {
            let matches = entry.regex.matches_with(text, |i| {
                let id = entry.segments[i];
                found[id]
                    .get_or_insert_with(|| self.table.segment_matches(id, text, &mut occurrences[id]))
                    .clone()
            });
            for m in matches {
                for &target in &entry.targets {
                    hits.push(Hit {
                        target,
                        range: m.range.clone(),
                    });
                }
            }
        }
        OCCURRENCES.set(occurrences);
        hits.sort_by_key(|h| (h.range.start, h.range.end));
        hits
    }
}

thread_local! {
    /// `Matcher::scan`'s occurrence lists, per segment, between reports.
    static OCCURRENCES: std::cell::Cell<Vec<Vec<Occurrence>>> = const { std::cell::Cell::new(Vec::new()) };
}

#[cfg(test)]
mod tests {
    use crate::rules::gap::GapRegex;

    /// The literal shortcut gives what the regexes give, on tricky texts.
    #[test]
    fn prefix_shortcuts_agree_with_the_regexes() {
        let patterns = [
            "(常务会议?|党组会议?|办公会议?|常委会(议)?)[^。；]{0,40}(学习|学法)",
            "(学法|法治)",
            "(a|ab)(c|bcd)",
            "《[^》]{0,20}信访[^》]{0,20}》",
            "(法治|依法|法律)[^。；]{0,20}自查",
            r"(?P<year>20\d{2})\s*年度?[^。；]{0,6}(将|要)",
            r"\b(ab|abc)\b",
            "依法治[省市县区镇乡街局]?(委员会|委|办)",
            "(法治思想|法律法规|宪法|民法典)[^。；;]{0,40}(纳入|列入|列为|作为)[^。；;]{0,20}干部(教育)?培训",
        ];
        let texts = [
            "学法治学法法治。常务会议学法，党组会学习。常委会议学习法治依法自查，法律法规自查",
            "abcd abc ab abcd abbcd",
            "学习《信访工作条例》《条例》信访》《信访》",
            "2022年将重点做好2023年度要2024年，将",
            "依法治市委员会依法治委依法治局办依法治",
            "坚持把学习贯彻习近平法治思想作为首要政治任务，将其纳入党委中心组学习计划、干部教育培训核心内容。",
        ];
        for p in patterns {
            let re = GapRegex::new(p).unwrap();
            let eager = GapRegex::new_eager(p).unwrap();
            for t in texts {
                let pack_like = crate::engine::scan::tests::scan_one(p, t);
                let plain: Vec<_> = eager
                    .matches_by_regex(t)
                    .into_iter()
                    .map(|m| m.range)
                    .collect();
                assert_eq!(pack_like, plain, "{p} on {t}");
                assert_eq!(re.find_all(t), plain, "{p} on {t}");
            }
        }
    }

    /// Ranges of one regex found through a matcher.
    pub(super) fn scan_one(pattern: &str, text: &str) -> Vec<std::ops::Range<usize>> {
        let pack = crate::rules::Pack {
            id: "t".into(),
            title: String::new(),
            description: None,
            basis: None,
            version: None,
            report_years: None,
            items: vec![crate::rules::Item {
                id: "t".into(),
                title: String::new(),
                basis: String::new(),
                description: None,
                weight: 1.0,
                severity: Default::default(),
                applies: None,
                role: None,
                patterns: vec![crate::rules::Pattern {
                    text: pattern.into(),
                    is_regex: true,
                    origin: origin(),
                }],
                partial: Vec::new(),
                parts: Vec::new(),
                exclude: Vec::new(),
                negation: 0,
                context: Vec::new(),
                evidence: crate::rules::Scope {
                    roles: Vec::new(),
                    headings: true,
                    sub_headings: false,
                },
                plan_roles: Vec::new(),
                help: None,
                belongs_under: Vec::new(),
                messages: Default::default(),
                examples: Vec::new(),
                origin: origin(),
            }],
            negations: vec![Vec::new()],
            origin: origin(),
            builtin: true,
        };
        let m = super::Matcher::new(&pack).unwrap();
        // Twice the DFA threshold: both automata give the same hits.
        let first: Vec<_> = m.scan(text).into_iter().map(|h| h.range).collect();
        for _ in 0..2 * crate::rules::gapset::DFA_AFTER_SCANS {
            let again: Vec<_> = m.scan(text).into_iter().map(|h| h.range).collect();
            assert_eq!(first, again);
        }
        first
    }

    fn origin() -> crate::rules::Origin {
        crate::rules::Origin {
            file: "t".into(),
            source: "".into(),
            range: 0..0,
        }
    }
}

