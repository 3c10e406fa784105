//! JSON and JSONL output, as `spec/output.md` describes.

use serde::Serialize;
use serde_json::{json, Value};

use super::{Audited, Outcome, Summary};
use crate::span::Span;

pub fn tool() -> Value {
    json!({"name": "fazhi", "version": env!("CARGO_PKG_VERSION")})
}

/// One REPORT object: serialised straight from the audit (a batch writes
/// thousands, and building a `Value` tree first cost a tenth of its time).
/// Keys are written in sorted order, as the earlier `Value`-based output
/// (serde_json's sorted maps) wrote them: output stays byte-identical, and
/// JSON readers do not depend on key order.
pub fn report(outcome: &Outcome) -> ReportJson<'_> {
    match outcome {
        Outcome::Audited(a) => ReportJson::Audited(audited(a)),
        Outcome::Failed(f) => ReportJson::Failed(FailedJson {
            error: ErrorJson {
                kind: &f.kind,
                message: &f.message,
            },
            path: &f.path,
            status: "failed",
        }),
    }
}

/// A REPORT object, ready to serialise.
#[derive(Serialize)]
#[serde(untagged)]
pub enum ReportJson<'a> {
    Audited(AuditedJson<'a>),
    Failed(FailedJson<'a>),
}

#[derive(Serialize)]
pub struct FailedJson<'a> {
    error: ErrorJson<'a>,
    path: &'a str,
    status: &'static str,
}

#[derive(Serialize)]
struct ErrorJson<'a> {
    kind: &'a str,
    message: &'a str,
}

#[derive(Serialize)]
pub struct AuditedJson<'a> {
    findings: Vec<FindingJson<'a>>,
    format: &'static str,
    items: Vec<ItemJson<'a>>,
    meta: MetaJson<'a>,
    notes: &'a [String],
    pack: &'a str,
    path: &'a str,
    score: f64,
    status: &'static str,
}

#[derive(Serialize)]
struct MetaJson<'a> {
    encoding: &'a str,
    level: Option<&'static str>,
    published: Option<&'a str>,
    title: Option<&'a str>,
    unit: Option<&'a str>,
    year: Option<i32>,
}

#[derive(Serialize)]
struct ItemJson<'a> {
    basis: &'a str,
    evidence: Vec<Span>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<Span>,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    parts: Option<PartsJson<'a>>,
    severity: &'static str,
    status: &'static str,
    title: &'a str,
    weight: f64,
}

#[derive(Serialize)]
struct PartsJson<'a> {
    found: &'a [String],
    missing: &'a [String],
}

#[derive(Serialize)]
struct FindingJson<'a> {
    id: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<RelatedJson<'a>>,
    severity: &'static str,
    span: Span,
    #[serde(skip_serializing_if = "Option::is_none")]
    suggestion: Option<&'a str>,
}

#[derive(Serialize)]
struct RelatedJson<'a> {
    label: &'a str,
    span: Span,
}

fn audited(a: &Audited) -> AuditedJson<'_> {
    let doc = &a.doc;
    let span = |r: &std::ops::Range<usize>| doc.span(r.clone());
    let pack = a.pack();
    let items = pack
        .items
        .iter()
        .zip(&a.audit.items)
        .map(|(item, r)| {
            let gap = r.status.is_gap();
            ItemJson {
                basis: &item.basis,
                evidence: r.evidence.iter().map(span).collect(),
                help: item.help.as_deref().filter(|_| gap),
                id: &item.id,
                location: r.anchor.as_ref().filter(|_| gap).map(span),
                message: &r.message,
                parts: r.parts.as_ref().map(|(found, missing)| PartsJson { found, missing }),
                severity: item.severity.name(),
                status: r.status.name(),
                title: &item.title,
                weight: item.weight,
            }
        })
        .collect();
    let findings = a
        .audit
        .findings
        .iter()
        .map(|f| FindingJson {
            id: &f.id,
            message: &f.message,
            related: f
                .related
                .iter()
                .map(|(r, label)| RelatedJson { label, span: span(r) })
                .collect(),
            severity: f.severity.name(),
            span: span(&f.range),
            suggestion: f.suggestion.as_deref(),
        })
        .collect();
    let m = &doc.meta;
    AuditedJson {
        findings,
        format: doc.format.name(),
        items,
        meta: MetaJson {
            encoding: &m.encoding,
            level: m.level.map(|l| l.name()),
            published: m.published.as_deref(),
            title: m.title.as_deref(),
            unit: m.unit.as_deref(),
            year: m.year,
        },
        notes: &a.notes,
        pack: &pack.id,
        path: &a.path,
        score: a.audit.score,
        status: "audited",
    }
}

pub fn summary(s: &Summary) -> Value {
    json!({"files": s.files, "audited": s.audited, "failed": s.failed, "mean_score": s.mean_score})
}
