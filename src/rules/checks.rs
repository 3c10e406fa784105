//! Schema and loading of the quality-check configuration (`rules/checks.yaml`).
//!
//! Every check is a section of the file; a missing section or `enabled: false`
//! turns the check off. Phrases, word lists, thresholds, messages and severities
//! live in the YAML; `engine::checks` only has the mechanisms. Messages and
//! suggestions are templates: `{name}` is replaced by the value the check gives
//! (listed in the comments of `rules/checks.yaml`).

use super::lazy::{self, LazyRegex};
use crate::rules::spanned::Spanned;

pub use super::checks_schema::*;
use super::load::{RuleFile, RulesError};
use super::Severity;

// ---------------------------------------------------------- compiled checks

/// What every finding of a check carries.
#[derive(Debug, Clone)]
pub struct FindingSpec {
    pub id: String,
    pub severity: Severity,
    pub message: String,
    pub suggestion: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ShortcomingsThin {
    pub finding: FindingSpec,
    pub min_han: usize,
    pub min_points: usize,
    pub statement_end: Vec<char>,
    pub enumerations: Vec<LazyRegex>,
    pub causes: Option<Causes>,
}

#[derive(Debug, Clone)]
pub struct Causes {
    pub finding: FindingSpec,
    pub heading: Vec<LazyRegex>,
    pub causes: Vec<LazyRegex>,
}

#[derive(Debug, Clone)]
pub struct NextYear {
    pub finding: FindingSpec,
    pub heading_year: LazyRegex,
    pub plan_year: Vec<LazyRegex>,
    pub ignore: Vec<LazyRegex>,
}

#[derive(Debug, Clone)]
pub struct Duplicate {
    pub finding: FindingSpec,
    pub min_chars: usize,
    pub separators: Vec<char>,
    pub strip_prefix: Vec<LazyRegex>,
    pub ignore: Vec<LazyRegex>,
}

/// How a wrong form is written in the table.
#[derive(Debug, Clone)]
pub enum Form {
    /// Matched through the table's one literal automaton; the fix is taken as is.
    Literal(String),
    /// The fix is a template over the groups.
    Regex(LazyRegex),
}

#[derive(Debug, Clone)]
pub struct WrongForm {
    pub name: String,
    pub form: Form,
    pub fix: String,
    pub severity: Severity,
    pub message: String,
    pub not_preceded_by: Vec<String>,
    pub not_followed_by: Vec<String>,
    pub near: Vec<String>,
    pub from_year: Option<i32>,
    pub to_year: Option<i32>,
}

#[derive(Debug, Clone)]
pub struct NearPhrase {
    pub phrase: String,
    pub allow: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct NearMiss {
    pub severity: Severity,
    pub skip_inside: Vec<(char, char)>,
    pub message: String,
    pub suggestion: Option<String>,
    pub phrases: Vec<NearPhrase>,
}

#[derive(Debug, Clone)]
pub struct Formulation {
    pub id: String,
    pub suggestion: Option<String>,
    pub table: Vec<WrongForm>,
    /// The literal forms of `table`, searched in one pass.
    pub literals: LiteralForms,
    pub near_miss: Option<NearMiss>,
}

/// The literal wrong forms of a table and the two halves of every near-miss
/// phrase, in one automaton (built when first used): one scan of the text
/// instead of one regex per form, and one for the halves.
///
/// A text that differs from a phrase in one character holds the other half
/// unchanged, so where a half occurs is where such a text can start: far fewer
/// places than where a single character of the phrase occurs.
#[derive(Debug, Clone, Default)]
pub struct LiteralForms {
    /// Distinct texts: literal forms and halves.
    texts: Vec<String>,
    /// For `texts[i]`: the table entries whose literal form it is.
    forms: Vec<Vec<usize>>,
    /// For `texts[i]`: every (phrase index, characters before the half) of
    /// which it is a half.
    halves: Vec<Vec<(usize, usize)>>,
    automaton: std::sync::OnceLock<super::gapset::Literals>,
}

/// What one scan with [`LiteralForms`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiteralHits {
    /// Per table entry: the occurrences of its literal, leftmost first and
    /// not overlapping (what a regex of it would find).
    pub forms: Vec<Vec<std::ops::Range<usize>>>,
    /// Per near-miss phrase: every (byte offset, characters of the phrase
    /// before it) where one of its halves occurs, overlapping occurrences
    /// included. Phrases of fewer than two characters get none.
    pub halves: Vec<Vec<(usize, usize)>>,
}

impl LiteralForms {
    pub fn new(table: &[WrongForm], phrases: &[NearPhrase]) -> LiteralForms {
        let mut forms = LiteralForms::default();
        for (entry, w) in table.iter().enumerate() {
            if let Form::Literal(text) = &w.form {
                let at = forms.slot(text);
                forms.forms[at].push(entry);
            }
        }
        for (i, p) in phrases.iter().enumerate() {
            let chars: Vec<char> = p.phrase.chars().collect();
            if chars.len() < 2 {
                continue;
            }
            let mid = chars.len() / 2;
            for (shift, half) in [(0, &chars[..mid]), (mid, &chars[mid..])] {
                let at = forms.slot(&half.iter().collect::<String>());
                forms.halves[at].push((i, shift));
            }
        }
        forms
    }

    /// Index of `text` in `texts`, added if new.
    fn slot(&mut self, text: &str) -> usize {
        match self.texts.iter().position(|t| t == text) {
            Some(at) => at,
            None => {
                self.texts.push(text.to_owned());
                self.forms.push(Vec::new());
                self.halves.push(Vec::new());
                self.texts.len() - 1
            }
        }
    }

    fn automaton(&self) -> &super::gapset::Literals {
        self.automaton.get_or_init(|| {
            let texts = self.texts.iter().map(|t| t.as_bytes().to_vec()).collect();
            super::gapset::Literals::new(texts).expect("a few short literals make an automaton")
        })
    }

    /// Scan `text` for a table of `entries` entries and `phrases` near-miss
    /// phrases.
    pub fn find(&self, text: &str, entries: usize, phrases: usize) -> LiteralHits {
        let mut hits = LiteralHits {
            forms: vec![Vec::new(); entries],
            halves: vec![Vec::new(); phrases],
        };
        if self.texts.is_empty() {
            return hits;
        }
        self.automaton().for_each(text, |at, range| {
            for &entry in &self.forms[at] {
                let found = &mut hits.forms[entry];
                // Occurrences of one literal come in text order.
                if found.last().is_none_or(|last| last.end <= range.start) {
                    found.push(range.clone());
                }
            }
            for &(phrase, shift) in &self.halves[at] {
                hits.halves[phrase].push((range.start, shift));
            }
        });
        hits
    }

    /// Build the automaton now (see `Checks::warm`).
    pub fn warm(&self) {
        if !self.texts.is_empty() {
            self.automaton();
        }
    }
}

#[derive(Debug, Clone)]
pub struct NumberRule {
    pub regex: LazyRegex,
    pub not_followed_by: Vec<String>,
    pub message: String,
    pub suggestion: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Privacy {
    pub id: String,
    pub severity: Severity,
    pub mobile: Option<NumberRule>,
    pub resident_id: Option<NumberRule>,
}

#[derive(Debug, Clone)]
pub struct DeadlineOverride {
    pub unit: LazyRegex,
    pub month: u32,
    pub day: u32,
    pub basis: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Deadline {
    pub finding: FindingSpec,
    pub month: u32,
    pub day: u32,
    pub year_offset: i32,
    pub overrides: Vec<DeadlineOverride>,
    pub basis: Option<String>,
}

/// What an enabled check is, for people: `rules list`, `rules show` and
/// `explain` print it. The title falls back to the id.
#[derive(Debug, Clone)]
pub struct CheckDoc {
    pub id: String,
    pub title: String,
    pub doc: Option<String>,
    pub basis: Option<String>,
    /// `None` when each entry has its own (the formulation table).
    pub severity: Option<Severity>,
    /// Where the check is defined (its id).
    pub origin: super::Origin,
}

/// The compiled check configuration. `None` = the check is off.
#[derive(Debug, Clone, Default)]
pub struct Checks {
    /// The enabled checks, in the order of the file.
    pub docs: Vec<CheckDoc>,
    pub shortcomings_thin: Option<ShortcomingsThin>,
    pub next_year_mismatch: Option<NextYear>,
    pub duplicate_sentence: Option<Duplicate>,
    pub formulation: Option<Formulation>,
    pub personal_data: Option<Privacy>,
    pub publication_deadline: Option<Deadline>,
    pub unknown_year: Option<FindingSpec>,
    pub empty_section: Option<EmptySection>,
}

impl Checks {
    /// Every regex of the enabled checks, in the order the checks run.
    pub fn regexes(&self) -> Vec<&LazyRegex> {
        let mut out: Vec<&LazyRegex> = Vec::new();
        if let Some(d) = &self.publication_deadline {
            out.extend(d.overrides.iter().map(|o| &o.unit));
        }
        if let Some(s) = &self.shortcomings_thin {
            out.extend(&s.enumerations);
            if let Some(c) = &s.causes {
                out.extend(c.heading.iter().chain(&c.causes));
            }
        }
        if let Some(n) = &self.next_year_mismatch {
            out.push(&n.heading_year);
            out.extend(n.plan_year.iter().chain(&n.ignore));
        }
        if let Some(d) = &self.duplicate_sentence {
            out.extend(d.strip_prefix.iter().chain(&d.ignore));
        }
        if let Some(f) = &self.formulation {
            out.extend(f.table.iter().filter_map(|w| match &w.form {
                Form::Regex(re) => Some(re),
                Form::Literal(_) => None,
            }));
        }
        if let Some(p) = &self.personal_data {
            out.extend(p.mobile.iter().chain(&p.resident_id).map(|n| &n.regex));
        }
        out
    }

    /// Compile every regex now, in the reverse order of the checks' run: a
    /// spare core does this while a report is parsed and audited, and meets
    /// the checks halfway when they start before it is done.
    pub fn warm(&self) {
        if let Some(f) = &self.formulation {
            f.literals.warm();
        }
        for re in self.regexes().into_iter().rev() {
            re.get();
        }
    }
}

#[derive(Debug, Clone)]
pub struct EmptySection {
    pub finding: FindingSpec,
    pub statement_end: Vec<char>,
}

// ------------------------------------------------------------------ loading

fn regex(file: &RuleFile, s: &Spanned<String>) -> Result<LazyRegex, RulesError> {
    Ok(regex_and_syntax(file, s)?.0)
}

/// The regex and, when the file's syntax is checked at load, its syntax tree
/// for checks on what it can match.
fn regex_and_syntax(
    file: &RuleFile,
    s: &Spanned<String>,
) -> Result<(LazyRegex, Option<regex_syntax::hir::Hir>), RulesError> {
    if !file.checks_syntax() {
        return Ok((LazyRegex::lazy(s.value.clone()), None));
    }
    LazyRegex::new(&s.value, !file.builtin)
        .map(|(re, syntax)| (re, Some(syntax)))
        .map_err(|e| {
            file.error(
                s,
                "正则表达式有误",
                e.to_string().lines().last().unwrap_or("").trim().to_owned(),
                Some(format!("regex 错误详情：{e}")),
            )
        })
}

fn regexes(file: &RuleFile, list: &[Spanned<String>]) -> Result<Vec<LazyRegex>, RulesError> {
    list.iter().map(|s| regex(file, s)).collect()
}

/// A regex that must capture the year in a group named `year`.
fn year_regex(file: &RuleFile, s: &Spanned<String>) -> Result<LazyRegex, RulesError> {
    let (re, syntax) = regex_and_syntax(file, s)?;
    if syntax.is_some_and(|syntax| !lazy::has_group(&syntax, "year")) {
        return Err(file.error(
            s,
            "年份正则缺少命名分组 year",
            "没有 (?P<year>…)",
            Some("用 (?P<year>20[0-9]{2}) 标出年份".into()),
        ));
    }
    Ok(re)
}

fn id(file: &RuleFile, s: &Spanned<String>) -> Result<String, RulesError> {
    if s.value.trim().is_empty() {
        return Err(file.error(s, "检查的 id 为空", "此处为空", None));
    }
    Ok(s.value.clone())
}

fn month_day(
    file: &RuleFile,
    m: &Spanned<u32>,
    d: &Spanned<u32>,
) -> Result<(u32, u32), RulesError> {
    if !(1..=12).contains(&m.value) {
        return Err(file.error(m, "月份须在 1–12 之间", "月份有误", None));
    }
    if !(1..=31).contains(&d.value) {
        return Err(file.error(d, "日期须在 1–31 之间", "日期有误", None));
    }
    Ok((m.value, d.value))
}

fn simple(file: &RuleFile, d: &SimpleDef) -> Result<Option<FindingSpec>, RulesError> {
    if !d.enabled {
        return Ok(None);
    }
    Ok(Some(FindingSpec {
        id: id(file, &d.id)?,
        severity: d.severity,
        message: d.message.clone(),
        suggestion: d.suggestion.clone(),
    }))
}

/// The `CheckDoc` of a check defined at `id`.
fn check_doc(
    file: &RuleFile,
    id: &Spanned<String>,
    title: &Option<String>,
    doc: &Option<String>,
    basis: &Option<String>,
    severity: Option<Severity>,
) -> CheckDoc {
    CheckDoc {
        id: id.value.clone(),
        title: title.clone().unwrap_or_else(|| id.value.clone()),
        doc: doc.clone(),
        basis: basis.clone(),
        severity,
        origin: file.origin(id),
    }
}

/// Load and validate a checks file.
pub fn load(file: &RuleFile) -> Result<Checks, RulesError> {
    let def: ChecksDef = file.parse()?;
    let mut checks = Checks::default();
    let mut docs = Vec::new();

    if let Some(d) = def.shortcomings_thin.as_ref().filter(|d| d.enabled) {
        docs.push(check_doc(file, &d.id, &d.title, &d.doc, &d.basis, Some(d.severity)));
        let causes = match d.causes.as_ref().filter(|c| c.enabled) {
            Some(c) => Some(Causes {
                finding: FindingSpec {
                    id: d.id.value.clone(),
                    severity: c.severity,
                    message: c.message.clone(),
                    suggestion: c.suggestion.clone(),
                },
                heading: regexes(file, &c.heading)?,
                causes: regexes(file, &c.causes)?,
            }),
            None => None,
        };
        checks.shortcomings_thin = Some(ShortcomingsThin {
            finding: FindingSpec {
                id: id(file, &d.id)?,
                severity: d.severity,
                message: d.message.clone(),
                suggestion: d.suggestion.clone(),
            },
            min_han: d.min_han,
            min_points: d.min_points,
            statement_end: d.statement_end.chars().collect(),
            enumerations: regexes(file, &d.enumerations)?,
            causes,
        });
    }

    if let Some(d) = def.next_year_mismatch.as_ref().filter(|d| d.enabled) {
        docs.push(check_doc(file, &d.id, &d.title, &d.doc, &d.basis, Some(d.severity)));
        checks.next_year_mismatch = Some(NextYear {
            finding: FindingSpec {
                id: id(file, &d.id)?,
                severity: d.severity,
                message: d.message.clone(),
                suggestion: d.suggestion.clone(),
            },
            heading_year: year_regex(file, &d.heading_year)?,
            plan_year: d
                .plan_year
                .iter()
                .map(|s| year_regex(file, s))
                .collect::<Result<_, _>>()?,
            ignore: regexes(file, &d.ignore)?,
        });
    }

    if let Some(d) = def.duplicate_sentence.as_ref().filter(|d| d.enabled) {
        docs.push(check_doc(file, &d.id, &d.title, &d.doc, &d.basis, Some(d.severity)));
        if d.min_chars == 0 {
            return Err(file.error(&d.id, "min_chars 必须大于 0", "此检查", None));
        }
        checks.duplicate_sentence = Some(Duplicate {
            finding: FindingSpec {
                id: id(file, &d.id)?,
                severity: d.severity,
                message: d.message.clone(),
                suggestion: d.suggestion.clone(),
            },
            min_chars: d.min_chars,
            separators: d.separators.chars().collect(),
            strip_prefix: regexes(file, &d.strip_prefix)?,
            ignore: regexes(file, &d.ignore)?,
        });
    }

    if let Some(d) = def.formulation.as_ref().filter(|d| d.enabled) {
        docs.push(check_doc(file, &d.id, &d.title, &d.doc, &d.basis, None));
        let mut table = Vec::new();
        for w in &d.table {
            let entry = |form: Form| WrongForm {
                name: w.name.clone(),
                form,
                fix: w.fix.clone(),
                severity: w.severity,
                message: w.message.clone(),
                not_preceded_by: w.not_preceded_by.clone(),
                not_followed_by: w.not_followed_by.clone(),
                near: w.near.clone(),
                from_year: w.from_year,
                to_year: w.to_year,
            };
            for s in &w.literal {
                if s.value.is_empty() {
                    return Err(file.error(s, "空的错误写法", "此处为空", None));
                }
                table.push(entry(Form::Literal(s.value.clone())));
            }
            for s in &w.regex {
                let (re, syntax) = regex_and_syntax(file, s)?;
                if syntax.is_some_and(|syntax| lazy::matches_empty(&syntax)) {
                    return Err(file.error(
                        s,
                        "正则表达式能匹配空字符串",
                        "会在每个位置命中",
                        None,
                    ));
                }
                table.push(entry(Form::Regex(re)));
            }
        }
        let near_miss = match &d.near_miss {
            Some(n) => {
                let mut phrases = Vec::new();
                for p in &n.phrases {
                    let len = p.phrase.value.chars().count();
                    if len < n.min_chars {
                        return Err(file.error(
                            &p.phrase,
                            format!("短语少于 {} 个字，近似匹配会误报", n.min_chars),
                            "太短",
                            Some("删除此项，或写出更长的完整说法".into()),
                        ));
                    }
                    phrases.push(NearPhrase {
                        phrase: p.phrase.value.clone(),
                        allow: p.allow.clone(),
                    });
                }
                let mut skip_inside = Vec::new();
                for pair in &n.skip_inside {
                    let cs: Vec<char> = pair.chars().collect();
                    match cs.as_slice() {
                        [a, b] => skip_inside.push((*a, *b)),
                        _ => {
                            return Err(file.error(
                                &d.id,
                                format!("skip_inside 的“{pair}”应为一对括号，如“《》”"),
                                "此检查",
                                None,
                            ))
                        }
                    }
                }
                Some(NearMiss {
                    severity: n.severity,
                    skip_inside,
                    message: n.message.clone(),
                    suggestion: n.suggestion.clone(),
                    phrases,
                })
            }
            None => None,
        };
        checks.formulation = Some(Formulation {
            id: id(file, &d.id)?,
            suggestion: d.suggestion.clone(),
            literals: LiteralForms::new(
                &table,
                near_miss.as_ref().map_or(&[], |n| n.phrases.as_slice()),
            ),
            table,
            near_miss,
        });
    }

    if let Some(d) = def.personal_data.as_ref().filter(|d| d.enabled) {
        docs.push(check_doc(file, &d.id, &d.title, &d.doc, &d.basis, Some(d.severity)));
        let number = |n: &Option<NumberDef>| -> Result<Option<NumberRule>, RulesError> {
            n.as_ref()
                .map(|n| {
                    Ok(NumberRule {
                        regex: regex(file, &n.regex)?,
                        not_followed_by: n.not_followed_by.clone(),
                        message: n.message.clone(),
                        suggestion: n.suggestion.clone(),
                    })
                })
                .transpose()
        };
        checks.personal_data = Some(Privacy {
            id: id(file, &d.id)?,
            severity: d.severity,
            mobile: number(&d.mobile)?,
            resident_id: number(&d.resident_id)?,
        });
    }

    if let Some(d) = def.publication_deadline.as_ref().filter(|d| d.enabled) {
        docs.push(check_doc(file, &d.id, &d.title, &d.doc, &d.basis, Some(d.severity)));
        let (month, day) = month_day(file, &d.month, &d.day)?;
        let mut overrides = Vec::new();
        for o in &d.overrides {
            let (month, day) = month_day(file, &o.month, &o.day)?;
            overrides.push(DeadlineOverride {
                unit: regex(file, &o.unit)?,
                month,
                day,
                basis: o.basis.clone(),
            });
        }
        checks.publication_deadline = Some(Deadline {
            finding: FindingSpec {
                id: id(file, &d.id)?,
                severity: d.severity,
                message: d.message.clone(),
                suggestion: d.suggestion.clone(),
            },
            month,
            day,
            year_offset: d.year_offset,
            overrides,
            basis: d.basis.clone(),
        });
    }

    if let Some(d) = &def.unknown_year {
        checks.unknown_year = simple(file, d)?;
        if d.enabled {
            docs.push(check_doc(file, &d.id, &d.title, &d.doc, &d.basis, Some(d.severity)));
        }
    }
    if let Some(d) = def.empty_section.as_ref().filter(|d| d.enabled) {
        docs.push(check_doc(file, &d.id, &d.title, &d.doc, &d.basis, Some(d.severity)));
        checks.empty_section = Some(EmptySection {
            finding: FindingSpec {
                id: id(file, &d.id)?,
                severity: d.severity,
                message: d.message.clone(),
                suggestion: d.suggestion.clone(),
            },
            statement_end: d.statement_end.chars().collect(),
        });
    }
    checks.docs = docs;
    Ok(checks)
}

impl Checks {
    /// The finding ids the enabled checks can emit (for validating configuration).
    pub fn finding_ids(&self) -> Vec<String> {
        let mut ids = Vec::new();
        if let Some(c) = &self.shortcomings_thin {
            ids.push(c.finding.id.clone());
            if let Some(causes) = &c.causes {
                ids.push(causes.finding.id.clone());
            }
        }
        let specs = [
            self.next_year_mismatch.as_ref().map(|c| &c.finding),
            self.duplicate_sentence.as_ref().map(|c| &c.finding),
            self.publication_deadline.as_ref().map(|c| &c.finding),
            self.unknown_year.as_ref(),
            self.empty_section.as_ref().map(|c| &c.finding),
        ];
        ids.extend(specs.into_iter().flatten().map(|f| f.id.clone()));
        ids.extend(self.formulation.as_ref().map(|c| c.id.clone()));
        ids.extend(self.personal_data.as_ref().map(|c| c.id.clone()));
        ids.sort();
        ids.dedup();
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_check_says_what_it_is() {
        let set = crate::rules::load::load_builtin().unwrap();
        assert!(set.checks.docs.len() >= 8, "{:?}", set.checks.docs);
        for c in &set.checks.docs {
            assert_ne!(c.title, c.id, "{} has no title", c.id);
            assert!(c.doc.as_deref().is_some_and(|d| d.chars().count() > 20), "{} has no doc", c.id);
        }
    }

    fn form(name: &str, form: Form) -> WrongForm {
        WrongForm {
            name: name.into(),
            form,
            fix: String::new(),
            severity: Severity::Info,
            message: String::new(),
            not_preceded_by: Vec::new(),
            near: Vec::new(),
            not_followed_by: Vec::new(),
            from_year: None,
            to_year: None,
        }
    }

    #[test]
    fn one_scan_finds_forms_and_phrase_halves() {
        // 法制 is a wrong form and the first half of a phrase; 政府 the second.
        let table = vec![form("a", Form::Literal("法制".into()))];
        let phrases = [
            NearPhrase {
                phrase: "法制政府".into(),
                allow: Vec::new(),
            },
            NearPhrase {
                phrase: "法".into(),
                allow: Vec::new(),
            },
        ];
        let forms = LiteralForms::new(&table, &phrases);
        let hits = forms.find("建设法制政府", 1, 2);
        assert_eq!(hits.forms, vec![vec![6..12]]);
        assert_eq!(hits.halves, vec![vec![(6, 0), (12, 2)], vec![]]);
    }

    #[test]
    fn literal_forms_match_like_one_regex_per_form() {
        let table = vec![
            form("a", Form::Literal("法制政府".into())),
            form("r", Form::Regex(LazyRegex::new("x", false).unwrap().0)),
            form("b", Form::Literal("政府法制".into())),
            form("c", Form::Literal("啊啊".into())),
        ];
        let forms = LiteralForms::new(&table, &[]);
        let text = "法制政府法制政府；啊啊啊啊啊";
        let found = forms.find(text, table.len(), 0).forms;
        for (w, hits) in table.iter().zip(&found) {
            let expected: Vec<_> = match &w.form {
                Form::Literal(t) => regex::Regex::new(&regex::escape(t))
                    .unwrap()
                    .find_iter(text)
                    .map(|m| m.range())
                    .collect(),
                Form::Regex(_) => Vec::new(),
            };
            assert_eq!(hits, &expected, "{}", w.name);
        }
        // Overlapping forms are each found: 政府法制 inside 法制政府法制政府.
        assert_eq!(found[2].len(), 1);
        assert_eq!(found[3].len(), 2);
    }
}

