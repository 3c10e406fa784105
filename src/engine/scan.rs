//! One-pass multi-pattern scan: every literal of a pack in one Aho-Corasick
//! automaton (overlapping, so nested phrases all hit), every regex in one
//! `RegexSet` pass that says which regexes can match at all; only those are then
//! run for positions.

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};
use regex::{Regex, RegexSet};

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
    regex_set: RegexSet,
    regexes: Vec<Regex>,
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
        let regex_set = RegexSet::new(&regexes).map_err(|e| e.to_string())?;
        let compiled = regexes
            .iter()
            .map(|r| Regex::new(r))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| e.to_string())?;
        Ok(Matcher {
            literals: automaton,
            literal_targets,
            regex_set,
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
        for id in self.regex_set.matches(text).iter() {
            for m in self.regexes[id].find_iter(text) {
                for &target in &self.regex_targets[id] {
                    hits.push(Hit {
                        target,
                        range: m.range(),
                    });
                }
            }
        }
        hits.sort_by_key(|h| (h.range.start, h.range.end));
        hits
    }
}
