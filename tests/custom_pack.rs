//! Custom packs: a province extends the built-in pack; `rules test` checks it.

mod common;

use common::*;

fn path(p: &std::path::Path) -> &str {
    p.to_str().unwrap()
}

/// `rules test` on one pack file: exit code and output.
fn rules_test_on(file: &str, yaml: &str) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(file), yaml).unwrap();
    let out = run(&["rules", "test", path(dir.path())]);
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn example_pack_extends_the_builtin_pack() {
    let dir = root().join("rules/examples");
    let out = run(&["rules", "test", path(&dir)]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains(" 0 failed"), "{text}");

    let sample = root().join("samples/reports/yunxi-town-2023-gaps.txt");
    let (code, v) = json(&["check", "--format", "json", "--rules", path(&dir), "--pack", "example-province-2024", path(&sample)]);
    assert_eq!(code, 0);
    let r = &v["reports"][0];
    assert_eq!(r["pack"], "example-province-2024");
    let items = r["items"].as_array().unwrap();
    assert_eq!(items.len(), 37, "35 inherited + 2 own items");
    let three = items.iter().find(|i| i["id"] == "enforcement.three-systems").unwrap();
    assert_eq!(three["weight"], 4.0, "weight override");
    assert!(items.iter().any(|i| i["id"] == "local.enforcement-quality"));
}

#[test]
fn rules_test_fails_on_a_broken_example() {
    let (code, text) = rules_test_on(
        "broken.yaml",
        "id: broken\ntitle: 坏示例\nitems:\n  - id: b.audit\n    title: 审计\n    basis: 测试\n    patterns:\n      literal: [审计]\n    examples:\n      - text: 完成审计项目3个。\n        expect: missing\n",
    );
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("broken.yaml:10"), "the failing example is located: {text}");
    assert!(text.contains("示例应判为 missing，实际为 covered"), "{text}");
}

#[test]
fn rules_test_checks_that_each_negation_pattern_acts() {
    // 尚未建立 acts on the second example; 从未聘请 acts on none
    let (code, text) = rules_test_on(
        "neg.yaml",
        "id: neg\ntitle: 否定\nnegation:\n  literal: [尚未建立, 从未聘请]\nitems:\n  - id: n.list\n    title: 权责清单\n    basis: 测试\n    patterns:\n      literal: [权责清单]\n    examples:\n      - text: 公布权责清单。\n        expect: covered\n      - text: 尚未建立权责清单。\n        expect: planned\n",
    );
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("否定表述规则 “从未聘请” 在任何示例上都没有起作用"), "{text}");
    assert!(!text.contains("“尚未建立” 在任何示例上"), "{text}");
}

#[test]
fn disable_and_unknown_parent_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("p.yaml"), "id: p\ntitle: 继承\nextends: outline-2021\ndisable: [rules.legislation]\n").unwrap();
    let sample = root().join("samples/reports/qingchuan-city-2024-complete.txt");
    let (_, v) = json(&["check", "--format", "json", "--rules", path(dir.path()), "--pack", "p", path(&sample)]);
    assert_eq!(v["reports"][0]["items"].as_array().unwrap().len(), 34);

    std::fs::write(dir.path().join("p.yaml"), "id: p\ntitle: 继承\nextends: no-such-pack\n").unwrap();
    let out = run(&["check", "--rules", path(dir.path()), path(&sample)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("找不到要继承的规则包"));
}

#[test]
fn role_rules_unless_and_not_examples() {
    // Without its `unless`, the shortcomings heading rule gives an
    // achievements title (聚焦短板弱项…) the shortcomings role, and its
    // `not_examples` make `rules test` say so.
    let builtin = std::fs::read_to_string(root().join("rules/document.yaml")).unwrap();
    let without_unless: String = builtin
        .lines()
        .filter(|l| !l.trim_start().starts_with("- '(补齐?|补强"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(without_unless.len() < builtin.len());
    for (text, code) in [(builtin.as_str(), 0), (without_unless.as_str(), 1)] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("document.yaml"), text).unwrap();
        let out = run(&["rules", "test", path(dir.path())]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(code), "{stdout}");
        assert_eq!(
            stdout.contains("“聚焦短板弱项，推进严格规范公正文明执法”不应识别为 shortcomings"),
            code == 1,
            "{stdout}"
        );
    }
}

#[test]
fn each_rule_file_negates_its_own_items() {
    // The child's negation (有待启动) acts on its own item only; the
    // inherited items keep the built-in pack's (尚未建立 …).
    let child = "id: child\ntitle: 子规则包\nextends: outline-2021\nnegation:\n  literal: [有待启动]\nitems:\n  - id: local.audit-rectify\n    title: 审计整改\n    basis: 测试\n    patterns:\n      literal: [审计整改]\n    examples:\n      - text: 完成审计整改。\n        expect: covered\n      - text: 审计整改有待启动。\n        expect: planned\n";
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("child.yaml"), child).unwrap();
    let out = run(&["rules", "test", path(dir.path())]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");

    let report = dir.path().join("r.txt");
    std::fs::write(&report, "某县2024年法治政府建设情况报告\n一、主要举措和成效\n尚未建立权责清单。尚未建立审计整改台账。公平竞争审查有待启动。\n").unwrap();
    let (_, v) = json(&["check", "--format", "json", "--rules", path(dir.path()), "--pack", "child", path(&report)]);
    let status = |id: &str| {
        let items = v["reports"][0]["items"].as_array().unwrap();
        items.iter().find(|i| i["id"] == id).unwrap()["status"].as_str().unwrap().to_owned()
    };
    // inherited: the built-in 尚未建立 negates; the child's 有待启动 does not
    assert_eq!(status("functions.power-list"), "planned");
    assert_eq!(status("functions.business-environment"), "covered");
    // own: the built-in negation does not act on the child's item
    assert_eq!(status("local.audit-rectify"), "covered");
}
