//! The YAML schema of rule packs and of the document profile. Unknown keys are
//! rejected everywhere (`deny_unknown_fields`); values that need a location in a
//! later check (ids, patterns) are `Spanned`.

use serde::Deserialize;
use crate::rules::spanned::Spanned;

use crate::document::{Level, Role};

/// The status an item can take; also what a rule example expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Covered,
    Partial,
    Planned,
    Missing,
    NotApplicable,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Covered => "covered",
            Status::Partial => "partial",
            Status::Planned => "planned",
            Status::Missing => "missing",
            Status::NotApplicable => "not-applicable",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Status::Covered => "已覆盖",
            Status::Partial => "部分覆盖",
            Status::Planned => "仅见于计划或问题",
            Status::Missing => "缺失",
            Status::NotApplicable => "不适用",
        }
    }

    /// A gap: anything a drafting office must look at.
    pub fn is_gap(self) -> bool {
        !matches!(self, Status::Covered | Status::NotApplicable)
    }
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize, Default,
)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Info,
    #[default]
    Warning,
    Error,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Severity::Info => "提示",
            Severity::Warning => "警告",
            Severity::Error => "错误",
        }
    }
}

/// Literal phrases and regular expressions; either list may be empty.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct PatternsDef {
    #[serde(default)]
    pub literal: Vec<Spanned<String>>,
    #[serde(default)]
    pub regex: Vec<Spanned<String>>,
}

impl PatternsDef {
    pub fn is_empty(&self) -> bool {
        self.literal.is_empty() && self.regex.is_empty()
    }
}

/// One enumerated part of an item (e.g. one of the five decision procedures).
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct PartDef {
    pub name: String,
    #[serde(default)]
    pub literal: Vec<Spanned<String>>,
    #[serde(default)]
    pub regex: Vec<Spanned<String>>,
}

/// Where hits count as evidence of work done.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct ScopeDef {
    pub roles: Vec<Role>,
    /// Whether heading text counts (a heading that promises 原因 is not a cause).
    #[serde(default = "yes")]
    pub headings: bool,
    /// With `headings: false`: whether the title of a sub-section inside a
    /// part of the same role counts (“（二）原因分析” under the shortcomings).
    #[serde(default)]
    pub sub_headings: bool,
}

fn yes() -> bool {
    true
}

fn one() -> f64 {
    1.0
}

/// Chinese messages per status; `{title}`, `{found}`, `{missing}` are filled in.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct MessagesDef {
    pub covered: Option<String>,
    pub partial: Option<String>,
    pub planned: Option<String>,
    pub missing: Option<String>,
    /// For `planned` and `missing` when the opening summary mentions the item.
    pub opening: Option<String>,
}

/// A short text and the status the item must get on it.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleDef {
    pub text: Spanned<String>,
    pub expect: Status,
    /// Level of the reporting unit, for `applies` (default: city).
    #[serde(default)]
    pub level: Option<Level>,
}

/// One checklist item.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct ItemDef {
    pub id: Spanned<String>,
    pub title: String,
    pub basis: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default = "one")]
    pub weight: f64,
    #[serde(default)]
    pub severity: Severity,
    /// Levels the item applies to; others get `not-applicable`. Default: all.
    #[serde(default)]
    pub applies: Option<Vec<Level>>,
    /// Covered when a part of the report has this role (structure items).
    #[serde(default)]
    pub role: Option<Role>,
    /// Phrases whose presence in an evidence role covers the item.
    #[serde(default)]
    pub patterns: PatternsDef,
    /// Phrases that count only as a partial account (a passing mention).
    #[serde(default)]
    pub partial: PatternsDef,
    /// Enumerated parts: all found = covered, some = partial.
    #[serde(default)]
    pub parts: Vec<PartDef>,
    /// Hits that overlap these phrases do not count (普法责任清单 is not a
    /// 权责清单; 规章制度 are not 规章).
    #[serde(default)]
    pub exclude: PatternsDef,
    /// Hits count only when the sentence around them, or the title of a
    /// section they are in, matches one of these (Vale's scopes).
    #[serde(default)]
    pub context: PatternsDef,
    /// Where hits are evidence (default: the pack's `evidence`).
    #[serde(default)]
    pub evidence: Option<ScopeDef>,
    /// Where hits make the item `planned` (default: the pack's `plan_roles`).
    #[serde(default)]
    pub plan_roles: Option<Vec<Role>>,
    /// What a drafting office should write, and where.
    #[serde(default)]
    pub help: Option<String>,
    /// Words of a section title the item belongs under (决策, 执法): a gap
    /// points at the report's section about it.
    #[serde(default)]
    pub belongs_under: Vec<String>,
    #[serde(default)]
    pub messages: MessagesDef,
    #[serde(default)]
    pub examples: Vec<ExampleDef>,
}

/// A rule pack file.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct PackDef {
    pub id: Spanned<String>,
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub basis: Option<String>,
    #[serde(default)]
    pub version: Option<u32>,
    /// First and last report year the pack is meant for.
    #[serde(default)]
    pub report_years: Option<(i32, i32)>,
    /// Inherit the items of another pack (by id), then add or override.
    #[serde(default)]
    pub extends: Option<Spanned<String>>,
    /// Inherited item ids to drop.
    #[serde(default)]
    pub disable: Vec<Spanned<String>>,
    /// Weight overrides for inherited items: id → weight.
    #[serde(default)]
    pub weights: std::collections::BTreeMap<String, f64>,
    #[serde(default)]
    pub evidence: Option<ScopeDef>,
    #[serde(default)]
    pub plan_roles: Option<Vec<Role>>,
    /// Negated statements ("尚未建立…", "…工作尚未开展"): a hit inside one is
    /// a problem the report admits, not work done. Applies to every item.
    #[serde(default)]
    pub negation: PatternsDef,
    #[serde(default)]
    pub messages: MessagesDef,
    #[serde(default)]
    pub items: Vec<ItemDef>,
}

/// A heading or lead rule of the document profile.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct RoleRuleDef {
    pub role: Role,
    pub regex: Vec<Spanned<String>>,
    #[serde(default)]
    pub levels: Vec<u8>,
    #[serde(default)]
    pub clause: bool,
    #[serde(default)]
    pub examples: Vec<String>,
    /// The rule does not fire on a text any of these match (补齐短板 is a
    /// task, not a shortcoming).
    #[serde(default)]
    pub unless: Vec<Spanned<String>>,
    /// Texts this rule's role must not be given to (a title or lead that
    /// looks like one but is not), checked by `rules test`.
    #[serde(default)]
    pub not_examples: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct LevelRuleDef {
    pub level: Level,
    pub regex: Spanned<String>,
    /// Only tried on a name that the other rules give this level (a closed
    /// list of county-level cities among the names ending in 市): kept out of
    /// the one automaton every name goes through.
    #[serde(default)]
    pub refines: Option<Level>,
    #[serde(default)]
    pub examples: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct TitleDef {
    #[serde(default)]
    pub require: Vec<Spanned<String>>,
    #[serde(default)]
    pub any: Vec<Spanned<String>>,
    #[serde(default = "title_max")]
    pub max_chars: usize,
    /// A title that is about a report, not the report itself (解读, 通知).
    #[serde(default)]
    pub not_report: Vec<Spanned<String>>,
}

fn title_max() -> usize {
    80
}

/// The document profile (`document.yaml`).
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileDef {
    pub chrome: Vec<Spanned<String>>,
    #[serde(default)]
    pub meta_lines: Vec<Spanned<String>>,
    pub published_labels: Vec<Spanned<String>>,
    #[serde(default)]
    pub other_date_labels: Vec<Spanned<String>>,
    #[serde(default)]
    pub attachment_labels: Vec<Spanned<String>>,
    pub title: TitleDef,
    pub heading_roles: Vec<RoleRuleDef>,
    pub lead_roles: Vec<RoleRuleDef>,
    #[serde(default)]
    pub unit_strip_suffixes: Vec<String>,
    #[serde(default)]
    pub unit_strip_prefixes: Vec<String>,
    #[serde(default)]
    pub unit_joint_sender_ends: Vec<String>,
    pub levels: Vec<LevelRuleDef>,
}
