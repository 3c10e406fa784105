//! The full-width samples (samples/fullwidth: a county, a city department as
//! PDF text, a township) against their hand-judged expectations, in-process:
//! every item status, the level, year and publication date, and exactly the
//! expected findings (besides the project's own structure.empty-section).
//!
//! They live apart from samples/reports because tests/batch.rs counts the files
//! there; `accuracy.py --reports samples/fullwidth/reports --expected
//! samples/fullwidth/expected` scores them like the others.

use std::collections::BTreeSet;

use fazhi::cli::Auditor;
use fazhi::ingest::{read_path, Limits};
use fazhi::report::Outcome;

mod common;

const OWN_IDS: &[&str] = &["structure.empty-section"];

#[test]
fn fullwidth_samples_meet_their_expectations() {
    let root = common::root().join("samples/fullwidth");
    let rules = fazhi::rules::load_builtin().unwrap();
    let auditor = Auditor::new(rules, Some("outline-2021"), Limits::default()).unwrap();
    let mut wrong = Vec::new();
    let expected = common::expectations(&root.join("expected"));
    assert!(expected.len() >= 3);
    for exp in expected {
        let path = root.join("reports").join(&exp.report);
        let source = read_path(&path, &Limits::default()).unwrap();
        let Outcome::Audited(a) = auditor.audit_source(exp.report.clone(), source) else {
            panic!("{}: not audited", exp.report);
        };
        let meta = &a.doc.meta;
        let level = meta.level.map(|l| l.name().to_owned());
        if level != exp.level {
            wrong.push(format!(
                "{}: level {:?}, expected {:?}",
                exp.report, level, exp.level
            ));
        }
        if meta.year.map(i64::from) != exp.year {
            wrong.push(format!(
                "{}: year {:?}, expected {:?}",
                exp.report, meta.year, exp.year
            ));
        }
        if meta.published != exp.published {
            wrong.push(format!(
                "{}: published {:?}, expected {:?}",
                exp.report, meta.published, exp.published
            ));
        }
        for (r, item) in a.audit.items.iter().zip(&a.pack().items) {
            if let Some(want) = exp.items.get(&item.id) {
                if r.status.name() != want {
                    wrong.push(format!(
                        "{}: {} {}, expected {want}",
                        exp.report,
                        item.id,
                        r.status.name()
                    ));
                }
            }
        }
        let got: BTreeSet<String> = a
            .audit
            .findings
            .iter()
            .map(|f| f.id.clone())
            .filter(|id| !OWN_IDS.contains(&id.as_str()))
            .collect();
        let want = exp.finding_set();
        if got != want {
            wrong.push(format!(
                "{}: findings {got:?}, expected {want:?}",
                exp.report
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
