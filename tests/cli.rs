//! End-to-end tests of the `fazhi` binary.

mod common;

use common::*;

fn path(p: &std::path::Path) -> &str {
    p.to_str().unwrap()
}

/// Run the expectations in `expected` against `reports`; returns (agree, total).
fn agreement(reports: &std::path::Path, expected: &std::path::Path) -> (usize, usize) {
    let (mut agree, mut total) = (0, 0);
    for exp in expectations(expected) {
        let report = reports.join(&exp.report);
        let (code, v) = json(&[
            "check",
            "--format",
            "json",
            "--pack",
            &exp.pack,
            path(&report),
        ]);
        assert!(code == 0 || code == 1, "{}: exit {code}", exp.report);
        let r = &v["reports"][0];
        assert_eq!(r["status"], "audited");
        let meta = &r["meta"];
        assert_eq!(
            meta["level"].as_str(),
            exp.level.as_deref(),
            "{}: level",
            exp.report
        );
        assert_eq!(meta["year"].as_i64(), exp.year, "{}: year", exp.report);
        assert_eq!(
            meta["published"].as_str(),
            exp.published.as_deref(),
            "{}: published",
            exp.report
        );
        for (id, want) in &exp.items {
            let got = r["items"]
                .as_array()
                .unwrap()
                .iter()
                .find(|i| i["id"] == id.as_str())
                .map(|i| i["status"].as_str().unwrap().to_owned());
            total += 1;
            if got.as_deref() == Some(want.as_str()) {
                agree += 1;
            } else {
                eprintln!("{}: {id}: expected {want}, got {got:?}", exp.report);
            }
        }
    }
    (agree, total)
}

#[test]
fn bundled_samples_meet_their_expectations() {
    let (agree, total) = agreement(
        &root().join("samples/reports"),
        &root().join("samples/expected"),
    );
    assert!(total >= 4 * 35);
    assert!(agree as f64 / total as f64 >= 0.95, "{agree}/{total}");
}

#[test]
fn shared_corpus_meets_its_expectations() {
    let Some(shared) = shared() else {
        return eprintln!("../shared not present; skipped");
    };
    let (agree, total) = agreement(
        &shared.join("corpus/reports"),
        &shared.join("corpus/expected"),
    );
    assert_eq!(total, 5 * 35);
    assert!(agree as f64 / total as f64 >= 0.9, "{agree}/{total}");
}

#[test]
fn json_follows_the_contract() {
    let sample = root().join("samples/reports/yunxi-town-2023-gaps.txt");
    let (code, v) = json(&["check", "--format", "json", path(&sample)]);
    assert_eq!(code, 0);
    assert_eq!(v["tool"]["name"], "fazhi");
    assert_eq!(v["summary"]["files"], 1);
    assert_eq!(v["summary"]["audited"], 1);
    let r = &v["reports"][0];
    assert_eq!(r["pack"], "outline-2021");
    assert_eq!(r["meta"]["level"], "town");
    assert_eq!(r["meta"]["encoding"], "utf-8");
    let score = r["score"].as_f64().unwrap();
    assert!((0.0..100.0).contains(&score));
    let text = std::fs::read_to_string(&sample).unwrap();
    for item in r["items"].as_array().unwrap() {
        for span in item["evidence"].as_array().unwrap() {
            let (s, e) = (
                span["start"].as_u64().unwrap() as usize,
                span["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                &text[s..e],
                span["text"].as_str().unwrap(),
                "span bytes are those of the file"
            );
            let line = text[..s].matches('\n').count() + 1;
            assert_eq!(span["line"].as_u64().unwrap() as usize, line);
        }
        if item["status"] == "missing" {
            assert!(item["evidence"].as_array().unwrap().is_empty());
        }
    }
    let three = r["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "enforcement.three-systems")
        .unwrap();
    assert_eq!(three["status"], "partial");
    assert!(three["parts"]["found"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p == "重大执法决定法制审核"));
}

#[test]
fn fail_under_sets_exit_code_one() {
    let sample = root().join("samples/reports/yunxi-town-2023-gaps.txt");
    let out = run(&[
        "check",
        "--format",
        "json",
        "--fail-under",
        "99",
        path(&sample),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let out = run(&[
        "check",
        "--format",
        "json",
        "--fail-under",
        "1",
        path(&sample),
    ]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn human_output_names_gaps_in_chinese() {
    let sample = root().join("samples/reports/yunxi-town-2023-gaps.txt");
    let out = run(&["check", "--color", "never", path(&sample)]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("单位：云溪镇"), "{text}");
    assert!(text.contains("structure.causes [缺失]"));
    assert!(text.contains("依据："));
    assert!(
        text.contains("条目") && text.contains("状态"),
        "the item table"
    );
}

#[test]
fn binary_and_missing_files_fail_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let bin_file = dir.path().join("junk.txt");
    std::fs::write(
        &bin_file,
        (0..4096u32)
            .map(|i| (i * 7 % 256) as u8)
            .collect::<Vec<_>>(),
    )
    .unwrap();
    let good = root().join("samples/reports/qingchuan-city-2024-complete.txt");
    let (code, v) = json(&[
        "check",
        "--format",
        "json",
        path(&bin_file),
        path(&good),
        "/nonexistent/report.txt",
    ]);
    assert_eq!(code, 2);
    let reports = v["reports"].as_array().unwrap();
    assert_eq!(reports.len(), 3, "every input is accounted for");
    let failed: Vec<_> = reports.iter().filter(|r| r["status"] == "failed").collect();
    assert_eq!(failed.len(), 2);
    assert!(failed
        .iter()
        .all(|r| !r["error"]["message"].as_str().unwrap().is_empty()));
    assert_eq!(v["summary"]["failed"], 2);
    let out = run(&["check", path(&bin_file)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

fn rules_dir(yaml: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("pack.yaml"), yaml).unwrap();
    dir
}

fn rule_error(yaml: &str) -> String {
    let dir = rules_dir(yaml);
    let sample = root().join("samples/reports/qingchuan-city-2024-complete.txt");
    let out = bin()
        .args(["check", "--rules", path(dir.path()), path(&sample)])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "a bad rule file exits 2");
    String::from_utf8(out.stderr).unwrap()
}

const PACK_HEAD: &str =
    "id: test-pack\ntitle: 测试\nitems:\n  - id: t.one\n    title: 一\n    basis: 测试\n";

#[test]
fn bad_regex_is_located() {
    let err = rule_error(&format!(
        "{PACK_HEAD}    patterns:\n      regex: ['(未闭合']\n"
    ));
    assert!(err.contains("正则表达式有误"), "{err}");
    assert!(err.contains("pack.yaml:8:"), "line of the regex: {err}");
}

#[test]
fn unknown_key_is_located() {
    let err = rule_error(&format!(
        "{PACK_HEAD}    wieght: 3\n    patterns:\n      literal: [审计]\n"
    ));
    assert!(err.contains("wieght"), "{err}");
    assert!(err.contains("pack.yaml:7:"), "{err}");
}

#[test]
fn wrong_type_is_located() {
    let err = rule_error(&format!(
        "{PACK_HEAD}    weight: 很高\n    patterns:\n      literal: [审计]\n"
    ));
    assert!(err.contains("pack.yaml:7:"), "{err}");
}

#[test]
fn duplicate_builtin_pack_id_is_rejected() {
    let err = rule_error("id: outline-2021\ntitle: 重名\nitems:\n  - id: a\n    title: a\n    basis: b\n    patterns:\n      literal: [审计]\n");
    assert!(err.contains("与内置规则包重名"), "{err}");
}

#[test]
fn rules_list_and_show() {
    let out = run(&["rules", "list"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("enforcement.three-systems"));
    let out = run(&["rules", "show", "decision.procedures"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("组成部分"), "{text}");
    assert!(text.contains("专家论证"), "{text}");
    assert!(text.contains("示例"));
}

#[test]
fn every_checklist_id_is_in_the_builtin_pack() {
    let Some(shared) = shared() else { return };
    let checklist = std::fs::read_to_string(shared.join("spec/checklist.yaml")).unwrap();
    let out = run(&["rules", "list"]);
    let listed = String::from_utf8(out.stdout).unwrap();
    let mut count = 0;
    let mut lines = checklist.lines().peekable();
    while let Some(line) = lines.next() {
        if let Some(id) = line.trim().strip_prefix("- id: ") {
            let is_finding = lines.peek().is_some_and(|l| l.trim() == "kind: finding");
            if !is_finding {
                count += 1;
                assert!(listed.contains(id), "{id} missing from outline-2021");
            }
        }
    }
    assert_eq!(count, 35);
}

#[test]
fn explain_shows_where_hits_fell() {
    let Some(shared) = shared() else { return };
    let report = shared.join("corpus/reports/dg-qingxi-town-2021.txt");
    let out = run(&["explain", path(&report), "--item", "oversight.external"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("仅见于计划或问题"), "{text}");
    assert!(text.contains("只计为计划或问题"));
}

#[test]
fn explain_a_quality_check_lists_its_findings() {
    let report = root().join("samples/reports/yunxi-town-2023-gaps.txt");
    let out = run(&["explain", path(&report), "--item", "privacy.personal-data"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("个人信息"), "{text}");
    assert!(text.contains("发现 1 处"), "{text}");
    assert!(text.contains("建议"), "{text}");
    assert!(text.contains("原文"), "{text}");
    assert!(text.contains("依据"), "{text}");

    let clean = root().join("samples/reports/qingchuan-city-2024-complete.txt");
    let out = run(&["explain", path(&clean), "--item", "quality.formulation"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("未发现问题"), "{text}");
    assert!(!text.contains("原文"), "{text}");

    // An unknown id names the checks among the near ones.
    let out = run(&["explain", path(&clean), "--item", "quality.dup"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("quality.duplicate-sentence"), "{err}");
}

#[test]
fn rules_list_and_show_the_quality_checks() {
    let out = run(&["rules", "list"]);
    let listed = String::from_utf8(out.stdout).unwrap();
    assert!(listed.contains("质量检查"), "{listed}");
    let out = run(&["rules", "show", "quality.formulation"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("规范表述"), "{text}");
    assert!(text.contains("rules/checks.yaml:"), "{text}");
    assert!(text.contains("依据"), "{text}");
}

#[test]
fn every_checklist_finding_is_a_listed_check() {
    let Some(shared) = shared() else { return };
    let checklist = std::fs::read_to_string(shared.join("spec/checklist.yaml")).unwrap();
    let out = run(&["rules", "list"]);
    let listed = String::from_utf8(out.stdout).unwrap();
    let mut lines = checklist.lines().peekable();
    let mut count = 0;
    while let Some(line) = lines.next() {
        if let Some(id) = line.trim().strip_prefix("- id: ") {
            if lines.peek().is_some_and(|l| l.trim() == "kind: finding") {
                count += 1;
                assert!(listed.contains(id), "{id} missing from the listed checks");
            }
        }
    }
    assert!(count >= 7, "{count}");
}

#[test]
fn a_word_file_numbered_by_word_has_all_its_parts() {
    // Headings numbered by Word's list numbering, not typed (scripts/make-numbered-docx.py).
    let report = root().join("tests/fixtures/formats/numbered-headings-2024.docx");
    let (_, doc) = json(&["check", "--no-config", "--format", "json", path(&report)]);
    let items = doc["reports"][0]["items"].as_array().unwrap();
    for id in [
        "structure.achievements",
        "structure.shortcomings",
        "structure.causes",
        "structure.first-responsible",
        "structure.next-year",
    ] {
        let item = items.iter().find(|i| i["id"] == id).unwrap();
        assert_eq!(item["status"], "covered", "{id}: {item}");
    }
}

#[test]
fn a_policy_reading_of_a_report_carries_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let body = "一、起草背景\n根据《法治政府建设与责任落实督察工作规定》，县政府每年报告法治政府建设情况。\n二、主要内容\n报告总结了2023年法治政府建设的主要举措和成效。\n";
    let reading = dir.path().join("jiedu.txt");
    std::fs::write(
        &reading,
        format!("【政策解读】关于《某某县人民政府关于2023年度法治政府建设情况的报告》的政策解读\n{body}"),
    )
    .unwrap();
    let report = dir.path().join("report.txt");
    std::fs::write(&report, format!("某某县人民政府关于2023年度法治政府建设情况的报告\n{body}")).unwrap();
    let (_, v) = json(&["check", "--format", "json", path(&reading)]);
    let notes = v["reports"][0]["notes"].as_array().unwrap();
    assert!(
        notes.iter().any(|n| n.as_str().unwrap().contains("不是年度报告本身")),
        "{notes:?}"
    );
    let (_, v) = json(&["check", "--format", "json", path(&report)]);
    assert_eq!(v["reports"][0]["notes"].as_array().unwrap().len(), 0);
}

#[test]
fn an_item_only_in_the_opening_summary_is_not_said_to_be_unseen() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.txt");
    std::fs::write(
        &file,
        "某某县人民政府关于2024年度法治政府建设情况的报告\n2024年，我县持续优化法治化营商环境，全面推进依法行政。\n一、主要举措和成效\n（一）全面推行行政执法三项制度。全年开展执法检查12次。\n二、存在的不足和原因\n一是执法力量不足。主要原因是编制有限。\n三、2025年工作安排\n下一步，我县将持续优化法治化营商环境。\n",
    )
    .unwrap();
    let (_, v) = json(&["check", "--format", "json", path(&file)]);
    let items = v["reports"][0]["items"].as_array().unwrap();
    let item = |id: &str| items.iter().find(|i| i["id"] == id).unwrap();
    // the opening summary is not the year's account: still planned, but the
    // message must not say it appears only in the plan
    let env = item("functions.business-environment");
    assert_eq!(env["status"], "planned");
    let message = env["message"].as_str().unwrap();
    assert!(message.contains("开篇综述"), "{message}");
    assert!(!message.contains("只出现在存在问题"), "{message}");
    // an item the opening does not mention keeps its usual message
    assert!(item("disputes.review")["message"].as_str().unwrap().starts_with("未见"));
}
