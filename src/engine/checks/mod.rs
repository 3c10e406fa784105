//! Quality checks: findings with spans (duplicate sentences, wrong formulations,
//! personal data, deadlines …), configured by `rules::checks::Checks`.
//!
//! Every phrase, threshold, message and severity comes from `rules/checks.yaml`;
//! this module only has the mechanisms. Each check lives in its own file.

mod duplicate;
mod formulation;
mod meta;
mod nextyear;
mod privacy;
mod shortcomings;
mod structure;

use std::ops::Range;

use super::Finding;
use crate::document::{BlockKind, Document};
use crate::rules::checks::{Checks, FindingSpec};

/// Run every enabled check on a document. Findings come sorted by position.
pub fn run(doc: &Document, checks: &Checks) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Some(c) = &checks.unknown_year {
        out.extend(meta::unknown_year(doc, c));
    }
    if let Some(c) = &checks.publication_deadline {
        out.extend(meta::deadline(doc, c));
    }
    if let Some(c) = &checks.shortcomings_thin {
        out.extend(shortcomings::run(doc, c));
    }
    if let Some(c) = &checks.next_year_mismatch {
        out.extend(nextyear::run(doc, c));
    }
    if let Some(c) = &checks.duplicate_sentence {
        out.extend(duplicate::run(doc, c));
    }
    if let Some(c) = &checks.formulation {
        out.extend(formulation::run(doc, c));
    }
    if let Some(c) = &checks.personal_data {
        out.extend(privacy::run(doc, c));
    }
    if let Some(c) = &checks.empty_section {
        out.extend(structure::empty_sections(doc, c));
    }
    out.sort_by_key(|f| (f.range.start, f.range.end));
    out
}

/// Fill `{name}` placeholders of a message template.
/// One pass over the template: a value is never read as a template itself,
/// and a placeholder without a value stays as written.
pub(crate) fn fill(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            vars.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v, close))
        });
        match value {
            Some((v, close)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A finding from a check's spec, with its templates filled.
pub(crate) fn finding(spec: &FindingSpec, range: Range<usize>, vars: &[(&str, &str)]) -> Finding {
    Finding {
        id: spec.id.clone(),
        severity: spec.severity,
        message: fill(&spec.message, vars),
        range,
        suggestion: spec.suggestion.as_deref().map(|s| fill(s, vars)),
        related: Vec::new(),
    }
}

/// A Chinese (Han) character.
pub(crate) fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Whether a byte range overlaps masked page chrome.
pub(crate) fn in_chrome(doc: &Document, r: &Range<usize>) -> bool {
    doc.chrome
        .iter()
        .any(|c| c.start < r.end && r.start < c.end)
}

/// Blocks that are the report's body: paragraphs and headings (not the title,
/// header lines or signature).
pub(crate) fn body_blocks(doc: &Document) -> impl Iterator<Item = &crate::document::Block> {
    doc.blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::Heading { .. }))
}

/// The first non-blank line of the text that is not page chrome.
pub(crate) fn first_line(doc: &Document) -> Range<usize> {
    let mut start = 0;
    for line in doc.text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let trimmed = body.trim();
        let r = start..start + body.len();
        if !trimmed.is_empty() && !in_chrome(doc, &r) {
            let lead = body.len() - body.trim_start().len();
            return r.start + lead..r.start + lead + trimmed.len();
        }
        start += line.len();
    }
    0..0
}

#[cfg(test)]
pub(crate) mod testutil {
    use crate::document::Document;
    use crate::engine::Finding;
    use crate::rules::checks::Checks;
    use crate::rules::{load_builtin, RuleSet};
    use std::sync::OnceLock;

    pub fn rules() -> &'static RuleSet {
        static RULES: OnceLock<RuleSet> = OnceLock::new();
        RULES.get_or_init(|| load_builtin().expect("built-in rules load"))
    }

    pub fn checks() -> &'static Checks {
        &rules().checks
    }

    pub fn doc(text: &str) -> Document {
        Document::from_text(text, &rules().profile)
    }

    /// Findings with the given id on a text.
    pub fn ids(text: &str, id: &str) -> Vec<Finding> {
        super::run(&doc(text), checks())
            .into_iter()
            .filter(|f| f.id == id)
            .collect()
    }

    /// A small report around a body.
    pub fn report(year: i32, body: &str) -> String {
        format!(
            "某某区人民政府关于{year}年度法治政府建设情况的报告\n发布时间：{}-03-01\n{body}\n某某区人民政府\n{}年3月1日\n",
            year + 1,
            year + 1
        )
    }
}

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn placeholders_are_filled_once_and_unknown_ones_stay() {
        let vars = [("title", "{found}依法决策"), ("found", "合法性审查")];
        assert_eq!(fill("“{title}”写了{found}", &vars), "“{found}依法决策”写了合法性审查");
        assert_eq!(fill("{other}与{title", &vars), "{other}与{title");
        assert_eq!(fill("无占位符", &vars), "无占位符");
        assert_eq!(fill("{}{found}}", &vars), "{}合法性审查}");
    }
}
