//! Rule tests, like Semgrep's: every item carries example texts with the status
//! it must get, and every pattern must fire on at least one example.

use std::collections::HashSet;

use crate::document::{Document, Level, Profile, Role};
use crate::engine::{audit, CompiledPack, HitUse};
use crate::rules::load::ProfileExample;
use crate::rules::{Origin, PatternUse, RuleSet};

/// Heading put above example texts that have none, so they read as achievements.
const EXAMPLE_HEADING: &str = "一、主要举措和成效\n";

/// One failed expectation.
#[derive(Debug, Clone)]
pub struct TestFailure {
    pub pack: String,
    pub item: String,
    pub message: String,
    pub origin: Origin,
}

/// Totals of a rule test run.
#[derive(Debug, Default)]
pub struct TestReport {
    pub examples: usize,
    pub passed: usize,
    pub failures: Vec<TestFailure>,
}

fn has_heading(text: &str) -> bool {
    text.lines()
        .any(|l| crate::document::blocks_heading_marker(l.trim()).is_some())
}

/// Audit one example text with its level, as a drafting office would see it.
pub fn example_document(text: &str, level: Option<Level>, profile: &Profile) -> Document {
    let body = if has_heading(text) {
        text.to_owned()
    } else {
        format!("{EXAMPLE_HEADING}{text}")
    };
    let mut doc = Document::from_text(&body, profile);
    doc.meta.level = Some(level.unwrap_or(Level::City));
    doc
}

/// Run every example of every item of the packs (all packs if `only` is empty).
pub fn run(rules: &RuleSet, only: &[String]) -> TestReport {
    let mut report = TestReport::default();
    for pack in rules
        .packs
        .iter()
        .filter(|p| only.is_empty() || only.contains(&p.id))
    {
        let compiled = match CompiledPack::new(pack.clone()).and_then(|c| c.compile().map(|()| c)) {
            Ok(c) => c,
            Err(e) => {
                report.failures.push(TestFailure {
                    pack: pack.id.clone(),
                    item: String::new(),
                    message: e,
                    origin: pack.origin.clone(),
                });
                continue;
            }
        };
        // The pack's own negation patterns (its file's set, the last; the
        // inherited ones are the parent pack's to test, and the items they
        // act on may be disabled here): each must turn evidence into a
        // problem in at least one example of an item it acts on. Compiled
        // once per pack, tried on every example with a negated hit.
        let own_set = pack.negations.len().checked_sub(1);
        let own_negations: &[crate::rules::Pattern] = own_set.map_or(&[], |i| &pack.negations[i]);
        let negation_matchers: Vec<PatternMatcher> = own_negations.iter().map(PatternMatcher::new).collect();
        let mut negation_fired = vec![false; own_negations.len()];
        for (index, item) in pack.items.iter().enumerate() {
            let mut fired: HashSet<usize> = HashSet::new();
            if item.examples.is_empty() {
                report.failures.push(TestFailure {
                    pack: pack.id.clone(),
                    item: item.id.clone(),
                    message: "条目没有示例（examples）".into(),
                    origin: item.origin.clone(),
                });
            }
            for ex in &item.examples {
                report.examples += 1;
                let doc = example_document(&ex.text, ex.level, &rules.profile);
                let result = &audit(&doc, &compiled).items[index];
                fired.extend(
                    result
                        .hits
                        .iter()
                        .filter(|h| h.counted != HitUse::Front)
                        .map(|h| h.pattern),
                );
                // exclusions fire when they veto a hit
                fired.extend(
                    result
                        .hits
                        .iter()
                        .filter(|h| h.counted == HitUse::Excluded)
                        .flat_map(|_| exclude_indexes(item)),
                );
                if Some(item.negation) == own_set && result.hits.iter().any(|h| h.negated) {
                    for (fired, matcher) in negation_fired.iter_mut().zip(&negation_matchers) {
                        *fired |= matcher.matches(&ex.text);
                    }
                }
                if result.status == ex.expect {
                    report.passed += 1;
                } else {
                    report.failures.push(TestFailure {
                        pack: pack.id.clone(),
                        item: item.id.clone(),
                        message: format!(
                            "示例应判为 {}，实际为 {}：{}",
                            ex.expect.name(),
                            result.status.name(),
                            one_line(&ex.text)
                        ),
                        origin: ex.origin.clone(),
                    });
                }
            }
            for (i, (pattern, usage)) in item.all_patterns().enumerate() {
                if !usage.is_qualifier() && !fired.contains(&i) {
                    report.failures.push(TestFailure {
                        pack: pack.id.clone(),
                        item: item.id.clone(),
                        message: format!(
                            "规则 {} 在任何示例上都没有命中，请补充示例或删除该规则",
                            pattern.display()
                        ),
                        origin: pattern.origin.clone(),
                    });
                }
            }
        }
        let unfired = own_negations.iter().zip(&negation_fired).filter(|(_, f)| !**f);
        for (pattern, _) in unfired {
            report.failures.push(TestFailure {
                pack: pack.id.clone(),
                item: String::new(),
                message: format!(
                    "否定表述规则 {} 在任何示例上都没有起作用，请补充示例或删除该规则",
                    pattern.display()
                ),
                origin: pattern.origin.clone(),
            });
        }
    }
    profile_examples(rules, &mut report);
    report
}

/// One pattern as the matcher reads it: a literal anywhere, a regex by its
/// gap-split form (`None`: the regex does not compile, and matches nothing).
enum PatternMatcher<'p> {
    Literal(&'p str),
    Regex(Option<crate::rules::gap::GapRegex>),
}

impl<'p> PatternMatcher<'p> {
    fn new(pattern: &'p crate::rules::Pattern) -> Self {
        if pattern.is_regex {
            PatternMatcher::Regex(crate::rules::gap::GapRegex::new_eager(&pattern.text).ok())
        } else {
            PatternMatcher::Literal(&pattern.text)
        }
    }

    fn matches(&self, text: &str) -> bool {
        match self {
            PatternMatcher::Literal(l) => text.contains(l),
            PatternMatcher::Regex(re) => re.as_ref().is_some_and(|re| re.is_match(text)),
        }
    }
}

/// Exclusions are checked by whether any example's hit was vetoed; mark them all.
fn exclude_indexes(item: &crate::rules::Item) -> Vec<usize> {
    item.all_patterns()
        .enumerate()
        .filter(|(_, (_, u))| *u == PatternUse::Exclude)
        .map(|(i, _)| i)
        .collect()
}

fn one_line(s: &str) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let short: String = flat.chars().take(60).collect();
    if short.len() < flat.len() {
        format!("{short}…")
    } else {
        short
    }
}

fn profile_examples(rules: &RuleSet, report: &mut TestReport) {
    for ex in &rules.profile_examples {
        report.examples += 1;
        let got = profile_example_result(ex, &rules.profile);
        if (got.as_deref() == Some(ex.expect.as_str())) != ex.negated {
            report.passed += 1;
        } else {
            let got = got.unwrap_or_else(|| "无".into());
            let message = if ex.negated {
                format!("“{}”不应识别为 {}，实际为 {got}", ex.text, ex.expect)
            } else {
                format!("“{}”应识别为 {}，实际为 {got}", ex.text, ex.expect)
            };
            report.failures.push(TestFailure {
                pack: "document".into(),
                item: ex.what.into(),
                message,
                origin: ex.origin.clone(),
            });
        }
    }
}

fn profile_example_result(ex: &ProfileExample, profile: &Profile) -> Option<String> {
    match ex.what {
        "level" => profile.level_of(&ex.text).map(|l| l.name().to_owned()),
        "heading" => {
            // A second part, as such titles come after the year's work (a
            // first heading's year would be taken as the report year's).
            let text = format!("一、主要工作\n开展了各项工作。\n二、{}\n正文内容。", ex.text);
            let doc = Document::from_text(&text, profile);
            doc.sections.get(1).map(|s| s.role.name().to_owned())
        }
        _ => {
            let text = format!("{EXAMPLE_HEADING}开展了各项工作。\n{}", ex.text);
            let doc = Document::from_text(&text, profile);
            let at = text.rfind(&ex.text)?;
            doc.role_at(at)
                .filter(|r| *r != Role::Front)
                .map(|r| r.name().to_owned())
        }
    }
}
