//! The compiled document profile: the phrases that decide titles, metadata lines,
//! section roles and government levels. The phrases come from YAML
//! (`rules/document.yaml`, see `rules::profile`); this module only holds them
//! compiled and knows how to apply them.

use crate::rules::gap::Light as Regex;

use crate::rules::gapset::{GapScan, GapSet};

use super::{Level, Role};
use crate::ingest::ChromeMatcher;

/// Which texts a role rule is tried on; each kind has its own automaton, so
/// that a text is searched only for the literals of the rules tried on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleSet {
    /// Heading titles.
    Headings = 0,
    /// Paragraph leads that open the shortcomings or the plan.
    Plans = 1,
    /// Leads about the first-responsible duty.
    Duties = 2,
}

/// A role decided by a regex over a heading title or a paragraph lead.
#[derive(Debug, Clone)]
pub struct RoleRule {
    pub role: Role,
    pub set: RoleSet,
    /// The rule's regex in its set of [`Profile::role_sets`].
    pub regex: usize,
    /// The rule does not fire where one of these matches (ids in the same
    /// set, shared by the regexes of one rule definition).
    pub unless: std::sync::Arc<Vec<usize>>,
    /// Heading levels the rule applies to (empty = all).
    pub levels: Vec<u8>,
    /// Match against the first clause only (up to the first comma), not the
    /// whole first sentence.
    pub clause: bool,
}

impl RoleRule {
    /// Whether the rule fires on a title or lead read by [`Profile::role_scan`]
    /// for the rule's set
    /// (with its layout artefacts — line breaks of a hard-wrapped text,
    /// "2025 年" — removed by [`super::scantext::squash`]). A named group
    /// `year` must hold a year later than the report year (a plan names the
    /// coming year).
    pub fn fires(
        &self,
        profile: &Profile,
        scan: &GapScan<'_>,
        level: Option<u8>,
        report_year: Option<i32>,
    ) -> bool {
        if let Some(level) = level {
            if !self.levels.is_empty() && !self.levels.contains(&level) {
                return false;
            }
        }
        let text = scan.text();
        let roles = &profile.role_sets[self.set as usize];
        roles
            .matches(self.regex, scan)
            .iter()
            .any(|m| match (m.group(text, "year"), report_year) {
                (Some(y), Some(report)) => y.parse::<i32>().is_ok_and(|y| y > report),
                _ => true,
            })
            && !self.unless.iter().any(|&u| roles.is_match(u, scan))
    }
}

/// Levels by a regex on the unit name, in order: the first that matches wins.
/// One automaton for all (one compile, one search).
#[derive(Debug, Clone)]
pub struct LevelRules {
    pub levels: Vec<Level>,
    /// Pattern `i` gives `levels[i]`.
    pub regexes: Regex,
    /// (level refined, level given, regex): rules with `refines`, tried in
    /// order on a name the rules above give the first level.
    pub refinements: Vec<(Level, Level, Regex)>,
}

/// Everything the document stage needs to know about report conventions.
#[derive(Debug, Clone)]
pub struct Profile {
    pub chrome: ChromeMatcher,
    /// Lines in the header that carry metadata (source, publisher, dates).
    pub meta_lines: Vec<Regex>,
    /// Labels before a publication date (发布时间 …), matched at the label.
    pub published_labels: Vec<Regex>,
    /// Labels before a date that is NOT the publication date (成文日期 …).
    pub other_date_labels: Vec<Regex>,
    /// A line that opens the attachment list at the end (附件：1.……).
    pub attachment_labels: Vec<Regex>,
    /// A title must match all of `title_require` and one of `title_any`.
    pub title_require: Vec<Regex>,
    pub title_any: Vec<Regex>,
    pub title_max_chars: usize,
    /// A title of a text about a report (政策解读, 通知), not of the report.
    pub title_not_report: Vec<Regex>,
    /// The regexes of the role rules, by [`RoleSet`], each set behind one
    /// automaton.
    pub role_sets: [GapSet; 3],
    /// Heading-title rules, in order; the first that fires decides the role.
    pub heading_roles: Vec<RoleRule>,
    /// Paragraph-lead rules for unheaded parts (但仍存在…, 下一步…).
    pub lead_roles: Vec<RoleRule>,
    /// Suffixes stripped from a unit name before its level is decided.
    pub unit_strip_suffixes: Vec<String>,
    /// Prefixes stripped from the unit taken from a title (关于 …).
    pub unit_strip_prefixes: Vec<String>,
    /// How the first of two senders run together in a title ends
    /// (中共某县委某县人民政府): where the title may be split in two.
    pub unit_joint_sender_ends: Vec<String>,
    pub levels: LevelRules,
}

impl Profile {
    /// Whether `title` names a text about a report rather than the report.
    pub fn is_not_report(&self, title: &str) -> bool {
        self.title_not_report.iter().any(|r| r.is_match(title))
    }

    /// Compile every regex now, those the parse needs last first, so that a
    /// spare core working through them meets the parse halfway.
    pub fn warm(&self) {
        self.role_sets.iter().for_each(GapSet::warm);
        self.levels.regexes.get();
        for re in [
            &self.title_any,
            &self.title_require,
            &self.other_date_labels,
            &self.attachment_labels,
            &self.published_labels,
            &self.meta_lines,
        ]
        .into_iter()
        .flatten()
        {
            re.get();
        }
        self.chrome.warm();
    }

    /// A squashed title or lead, read once for all the role rules of `set`.
    pub fn role_scan<'t>(&self, set: RoleSet, squashed: &'t str) -> GapScan<'t> {
        self.role_sets[set as usize].scan(squashed)
    }

    /// Level of a government from its name.
    pub fn level_of(&self, unit: &str) -> Option<Level> {
        let name = self.unit_place(unit);
        let regexes = self.levels.regexes.get();
        let mut matched = regex_automata::PatternSet::new(regexes.pattern_len());
        regexes.which_overlapping_matches(&regex_automata::Input::new(name), &mut matched);
        let level = matched.iter().next().map(|id| self.levels.levels[id.as_usize()])?;
        let refined = self
            .levels
            .refinements
            .iter()
            .filter(|(from, _, _)| *from == level)
            .find(|(_, _, re)| re.get().is_match(name))
            .map(|(_, to, _)| *to);
        Some(refined.unwrap_or(level))
    }

    /// A unit's name without its body suffixes (人民政府, 办事处, 党组 …): the
    /// place or department it names.
    pub fn unit_place<'u>(&self, unit: &'u str) -> &'u str {
        let mut name = unit.trim();
        // A second name in brackets after the first (某市农业农村局（某市乡村
        // 振兴局）, a body with two plates): the first one's.
        if let Some(open) = name.strip_suffix(['）', ')']).and_then(|n| n.rfind(['（', '('])) {
            if open > 0 {
                name = name[..open].trim_end();
            }
        }
        loop {
            let before = name;
            for suffix in &self.unit_strip_suffixes {
                if let Some(stripped) = name.strip_suffix(suffix.as_str()) {
                    if !stripped.is_empty() {
                        name = stripped;
                    }
                }
            }
            if name == before {
                return name;
            }
        }
    }
}
