//! The format readers against real-looking files: the five corpus reports as
//! government web pages (.html), Word documents (.docx) and LibreOffice PDFs (.pdf),
//! made by scripts/make-format-fixtures.sh, plus broken and hostile files.
//!
//! `NAME.expected` holds the title and body lines that the script put into every
//! format; each must come out of each reader, in order (compared on their Han
//! characters, so punctuation width and spacing do not matter).

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fazhi::ingest::{read_bytes, read_path, Format, IngestError, Limits, Source};

const REPORTS: &[&str] = &[
    "cq-yubei-lianglu-street-2023",
    "dg-qingxi-town-2021",
    "gz-baiyun-jinsha-street-2021",
    "gz-yuexiu-district-2022",
    "shanwei-city-2020",
];

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats").join(name)
}

fn expected(report: &str) -> Vec<String> {
    std::fs::read_to_string(fixture(&format!("{report}.expected")))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

fn han(s: &str) -> String {
    s.chars().filter(|&c| is_han(c)).collect()
}

fn read(report: &str, ext: &str) -> Source {
    let path = fixture(&format!("{report}.{ext}"));
    with_engine("", || read_path(&path, &Limits::default())).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every expected line's Han characters occur in the text, each after the previous.
fn assert_lines_in_order(text: &str, lines: &[String], label: &str) {
    let hay = han(text);
    let mut pos = 0;
    for line in lines {
        let key = han(line);
        if key.is_empty() {
            continue;
        }
        match hay[pos..].find(&key) {
            Some(i) => pos += i + key.len(),
            None => {
                let found_earlier = hay.contains(&key);
                panic!("{label}: line not found in order (found anywhere: {found_earlier}):\n  {line}\n--- text:\n{text}");
            }
        }
    }
}

fn assert_clean(s: &Source, label: &str) {
    assert!(!s.text.contains('\r'), "{label}: CR in text");
    assert!(!s.text.lines().any(|l| l.trim().is_empty()), "{label}: blank lines");
    for h in &s.headings {
        assert!(h.start < h.end && h.end <= s.text.len(), "{label}: bad hint {h:?}");
        assert!(s.text.is_char_boundary(h.start) && s.text.is_char_boundary(h.end), "{label}: hint off char boundary");
    }
}

#[test]
fn html_pages_give_title_and_paragraphs_in_order() {
    for report in REPORTS {
        let s = read(report, "html");
        let want = expected(report);
        assert_eq!(s.format, Format::Html);
        assert_clean(&s, report);
        assert_eq!(s.text.lines().next().unwrap(), want[0], "{report}: title line");
        assert_lines_in_order(&s.text, &want, &format!("{report}.html"));
        for chrome in ["热点新闻", "ICP备", "网站标识码", "分享到", "当前位置", "脚本", "上一篇", "字体"] {
            assert!(!s.text.contains(chrome), "{report}.html: chrome {chrome:?} in text:\n{}", s.text);
        }
        // Nothing but the report: at most the title line and the page's own lines.
        assert!(s.text.lines().count() <= want.len() + 1, "{report}.html: extra lines:\n{}", s.text);
    }
}

#[test]
fn gbk_pages_decode_by_their_meta_charset() {
    for report in ["cq-yubei-lianglu-street-2023", "dg-qingxi-town-2021"] {
        let bytes = std::fs::read(fixture(&format!("{report}.html"))).unwrap();
        assert!(std::str::from_utf8(&bytes).is_err(), "{report}.html should be GBK bytes");
        let s = read(report, "html");
        assert_eq!(s.encoding, "gbk", "{report}");
        assert!(!s.text.contains('\u{FFFD}'));
    }
    assert_eq!(read("shanwei-city-2020", "html").encoding, "utf-8");
}

#[test]
fn docx_gives_paragraphs_in_order_and_heading_hints() {
    for report in REPORTS {
        let s = read(report, "docx");
        let want = expected(report);
        assert_eq!(s.format, Format::Docx);
        assert_clean(&s, report);
        assert_eq!(s.text.lines().next().unwrap(), want[0], "{report}: title line");
        assert_lines_in_order(&s.text, &want, &format!("{report}.docx"));
        let hints: Vec<(&str, u8)> = s.headings.iter().map(|h| (&s.text[h.start..h.end], h.level)).collect();
        // The script made the short 一、 lines Heading 1 and the short （一） lines Heading 2.
        let mut n = 0;
        for line in &want {
            let Some(level) = script_heading_level(line) else { continue };
            assert!(hints.contains(&(line.as_str(), level)), "{report}.docx: no level-{level} hint for {line:?}: {hints:?}");
            n += 1;
        }
        assert!(n >= 3, "{report}: only {n} headings checked");
        assert_eq!(hints.len(), n, "{report}.docx: extra hints {hints:?}");
    }
}

#[test]
fn docx_renders_word_list_numbering() {
    // scripts/make-numbered-docx.py: the numbers live only in numbering.xml.
    let s = read("numbered-headings-2024", "docx");
    let lines: Vec<&str> = s.text.lines().collect();
    for want in [
        "一、2024年度推进法治政府建设的主要举措和成效",
        "（一）加强党对法治政府建设的领导",
        "（二）严格规范公正文明执法",
        "1. 全面落实行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度。",
        "2. 修订行政裁量权基准，开展行政执法案卷评查。",
        "（三）依法科学民主决策",
        // a list that restarts its numbering
        "1. 严格落实重大行政决策公众参与、专家论证、风险评估、合法性审查、集体讨论决定程序。",
        "2. 政府法律顾问参与审查合同和文件126件。",
        "二、党政主要负责人履行推进法治建设第一责任人职责情况",
        "三、存在的不足和原因",
        // bullets carry no label
        "基层执法力量不足，执法人员专业化水平不高。",
        "四、2025年推进法治政府建设的主要安排",
    ] {
        assert!(lines.contains(&want), "no line {want:?} in:\n{}", s.text);
    }
    let hints: Vec<(&str, u8)> = s.headings.iter().map(|h| (&s.text[h.start..h.end], h.level)).collect();
    assert!(hints.contains(&("三、存在的不足和原因", 1)), "{hints:?}");
    assert!(hints.contains(&("（三）依法科学民主决策", 2)), "{hints:?}");
}

/// `level()` of scripts/make-format-fixtures.sh.
fn script_heading_level(line: &str) -> Option<u8> {
    if line.chars().count() > 50 || line.trim_end_matches('。').contains('。') {
        return None;
    }
    let cn = |c: char| "一二三四五六七八九十".contains(c);
    let chars: Vec<char> = line.chars().collect();
    let n = chars.iter().take_while(|&&c| cn(c)).count();
    if n > 0 && chars.get(n) == Some(&'、') {
        return Some(1);
    }
    if matches!(chars.first(), Some('（' | '(')) {
        let n = chars[1..].iter().take_while(|&&c| cn(c)).count();
        if n > 0 && matches!(chars.get(1 + n), Some('）' | ')')) {
            return Some(2);
        }
    }
    None
}

#[test]
fn pdf_gives_paragraphs_in_order() {
    for report in REPORTS {
        let s = read(report, "pdf");
        let want = expected(report);
        assert_eq!(s.format, Format::Pdf);
        assert_clean(&s, report);
        assert_lines_in_order(&s.text, &want, &format!("{report}.pdf"));
        assert_eq!(han(s.text.lines().next().unwrap()), han(&want[0]), "{report}.pdf: title line");
        assert!(!s.text.chars().any(|c| ('\u{2E80}'..='\u{2FDF}').contains(&c)), "{report}.pdf: radicals left");
        // Headings stay on their own line: every short 一、 line is a line of its own.
        for line in want.iter().filter(|l| script_heading_level(l).is_some()) {
            let key = han(line);
            assert!(s.text.lines().any(|l| han(l) == key), "{report}.pdf: heading {line:?} not on its own line");
        }
        // Paragraphs were joined back: not many more lines than the original.
        let n = s.text.lines().count();
        assert!(n <= want.len() * 3 / 2 + 2, "{report}.pdf: {n} lines for {} paragraphs", want.len());
    }
}

#[test]
fn pdftotext_engine_when_asked() {
    // Runs only where poppler-utils is installed.
    if std::process::Command::new("pdftotext").arg("-v").output().is_err() {
        eprintln!("pdftotext not installed: skipped");
        return;
    }
    let bytes = std::fs::read(fixture("dg-qingxi-town-2021.pdf")).unwrap();
    let s = with_engine("pdftotext", || read_bytes(&bytes, Some("pdf"), &Limits::default())).unwrap();
    assert_lines_in_order(&s.text, &expected("dg-qingxi-town-2021"), "pdftotext");
}

/// Environment variables are process-wide: every read of a fixture holds this lock
/// and sets the PDF engine for itself ("" = the default).
fn with_engine<R>(engine: &str, f: impl FnOnce() -> R) -> R {
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _guard = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    std::env::set_var("FAZHI_PDF_ENGINE", engine);
    let r = f();
    std::env::remove_var("FAZHI_PDF_ENGINE");
    r
}

#[test]
fn unknown_engine_is_refused() {
    let bytes = std::fs::read(fixture("dg-qingxi-town-2021.pdf")).unwrap();
    let r = with_engine("mupdf", || read_bytes(&bytes, Some("pdf"), &Limits::default()));
    assert!(matches!(r, Err(IngestError::Unsupported(_))), "{r:?}");
}

#[test]
fn image_only_pdf_asks_for_ocr() {
    let r = with_engine("", || read_path(&fixture("bad-image-only.pdf"), &Limits::default()));
    assert!(matches!(&r, Err(IngestError::Format(m)) if m.contains("OCR")), "{r:?}");
}

#[test]
fn truncated_empty_and_garbage_pdfs_are_errors() {
    let good = std::fs::read(fixture("gz-yuexiu-district-2022.pdf")).unwrap();
    let mut cases: Vec<(String, Vec<u8>)> = vec![
        ("header only".into(), b"%PDF-".to_vec()),
        ("header and garbage".into(), b"%PDF-1.7\n\x00\xff garbage garbage\n%%EOF".to_vec()),
    ];
    for frac in [10, 40, 70, 95] {
        cases.push((format!("truncated to {frac}%"), good[..good.len() * frac / 100].to_vec()));
    }
    // Random bytes changed in the middle: may still read, must never panic.
    let mut flipped = good.clone();
    let mut x: u32 = 12345;
    for _ in 0..40 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        let i = 1000 + (x as usize % (flipped.len() - 2000));
        flipped[i] ^= 0x5a;
    }
    for (label, bytes) in cases {
        let r = with_engine("", || std::panic::catch_unwind(|| read_bytes(&bytes, Some("pdf"), &Limits::default())));
        let r = r.unwrap_or_else(|_| panic!("{label}: panicked"));
        match r {
            Err(IngestError::Format(_)) | Err(IngestError::Empty) => {}
            // A cut after the last page's text can still give the text.
            Ok(s) if label.starts_with("truncated to 95") => assert!(!s.text.is_empty()),
            other => panic!("{label}: {other:?}"),
        }
    }
    let r = with_engine("", || std::panic::catch_unwind(|| read_bytes(&flipped, Some("pdf"), &Limits::default())));
    assert!(r.is_ok(), "flipped bytes: panicked");
}

#[test]
fn old_word_doc_is_unsupported() {
    let r = read_path(&fixture("bad-old-word.doc"), &Limits::default());
    assert!(matches!(r, Err(IngestError::Unsupported(_))), "{r:?}");
    let bytes = std::fs::read(fixture("bad-old-word.doc")).unwrap();
    let r = read_bytes(&bytes, Some("docx"), &Limits::default());
    assert!(matches!(r, Err(IngestError::Unsupported(_))), "{r:?}");
}

/// A .docx whose document.xml inflates to `size` bytes of repeated paragraphs.
fn zip_bomb(size: usize) -> Vec<u8> {
    use zip::write::SimpleFileOptions;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9))
        .large_file(size > u32::MAX as usize);
    zip.start_file("word/document.xml", opts).unwrap();
    let chunk = "<w:p><w:r><w:t>法治政府建设</w:t></w:r></w:p>".repeat(20_000);
    zip.write_all(b"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>").unwrap();
    let mut written = 0;
    while written < size {
        zip.write_all(chunk.as_bytes()).unwrap();
        written += chunk.len();
    }
    zip.write_all(b"</w:body></w:document>").unwrap();
    zip.finish().unwrap().into_inner()
}

#[test]
fn docx_zip_bomb_is_refused_quickly() {
    // 200 MiB of XML in well under 1 MiB of .docx, against the 64 MiB part cap.
    let bomb = zip_bomb(200 << 20);
    assert!(bomb.len() < 1 << 20, "bomb is {} bytes", bomb.len());
    let t = Instant::now();
    let r = read_bytes(&bomb, Some("docx"), &Limits::default());
    assert!(matches!(&r, Err(IngestError::Format(m)) if m.contains("压缩炸弹")), "{r:?}");
    assert!(t.elapsed() < Duration::from_secs(2), "took {:?}", t.elapsed());
    // The same bomb with its size fields patched to claim 1000 bytes.
    let mut lying = bomb;
    let mut i = 0;
    while i + 30 < lying.len() {
        if &lying[i..i + 4] == b"PK\x03\x04" {
            lying[i + 22..i + 26].copy_from_slice(&1000u32.to_le_bytes());
        } else if &lying[i..i + 4] == b"PK\x01\x02" {
            lying[i + 24..i + 28].copy_from_slice(&1000u32.to_le_bytes());
        }
        i += 1;
    }
    let t = Instant::now();
    let r = read_bytes(&lying, Some("docx"), &Limits::default());
    assert!(matches!(r, Err(IngestError::Format(_))), "{r:?}");
    assert!(t.elapsed() < Duration::from_secs(5), "took {:?}", t.elapsed());
}

#[test]
fn broken_docx_files_are_errors() {
    let good = std::fs::read(fixture("dg-qingxi-town-2021.docx")).unwrap();
    for cut in [100, good.len() / 2, good.len() - 10] {
        let r = std::panic::catch_unwind(|| read_bytes(&good[..cut], Some("docx"), &Limits::default()));
        let r = r.unwrap_or_else(|_| panic!("cut at {cut}: panicked"));
        assert!(matches!(r, Err(IngestError::Format(_))), "cut at {cut}: {r:?}");
    }
    let r = read_bytes(b"not a zip at all", Some("docx"), &Limits::default());
    assert!(matches!(r, Err(IngestError::Format(_))), "{r:?}");
}

/// Figures for the record: time to read each fixture (run with --nocapture).
#[test]
fn timings() {
    for ext in ["html", "docx", "pdf"] {
        for report in REPORTS {
            let t = Instant::now();
            let s = read(report, ext);
            eprintln!("{report}.{ext}: {} bytes of text in {:?}", s.text.len(), t.elapsed());
        }
    }
}

/// Same statuses from every format as from the original text
/// (JSON shape: `reports[0].items[].{id,status}`, shared/spec/output.md).
#[test]
fn cli_statuses_are_the_same_for_every_format() {
    fn statuses(path: &Path) -> Vec<(String, String)> {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_fazhi"))
            .args(["check", "--format", "json", "--pack", "outline-2021"])
            .arg(path)
            .output()
            .expect("run fazhi");
        let json: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{}: not JSON ({e}): {}", path.display(), String::from_utf8_lossy(&out.stderr)));
        json["reports"][0]["items"]
            .as_array()
            .unwrap_or_else(|| panic!("{}: no items: {json}", path.display()))
            .iter()
            .map(|i| (i["id"].as_str().unwrap_or("").to_owned(), i["status"].as_str().unwrap_or("").to_owned()))
            .collect()
    }
    for report in REPORTS {
        let base = statuses(&fixture(&format!("{report}.txt")));
        assert!(!base.is_empty());
        for ext in ["html", "docx", "pdf"] {
            assert_eq!(statuses(&fixture(&format!("{report}.{ext}"))), base, "{report}.{ext}");
        }
    }
}

/// A .docx of paragraphs `(text, outline level)`, the level set directly on the
/// paragraph (`w:outlineLvl`, 0 = top).
fn docx_of(paragraphs: &[(&str, Option<u8>)]) -> Vec<u8> {
    use zip::write::SimpleFileOptions;
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("word/document.xml", SimpleFileOptions::default()).unwrap();
    let mut xml = String::from("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>");
    for (text, level) in paragraphs {
        let ppr = level.map(|l| format!("<w:pPr><w:outlineLvl w:val=\"{l}\"/></w:pPr>")).unwrap_or_default();
        xml.push_str(&format!("<w:p>{ppr}<w:r><w:t>{text}</w:t></w:r></w:p>"));
    }
    xml.push_str("</w:body></w:document>");
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

#[test]
fn fullwidth_digits_are_read_as_ascii_and_heading_hints_follow() {
    let bytes = docx_of(&[
        ("云山市２０２３年度法治政府建设情况报告", None),
        ("一、２０２３年主要举措和成效", Some(0)),
        ("全年办理行政复议案件１２件。", None),
        ("二、２０２４年工作安排", Some(0)),
    ]);
    let s = read_bytes(&bytes, Some("docx"), &Limits::default()).unwrap();
    assert!(s.text.starts_with("云山市2023年度法治政府建设情况报告"), "{}", s.text);
    let hints: Vec<&str> = s.headings.iter().map(|h| &s.text[h.start..h.end]).collect();
    assert_eq!(hints, ["一、2023年主要举措和成效", "二、2024年工作安排"]);
    // Plain text, in GB18030 too.
    let text = "云山市２０２３年度法治政府建设情况报告\n全年办理１２件。\n";
    let (gb, _, _) = encoding_rs::GB18030.encode(text);
    for bytes in [text.as_bytes(), &gb[..]] {
        let s = read_bytes(bytes, Some("txt"), &Limits::default()).unwrap();
        assert_eq!(s.text, "云山市2023年度法治政府建设情况报告\n全年办理12件。\n");
    }
}
