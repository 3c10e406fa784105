//! Configuration files through the binary: discovery, precedence, thresholds,
//! per-file ignores, `fazhi init`, and errors.

use std::path::Path;
use std::process::Output;

mod common;

const GAPS: &str = "samples/reports/yunxi-town-2023-gaps.txt";
const COMPLETE: &str = "samples/reports/qingchuan-city-2024-complete.txt";

/// A project folder with two reports: `reports/town.txt` (gaps) and
/// `reports/dept/city.txt` (complete).
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("reports/dept")).unwrap();
    std::fs::copy(common::root().join(GAPS), dir.path().join("reports/town.txt")).unwrap();
    std::fs::copy(common::root().join(COMPLETE), dir.path().join("reports/dept/city.txt")).unwrap();
    dir
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    common::bin().current_dir(dir).args(args).output().unwrap()
}

fn json_in(dir: &Path, args: &[&str]) -> (i32, serde_json::Value) {
    let out = run_in(dir, args);
    let v = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code().unwrap(), v)
}

fn item<'a>(report: &'a serde_json::Value, id: &str) -> Option<&'a serde_json::Value> {
    report["items"].as_array().unwrap().iter().find(|i| i["id"] == id)
}

fn town(v: &serde_json::Value) -> &serde_json::Value {
    v["reports"].as_array().unwrap().iter().find(|r| r["path"].as_str().unwrap().ends_with("town.txt")).unwrap()
}

#[test]
fn discovered_from_a_subdirectory_and_overridden_by_the_command_line() {
    let dir = project();
    std::fs::write(dir.path().join("fazhi.yaml"), "disable: [functions.power-list]\nfail_under: 95\n").unwrap();
    let sub = dir.path().join("reports");
    // found upwards from reports/
    let (code, v) = json_in(&sub, &["check", "town.txt", "--format", "json"]);
    assert!(item(town(&v), "functions.power-list").is_none(), "disabled by the file");
    assert_eq!(code, 1, "fail_under 95 from the file");
    // the command line wins over the file
    let (code, _) = json_in(&sub, &["check", "town.txt", "--format", "json", "--fail-under", "10"]);
    assert_eq!(code, 0);
    // --no-config ignores it
    let (code, v) = json_in(&sub, &["check", "town.txt", "--format", "json", "--no-config"]);
    assert!(item(town(&v), "functions.power-list").is_some());
    assert_eq!(code, 0);
    // --config names another file
    std::fs::write(dir.path().join("ci.yaml"), "fail_on: warning\n").unwrap();
    let (code, v) = json_in(&sub, &["check", "town.txt", "--format", "json", "--config", "../ci.yaml"]);
    assert!(item(town(&v), "functions.power-list").is_some(), "the discovered file is not read");
    assert_eq!(code, 1, "fail_on warning from --config");
}

#[test]
fn exit_codes_for_each_threshold() {
    let dir = project();
    let cases: &[(&[&str], i32)] = &[
        (&[], 0),
        (&["--fail-under", "50"], 0),
        (&["--fail-under", "99"], 1),
        (&["--fail-on", "error"], 1),   // the town report has error-level findings
        (&["--fail-on", "warning"], 1),
    ];
    for (extra, want) in cases {
        let mut args = vec!["check", "reports/town.txt", "--format", "json", "--no-config"];
        args.extend_from_slice(extra);
        assert_eq!(json_in(dir.path(), &args).0, *want, "{extra:?}");
    }
    // the complete report has no error-level gap or finding
    let (code, v) = json_in(dir.path(), &["check", "reports/dept/city.txt", "--format", "json", "--no-config", "--fail-on", "error"]);
    let worst = v["reports"][0]["findings"].as_array().unwrap().iter().any(|f| f["severity"] == "error");
    assert_eq!(code, if worst { 1 } else { 0 });
    // a failed file outranks thresholds
    std::fs::write(dir.path().join("reports/empty.txt"), "").unwrap();
    assert_eq!(json_in(dir.path(), &["check", "reports", "--format", "json", "--no-config", "--fail-under", "99"]).0, 2);
}

#[test]
fn severity_override_changes_fail_on() {
    let dir = project();
    let (_, v) = json_in(dir.path(), &["check", "reports/town.txt", "--format", "json", "--no-config"]);
    let errors: Vec<String> = town(&v)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| f["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(!errors.is_empty());
    let gaps_error = town(&v)["items"].as_array().unwrap().iter().any(|i| i["status"] == "missing" && i["severity"] == "error");
    let mut yaml = String::from("fail_on: error\nseverity:\n");
    for id in errors.iter().collect::<std::collections::BTreeSet<_>>() {
        yaml.push_str(&format!("  {id}: info\n"));
    }
    std::fs::write(dir.path().join("fazhi.yaml"), &yaml).unwrap();
    let (code, v) = json_in(dir.path(), &["check", "reports/town.txt", "--format", "json"]);
    assert!(town(&v)["findings"].as_array().unwrap().iter().all(|f| f["severity"] != "error"));
    assert_eq!(code, if gaps_error { 1 } else { 0 }, "{yaml}");
}

#[test]
fn per_file_ignores_and_disabled_checks() {
    let dir = project();
    std::fs::write(
        dir.path().join("fazhi.yaml"),
        "per_file_ignores:\n  'reports/town.txt': [leadership.assessment, privacy.personal-data]\ndisable: [quality.duplicate-sentence]\n",
    )
    .unwrap();
    let (_, before) = json_in(dir.path(), &["check", "reports", "--format", "json", "--no-config"]);
    let (_, after) = json_in(dir.path(), &["check", "reports", "--format", "json"]);
    let (b, a) = (town(&before), town(&after));
    assert_eq!(item(b, "leadership.assessment").unwrap()["status"], "missing");
    assert_eq!(item(a, "leadership.assessment").unwrap()["status"], "not-applicable");
    assert!(a["score"].as_f64().unwrap() > b["score"].as_f64().unwrap(), "an ignored gap leaves the denominator");
    let ids = |r: &serde_json::Value| -> Vec<String> { r["findings"].as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap().to_owned()).collect() };
    assert!(ids(b).iter().any(|i| i == "privacy.personal-data"));
    assert!(!ids(a).iter().any(|i| i == "privacy.personal-data" || i == "quality.duplicate-sentence"));
    // the other report is untouched by the per-file glob
    let city = |v: &serde_json::Value| v["reports"].as_array().unwrap().iter().find(|r| r["path"].as_str().unwrap().ends_with("city.txt")).unwrap().clone();
    assert_eq!(city(&before)["score"], city(&after)["score"]);
}

#[test]
fn deadline_from_the_file_and_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = "某镇2023年法治政府建设年度报告\n发布时间：2024-03-20\n一、主要举措和成效\n（一）推进政务公开。全年公开信息120条。\n";
    std::fs::write(dir.path().join("r.txt"), text).unwrap();
    let late = |v: &serde_json::Value| v["reports"][0]["findings"].as_array().unwrap().iter().any(|f| f["id"] == "meta.publication-deadline");
    assert!(!late(&json_in(dir.path(), &["check", "r.txt", "--format", "json"]).1), "before 1 April");
    std::fs::write(dir.path().join("fazhi.yaml"), "deadline:\n  month: 3\n  day: 1\n").unwrap();
    assert!(late(&json_in(dir.path(), &["check", "r.txt", "--format", "json"]).1), "after a provincial 1 March");
    assert!(!late(&json_in(dir.path(), &["check", "r.txt", "--format", "json", "--deadline", "03-31"]).1), "the command line wins");
    let out = run_in(dir.path(), &["check", "r.txt", "--deadline", "02-30"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("MM-DD"));
}

#[test]
fn include_exclude_from_the_file() {
    let dir = project();
    std::fs::write(dir.path().join("fazhi.yaml"), "exclude: ['dept/**']\n").unwrap();
    let (_, v) = json_in(dir.path(), &["check", "reports", "--format", "json"]);
    assert_eq!(v["reports"].as_array().unwrap().len(), 1);
    let (_, v) = json_in(dir.path(), &["check", "reports", "--format", "json", "--exclude", "nothing"]);
    assert_eq!(v["reports"].as_array().unwrap().len(), 2, "--exclude replaces the file's");
}

#[test]
fn init_writes_a_starter_that_loads() {
    let dir = project();
    let out = run_in(dir.path(), &["init"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(std::fs::read_to_string(dir.path().join("fazhi.yaml")).unwrap().contains("fail_on"));
    let again = run_in(dir.path(), &["init"]);
    assert_eq!(again.status.code(), Some(2), "does not overwrite");
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    assert_eq!(run_in(dir.path(), &["init", "--force"]).status.code(), Some(0));
    let (code, v) = json_in(dir.path(), &["check", "reports/dept/city.txt", "--format", "json"]);
    assert_eq!(code, 0);
    assert_eq!(v["reports"][0]["status"], "audited");
}

#[test]
fn a_broken_config_is_a_located_error() {
    let dir = project();
    std::fs::write(dir.path().join("fazhi.yaml"), "fail_under: 80\nfail_onn: error\n").unwrap();
    let out = run_in(dir.path(), &["check", "reports/town.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("fail_onn") && err.contains("fazhi.yaml:2:1"), "{err}");
    let out = run_in(dir.path(), &["check", "reports/town.txt", "--config", "missing.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("无法读取配置文件"));
}

#[test]
fn explain_reads_the_configuration_too() {
    let dir = project();
    let args = ["explain", "reports/town.txt", "--item", "decision.catalog"];
    assert_eq!(run_in(dir.path(), &args).status.code(), Some(0));
    std::fs::write(dir.path().join("fazhi.yaml"), "disable: [decision.catalog]\n").unwrap();
    let out = run_in(dir.path(), &args);
    assert_eq!(out.status.code(), Some(2), "a disabled item is not in the pack");
    assert!(String::from_utf8_lossy(&out.stderr).contains("decision.catalog"));
    let mut no_config = args.to_vec();
    no_config.push("--no-config");
    assert_eq!(run_in(dir.path(), &no_config).status.code(), Some(0));
}
