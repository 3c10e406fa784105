//! The YAML schema of the quality-check configuration (`rules/checks.yaml`);
//! compiled by `checks`. Also read by `build.rs`, which embeds the built-in
//! file pre-parsed: it may use only serde, `Spanned` and the rule enums.

use serde::Deserialize;

use crate::rules::schema::Severity;
use crate::rules::spanned::Spanned;

fn yes() -> bool {
    true
}

/// The checks file.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct ChecksDef {
    #[serde(default)]
    pub shortcomings_thin: Option<ShortcomingsThinDef>,
    #[serde(default)]
    pub next_year_mismatch: Option<NextYearDef>,
    #[serde(default)]
    pub duplicate_sentence: Option<DuplicateDef>,
    #[serde(default)]
    pub formulation: Option<FormulationDef>,
    #[serde(default)]
    pub personal_data: Option<PrivacyDef>,
    #[serde(default)]
    pub publication_deadline: Option<DeadlineDef>,
    #[serde(default)]
    pub unknown_year: Option<SimpleDef>,
    #[serde(default)]
    pub empty_section: Option<EmptySectionDef>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct EmptySectionDef {
    #[serde(default = "yes")]
    pub enabled: bool,
    pub id: Spanned<String>,
    /// What the check is called, looks at and rests on (`CheckDoc`).
    #[serde(default)] pub title: Option<String>,
    #[serde(default)] pub doc: Option<String>,
    #[serde(default)] pub basis: Option<String>,
    #[serde(default)]
    pub severity: Severity,
    /// A heading whose text ends with one of these characters is itself a
    /// statement (「（一）执法力量不足，……。」), never empty.
    #[serde(default)]
    pub statement_end: String,
    pub message: String,
    #[serde(default)]
    pub suggestion: Option<String>,
}

/// A check with no parameters beyond what every finding has.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct SimpleDef {
    #[serde(default = "yes")]
    pub enabled: bool,
    pub id: Spanned<String>,
    /// What the check is called, looks at and rests on (`CheckDoc`).
    #[serde(default)] pub title: Option<String>,
    #[serde(default)] pub doc: Option<String>,
    #[serde(default)] pub basis: Option<String>,
    #[serde(default)]
    pub severity: Severity,
    pub message: String,
    #[serde(default)]
    pub suggestion: Option<String>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct ShortcomingsThinDef {
    #[serde(default = "yes")]
    pub enabled: bool,
    pub id: Spanned<String>,
    /// What the check is called, looks at and rests on (`CheckDoc`).
    #[serde(default)] pub title: Option<String>,
    #[serde(default)] pub doc: Option<String>,
    #[serde(default)] pub basis: Option<String>,
    #[serde(default)]
    pub severity: Severity,
    /// Fewer Han characters than this (body text, headings not counted) is thin.
    pub min_han: usize,
    /// Fewer distinct points than this is thin.
    pub min_points: usize,
    /// A sub-heading whose text ends with one of these characters is a
    /// statement and counts as body text (「（一）执法力量不足，……。」).
    #[serde(default)]
    pub statement_end: String,
    /// Enumeration markers that start a point (一是, 二是, 其一 …).
    #[serde(default)]
    pub enumerations: Vec<Spanned<String>>,
    pub message: String,
    #[serde(default)]
    pub suggestion: Option<String>,
    /// A heading that promises causes while the text gives none.
    #[serde(default)]
    pub causes: Option<CausesDef>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct CausesDef {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub severity: Severity,
    /// A heading of the shortcomings part that matches one of these promises causes.
    pub heading: Vec<Spanned<String>>,
    /// Text that gives a cause.
    pub causes: Vec<Spanned<String>>,
    pub message: String,
    #[serde(default)]
    pub suggestion: Option<String>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct NextYearDef {
    #[serde(default = "yes")]
    pub enabled: bool,
    pub id: Spanned<String>,
    /// What the check is called, looks at and rests on (`CheckDoc`).
    #[serde(default)] pub title: Option<String>,
    #[serde(default)] pub doc: Option<String>,
    #[serde(default)] pub basis: Option<String>,
    #[serde(default)]
    pub severity: Severity,
    /// A year in the heading of the part; must have a group named `year`.
    pub heading_year: Spanned<String>,
    /// A plan year in the text of the part; each must have a group named `year`.
    pub plan_year: Vec<Spanned<String>>,
    /// Year mentions overlapping a match of these are not plan years (ranges,
    /// 以来, 至今 …).
    #[serde(default)]
    pub ignore: Vec<Spanned<String>>,
    pub message: String,
    #[serde(default)]
    pub suggestion: Option<String>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct DuplicateDef {
    #[serde(default = "yes")]
    pub enabled: bool,
    pub id: Spanned<String>,
    /// What the check is called, looks at and rests on (`CheckDoc`).
    #[serde(default)] pub title: Option<String>,
    #[serde(default)] pub doc: Option<String>,
    #[serde(default)] pub basis: Option<String>,
    #[serde(default)]
    pub severity: Severity,
    /// Minimum length of a clause, in Han characters and digits.
    pub min_chars: usize,
    /// Characters that end a clause.
    pub separators: String,
    /// Removed from the start of a clause before comparing (一是, （二） …).
    #[serde(default)]
    pub strip_prefix: Vec<Spanned<String>>,
    /// Clauses that may repeat (normalised text, matched with these regexes).
    #[serde(default)]
    pub ignore: Vec<Spanned<String>>,
    pub message: String,
    #[serde(default)]
    pub suggestion: Option<String>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct FormulationDef {
    #[serde(default = "yes")]
    pub enabled: bool,
    pub id: Spanned<String>,
    /// What the check is called, looks at and rests on (`CheckDoc`).
    #[serde(default)] pub title: Option<String>,
    #[serde(default)] pub doc: Option<String>,
    #[serde(default)] pub basis: Option<String>,
    /// Suggestion for every entry of the table; values: {name} {found} {fix}.
    #[serde(default)]
    pub suggestion: Option<String>,
    /// Known wrong forms.
    #[serde(default)]
    pub table: Vec<WrongFormDef>,
    #[serde(default)]
    pub near_miss: Option<NearMissDef>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct WrongFormDef {
    /// What the entry is about (for messages: `{name}`).
    pub name: String,
    /// The wrong form: a literal …
    #[serde(default)]
    pub literal: Vec<Spanned<String>>,
    /// … or a regex.
    #[serde(default)]
    pub regex: Vec<Spanned<String>>,
    /// The canonical form; for regexes a replacement template (`$a`, `${1}`).
    pub fix: String,
    #[serde(default)]
    pub severity: Severity,
    pub message: String,
    /// Not a hit when the text right before the match ends with one of these.
    #[serde(default)]
    pub not_preceded_by: Vec<String>,
    /// Not a hit when the text right after the match starts with one of these.
    #[serde(default)]
    pub not_followed_by: Vec<String>,
    /// Only a hit when one of these words lies within `NEAR_CHARS` characters
    /// before or after the match (empty = always).
    #[serde(default)]
    pub near: Vec<String>,
    /// Only for reports on these years (inclusive; either end may be omitted).
    #[serde(default)]
    pub from_year: Option<i32>,
    #[serde(default)]
    pub to_year: Option<i32>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct NearMissDef {
    #[serde(default)]
    pub severity: Severity,
    /// Phrases shorter than this (in characters) are not checked.
    pub min_chars: usize,
    /// Leave texts inside these brackets alone (names of local documents
    /// vary legitimately: 《……行政执法公开制度》). Pairs of open/close characters.
    #[serde(default)]
    pub skip_inside: Vec<String>,
    pub message: String,
    #[serde(default)]
    pub suggestion: Option<String>,
    pub phrases: Vec<NearPhraseDef>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct NearPhraseDef {
    pub phrase: Spanned<String>,
    /// Correct texts that differ from the phrase in one character.
    #[serde(default)]
    pub allow: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct PrivacyDef {
    #[serde(default = "yes")]
    pub enabled: bool,
    pub id: Spanned<String>,
    /// What the check is called, looks at and rests on (`CheckDoc`).
    #[serde(default)] pub title: Option<String>,
    #[serde(default)] pub doc: Option<String>,
    #[serde(default)] pub basis: Option<String>,
    #[serde(default)]
    pub severity: Severity,
    pub mobile: Option<NumberDef>,
    pub resident_id: Option<NumberDef>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct NumberDef {
    /// The number; a digit or letter right before or after it means it is part
    /// of something longer and not a hit.
    pub regex: Spanned<String>,
    /// Not a hit when followed by one of these (units: 元, 亿 …).
    #[serde(default)]
    pub not_followed_by: Vec<String>,
    pub message: String,
    #[serde(default)]
    pub suggestion: Option<String>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct DeadlineDef {
    #[serde(default = "yes")]
    pub enabled: bool,
    pub id: Spanned<String>,
    /// What the check is called and looks at (`CheckDoc`).
    #[serde(default)] pub title: Option<String>,
    #[serde(default)] pub doc: Option<String>,
    #[serde(default)]
    pub severity: Severity,
    /// The deadline for a report on year N is `month`/`day` of N + `year_offset`;
    /// only dates strictly after it are late.
    pub month: Spanned<u32>,
    pub day: Spanned<u32>,
    #[serde(default = "one_year")]
    pub year_offset: i32,
    /// Local deadlines: the first whose regex matches the unit or title wins.
    #[serde(default)]
    pub overrides: Vec<DeadlineOverrideDef>,
    /// Where the default deadline comes from (for messages: `{basis}`).
    #[serde(default)]
    pub basis: Option<String>,
    pub message: String,
    #[serde(default)]
    pub suggestion: Option<String>,
}

fn one_year() -> i32 {
    1
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct DeadlineOverrideDef {
    /// Matched against the unit name and the title.
    pub unit: Spanned<String>,
    pub month: Spanned<u32>,
    pub day: Spanned<u32>,
    /// Who set the deadline (for messages: `{basis}`).
    #[serde(default)]
    pub basis: Option<String>,
}
