//! End-to-end tests of the quality checks (findings) through the binary.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::*;

/// Ids the project adds beyond the checklist; the corpus expectations do not list them.
const OWN_IDS: &[&str] = &["structure.empty-section"];

fn finding_ids(report: &Path, pack: &str) -> (BTreeSet<String>, serde_json::Value) {
    let (code, v) = json(&[
        "check",
        "--format",
        "json",
        "--pack",
        pack,
        report.to_str().unwrap(),
    ]);
    assert!(code == 0 || code == 1, "{}: exit {code}", report.display());
    let findings = v["reports"][0]["findings"].clone();
    let ids = findings
        .as_array()
        .expect("findings array")
        .iter()
        .map(|f| f["id"].as_str().unwrap().to_owned())
        .collect();
    (ids, findings)
}

fn check_dir(reports: &Path, expected: &Path, allow_own: bool) {
    for exp in expectations(expected) {
        let (got, _) = finding_ids(&reports.join(&exp.report), &exp.pack);
        let want = exp.finding_set();
        let missed: Vec<_> = want.difference(&got).collect();
        let extra: Vec<_> = got
            .difference(&want)
            .filter(|id| !(allow_own && OWN_IDS.contains(&id.as_str())))
            .collect();
        assert!(
            missed.is_empty() && extra.is_empty(),
            "{}: missed {missed:?}, unexpected {extra:?}",
            exp.report
        );
    }
}

#[test]
fn samples_fire_exactly_the_expected_findings() {
    let root = root();
    check_dir(
        &root.join("samples/reports"),
        &root.join("samples/expected"),
        false,
    );
}

#[test]
fn corpus_fires_the_expected_findings() {
    let Some(shared) = shared() else {
        eprintln!("../shared not present: skipped");
        return;
    };
    check_dir(
        &shared.join("corpus/reports"),
        &shared.join("corpus/expected"),
        true,
    );
}

#[test]
fn findings_carry_span_message_and_suggestion() {
    let report = root().join("samples/reports/yunxi-town-2023-gaps.txt");
    let text = std::fs::read_to_string(&report).unwrap();
    let (_, findings) = finding_ids(&report, "outline-2021");
    for f in findings.as_array().unwrap() {
        let span = &f["span"];
        let (s, e) = (
            span["start"].as_u64().unwrap() as usize,
            span["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], span["text"].as_str().unwrap());
        assert!(!f["message"].as_str().unwrap().is_empty());
        assert!(["error", "warning", "info"].contains(&f["severity"].as_str().unwrap()));
    }
    let phone = findings
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "privacy.personal-data")
        .expect("mobile number found");
    assert_eq!(phone["severity"], "error");
    assert_eq!(phone["span"]["text"], "13812345678");
    assert!(phone["suggestion"]
        .as_str()
        .unwrap()
        .contains("138****5678"));
    let dup = findings
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "quality.duplicate-sentence")
        .expect("duplicate found");
    assert_eq!(dup["related"].as_array().unwrap().len(), 1);

    // Human output: the snippet and the suggestion.
    let out = run(&["check", "--color", "never", report.to_str().unwrap()]);
    let human = String::from_utf8_lossy(&out.stdout);
    assert!(human.contains("privacy.personal-data"), "{human}");
    assert!(human.contains("联系电话：13812345678"), "{human}");
    assert!(human.contains("建议：改为“（2021—2025年）”"), "{human}");
}

#[test]
fn checks_yaml_in_a_rules_dir_replaces_the_builtin_configuration() {
    let dir = tempfile::tempdir().unwrap();
    // Only the personal-data check, at warning level.
    std::fs::write(
        dir.path().join("checks.yaml"),
        "personal_data:\n  id: privacy.personal-data\n  severity: warning\n  mobile:\n    regex: '1[3-9][0-9]{9}'\n    message: 手机号 {number}\n",
    )
    .unwrap();
    let report = root().join("samples/reports/yunxi-town-2023-gaps.txt");
    let (code, v) = json(&[
        "check",
        "--format",
        "json",
        "--rules",
        dir.path().to_str().unwrap(),
        report.to_str().unwrap(),
    ]);
    assert!(code == 0 || code == 1);
    let findings = v["reports"][0]["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0]["severity"], "warning");
    assert_eq!(findings[0]["message"], "手机号 13812345678");
}

#[test]
fn a_bad_checks_yaml_is_a_located_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("checks.yaml"),
        "next_year_mismatch:\n  id: quality.next-year-mismatch\n  heading_year: '(20[0-9]{2})年'\n  plan_year: []\n  message: m\n",
    )
    .unwrap();
    let report = root().join("samples/reports/yunxi-town-2023-gaps.txt");
    let out = run(&[
        "check",
        "--color",
        "never",
        "--rules",
        dir.path().to_str().unwrap(),
        report.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("year"), "{err}");
    assert!(err.contains("checks.yaml"), "{err}");
}
