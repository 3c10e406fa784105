//! Batch audits: directories with good, failed and non-report files.

mod common;

use std::path::Path;

use common::*;

/// A directory like a supervisor's inbox: four good reports (one in a
/// subdirectory), an old Word file and a scanned PDF that fail, a garbage
/// `.txt`-named binary that fails, and files that are not reports at all.
fn inbox() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let samples = root().join("samples/reports");
    let fixtures = root().join("tests/fixtures/formats");
    std::fs::create_dir_all(d.join("sub")).unwrap();
    std::fs::create_dir_all(d.join("drafts")).unwrap();
    for (i, e) in std::fs::read_dir(&samples).unwrap().enumerate() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap();
        let to = if i == 0 {
            d.join("sub").join(name)
        } else {
            d.join(name)
        };
        std::fs::copy(&p, to).unwrap();
    }
    std::fs::copy(fixtures.join("bad-old-word.doc"), d.join("old.doc")).unwrap();
    std::fs::copy(fixtures.join("bad-image-only.pdf"), d.join("sub/scan.pdf")).unwrap();
    std::fs::write(
        d.join("binary.txt"),
        [0u8, 159, 146, 150, 0, 0, 1, 2, 3, 255, 254, 0],
    )
    .unwrap();
    std::fs::write(d.join("notes.json"), "{}").unwrap();
    std::fs::write(d.join("Makefile"), "all:\n").unwrap();
    std::fs::copy(
        samples.join("yunxi-town-2023-gaps.txt"),
        d.join("drafts/draft.txt"),
    )
    .unwrap();
    dir
}

const GOOD: usize = 5; // four samples + the draft copy
const FAILED: usize = 3;

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn directory_walk_accounts_for_every_file() {
    let dir = inbox();
    let (code, v) = json(&["check", "--format", "json", s(dir.path())]);
    assert_eq!(code, 2, "a failed file makes the exit code 2");
    let reports = v["reports"].as_array().unwrap();
    assert_eq!(reports.len(), GOOD + FAILED);
    let failed = reports.iter().filter(|r| r["status"] == "failed").count();
    assert_eq!(failed, FAILED);
    assert!(reports
        .iter()
        .filter(|r| r["status"] == "failed")
        .all(|r| !r["error"]["message"].as_str().unwrap().is_empty()));
    let paths: Vec<&str> = reports
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "reports are sorted by path");
    assert!(!paths
        .iter()
        .any(|p| p.ends_with("notes.json") || p.ends_with("Makefile")));
    assert_eq!(v["summary"]["files"], GOOD + FAILED);
    assert_eq!(v["summary"]["audited"], GOOD);
    assert_eq!(v["summary"]["failed"], FAILED);
}

#[test]
fn glob_and_exclude_filter_directory_walks() {
    let dir = inbox();
    let (code, v) = json(&[
        "check",
        "--format",
        "json",
        "--glob",
        "*.txt",
        "--exclude",
        "drafts",
        "-j",
        "1",
        s(dir.path()),
    ]);
    let reports = v["reports"].as_array().unwrap();
    let paths: Vec<&str> = reports
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    assert_eq!(reports.len(), 5, "{paths:?}"); // four samples + binary.txt
    assert!(paths
        .iter()
        .all(|p| p.ends_with(".txt") && !p.contains("drafts")));
    assert_eq!(code, 2, "binary.txt still fails");
    let (code, v) = json(&[
        "check",
        "--format",
        "json",
        "--exclude",
        "binary.txt",
        "--exclude",
        "*.doc",
        "--exclude",
        "sub/scan.pdf",
        s(dir.path()),
    ]);
    assert_eq!(v["reports"].as_array().unwrap().len(), GOOD);
    assert!(code == 0 || code == 1, "no failures left: {code}");
}

#[test]
fn bad_glob_is_a_usage_error() {
    let dir = inbox();
    let out = run(&["check", "--glob", "a[", s(dir.path())]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("glob"));
}

#[test]
fn jsonl_has_one_line_per_file() {
    let dir = inbox();
    let out = run(&["check", "--format", "jsonl", "-j", "2", s(dir.path())]);
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON object"))
        .collect();
    assert_eq!(lines.len(), GOOD + FAILED);
    assert_eq!(
        lines.iter().filter(|r| r["status"] == "failed").count(),
        FAILED
    );
    let mut paths: Vec<&str> = lines.iter().map(|r| r["path"].as_str().unwrap()).collect();
    paths.sort();
    paths.dedup();
    assert_eq!(paths.len(), GOOD + FAILED, "every file exactly once");
}

#[test]
fn csv_has_a_bom_a_header_and_one_row_per_file() {
    let dir = inbox();
    let out = run(&["check", "--format", "csv", s(dir.path())]);
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8(out.stdout).unwrap();
    let body = text.strip_prefix('\u{feff}').expect("UTF-8 BOM");
    let mut r = csv::Reader::from_reader(body.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(
        &header[..7],
        [
            "path",
            "status",
            "unit",
            "level",
            "year",
            "published",
            "score"
        ]
    );
    assert!(header.len() > 10, "one column per item: {header:?}");
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), GOOD + FAILED);
    let status = header.iter().position(|h| h == "status").unwrap();
    let error = header.iter().position(|h| h == "error").unwrap();
    let failed: Vec<_> = rows.iter().filter(|r| &r[status] == "failed").collect();
    assert_eq!(failed.len(), FAILED);
    assert!(failed.iter().all(|r| !r[error].is_empty()));
    let known = [
        "covered",
        "partial",
        "planned",
        "missing",
        "not-applicable",
        "",
    ];
    for row in rows.iter().filter(|r| &r[status] == "audited") {
        assert!(row.iter().skip(9).all(|s| known.contains(&s)), "{row:?}");
        assert!(row.iter().skip(9).any(|s| !s.is_empty()));
    }
}

#[test]
fn human_batch_ends_with_summary_tables() {
    let dir = inbox();
    let out = run(&[
        "check",
        "--format",
        "table",
        "--color",
        "never",
        s(dir.path()),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("最主要的缺口"), "{text}");
    assert!(text.contains("缺失报告数"));
    assert!(text.contains(&format!(
        "共 {} 个文件：已审核 {GOOD}，失败 {FAILED}",
        GOOD + FAILED
    )));
    // the reports table is sorted by score, lowest first
    let quiet = run(&["check", "--format", "table", "-q", s(dir.path())]);
    assert!(!String::from_utf8(quiet.stdout)
        .unwrap()
        .contains("最主要的缺口"));
    assert!(
        quiet.stderr.is_empty(),
        "no progress bar when stderr is not a terminal"
    );
}

#[test]
fn output_file_for_any_format() {
    let dir = inbox();
    let out_dir = tempfile::tempdir().unwrap();
    let file = out_dir.path().join("out.json");
    let out = run(&["check", "--format", "json", "-o", s(&file), s(dir.path())]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(v["reports"].as_array().unwrap().len(), GOOD + FAILED);
}

fn html_page(dir: &Path) -> (tempfile::TempDir, std::path::PathBuf) {
    let out_dir = tempfile::tempdir().unwrap();
    let file = out_dir.path().join("report.html");
    let out = run(&["check", "--format", "html", "-o", s(&file), s(dir)]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (out_dir, file)
}

#[test]
fn html_is_self_contained_and_has_every_row() {
    let dir = inbox();
    let (_keep, file) = html_page(dir.path());
    let html = std::fs::read_to_string(&file).unwrap();
    assert_eq!(html.matches("<tr class=\"audited\">").count(), GOOD);
    assert_eq!(html.matches("<tr class=\"failed\">").count(), FAILED);
    assert_eq!(
        html.matches("<section class=\"report").count(),
        GOOD + FAILED
    );
    assert!(html.contains("id=\"matrix\""));
    assert!(html.contains("<mark"), "evidence is highlighted");
    for net in ["http://", "https://", "src=\"//"] {
        assert!(!html.contains(net), "no network references ({net})");
    }
    let out = run(&["check", "--format", "html", s(dir.path())]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "html without -o is a usage error"
    );
}

const CHROMIUM: &str = "/usr/bin/chromium";

/// The DOM after chromium has loaded the page and run its scripts.
fn dump_dom(url: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            &format!("--user-data-dir={}", profile.path().display()),
            "--dump-dom",
            url,
        ])
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Scores of the report rows, in the order the browser shows them.
fn shown_scores(dom: &str) -> Vec<Option<f64>> {
    let tbody = &dom[dom.find("<table id=\"reports\"").unwrap()..];
    let tbody = &tbody[..tbody.find("</table>").unwrap()];
    tbody
        .split("<tr class=")
        .skip(1)
        .map(|row| {
            let cells: Vec<&str> = row.split("<td").collect();
            let cell = cells[6];
            let text = &cell[cell.find('>').unwrap() + 1..cell.find("</td>").unwrap()];
            text.trim().parse().ok()
        })
        .collect()
}

#[test]
fn html_renders_and_sorts_in_chromium() {
    if !Path::new(CHROMIUM).exists() {
        // CI installs chromium and sets this, so the test cannot pass by skipping there.
        assert!(
            std::env::var_os("FAZHI_REQUIRE_CHROMIUM").is_none(),
            "{CHROMIUM} is required (FAZHI_REQUIRE_CHROMIUM is set)"
        );
        eprintln!("skipped: {CHROMIUM} is not installed (apt-get install chromium)");
        return;
    }
    let dir = inbox();
    let (_keep, file) = html_page(dir.path());
    let url = format!("file://{}", file.display());
    let dom = dump_dom(&url);
    let rows = shown_scores(&dom);
    assert_eq!(rows.len(), GOOD + FAILED, "the browser shows every row");
    for (hash, desc) in [("#sort=score", false), ("#sort=score-desc", true)] {
        let dom = dump_dom(&format!("{url}{hash}"));
        assert!(dom.contains(if desc {
            "aria-sort=\"descending\""
        } else {
            "aria-sort=\"ascending\""
        }));
        let scores: Vec<f64> = shown_scores(&dom).into_iter().flatten().collect();
        assert_eq!(scores.len(), GOOD);
        let mut sorted = scores.clone();
        sorted.sort_by(|a, b| if desc { b.total_cmp(a) } else { a.total_cmp(b) });
        assert_eq!(scores, sorted, "{hash}");
    }
}
