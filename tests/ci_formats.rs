//! SARIF (validated against the 2.1.0 schema), GitHub annotations and JUnit,
//! produced by the library's report functions.

use fazhi::cli::Auditor;
use fazhi::report::{ci, Outcome};

mod common;

fn outcomes() -> Vec<Outcome> {
    let rules = fazhi::rules::load_builtin().unwrap();
    let auditor = Auditor::new(rules, None, Default::default()).unwrap();
    let root = common::root();
    vec![
        auditor.audit_path(&root.join("samples/reports/yunxi-town-2023-gaps.txt")),
        auditor.audit_path(&root.join("samples/reports/qingchuan-city-2024-complete.txt")),
        auditor.audit_path(&root.join("no/such/report.txt")),
    ]
}

#[test]
fn sarif_is_valid_against_the_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(common::root().join("tests/fixtures/schemas/sarif-2.1.0.json")).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let log = ci::sarif(&outcomes());
    let errors: Vec<String> = validator.iter_errors(&log).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let results = run["results"].as_array().unwrap();
    assert!(results.iter().any(|r| r["ruleId"] == "structure.causes"));
    assert!(results.iter().all(|r| r["locations"][0]["physicalLocation"]["region"]["startLine"].as_u64().unwrap() >= 1));
    assert_eq!(run["invocations"][0]["executionSuccessful"], false, "a failed file is reported");
    // a broken log is caught by the schema: the test can fail
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = serde_json::json!("fatal");
    assert!(!validator.is_valid(&broken));
}

#[test]
fn github_annotations() {
    let text = ci::github(&outcomes());
    assert!(text.lines().all(|l| l.starts_with("::")));
    assert!(text.contains("::error file=") || text.contains("::warning file="));
    assert!(text.contains(",line="));
    assert!(!text.lines().any(|l| l.matches("::").count() < 2));
}

#[test]
fn junit_has_a_case_per_report_and_item() {
    let xml = ci::junit(&outcomes());
    assert!(xml.starts_with("<?xml"));
    assert_eq!(xml.matches("<testsuite ").count(), 3);
    assert!(xml.matches("<testcase ").count() > 2 * 35);
    assert!(xml.contains("<failure"));
    assert!(xml.contains("structure.causes"));
}

/// The binary's `--format sarif|github|junit` over a batch with a failed file.
#[test]
fn the_binary_writes_each_ci_format() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["yunxi-town-2023-gaps.txt", "qingchuan-city-2024-complete.txt"] {
        std::fs::copy(common::root().join("samples/reports").join(name), dir.path().join(name)).unwrap();
    }
    std::fs::write(dir.path().join("broken.docx"), b"not a zip").unwrap();
    let d = dir.path().to_str().unwrap();
    let run = |format: &str| {
        let out = common::run(&["check", d, "--no-config", "--format", format]);
        assert_eq!(out.status.code(), Some(2), "{format}: a failed file gives exit 2");
        String::from_utf8(out.stdout).unwrap()
    };
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(common::root().join("tests/fixtures/schemas/sarif-2.1.0.json")).unwrap(),
    )
    .unwrap();
    let log: serde_json::Value = serde_json::from_str(&run("sarif")).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let results = log["runs"][0]["results"].as_array().unwrap();
    let uris: std::collections::BTreeSet<&str> = results
        .iter()
        .map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap())
        .collect();
    assert!(uris.iter().any(|u| u.ends_with("yunxi-town-2023-gaps.txt")), "{uris:?}");
    assert!(uris.iter().all(|u| u.ends_with(".txt")), "results only for audited reports: {uris:?}");
    assert_eq!(log["runs"][0]["invocations"][0]["toolExecutionNotifications"].as_array().unwrap().len(), 1);
    let rule_ids: Vec<&str> = log["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert!(results.iter().all(|r| rule_ids.contains(&r["ruleId"].as_str().unwrap())), "every result has rule metadata");

    let gh = run("github");
    assert!(gh.lines().all(|l| l.starts_with("::error ") || l.starts_with("::warning ") || l.starts_with("::notice ")), "{gh}");
    assert!(gh.contains("broken.docx") && gh.contains("yunxi-town"));

    let xml = run("junit");
    assert_eq!(xml.matches("<testsuite ").count(), 3);
    assert!(xml.contains("broken.docx") && xml.contains("<error"));
    assert!(xml.matches("<testcase ").count() > 2 * 35);
}

/// A clean run of the CI formats exits 0 and 1 by the thresholds.
#[test]
fn ci_formats_honour_thresholds() {
    let report = common::root().join("samples/reports/yunxi-town-2023-gaps.txt");
    let r = report.to_str().unwrap();
    for format in ["sarif", "github", "junit"] {
        assert_eq!(common::run(&["check", r, "--no-config", "--format", format]).status.code(), Some(0), "{format}");
        assert_eq!(
            common::run(&["check", r, "--no-config", "--format", format, "--fail-on", "warning"]).status.code(),
            Some(1),
            "{format}"
        );
    }
}
