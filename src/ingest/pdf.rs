//! Reader for .pdf reports.
//!
//! Engine: pdf-extract, which panics (and can overflow its stack) on corrupt
//! files, so it runs isolated:
//! * in a child process when the CLI registered its own executable with
//!   [`set_child_exe`]: `<exe> __extract-pdf` gets the PDF on stdin and answers with
//!   the text on stdout (see [`child_main`]); killed after [`TIMEOUT`];
//! * otherwise in-process under `catch_unwind`, with the panic message kept off
//!   stderr.
//!
//! `FAZHI_PDF_ENGINE=pdftotext` uses poppler's `pdftotext -layout` instead (a
//! separate program, also under the timeout).
//!
//! The raw text is then cleaned by [`postprocess`]: Kangxi/CJK radicals that some
//! PDF producers map Han characters to are mapped back; spaces between CJK
//! characters are removed; page numbers at page edges are dropped; lines broken at
//! the visual wrap are joined (headings stay on their own line). A text layer with
//! almost no Han characters is refused: the PDF is a scan and needs OCR.

use super::decode::is_han;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Once, OnceLock};
use std::time::{Duration, Instant};

use unicode_normalization::UnicodeNormalization;
use unicode_width::UnicodeWidthStr;

use super::{Format, IngestError, Limits, Source};

/// The hidden CLI subcommand that runs [`child_main`].
pub const CHILD_SUBCOMMAND: &str = "__extract-pdf";
/// How long one PDF may take to extract.
pub const TIMEOUT: Duration = Duration::from_secs(60);
/// Environment variable choosing the engine: `pdf-extract` (default) or `pdftotext`.
pub const ENGINE_ENV: &str = "FAZHI_PDF_ENGINE";

/// Fewer Han characters than this: no usable text layer.
const MIN_HAN: usize = 20;

static CHILD_EXE: OnceLock<PathBuf> = OnceLock::new();

/// Register the executable that implements the `__extract-pdf` subcommand (the
/// CLI passes `std::env::current_exe()`). Later calls are ignored.
pub fn set_child_exe(path: PathBuf) {
    let _ = CHILD_EXE.set(path);
}

/// Body of the hidden `__extract-pdf` subcommand: PDF bytes on stdin, extracted
/// UTF-8 text (pages separated by form feeds) on stdout, exit code 0; on failure a
/// one-line message on stderr and exit code 1.
pub fn child_main() -> i32 {
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin().lock().read_to_end(&mut bytes) {
        eprintln!("无法读取标准输入：{e}");
        return 1;
    }
    match extract_in_process(&bytes) {
        Ok(text) => {
            let mut out = std::io::stdout().lock();
            match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
                Ok(()) => 0,
                Err(e) => {
                    eprintln!("无法写出文字：{e}");
                    1
                }
            }
        }
        Err(msg) => {
            eprintln!("{msg}");
            1
        }
    }
}

pub fn read(bytes: &[u8], limits: &Limits) -> Result<Source, IngestError> {
    // The text of a PDF is far smaller than the PDF, but compressed streams can
    // expand: cap what we accept from an engine.
    let out_cap = limits.max_file_size.clamp(64 << 20, 1 << 30);
    let raw = match std::env::var(ENGINE_ENV).ok().as_deref().map(str::trim) {
        Some("pdftotext") => run_pdftotext(bytes, out_cap)?,
        None | Some("") | Some("pdf-extract") => match CHILD_EXE.get() {
            Some(exe) => run_child(exe, bytes, out_cap)?,
            None => extract_in_process(bytes).map_err(IngestError::Format)?,
        },
        Some(other) => {
            return Err(IngestError::Unsupported(format!(
                "{ENGINE_ENV}={other}：PDF 引擎只能是 pdf-extract 或 pdftotext"
            )))
        }
    };
    let text = postprocess(&raw);
    check_text_layer(&text)?;
    Ok(Source { text, encoding: "utf-8".into(), format: Format::Pdf, headings: Vec::new(), simplified: false, relined: false })
}

/// A text layer must have Chinese text.
fn check_text_layer(text: &str) -> Result<(), IngestError> {
    let han = text.chars().filter(|&c| is_han(c)).count();
    if han >= MIN_HAN {
        return Ok(());
    }
    let visible = text.chars().filter(|c| !c.is_whitespace()).count();
    Err(IngestError::Format(if visible >= 200 {
        "PDF 的文字层几乎没有汉字（字体缺少编码映射，文字无法还原），可试 FAZHI_PDF_ENGINE=pdftotext 或先做文字识别（OCR）".into()
    } else {
        "PDF 没有文字层（可能是扫描件），需要先做文字识别（OCR）".into()
    }))
}

/// pdf-extract in this process, panics caught. Pages are separated by `\x0c`.
fn extract_in_process(bytes: &[u8]) -> Result<String, String> {
    match catch_quietly(|| pdf_extract::extract_text_from_mem_by_pages(bytes)) {
        Ok(Ok(pages)) if pages.is_empty() => Err("PDF 中没有可读取的页面，文件可能已损坏".into()),
        Ok(Ok(pages)) => Ok(pages.join("\x0c")),
        Ok(Err(e)) => Err(format!("无法解析 PDF：{e}")),
        Err(panic) => Err(format!("无法解析 PDF，文件可能已损坏（解析器出错：{panic}）")),
    }
}

thread_local! {
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// `catch_unwind` without the panic message on stderr. The hook is wrapped once;
/// panics on other threads (or outside this call) still print as usual.
fn catch_quietly<R>(f: impl FnOnce() -> R) -> Result<R, String> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(|q| q.get()) {
                previous(info)
            }
        }));
    });
    let was = QUIET.with(|q| q.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    QUIET.with(|q| q.set(was));
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".into())
    })
}

fn run_child(exe: &Path, bytes: &[u8], out_cap: u64) -> Result<String, IngestError> {
    let mut cmd = Command::new(exe);
    cmd.arg(CHILD_SUBCOMMAND).env("RUST_BACKTRACE", "0");
    run_with_timeout(cmd, bytes, out_cap, TIMEOUT, "PDF 解析子进程")
}

fn run_pdftotext(bytes: &[u8], out_cap: u64) -> Result<String, IngestError> {
    let mut cmd = Command::new("pdftotext");
    cmd.args(["-layout", "-enc", "UTF-8", "-", "-"]);
    run_with_timeout(cmd, bytes, out_cap, TIMEOUT, "pdftotext")
}

/// Run `cmd` with `input` on stdin; its stdout (at most `out_cap` bytes) as UTF-8.
/// Killed after `timeout`. A non-zero exit gives the first line of its stderr.
fn run_with_timeout(
    mut cmd: Command,
    input: &[u8],
    out_cap: u64,
    timeout: Duration,
    what: &str,
) -> Result<String, IngestError> {
    let mut child = cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound && what == "pdftotext" {
            IngestError::Unsupported(format!(
                "{ENGINE_ENV}=pdftotext，但找不到 pdftotext 命令（Debian/Ubuntu：apt-get install poppler-utils）"
            ))
        } else {
            IngestError::Format(format!("无法启动{what}：{e}"))
        }
    })?;
    let mut stdin = child.stdin.take().expect("piped stdin");
    let stdout = child.stdout.take().expect("piped stdout");
    let mut stderr = child.stderr.take().expect("piped stderr");
    // Plain threads, not scoped ones: after a timeout they are left behind rather
    // than joined, in case a grandchild still holds the pipes open.
    let input = input.to_vec();
    std::thread::spawn(move || {
        // The child may exit without reading everything (bad file): ignore EPIPE.
        let _ = stdin.write_all(&input);
    });
    let out = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let res = stdout.take(out_cap + 1).read_to_end(&mut buf);
        (buf, res)
        // Dropping the pipe here makes a child that writes more fail with EPIPE.
    });
    let err = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = (&mut stderr).take(16 * 1024).read_to_end(&mut buf);
        let _ = std::io::copy(&mut stderr, &mut std::io::sink());
        buf
    });
    let deadline = Instant::now() + timeout;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(5)),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(IngestError::Format(format!(
                    "{what}超过 {} 秒仍未完成，已终止；文件可能已损坏或过于复杂",
                    timeout.as_secs_f32()
                )));
            }
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(IngestError::Format(format!("{what}出错：{e}")));
            }
        }
    };
    let (stdout, out_res) =
        out.join().unwrap_or_else(|_| (Vec::new(), Err(std::io::Error::other("reader thread panicked"))));
    let stderr = err.join().unwrap_or_default();
    if stdout.len() as u64 > out_cap {
        return Err(IngestError::Format(format!("{what}输出的文字超过 {out_cap} 字节")));
    }
    if !status.success() {
        let msg = String::from_utf8_lossy(&stderr);
        let msg = msg.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
        return Err(IngestError::Format(match (status.code(), msg.is_empty()) {
            (Some(_), false) => msg.to_owned(),
            _ => format!("{what}异常退出（{status}），文件可能已损坏"),
        }));
    }
    out_res.map_err(|e| IngestError::Format(format!("无法读取{what}的输出：{e}")))?;
    String::from_utf8(stdout).map_err(|_| IngestError::Format(format!("{what}输出的不是 UTF-8 文字")))
}

// ---------------------------------------------------------------------------
// Post-processing

/// Raw engine text (pages separated by `\x0c`) → report text, one paragraph or
/// heading per line.
pub fn postprocess(raw: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    for page in raw.split('\x0c') {
        let mut page_lines: Vec<String> = page.split(['\n', '\r']).map(clean_line).collect();
        drop_page_numbers(&mut page_lines);
        lines.extend(page_lines.into_iter().filter(|l| !l.is_empty()));
    }
    join_wrapped(lines)
}

/// Map radicals, remove control characters, collapse and drop spaces, trim.
fn clean_line(line: &str) -> String {
    let mut chars: Vec<char> = Vec::with_capacity(line.len());
    for c in line.chars() {
        let c = match c {
            '\t' | '\u{a0}' | '\u{3000}' | '\u{2002}'..='\u{200a}' => ' ',
            '\u{200b}' | '\u{feff}' | '\u{ad}' => continue,
            c if c.is_control() => continue,
            c => c,
        };
        match c as u32 {
            0x2F00..=0x2FD5 => chars.extend(c.to_string().nfkc()),
            0x2E80..=0x2EF3 => chars.push(supplement_radical(c).unwrap_or(c)),
            _ => chars.push(c),
        }
    }
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != ' ' {
            out.push(c);
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() && chars[j] == ' ' {
            j += 1;
        }
        let prev = out.chars().next_back();
        let next = chars.get(j).copied();
        if let (Some(a), Some(b)) = (prev, next) {
            if !drop_space_between(a, b) {
                out.push(' ');
            }
        }
        i = j;
    }
    out.trim().to_owned()
}

/// PDF text puts spaces between scripts ("2025 年度"), and sometimes between Han
/// characters; none of them is in the report.
fn drop_space_between(a: char, b: char) -> bool {
    let wide = |c: char| is_han(c) || is_cjk_punct(c);
    (wide(a) && (wide(b) || b.is_ascii_digit())) || (a.is_ascii_digit() && wide(b))
}

/// Page numbers ("- 3 -", "第 3 页 共 9 页", "3/9", "3") among the first and last
/// two lines of a page.
fn drop_page_numbers(lines: &mut [String]) {
    let non_empty: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].is_empty()).collect();
    let n = non_empty.len();
    let edges = non_empty.iter().take(2).chain(non_empty.iter().skip(n.saturating_sub(2)));
    let edges: Vec<usize> = edges.copied().collect();
    for i in edges {
        if is_page_number(&lines[i]) {
            lines[i].clear();
        }
    }
}

fn is_page_number(line: &str) -> bool {
    let s: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    let inner = s.trim_matches(|c| matches!(c, '-' | '—' | '–' | '－' | '·' | '•'));
    if !inner.is_empty() && inner.len() <= 4 && inner.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    if let Some((a, b)) = inner.split_once('/') {
        return !a.is_empty() && !b.is_empty() && a.len() <= 4 && b.len() <= 4 && (a.to_owned() + b).chars().all(|c| c.is_ascii_digit());
    }
    let digits_only = |t: &str| !t.is_empty() && t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit());
    if let Some(rest) = inner.strip_prefix('第') {
        if let Some((n, tail)) = rest.split_once('页') {
            let tail = tail.trim_start_matches([',', '，', '/', '、']);
            return digits_only(n)
                && (tail.is_empty() || tail.strip_prefix('共').and_then(|t| t.strip_suffix('页')).is_some_and(digits_only));
        }
    }
    false
}

/// Join lines that the PDF broke at the visual wrap. A line is continued by the
/// next one when it is about as wide as a full line, does not end a sentence, and
/// the next line does not start with a heading number.
fn join_wrapped(lines: Vec<String>) -> String {
    let full = full_width(&lines);
    let mut out = String::new();
    let mut prev: Option<&str> = None;
    // The line that started the current output line (for heading continuations).
    let mut head: Option<(usize, &str)> = None;
    for (i, line) in lines.iter().enumerate() {
        if let Some(p) = prev {
            let (head_i, head_line) = head.unwrap_or((i, p));
            // The title goes on unless it already ends like a title (the next line is
            // then a document number or a date).
            let title_open = head_i == 0 && !["报告", "情况", "总结", "报告书"].iter().any(|e| p.ends_with(e));
            let wrapped_heading = head_line == p
                && (title_open || starts_with_heading_marker(p))
                && !line.ends_with('号')
                && continues_heading(p, line, full);
            if continues(p, line, full) || wrapped_heading {
                let (a, b) = (p.chars().next_back().unwrap_or(' '), line.chars().next().unwrap_or(' '));
                if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() {
                    out.push(' ');
                }
            } else {
                out.push('\n');
                head = Some((i, line));
            }
        } else {
            head = Some((i, line));
        }
        out.push_str(line);
        prev = Some(line);
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// Display width of a full line: the 90th percentile of the line widths.
fn full_width(lines: &[String]) -> usize {
    let mut widths: Vec<usize> = lines.iter().map(|l| l.width()).collect();
    widths.sort_unstable();
    if widths.is_empty() {
        return 0;
    }
    widths[(widths.len() * 9 / 10).min(widths.len() - 1)]
}

fn continues(line: &str, next: &str, full: usize) -> bool {
    let Some(last) = line.chars().next_back() else { return false };
    if is_sentence_end(last) {
        return false;
    }
    let w = line.width();
    // A short line ends its paragraph (or is a heading or the title).
    if (w as f64) < full as f64 * 0.85 {
        return false;
    }
    // A line ending in a closing bracket is a heading or a paragraph end, unless
    // it is plainly a wrapped full line.
    if is_closing(last) && (w as f64) < full as f64 * 0.95 {
        return false;
    }
    !starts_with_heading_marker(next)
}

/// A heading (or the title) set in a larger font than the body wraps well before
/// the body's full width: its unpunctuated tail on the next line (not longer than
/// the heading's first line, not a new heading) is joined.
fn continues_heading(line: &str, next: &str, full: usize) -> bool {
    let (Some(last), Some(next_last)) = (line.chars().next_back(), next.chars().next_back()) else { return false };
    let w = line.width();
    !is_sentence_end(last)
        && !is_closing(last)
        && !is_sentence_end(next_last)
        && w * 5 >= full * 2
        && next.width() <= w
        && (next.width() as f64) < full as f64 * 0.85
        && !starts_with_heading_marker(next)
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '：' | '!' | '?' | ';' | ':')
}

fn is_closing(c: char) -> bool {
    matches!(c, '）' | ')' | '】' | '」' | '』' | '”' | '》' | '〕' | '］' | ']' | '〉' | '’')
}

/// `一、` `（一）` `(一)` `1.` `1、` `（1）` `第一章` `①` at the start of a line.
pub fn starts_with_heading_marker(line: &str) -> bool {
    let chars: Vec<char> = line.chars().take(12).collect();
    let is_cn_num = |c: char| "一二三四五六七八九十百零〇".contains(c);
    let run = |from: usize, pred: &dyn Fn(char) -> bool| chars[from..].iter().take_while(|&&c| pred(c)).count();
    let Some(&first) = chars.first() else { return false };
    if ('①'..='⑳').contains(&first) {
        return true;
    }
    // 一、 二．
    let n = run(0, &is_cn_num);
    if n > 0 && matches!(chars.get(n), Some('、' | '．' | '.')) {
        return true;
    }
    // 1. 1、 1．(not 1.5)
    let n = run(0, &|c| c.is_ascii_digit());
    if (1..=2).contains(&n) && matches!(chars.get(n), Some('、' | '．' | '.'))
        && !chars.get(n + 1).is_some_and(|c| c.is_ascii_digit())
    {
        return true;
    }
    // （一） (一) （1） (1)
    if matches!(first, '（' | '(') {
        let n = run(1, &|c| is_cn_num(c) || c.is_ascii_digit());
        if (1..=3).contains(&n) && matches!(chars.get(1 + n), Some('）' | ')')) {
            return true;
        }
    }
    // 第一章 第二部分 第3条
    if first == '第' {
        let n = run(1, &|c| is_cn_num(c) || c.is_ascii_digit());
        if n > 0 && matches!(chars.get(1 + n), Some('章' | '节' | '部' | '条' | '篇')) {
            return true;
        }
    }
    false
}

/// CJK Radicals Supplement → unified ideograph (from Unicode's CJKRadicals.txt;
/// only the forms whose mapping is a character of its own or a common component).
fn supplement_radical(c: char) -> Option<char> {
    const TABLE: &[(char, char)] = &[
        ('⺁', '厂'), ('⺄', '乙'), ('⺅', '亻'), ('⺆', '冂'), ('⺇', '几'), ('⺉', '刂'), ('⺊', '卜'),
        ('⺌', '小'), ('⺍', '小'), ('⺒', '巳'), ('⺓', '幺'), ('⺖', '忄'), ('⺗', '心'), ('⺘', '扌'),
        ('⺙', '攵'), ('⺜', '日'), ('⺝', '月'), ('⺟', '母'), ('⺠', '民'), ('⺡', '氵'), ('⺣', '灬'),
        ('⺦', '丬'), ('⺨', '犭'), ('⺩', '王'), ('⺪', '疋'), ('⺮', '竹'), ('⺯', '糹'), ('⺰', '纟'),
        ('⺶', '羊'), ('⺷', '羊'), ('⺸', '羊'), ('⺽', '臼'), ('⺾', '艹'), ('⺿', '艹'), ('⻀', '艹'),
        ('⻁', '虎'), ('⻂', '衤'), ('⻃', '覀'), ('⻄', '西'), ('⻅', '见'), ('⻆', '角'), ('⻇', '角'),
        ('⻈', '讠'), ('⻉', '贝'), ('⻊', '足'), ('⻋', '车'), ('⻌', '辶'), ('⻍', '辶'), ('⻎', '辶'),
        ('⻏', '阝'), ('⻐', '钅'), ('⻑', '長'), ('⻓', '长'), ('⻔', '门'), ('⻖', '阝'), ('⻗', '雨'),
        ('⻘', '青'), ('⻙', '韦'), ('⻚', '页'), ('⻛', '风'), ('⻜', '飞'), ('⻝', '食'), ('⻟', '飠'),
        ('⻠', '饣'), ('⻢', '马'), ('⻣', '骨'), ('⻤', '鬼'), ('⻥', '鱼'), ('⻦', '鸟'), ('⻧', '卤'),
        ('⻨', '麦'), ('⻩', '黄'), ('⻪', '黾'), ('⻫', '斉'), ('⻬', '齐'), ('⻭', '歯'), ('⻮', '齿'),
        ('⻯', '竜'), ('⻰', '龙'), ('⻱', '龜'), ('⻲', '亀'), ('⻳', '龟'),
    ];
    TABLE.iter().find(|(r, _)| *r == c).map(|(_, u)| *u)
}


fn is_cjk_punct(c: char) -> bool {
    matches!(c as u32, 0x3001..=0x303F | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65
        | 0x2018..=0x201F | 0x2014 | 0x2026 | 0x00B7)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radicals_are_mapped_back() {
        assert_eq!(clean_line("⾸⻚ ⼀、⼈⺠政府 ⻓⻔⻢"), "首页一、人民政府长门马");
    }

    #[test]
    fn spaces_between_cjk_are_dropped() {
        assert_eq!(clean_line("  2025 年度 法治 政府，第 3 条  "), "2025年度法治政府，第3条");
        assert_eq!(clean_line("ISO 9001 认证 and Office  2019"), "ISO 9001认证 and Office 2019");
        assert_eq!(clean_line("（ 一 ） 加强"), "（一）加强");
    }

    #[test]
    fn page_numbers() {
        for p in ["- 3 -", "— 12 —", "3", "第 2 页 共 9 页", "第2页", "3/9", "－ 4 －"] {
            assert!(is_page_number(p), "{p}");
        }
        for p in ["2021年", "一、", "3.5", "12345", "第三章"] {
            assert!(!is_page_number(p), "{p}");
        }
    }

    #[test]
    fn heading_markers() {
        for h in ["一、总体情况", "（一）加强领导", "(二)完善", "1.强化学习", "2、健全", "（1）制度", "第一章 总则", "①落实", "十二、其他"] {
            assert!(starts_with_heading_marker(h), "{h}");
        }
        for h in ["2021年，我区", "1.5倍", "一是加强", "（注：见附件）", "第三方评估"] {
            assert!(!starts_with_heading_marker(h), "{h}");
        }
    }

    #[test]
    fn wrapped_lines_are_joined_and_headings_kept() {
        let full = "这是一行排满的正文文字，共有二十个字左右的宽";
        let raw = format!(
            "某区2021年法治政府建设\n年度报告\n{full}\n{full}\n最后一行。\n一、主要举措\n（一）加强领导\n{full}\n{full}\n第二页开头。\n- 1 -\x0c{full}\n{full}\n跨页接着写完。\n2"
        );
        let out = postprocess(&raw);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines,
            vec![
                "某区2021年法治政府建设年度报告",
                format!("{full}{full}最后一行。").as_str(),
                "一、主要举措",
                "（一）加强领导",
                format!("{full}{full}第二页开头。").as_str(),
                format!("{full}{full}跨页接着写完。").as_str(),
            ]
        );
    }

    #[test]
    fn wrapped_headings_in_a_larger_font_are_joined() {
        let full = "这是一行排满的正文文字，共有二十个字左右的宽这是一行排满的正文文字";
        let raw = format!(
            "某市人民政府2021年法治政府建设年度\n报告\n某府〔2021〕9号\n{full}\n结束。\n一、加强党对法治建设的领导，完善法\n治政府建设推进机制\n{full}\n结束。\n五、其他需要报告的情况\n某某市人民政府\n2022年1月\n二、加强党对法治建设的领导，完善法\n（一）小标题"
        );
        let lines: Vec<String> = postprocess(&raw).lines().map(str::to_owned).collect();
        assert_eq!(lines[0], "某市人民政府2021年法治政府建设年度报告");
        assert_eq!(lines[1], "某府〔2021〕9号");
        assert_eq!(lines[3], "一、加强党对法治建设的领导，完善法治政府建设推进机制");
        assert_eq!(&lines[5..], ["五、其他需要报告的情况", "某某市人民政府", "2022年1月", "二、加强党对法治建设的领导，完善法", "（一）小标题"]);
    }

    #[test]
    fn sentence_end_and_heading_marker_stop_joining() {
        let full = "这是一行排满的正文文字，共有二十个字左右的宽";
        let out = postprocess(&format!("{full}\n{full}。\n{full}\n1.下一项\n{full}\n{full}"));
        assert_eq!(out.lines().count(), 4, "{out}");
    }

    #[test]
    fn no_text_layer() {
        let r = check_text_layer("1\n2\n");
        assert!(matches!(&r, Err(IngestError::Format(m)) if m.contains("OCR")), "{r:?}");
        assert!(check_text_layer(&"法治政府建设".repeat(5)).is_ok());
    }

    #[test]
    fn corrupt_input_is_an_error_not_a_panic() {
        for bytes in [&b"%PDF-"[..], b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF", b"%PDF-1.7\n\xff\xfe\x00garbage"] {
            let r = read(bytes, &Limits::default());
            assert!(matches!(r, Err(IngestError::Format(_))), "{r:?}");
        }
    }

    #[test]
    fn panics_are_caught_quietly() {
        let r = catch_quietly(|| -> u8 { panic!("boom {}", 1) });
        assert_eq!(r, Err("boom 1".to_owned()));
        assert_eq!(catch_quietly(|| 7), Ok(7));
    }

    #[test]
    fn child_process_timeout_and_failure() {
        // `sh` stands in for the child: it ignores its input and sleeps.
        let mut cmd = Command::new("sh");
        cmd.args(["-c", "sleep 5"]);
        let t = Instant::now();
        let r = run_with_timeout(cmd, &[0u8; 200_000], 1 << 20, Duration::from_millis(200), "测试");
        assert!(matches!(&r, Err(IngestError::Format(m)) if m.contains("已终止")), "{r:?}");
        assert!(t.elapsed() < Duration::from_secs(3));
        let mut cmd = Command::new("sh");
        cmd.args(["-c", "cat >/dev/null; echo '坏文件' >&2; exit 1"]);
        let r = run_with_timeout(cmd, b"x", 1 << 20, Duration::from_secs(10), "测试");
        assert!(matches!(&r, Err(IngestError::Format(m)) if m == "坏文件"), "{r:?}");
        let mut cmd = Command::new("sh");
        cmd.args(["-c", "cat"]);
        let r = run_with_timeout(cmd, "法治".as_bytes(), 1 << 20, Duration::from_secs(10), "测试");
        assert_eq!(r.unwrap(), "法治");
        let mut cmd = Command::new("sh");
        cmd.args(["-c", "yes 法治政府建设"]);
        let r = run_with_timeout(cmd, b"", 1 << 16, Duration::from_secs(10), "测试");
        assert!(matches!(&r, Err(IngestError::Format(_))), "{r:?}");
    }
}

