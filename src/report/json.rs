//! JSON and JSONL output, as `spec/output.md` describes.

use serde_json::{json, Value};

use super::{Audited, Outcome, Summary};

pub fn tool() -> Value {
    json!({"name": "fazhi", "version": env!("CARGO_PKG_VERSION")})
}

/// One REPORT object.
pub fn report(outcome: &Outcome) -> Value {
    match outcome {
        Outcome::Audited(a) => audited(a),
        Outcome::Failed(f) => json!({
            "path": f.path,
            "status": "failed",
            "error": {"kind": f.kind, "message": f.message},
        }),
    }
}

fn audited(a: &Audited) -> Value {
    let doc = &a.doc;
    let pack = a.pack();
    let items: Vec<Value> = pack
        .items
        .iter()
        .zip(&a.audit.items)
        .map(|(item, r)| {
            let mut v = json!({
                "id": item.id,
                "title": item.title,
                "status": r.status.name(),
                "weight": item.weight,
                "severity": item.severity.name(),
                "basis": item.basis,
                "evidence": r.evidence.iter().map(|e| doc.span(e.clone())).collect::<Vec<_>>(),
                "message": r.message,
            });
            if let Some((found, missing)) = &r.parts {
                v["parts"] = json!({"found": found, "missing": missing});
            }
            if r.status.is_gap() {
                if let Some(help) = &item.help {
                    v["help"] = json!(help);
                }
                if let Some(anchor) = &r.anchor {
                    v["location"] = json!(doc.span(anchor.clone()));
                }
            }
            v
        })
        .collect();
    let findings: Vec<Value> = a
        .audit
        .findings
        .iter()
        .map(|f| {
            let mut v = json!({
                "id": f.id,
                "severity": f.severity.name(),
                "message": f.message,
                "span": doc.span(f.range.clone()),
            });
            if let Some(s) = &f.suggestion {
                v["suggestion"] = json!(s);
            }
            if !f.related.is_empty() {
                v["related"] = f
                    .related
                    .iter()
                    .map(|(r, label)| json!({"span": doc.span(r.clone()), "label": label}))
                    .collect();
            }
            v
        })
        .collect();
    let m = &doc.meta;
    json!({
        "path": a.path,
        "status": "audited",
        "pack": pack.id,
        "format": doc.format.name(),
        "meta": {
            "title": m.title,
            "year": m.year,
            "unit": m.unit,
            "level": m.level.map(|l| l.name()),
            "published": m.published,
            "encoding": m.encoding,
        },
        "score": a.audit.score,
        "items": items,
        "findings": findings,
        "notes": a.notes,
    })
}

pub fn summary(s: &Summary) -> Value {
    json!({"files": s.files, "audited": s.audited, "failed": s.failed, "mean_score": s.mean_score})
}

/// The whole JSON document.
pub fn document(outcomes: &[Outcome]) -> Value {
    json!({
        "tool": tool(),
        "reports": outcomes.iter().map(report).collect::<Vec<_>>(),
        "summary": summary(&Summary::of(outcomes)),
    })
}
