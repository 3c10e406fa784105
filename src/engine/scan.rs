//! One-pass multi-pattern scan: every literal of a pack in one Aho-Corasick
//! automaton (overlapping, so nested phrases all hit); regexes run one by one,
//! each behind the literal prefilter the regex crate derives from it.

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};
use crate::rules::gap::GapRegex;

use crate::rules::{Pack, PatternUse};

/// What one compiled pattern stands for in the pack.
#[derive(Debug, Clone, Copy)]
pub struct Target {
    pub item: usize,
    pub usage: PatternUse,
    /// Index of the pattern in `Item::all_patterns()`.
    pub pattern: usize,
}

/// A pattern occurrence in the text.
#[derive(Debug, Clone)]
pub struct Hit {
    pub target: Target,
    pub range: Range<usize>,
}

/// All patterns of a pack, compiled once per run.
#[derive(Debug)]
pub struct Matcher {
    literals: AhoCorasick,
    literal_targets: Vec<Vec<Target>>,
    regexes: Vec<GapRegex>,
    regex_targets: Vec<Vec<Target>>,
}

impl Matcher {
    pub fn new(pack: &Pack) -> Result<Matcher, String> {
        let mut literal_ids: HashMap<&str, usize> = HashMap::new();
        let mut literals: Vec<&str> = Vec::new();
        let mut literal_targets: Vec<Vec<Target>> = Vec::new();
        let mut regex_ids: HashMap<&str, usize> = HashMap::new();
        let mut regexes: Vec<&str> = Vec::new();
        let mut regex_targets: Vec<Vec<Target>> = Vec::new();
        for (item_index, item) in pack.items.iter().enumerate() {
            for (pattern_index, (pattern, usage)) in item.all_patterns().enumerate() {
                let target = Target {
                    item: item_index,
                    usage,
                    pattern: pattern_index,
                };
                let (ids, list, targets) = if pattern.is_regex {
                    (&mut regex_ids, &mut regexes, &mut regex_targets)
                } else {
                    (&mut literal_ids, &mut literals, &mut literal_targets)
                };
                let id = *ids.entry(pattern.text.as_str()).or_insert_with(|| {
                    list.push(pattern.text.as_str());
                    targets.push(Vec::new());
                    list.len() - 1
                });
                targets[id].push(target);
            }
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&literals)
            .map_err(|e| e.to_string())?;
        let compiled = regexes
            .iter()
            .map(|r| GapRegex::new(r))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| e.to_string())?;
        Ok(Matcher {
            literals: automaton,
            literal_targets,
            regexes: compiled,
            regex_targets,
        })
    }

    /// Every hit of every pattern, in text order.
    pub fn scan(&self, text: &str) -> Vec<Hit> {
        let mut hits = Vec::new();
        for m in self.literals.find_overlapping_iter(text) {
            for &target in &self.literal_targets[m.pattern().as_usize()] {
                hits.push(Hit {
                    target,
                    range: m.start()..m.end(),
                });
            }
        }
        // Each regex has its own literal prefilter; a `RegexSet` pass first would
        // cost more to compile than it saves on report-sized texts.
        for (id, regex) in self.regexes.iter().enumerate() {
            for range in regex.find_all(text) {
                for &target in &self.regex_targets[id] {
                    hits.push(Hit {
                        target,
                        range: range.clone(),
                    });
                }
            }
        }
        hits.sort_by_key(|h| (h.range.start, h.range.end));
        hits
    }
}
