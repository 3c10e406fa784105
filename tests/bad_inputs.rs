//! Bad inputs, built at run time: every file gets a result or a clear error in
//! bounded time, never a panic, and a batch never stops at a bad file.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::*;
use serde_json::Value;

/// A short but real report, so the batch test has something that audits.
const GOOD: &str = "某市人民政府2024年法治政府建设年度报告\n\n\
一、2024年推进法治政府建设的主要举措和成效\n\
（一）深入学习贯彻习近平法治思想。市政府常务会议专题学习习近平法治思想。\n\
（二）健全依法行政制度体系。全年审查行政规范性文件32件，备案审查率100%。\n\
二、2024年推进法治政府建设存在的不足和原因\n\
一是执法人员素质有待提高。二是基层法治力量薄弱。\n\
三、党政主要负责人履行推进法治建设第一责任人职责情况\n\
市长带头学法，主持召开专题会议。\n\
四、2025年推进法治政府建设的主要安排\n\
下一步，我们将持续推进严格规范公正文明执法。\n";

struct Run {
    code: i32,
    json: Value,
    elapsed: Duration,
}

fn check(extra: &[&str], inputs: &[&Path]) -> Run {
    let start = Instant::now();
    let mut cmd = bin();
    cmd.args(["check", "--format", "json"]).args(extra);
    for p in inputs {
        cmd.arg(p);
    }
    let out = cmd.output().expect("fazhi runs");
    let elapsed = start.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        !stderr.contains("panicked"),
        "fazhi panicked on {inputs:?}:\n{stderr}"
    );
    let code = out.status.code().unwrap_or_else(|| {
        panic!("fazhi was killed by a signal on {inputs:?}:\n{stderr}")
    });
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}) for {inputs:?}: {}\nstderr: {stderr}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    Run {
        code,
        json,
        elapsed,
    }
}

/// Check the contract for a run over `files`: each reported exactly once, as
/// audited or failed with an error kind and message; exit 2 iff any failed.
/// Returns the report of each file, in the order given.
fn reports<'a>(run: &'a Run, files: &[&Path]) -> Vec<&'a Value> {
    let all = run.json["reports"].as_array().expect("reports array");
    assert_eq!(all.len(), files.len(), "one report per file: {:#}", run.json);
    let mut any_failed = false;
    let out: Vec<&Value> = files
        .iter()
        .map(|f| {
            let name = f.to_str().unwrap();
            let mine: Vec<&Value> = all.iter().filter(|r| r["path"] == name).collect();
            assert_eq!(mine.len(), 1, "{name} reported {} times", mine.len());
            let r = mine[0];
            match r["status"].as_str() {
                Some("audited") => {}
                Some("failed") => {
                    any_failed = true;
                    let kind = r["error"]["kind"].as_str().unwrap_or("");
                    let message = r["error"]["message"].as_str().unwrap_or("");
                    assert!(!kind.is_empty(), "{name}: failed without error kind: {r}");
                    assert!(!message.is_empty(), "{name}: failed without message: {r}");
                }
                other => panic!("{name}: status {other:?}"),
            }
            r
        })
        .collect();
    if any_failed {
        assert_eq!(run.code, 2, "exit code with a failed file");
    } else {
        assert!(run.code == 0 || run.code == 1, "exit code {}", run.code);
    }
    out
}

/// Audit one file alone; returns its report.
fn one(path: &Path) -> Value {
    one_with(&[], path)
}

fn one_with(extra: &[&str], path: &Path) -> Value {
    let run = check(extra, &[path]);
    assert!(
        run.elapsed < Duration::from_secs(120),
        "{path:?} took {:?}",
        run.elapsed
    );
    reports(&run, &[path])[0].clone()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn failed_kind(r: &Value) -> Option<&str> {
    (r["status"] == "failed").then(|| r["error"]["kind"].as_str().unwrap())
}

fn utf16(s: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let units = bom.then_some(0xFEFF).into_iter().chain(s.encode_utf16());
    for u in units {
        out.extend_from_slice(&if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

#[test]
fn empty_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let r = one(&write(dir.path(), "empty.txt", b""));
    assert_eq!(failed_kind(&r), Some("empty"), "{r}");
}

#[test]
fn whitespace_only_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let r = one(&write(
        dir.path(),
        "blank.txt",
        " \n\r\n\t\u{3000}\u{3000}\n  \n".as_bytes(),
    ));
    assert_eq!(failed_kind(&r), Some("empty"), "{r}");
}

#[test]
fn binary_junk_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    // A deterministic pseudo-random byte soup.
    let mut x: u32 = 0x9E37_79B9;
    let junk: Vec<u8> = (0..64 * 1024)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect();
    let r = one(&write(dir.path(), "junk.txt", &junk));
    assert!(failed_kind(&r).is_some(), "binary junk audited: {r}");
}

#[test]
fn truncated_utf8_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = GOOD.as_bytes().to_vec();
    bytes.extend_from_slice(&"法治".as_bytes()[..4]); // 法 and half of 治
    let r = one(&write(dir.path(), "truncated.txt", &bytes));
    assert_eq!(r["status"], "audited", "{r}");
}

#[test]
fn utf16_with_and_without_bom_is_read() {
    let dir = tempfile::tempdir().unwrap();
    for (be, bom) in [(false, true), (true, true), (false, false), (true, false)] {
        let name = format!(
            "utf16{}{}.txt",
            if be { "be" } else { "le" },
            if bom { "-bom" } else { "" }
        );
        let r = one(&write(dir.path(), &name, &utf16(GOOD, be, bom)));
        assert_eq!(r["status"], "audited", "{name}: {r}");
        let enc = r["meta"]["encoding"].as_str().unwrap();
        assert!(enc.starts_with("utf-16"), "{name}: encoding {enc}");
        assert_eq!(r["meta"]["year"], 2024, "{name}: {r}");
    }
}

#[test]
fn mixed_encodings_are_read_or_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode("二、存在的不足和原因\n执法不够规范。\n");
    let mut bytes = GOOD.as_bytes().to_vec();
    bytes.extend_from_slice(&gbk);
    bytes.extend_from_slice(GOOD.as_bytes());
    let r = one(&write(dir.path(), "mixed.txt", &bytes));
    // Either the bulk (UTF-8) wins and the GBK line is replaced, or a clear error.
    if r["status"] == "audited" {
        assert_eq!(r["meta"]["encoding"], "utf-8", "{r}");
    }
}

#[test]
fn nul_bytes_give_a_result_or_an_error() {
    let dir = tempfile::tempdir().unwrap();
    // A few stray NULs inside real text.
    let stray = GOOD.replace("。", "。\0");
    one(&write(dir.path(), "stray-nul.txt", stray.as_bytes()));
    // Nothing but NULs.
    let r = one(&write(dir.path(), "all-nul.txt", &[0u8; 4096]));
    assert!(failed_kind(&r).is_some(), "{r}");
}

#[test]
fn a_50_mb_single_line_finishes_in_bounded_time() {
    let dir = tempfile::tempdir().unwrap();
    let unit = "推进依法行政，";
    let line = unit.repeat(50 * 1024 * 1024 / unit.len());
    let p = write(dir.path(), "one-line.txt", line.as_bytes());
    drop(line);
    // With a lower cap: a clear too-large error, at once.
    let run = check(&["--max-file-size", "10000000"], &[&p]);
    let r = reports(&run, &[&p])[0];
    assert_eq!(failed_kind(r), Some("too-large"), "{r}");
    assert!(r["error"]["message"].as_str().unwrap().contains("--max-file-size"));
    assert!(run.elapsed < Duration::from_secs(10), "{:?}", run.elapsed);
    // Under the default cap (64 MB): a result or a clear error, in bounded time.
    let run = check(&[], &[&p]);
    reports(&run, &[&p]);
    assert!(
        run.elapsed < Duration::from_secs(180),
        "50 MB line took {:?}",
        run.elapsed
    );
}

#[test]
fn twenty_thousand_headings_finish_in_bounded_time() {
    let dir = tempfile::tempdir().unwrap();
    const NUM: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    let mut text = String::from("某县2024年法治政府建设年度报告\n");
    for i in 0..10_000 {
        text.push_str(&format!("{}、标题{i}\n", NUM[i % 10]));
        text.push_str(&format!("（{}）小标题{i}。开展法治宣传。\n", NUM[i % 10]));
    }
    let start = Instant::now();
    let r = one(&write(dir.path(), "headings.txt", text.as_bytes()));
    assert_eq!(r["status"], "audited", "{r}");
    assert!(start.elapsed() < Duration::from_secs(60), "{:?}", start.elapsed());
}

#[test]
fn doc_and_images_are_unsupported_whatever_the_extension() {
    let dir = tempfile::tempdir().unwrap();
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.resize(2048, 0x42);
    for (name, bytes) in [
        ("old.doc", &ole),
        ("old-doc.docx", &ole),
        ("old-doc.txt", &ole),
        ("scan.png", &png),
        ("scan-png.txt", &png),
        ("scan-png.pdf", &png),
        ("scan-png.html", &png),
    ] {
        let r = one(&write(dir.path(), name, bytes));
        assert_eq!(failed_kind(&r), Some("unsupported"), "{name}: {r}");
    }
}

#[test]
fn wrong_extension_is_a_format_error() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["text.pdf", "text.docx"] {
        let r = one(&write(dir.path(), name, GOOD.as_bytes()));
        assert_eq!(failed_kind(&r), Some("format"), "{name}: {r}");
    }
}

#[test]
fn batch_continues_past_bad_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(1024, 0);
    let files = [
        write(d, "a-good.txt", GOOD.as_bytes()),
        write(d, "b-empty.txt", b""),
        write(d, "c-junk.txt", &[0xFF, 0x00, 0xFE, 0x01, 0x80, 0x00, 0x00, 0x9F].repeat(500)),
        write(d, "d-good-utf16.txt", &utf16(GOOD, false, true)),
        write(d, "e-old.doc", &ole),
        write(d, "f-fake.pdf", b"not a pdf at all"),
        write(d, "g-fake.docx", b"PK\x03\x04 truncated zip"),
        write(d, "h-good.html", format!("<html><head><meta charset=\"utf-8\"><title>报告</title></head><body>{}</body></html>", GOOD.lines().map(|l| format!("<p>{l}</p>")).collect::<String>()).as_bytes()),
        write(d, "i-whitespace.md", b"   \n\n   "),
        write(d, "j-scan.png", b"\x89PNG\r\n\x1a\n0000"),
    ];
    // Not a report extension: ignored by the directory walk.
    write(d, "notes.csv", b"a,b\n");
    let run = check(&[], &[d]);
    let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let rs = reports(&run, &paths);
    assert_eq!(run.code, 2);
    let status: Vec<&str> = rs.iter().map(|r| r["status"].as_str().unwrap()).collect();
    assert_eq!(
        status,
        [
            "audited", "failed", "failed", "audited", "failed", "failed", "failed", "audited",
            "failed", "failed"
        ],
        "{:#}",
        run.json
    );
    assert_eq!(run.json["summary"]["files"], 10);
    assert_eq!(run.json["summary"]["audited"], 3);
    assert_eq!(run.json["summary"]["failed"], 7);
}

/// Run `check` with one rule file in `--rules DIR`; it must be refused with a
/// diagnostic (exit 2), quickly, without a panic or running out of memory.
fn bad_rules(name: &str, yaml: &str) {
    let rules = tempfile::tempdir().unwrap();
    std::fs::write(rules.path().join(name), yaml).unwrap();
    let reports = tempfile::tempdir().unwrap();
    let report = write(reports.path(), "r.txt", GOOD.as_bytes());
    let start = Instant::now();
    let out = bin()
        .args(["check", "--format", "json", "--rules"])
        .arg(rules.path())
        .arg(&report)
        .output()
        .unwrap();
    let elapsed = start.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{name}: {stderr}");
    assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
    assert!(!stderr.trim().is_empty(), "{name}: no diagnostic");
    assert!(elapsed < Duration::from_secs(20), "{name}: took {elapsed:?}");
}

#[test]
fn yaml_alias_bomb_is_refused() {
    let mut y = String::from("a0: &a0 [\"法治法治法治法治法治\", \"法治法治法治法治法治\"]\n");
    for i in 1..=30 {
        let p = i - 1;
        y.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    bad_rules("bomb.yaml", &y);
    // The same as the document profile and the check configuration.
    bad_rules("document.yaml", &y);
    // checks.yaml ignores keys it does not know, so the bomb is never expanded:
    // accepted, but quickly and without a panic.
    let rules = tempfile::tempdir().unwrap();
    std::fs::write(rules.path().join("checks.yaml"), &y).unwrap();
    let start = Instant::now();
    let out = bin().args(["rules", "list", "--rules"]).arg(rules.path()).output().unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    assert!(matches!(out.status.code(), Some(0 | 2)));
    assert!(start.elapsed() < Duration::from_secs(20));
}

#[test]
fn deeply_nested_yaml_is_refused() {
    let depth = 10_000;
    let flow = format!("id: x\nitems: {}{}\n", "[".repeat(depth), "]".repeat(depth));
    bad_rules("flow.yaml", &flow);
    let mut block = String::from("id: x\nitems:\n");
    for i in 0..depth {
        block.push_str(&" ".repeat(i.min(2000)));
        block.push_str("- \n");
    }
    bad_rules("block.yaml", &block);
    let maps = format!("id: x\nitems: {}1{}\n", "{a: ".repeat(depth), "}".repeat(depth));
    bad_rules("maps.yaml", &maps);
    bad_rules("document.yaml", &flow);
}
