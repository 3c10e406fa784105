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
    assert!(xml.matches("<testcase ").count() >= 2 * 35 + 1);
    assert!(xml.contains("<failure"));
    assert!(xml.contains("structure.causes"));
}
