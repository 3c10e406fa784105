//! Stage 3: rule packs — YAML schema, loading, validation.
//!
//! Built-in packs (and the document profile) are embedded in the binary; more
//! packs load from directories (`--rules DIR`). Every problem in a rule file is a
//! miette diagnostic pointing at the line and column of the YAML.

pub mod checks;
pub mod checks_schema;
pub mod gap;
pub mod gapset;
pub mod lazy;
pub mod load;
pub mod schema;
pub mod spanned;

use std::ops::Range;
use std::sync::Arc;

pub use load::{load, load_builtin, RulesError};
pub use schema::{Severity, Status};

use crate::document::{Level, Profile, Role};

/// The built-in rule files, embedded at compile time.
pub const BUILTIN_PACKS: &[(&str, &str)] = &[(
    "rules/outline-2021.yaml",
    include_str!("../../rules/outline-2021.yaml"),
)];
pub const BUILTIN_PROFILE: (&str, &str) = (
    "rules/document.yaml",
    include_str!("../../rules/document.yaml"),
);
pub const BUILTIN_CHECKS: (&str, &str) = ("rules/checks.yaml", include_str!("../../rules/checks.yaml"));

/// The built-in files parsed at build time (`build.rs`): JSON of the same
/// definitions, read instead of the YAML; empty if the YAML did not parse.
const PREPARSED: &[(&str, &str)] = &[
    (
        "rules/outline-2021.yaml",
        include_str!(concat!(env!("OUT_DIR"), "/outline-2021.json")),
    ),
    (
        "rules/document.yaml",
        include_str!(concat!(env!("OUT_DIR"), "/document.json")),
    ),
    (
        "rules/checks.yaml",
        include_str!(concat!(env!("OUT_DIR"), "/checks.json")),
    ),
];

/// Where a rule element was written, for diagnostics.
#[derive(Debug, Clone)]
pub struct Origin {
    pub file: Arc<str>,
    pub source: Arc<str>,
    /// Byte range in `source`.
    pub range: Range<usize>,
}

impl Origin {
    pub fn line(&self) -> usize {
        self.source[..self.range.start.min(self.source.len())]
            .matches('\n')
            .count()
            + 1
    }
}

/// One literal phrase or regex.
#[derive(Debug, Clone)]
pub struct Pattern {
    pub text: String,
    pub is_regex: bool,
    pub origin: Origin,
}

impl Pattern {
    pub fn display(&self) -> String {
        if self.is_regex {
            format!("/{}/", self.text)
        } else {
            format!("“{}”", self.text)
        }
    }
}

#[derive(Debug, Clone)]
pub struct Part {
    pub name: String,
    pub patterns: Vec<Pattern>,
}

/// Where hits count.
#[derive(Debug, Clone)]
pub struct Scope {
    pub roles: Vec<Role>,
    pub headings: bool,
    /// With `headings: false`: the title of a sub-section inside a part of
    /// the same role counts (“（二）原因分析” under “存在的不足和原因”).
    pub sub_headings: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Messages {
    pub covered: Option<String>,
    pub partial: Option<String>,
    pub planned: Option<String>,
    pub missing: Option<String>,
    /// For `planned` and `missing` when the opening summary (which is not an
    /// account of the year's work) mentions the item: "not seen" or "only in
    /// the plan" would then be untrue.
    pub opening: Option<String>,
}

impl Messages {
    pub fn get(&self, status: Status) -> Option<&str> {
        match status {
            Status::Covered => self.covered.as_deref(),
            Status::Partial => self.partial.as_deref(),
            Status::Planned => self.planned.as_deref(),
            Status::Missing => self.missing.as_deref(),
            Status::NotApplicable => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Example {
    pub text: String,
    pub expect: Status,
    pub level: Option<Level>,
    pub origin: Origin,
}

/// One checklist item, resolved against its pack's defaults.
#[derive(Debug, Clone)]
pub struct Item {
    pub id: String,
    pub title: String,
    pub basis: String,
    pub description: Option<String>,
    pub weight: f64,
    pub severity: Severity,
    pub applies: Option<Vec<Level>>,
    pub role: Option<Role>,
    pub patterns: Vec<Pattern>,
    pub partial: Vec<Pattern>,
    pub parts: Vec<Part>,
    pub exclude: Vec<Pattern>,
    /// Which of the pack's negation sets (`Pack::negations`) acts on the
    /// item: the one of the rule file that wrote it.
    pub negation: usize,
    pub context: Vec<Pattern>,
    pub evidence: Scope,
    pub plan_roles: Vec<Role>,
    pub help: Option<String>,
    /// Words of a section title the item belongs under (`belongs_under`).
    pub belongs_under: Vec<String>,
    pub messages: Messages,
    pub examples: Vec<Example>,
    pub origin: Origin,
}

impl Item {
    pub fn applies_to(&self, level: Option<Level>) -> bool {
        match (&self.applies, level) {
            (Some(levels), Some(level)) => levels.contains(&level),
            _ => true,
        }
    }

    /// Every pattern of the item with what it stands for.
    pub fn all_patterns(&self) -> impl Iterator<Item = (&Pattern, PatternUse)> {
        self.patterns
            .iter()
            .map(|p| (p, PatternUse::Full))
            .chain(self.partial.iter().map(|p| (p, PatternUse::Partial)))
            .chain(
                self.parts.iter().enumerate().flat_map(|(i, part)| {
                    part.patterns.iter().map(move |p| (p, PatternUse::Part(i)))
                }),
            )
            .chain(self.exclude.iter().map(|p| (p, PatternUse::Exclude)))
    }
}

/// What a pattern hit means for its item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PatternUse {
    Full,
    Partial,
    Part(usize),
    Exclude,
    /// A negated statement (a pack's `negation:`, not an item's pattern):
    /// hits of the items in its clause count as problems, not work done.
    Negation,
}

impl PatternUse {
    /// Patterns that veto or qualify other hits and are no evidence themselves.
    pub fn is_qualifier(self) -> bool {
        matches!(self, PatternUse::Exclude | PatternUse::Negation)
    }
}

/// A rule pack.
#[derive(Debug, Clone)]
pub struct Pack {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    pub basis: Option<String>,
    pub version: Option<u32>,
    pub report_years: Option<(i32, i32)>,
    pub items: Vec<Item>,
    /// The negated-statement patterns (`negation:`) of each rule file that
    /// wrote items of the pack, matched once per report whatever the number
    /// of items they act on. The pack's own file's set is the last, after
    /// those of the pack it extends.
    pub negations: Vec<Vec<Pattern>>,
    pub origin: Origin,
    pub builtin: bool,
}

impl Pack {
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id == id)
    }

    pub fn covers_year(&self, year: i32) -> bool {
        self.report_years
            .is_some_and(|(a, b)| (a..=b).contains(&year))
    }
}

/// All loaded rules: packs and the document profile.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub packs: Vec<Pack>,
    pub profile: Profile,
    /// Quality-check configuration.
    pub checks: checks::Checks,
    /// Heading/lead/level examples of the profile, for `rules test`.
    pub profile_examples: Vec<load::ProfileExample>,
}

impl RuleSet {
    pub fn pack(&self, id: &str) -> Option<&Pack> {
        self.packs.iter().find(|p| p.id == id)
    }

    /// The pack for a report year: the one whose `report_years` covers it, else
    /// the newest built-in pack (with `fallback = true`).
    pub fn pack_for_year(&self, year: Option<i32>) -> Option<(&Pack, bool)> {
        if let Some(y) = year {
            if let Some(p) = self.packs.iter().find(|p| p.covers_year(y)) {
                return Some((p, false));
            }
        }
        let newest = self
            .packs
            .iter()
            .filter(|p| p.builtin)
            .max_by_key(|p| p.report_years.map(|r| r.1).unwrap_or(0))
            .or(self.packs.first())?;
        Some((newest, year.is_some()))
    }
}
