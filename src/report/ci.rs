//! Outputs for CI: SARIF 2.1.0 (code scanning), GitHub workflow annotations,
//! and JUnit XML (one test case per report × item).

use std::collections::BTreeMap;

use quick_junit::{NonSuccessKind, Report as JunitReport, TestCase, TestCaseStatus, TestSuite};
use serde_json::{json, Value};

use super::{gap_severity, Audited, Outcome};
use crate::engine::Finding;
use crate::rules::{Item, Severity, Status};

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A SARIF region for a byte range; columns in Unicode code points
/// (`columnKind: unicodeCodePoints`).
fn region(a: &Audited, range: std::ops::Range<usize>) -> Value {
    let start = a.doc.span(range.clone());
    let (end_line, end_col) = a.doc.lines.line_col(&a.doc.text, range.end);
    json!({
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end_line,
        "endColumn": end_col,
        "snippet": {"text": start.text},
    })
}

fn location(a: &Audited, range: std::ops::Range<usize>) -> Value {
    json!({"physicalLocation": {"artifactLocation": {"uri": a.path.replace('\\', "/")}, "region": region(a, range)}})
}

/// Where a gap is shown: its evidence, else the part where it belongs, else line 1.
fn gap_range(evidence: &[std::ops::Range<usize>], anchor: &Option<std::ops::Range<usize>>) -> std::ops::Range<usize> {
    evidence.first().cloned().or_else(|| anchor.clone()).unwrap_or(0..0)
}

/// What one report contributes to a SARIF log: rule descriptors, results, and a
/// notification when it could not be audited. Built by the worker that audited
/// it, so a batch keeps no documents.
#[derive(Debug, Default)]
pub struct SarifPart {
    rules: Vec<(String, Value)>,
    results: Vec<Value>,
    notification: Option<Value>,
}

fn item_rule(item: &Item, pack: &str) -> Value {
    json!({
        "id": item.id,
        "name": item.id.replace(['.', '-'], "_"),
        "shortDescription": {"text": item.title},
        "fullDescription": {"text": item.help.clone().unwrap_or_else(|| item.title.clone())},
        "help": {"text": format!("{}\n依据：{}", item.help.clone().unwrap_or_default(), item.basis)},
        "defaultConfiguration": {"level": sarif_level(item.severity)},
        "properties": {"basis": item.basis, "weight": item.weight, "pack": pack},
    })
}

fn finding_rule(f: &Finding) -> Value {
    json!({"id": f.id, "name": f.id.replace(['.', '-'], "_"), "shortDescription": {"text": f.id},
           "defaultConfiguration": {"level": sarif_level(f.severity)}})
}

fn finding_result(a: &Audited, f: &Finding) -> Value {
    let mut result = json!({
        "ruleId": f.id,
        "level": sarif_level(f.severity),
        "message": {"text": f.message},
        "locations": [location(a, f.range.clone())],
    });
    if !f.related.is_empty() {
        result["relatedLocations"] = f
            .related
            .iter()
            .enumerate()
            .map(|(i, (r, label))| {
                let mut l = location(a, r.clone());
                l["id"] = json!(i);
                l["message"] = json!({"text": label});
                l
            })
            .collect();
    }
    if let Some(s) = &f.suggestion {
        result["properties"] = json!({"suggestion": s});
    }
    result
}

/// The SARIF contribution of one report.
pub fn sarif_part(o: &Outcome) -> SarifPart {
    let mut part = SarifPart::default();
    match o {
        Outcome::Failed(f) => {
            part.notification = Some(json!({
                "level": "error",
                "message": {"text": format!("{}：{}", f.path, f.message)},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": f.path.replace('\\', "/")}}}],
            }))
        }
        Outcome::Audited(a) => {
            for (item, r) in a.pack().items.iter().zip(&a.audit.items) {
                part.rules.push((item.id.clone(), item_rule(item, &a.pack().id)));
                let Some(level) = gap_severity(item, r.status) else {
                    continue;
                };
                part.results.push(json!({
                    "ruleId": item.id,
                    "level": sarif_level(level),
                    "message": {"text": format!("[{}] {}", r.status.label_zh(), r.message)},
                    "locations": [location(a, gap_range(&r.evidence, &r.anchor))],
                    "properties": {"status": r.status.name(), "score": a.audit.score},
                }));
            }
            for f in &a.audit.findings {
                part.rules.push((f.id.clone(), finding_rule(f)));
                part.results.push(finding_result(a, f));
            }
        }
    }
    part
}

/// The SARIF log of a batch, from its parts in input order.
pub fn sarif_log(parts: impl IntoIterator<Item = SarifPart>) -> Value {
    let mut rules: BTreeMap<String, Value> = BTreeMap::new();
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for part in parts {
        for (id, rule) in part.rules {
            rules.entry(id).or_insert(rule);
        }
        results.extend(part.results);
        notifications.extend(part.notification);
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "fazhi",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules.into_values().collect::<Vec<_>>(),
            }},
            "columnKind": "unicodeCodePoints",
            "invocations": [{
                "executionSuccessful": notifications.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }],
    })
}

/// The SARIF log of audited outcomes.
pub fn sarif(outcomes: &[Outcome]) -> Value {
    sarif_log(outcomes.iter().map(sarif_part))
}

/// GitHub workflow-command escaping.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// `::error file=…,line=…::message` lines for GitHub Actions, for one report.
pub fn github_outcome(o: &Outcome) -> String {
    let mut out = String::new();
    let mut line = |kind: &str, file: &str, pos: Option<(usize, usize, usize, usize)>, title: &str, message: &str| {
        let mut props = format!("file={}", escape_property(file));
        if let Some((l, c, el, ec)) = pos {
            props.push_str(&format!(",line={l},col={c},endLine={el},endColumn={ec}"));
        }
        props.push_str(&format!(",title={}", escape_property(title)));
        out.push_str(&format!("::{kind} {props}::{}\n", escape_data(message)));
    };
    let kind = |s: Severity| match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    match o {
        Outcome::Failed(f) => line("error", &f.path, None, "fazhi", &format!("无法审核：{}", f.message)),
        Outcome::Audited(a) => {
            let pos = |r: std::ops::Range<usize>| {
                let (l, c) = a.doc.lines.line_col(&a.doc.text, r.start);
                let (el, ec) = a.doc.lines.line_col(&a.doc.text, r.end);
                Some((l, c, el, ec))
            };
            for (item, r) in a.pack().items.iter().zip(&a.audit.items) {
                let Some(sev) = gap_severity(item, r.status) else {
                    continue;
                };
                let title = format!("{} {}", item.id, item.title);
                let message = format!("[{}] {}（依据：{}）", r.status.label_zh(), r.message, item.basis);
                line(kind(sev), &a.path, pos(gap_range(&r.evidence, &r.anchor)), &title, &message);
            }
            for f in &a.audit.findings {
                let message = match &f.suggestion {
                    Some(s) => format!("{}（建议：{s}）", f.message),
                    None => f.message.clone(),
                };
                line(kind(f.severity), &a.path, pos(f.range.clone()), &f.id, &message);
            }
        }
    }
    out
}

/// GitHub annotations for a batch.
pub fn github(outcomes: &[Outcome]) -> String {
    outcomes.iter().map(github_outcome).collect()
}

/// The JUnit suite of one report: a test case per item (gaps fail) and per finding.
pub fn junit_suite(o: &Outcome) -> TestSuite {
    let mut suite = TestSuite::new(o.path());
    match o {
        Outcome::Failed(f) => {
            let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
            status.set_message(f.message.clone()).set_type(f.kind.clone());
            suite.add_test_case(TestCase::new("读取报告", status));
        }
        Outcome::Audited(a) => {
            for (item, r) in a.pack().items.iter().zip(&a.audit.items) {
                let status = if r.status.is_gap() {
                    let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
                    s.set_message(format!("[{}] {}", r.status.label_zh(), r.message))
                        .set_type(r.status.name())
                        .set_description(format!("依据：{}\n{}", item.basis, item.help.clone().unwrap_or_default()));
                    s
                } else if r.status == Status::NotApplicable {
                    TestCaseStatus::skipped()
                } else {
                    TestCaseStatus::success()
                };
                let mut case = TestCase::new(format!("{} {}", item.id, item.title), status);
                case.set_classname(a.path.clone());
                suite.add_test_case(case);
            }
            for f in &a.audit.findings {
                let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
                s.set_message(f.message.clone()).set_type(f.severity.name());
                let span = a.doc.span(f.range.clone());
                let mut case = TestCase::new(format!("{} 第{}行", f.id, span.line), s);
                case.set_classname(a.path.clone());
                suite.add_test_case(case);
            }
        }
    }
    suite
}

/// The JUnit XML document of a batch, from its suites in input order.
pub fn junit_report(suites: impl IntoIterator<Item = TestSuite>) -> String {
    let mut report = JunitReport::new("fazhi");
    report.add_test_suites(suites);
    report.to_string().unwrap_or_default()
}

/// JUnit XML for audited outcomes.
pub fn junit(outcomes: &[Outcome]) -> String {
    junit_report(outcomes.iter().map(junit_suite))
}
