//! Reading fixes from review 3: the publication date of a saved web page sits
//! outside its content container; text without Chinese is not a report;
//! zero-width and other invisible format characters copied from web pages do
//! not split words.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use fazhi::ingest::{read_bytes, read_path, IngestError, Limits};
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/ingest").join(name)
}

/// `check --format json` of one file: exit code and its report.
fn audit(path: &Path) -> (i32, Value) {
    let (code, v) = json(&["check", "--no-config", "--format", "json", path.to_str().unwrap()]);
    (code, v["reports"][0].clone())
}

fn finding_ids(r: &Value) -> Vec<String> {
    r["findings"].as_array().map_or_else(Vec::new, |f| f.iter().map(|f| f["id"].as_str().unwrap().to_owned()).collect())
}

fn statuses(r: &Value) -> Vec<(String, String)> {
    r["items"]
        .as_array()
        .unwrap_or_else(|| panic!("no items: {r}"))
        .iter()
        .map(|i| (i["id"].as_str().unwrap().to_owned(), i["status"].as_str().unwrap().to_owned()))
        .collect()
}

const DEADLINE: &str = "meta.publication-deadline";

// ---- publication date of a web page ---------------------------------------

#[test]
fn web_page_dates_outside_the_content_are_read() {
    // The date bar next to #zoom; a gov.cn `firstpublishedtime` meta on a page
    // that only Readability reads; a 信息公开 table (成文日期 … 发布日期 …).
    for name in ["late-date-bar.html", "late-meta-only.html", "govcn-table.html"] {
        let (code, r) = audit(&fixture(name));
        assert_eq!(code, 0, "{name}: {r}");
        assert_eq!(r["status"], "audited", "{name}");
        assert_eq!(r["meta"]["published"], "2025-04-18", "{name}: {}", r["meta"]);
        assert_eq!(r["meta"]["title"], "临州市公安局2024年法治政府建设年度报告", "{name}");
        assert!(finding_ids(&r).iter().any(|f| f == DEADLINE), "{name}: no {DEADLINE}: {:?}", finding_ids(&r));
    }
}

#[test]
fn the_date_line_goes_under_the_title_and_spans_stay_in_the_text() {
    let s = read_path(&fixture("late-date-bar.html"), &Limits::default()).unwrap();
    let lines: Vec<&str> = s.text.lines().take(3).collect();
    assert_eq!(lines[0], "临州市公安局2024年法治政府建设年度报告");
    assert_eq!(lines[1], "发布时间：2025-04-18");
    assert!(lines[2].starts_with("2024年，临州市公安局坚持"), "{lines:?}");
    // Page furniture around the date stays out.
    for chrome in ["来源", "浏览次数", "字号", "今天是"] {
        assert!(!s.text.contains(chrome), "{chrome} in text");
    }
    // The span of the date is a span of the audited text (JSON `text`).
    let (_, v) = json(&[
        "check",
        "--no-config",
        "--format",
        "json",
        fixture("late-date-bar.html").to_str().unwrap(),
    ]);
    let f = v["reports"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == DEADLINE)
        .cloned()
        .expect("deadline finding");
    let span = &f["span"];
    let (start, end) = (span["start"].as_u64().unwrap() as usize, span["end"].as_u64().unwrap() as usize);
    assert_eq!(&s.text[start..end], "2025-04-18");
    assert_eq!(span["text"], "2025-04-18");
    assert_eq!(span["line"], 2, "{span}");
}

#[test]
fn the_signing_date_is_never_the_publication_date() {
    let page = std::fs::read_to_string(fixture("govcn-table.html")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    // Signed late, published on time: on time.
    let swapped = page.replace("2025年03月26日", "@SIGNED@").replace("2025年04月18日", "2025年03月26日").replace("@SIGNED@", "2025年04月18日");
    let p = dir.path().join("swapped.html");
    std::fs::write(&p, &swapped).unwrap();
    let (_, r) = audit(&p);
    assert_eq!(r["meta"]["published"], "2025-03-26", "{}", r["meta"]);
    assert!(!finding_ids(&r).iter().any(|f| f == DEADLINE));
    // Only 成文日期 in the table: no publication date at all.
    let signed_only = page.replace("发布日期：", "");
    let p = dir.path().join("signed-only.html");
    std::fs::write(&p, &signed_only).unwrap();
    let (_, r) = audit(&p);
    assert_eq!(r["meta"]["published"], Value::Null, "{}", r["meta"]);
}

#[test]
fn a_date_bar_on_time_and_under_the_article() {
    let page = std::fs::read_to_string(fixture("late-date-bar.html")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let on_time = page.replace("2025-04-18", "2025-03-28");
    let p = dir.path().join("on-time.html");
    std::fs::write(&p, &on_time).unwrap();
    let (_, r) = audit(&p);
    assert_eq!(r["meta"]["published"], "2025-03-28");
    assert!(!finding_ids(&r).iter().any(|f| f == DEADLINE));
    // The same bar moved below the article (older CMS templates).
    let start = page.find("<div class=\"info\">").unwrap();
    let end = start + page[start..].find("</div>").unwrap() + "</div>".len();
    let bar = page[start..end].to_owned();
    let mut below = page.clone();
    below.replace_range(start..end, "");
    let tools = below.find("<div class=\"tools\">").unwrap();
    below.insert_str(tools, &bar);
    let p = dir.path().join("below.html");
    std::fs::write(&p, &below).unwrap();
    let (_, r) = audit(&p);
    assert_eq!(r["meta"]["published"], "2025-04-18", "{}", r["meta"]);
}

// ---- text that is not Chinese ---------------------------------------------

/// A short but real report (about 300 characters).
const SHORT: &str = "某县司法局2024年法治政府建设年度报告\n\
一、2024年推进法治政府建设的主要举措和成效\n\
（一）深入学习贯彻习近平法治思想。局党组会议专题学习习近平法治思想4次。\n\
（二）严格规范公正文明执法。严格落实行政执法公示、执法全过程记录、重大执法决定法制审核制度，全年审查行政规范性文件12件。\n\
二、2024年推进法治政府建设存在的不足和原因\n\
一是执法人员素质有待提高。二是基层法治力量薄弱。主要原因是培训不够系统。\n\
三、党政主要负责人履行推进法治建设第一责任人职责情况\n\
局长带头学法，主持召开专题会议3次。\n\
四、2025年推进法治政府建设的主要安排\n\
下一步，我们将持续推进严格规范公正文明执法。\n";

fn pseudo_random(n: usize, mut x: u32) -> impl Iterator<Item = u32> {
    (0..n).map(move |_| {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        x
    })
}

#[test]
fn text_without_chinese_fails_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let english = "Annual report on the rule of law in government, 2024.\n\
        The county continued to improve administrative law enforcement. Caf\u{e9} d\u{e9}j\u{e0} vu.\n"
        .repeat(30);
    let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(&english);
    // Random bytes 0x20–0xFF without NUL: a legacy single-byte encoding decodes them all.
    let high: Vec<u8> = pseudo_random(6000, 0x9E37_79B9).map(|x| 0x20 + (x % 0xE0) as u8).collect();
    let files = [("english.txt", english.as_bytes().to_vec()), ("latin1.txt", latin1.into_owned()), ("hibytes.txt", high)];
    let good = dir.path().join("good.txt");
    std::fs::write(&good, SHORT).unwrap();
    let mut args = vec!["check".to_owned(), "--no-config".into(), "--format".into(), "json".into(), good.to_str().unwrap().into()];
    for (name, bytes) in &files {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        args.push(p.to_str().unwrap().into());
        let r = read_bytes(bytes, Some("txt"), &Limits::default());
        assert!(matches!(r, Err(IngestError::NotChinese(_))), "{name}: {r:?}");
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, v) = json(&args);
    assert_eq!(code, 2, "a file that is not Chinese fails the run");
    let reports = v["reports"].as_array().unwrap();
    assert_eq!(reports.len(), 4);
    for r in reports {
        let path = r["path"].as_str().unwrap();
        if path.ends_with("good.txt") {
            assert_eq!(r["status"], "audited", "{r}");
        } else {
            assert_eq!(r["status"], "failed", "{path}: {r}");
            assert_eq!(r["error"]["kind"], "decode", "{path}");
            let message = r["error"]["message"].as_str().unwrap();
            assert!(message.contains("不是中文文本") && message.contains("汉字 0 个"), "{path}: {message}");
        }
    }
}

#[test]
fn short_reports_and_reports_in_english_chrome_still_pass() {
    assert!(SHORT.chars().count() < 400);
    let s = read_bytes(SHORT.as_bytes(), Some("txt"), &Limits::default()).unwrap();
    assert_eq!(s.text, SHORT);
    let (_, gbk) = (0, encoding_rs::GBK.encode(SHORT).0.into_owned());
    assert_eq!(read_bytes(&gbk, Some("txt"), &Limits::default()).unwrap().text, SHORT);
    // A web copy with kilobytes of English navigation and URLs around it.
    let chrome = "Home | About | News | English | https://www.example.gov.cn/zwgk/fzzfjs/2025/03/t20250328_123456.html\n".repeat(60);
    let text = format!("{chrome}{SHORT}{chrome}");
    let letters = text.chars().filter(|c| c.is_ascii_alphabetic()).count();
    let han = SHORT.chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).count();
    assert!(letters > 10 * han, "{letters} letters, {han} Han");
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("web-copy.txt");
    std::fs::write(&p, &text).unwrap();
    let (code, r) = audit(&p);
    assert!(code == 0 || code == 1, "{r}");
    assert_eq!(r["status"], "audited", "{r}");
    assert_eq!(r["meta"]["year"], 2024);
}

// ---- invisible format characters ------------------------------------------

#[test]
fn zero_width_characters_do_not_split_words_and_offsets_stay() {
    let zw = SHORT
        .replace("执法公示", "执法\u{200b}公示")
        .replace("全过程记录", "全过程\u{200d}记录")
        .replace("法制审核", "法制\u{ad}审核")
        .replace("习近平法治思想4次", "习近平\u{2060}法治思想4次")
        .replace("局长带头", "局长\u{feff}带头");
    assert_ne!(zw, SHORT);
    let s = read_bytes(zw.as_bytes(), Some("txt"), &Limits::default()).unwrap();
    // Same length in bytes and characters: every offset, line and column stays.
    assert_eq!(s.text.len(), zw.len());
    assert_eq!(s.text.chars().count(), zw.chars().count());
    assert!(s.text.contains("执法\u{3000}公示") && s.text.contains("法制\u{a0}审核"), "{}", s.text);
    for (a, b) in zw.char_indices().zip(s.text.char_indices()) {
        assert_eq!(a.0, b.0);
    }
    let dir = tempfile::tempdir().unwrap();
    let (clean, dirty) = (dir.path().join("clean.txt"), dir.path().join("zw.txt"));
    std::fs::write(&clean, SHORT).unwrap();
    std::fs::write(&dirty, &zw).unwrap();
    let (_, a) = audit(&clean);
    let (_, b) = audit(&dirty);
    let three = |r: &Value| statuses(r).into_iter().find(|(id, _)| id == "enforcement.three-systems").unwrap().1;
    assert_eq!(three(&a), "covered", "{a}");
    assert_eq!(statuses(&a), statuses(&b));
}

// ---- the article's title on a page with a site-name logo ------------------

#[test]
fn a_logo_h1_is_not_the_title() {
    // <h1 class="logo">临江市西城区人民政府</h1>, the <title> "报告_临江市西城区人民政府",
    // the report title in a div.title outside #zoom (probe round 4)
    // the same page with only the site's name in <title> and an image logo
    let page = std::fs::read_to_string(fixture("logo-h1-site-name.html")).unwrap();
    let site_title = page
        .replace("临江市西城区人民政府关于2024年度法治政府建设情况的报告_", "")
        .replace(r#"<h1 class="logo">临江市西城区人民政府</h1>"#, r#"<img src="logo.png" alt="临江市西城区人民政府">"#);
    assert_ne!(site_title, page);
    let dir = tempfile::tempdir().unwrap();
    let variant = dir.path().join("title-div-outside-content.html");
    std::fs::write(&variant, site_title).unwrap();
    for path in [fixture("logo-h1-site-name.html"), variant] {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let (_, r) = audit(&path);
        let meta = &r["meta"];
        assert_eq!(meta["year"], 2024, "{name}: {meta}");
        assert_eq!(meta["published"], "2025-04-10", "{name}: {meta}");
        assert!(meta["title"].as_str().unwrap().contains("法治政府建设"), "{name}: {meta}");
        assert!(finding_ids(&r).contains(&DEADLINE.to_owned()), "{name}");
        let planned = statuses(&r).iter().filter(|(_, s)| s == "planned").count();
        assert!(planned <= 1, "{name}: {planned} items only planned");
    }
}
