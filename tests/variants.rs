//! Unseen reports differ from the corpus copies in form, not in content. Every
//! corpus report (../shared/corpus/reports) and every sample (samples/reports,
//! samples/fullwidth/reports)
//! is rewritten here by deterministic transforms that a real report goes
//! through, and audited in-process; the audit of each variant must equal the
//! audit of the original:
//!
//! * `fullwidth`: the punctuation of a report as published (，：；（）？！“”),
//!   paragraphs indented with two ideographic spaces, `1.` headings as `1．`;
//! * `markers`: other heading numbering (第一部分, `1、`, `(一)` for `（一）`);
//! * `pdf`: text as extracted from a PDF: hard line breaks at a fixed width
//!   (in the middle of words, names and headings), no blank lines, spaces
//!   around numbers ("2025 年度") and inside words ("法治 政府"), page numbers
//!   ("- 3 -") and a running header between pages, the title on two lines;
//! * `chrome`: web page chrome with dates that are not the publication date
//!   (今天是…, a date-and-weekday widget, footer lines dated 2019);
//! * `crlf`: Windows line breaks;
//! * `flattened`: a page copied with its line breaks collapsed to spaces, the
//!   whole report on one line (in full-width punctuation);
//! * `all`: every one of the above at once.
//!
//! Compared: every item status, the report year, unit, level and publication
//! date, and the ids of the findings. Every divergence of every variant is
//! listed in one failure message.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fazhi::cli::Auditor;
use fazhi::document::BlockKind;
use fazhi::ingest::{read_bytes, Limits};
use fazhi::report::Outcome;

mod common;

/// What an audit says about a report, in comparable form.
#[derive(Debug, Clone, PartialEq)]
struct Verdict {
    year: Option<i32>,
    unit: Option<String>,
    level: Option<String>,
    published: Option<String>,
    items: BTreeMap<String, String>,
    findings: BTreeSet<String>,
}

/// The original's facts the transforms need (which lines are page chrome,
/// where the title is).
struct Shape {
    chrome_lines: BTreeSet<usize>,
    title_line: Option<usize>,
    /// A closing line names a unit of a known level.
    signed: bool,
}

fn audit(auditor: &Auditor, name: &str, text: &str) -> (Verdict, Shape) {
    let source = read_bytes(text.as_bytes(), Some("txt"), &Limits::default())
        .unwrap_or_else(|e| panic!("{name}: cannot read: {e}"));
    let Outcome::Audited(a) = auditor.audit_source(name.to_owned(), source) else {
        panic!("{name}: not audited");
    };
    let doc = &a.doc;
    let line_of = |offset: usize| doc.text[..offset].matches('\n').count();
    let shape = Shape {
        chrome_lines: doc.chrome.iter().map(|r| line_of(r.start)).collect(),
        // a title already on several lines is left as it is
        title_line: doc
            .meta
            .title_range
            .as_ref()
            .filter(|r| !doc.text[(*r).clone()].contains('\n'))
            .map(|r| line_of(r.start)),
        signed: doc.blocks.iter().any(|b| {
            b.kind == BlockKind::Signature
                && auditor
                    .rules
                    .profile
                    .level_of(doc.text[b.range.clone()].trim())
                    .is_some()
        }),
    };
    let verdict = Verdict {
        year: doc.meta.year,
        unit: doc.meta.unit.clone(),
        level: doc.meta.level.map(|l| l.name().to_owned()),
        published: doc.meta.published.clone(),
        items: a
            .audit
            .items
            .iter()
            .zip(&a.pack().items)
            .map(|(r, item)| (item.id.clone(), r.status.name().to_owned()))
            .collect(),
        findings: a.audit.findings.iter().map(|f| f.id.clone()).collect(),
    };
    (verdict, shape)
}

// ---- transforms -----------------------------------------------------------

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF)
}

/// Half-width punctuation → full-width, as in a report typed in a Chinese
/// word processor. Colons and commas between digits (15:16, 1,000) stay, and so
/// do URLs. Paragraphs get the customary two-character indent; `1.` headings
/// take the full-width dot.
fn fullwidth(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for line in text.split('\n') {
        let chars: Vec<char> = line.chars().collect();
        let mut open_quote = true;
        let mut s = String::new();
        for (i, &c) in chars.iter().enumerate() {
            let prev = i.checked_sub(1).map(|k| chars[k]);
            let next = chars.get(i + 1).copied();
            let digits_around = prev.is_some_and(|p| p.is_ascii_digit())
                && next.is_some_and(|n| n.is_ascii_digit());
            let url = prev.is_some_and(|p| p.is_ascii_alphabetic()) && next == Some('/');
            let r = match c {
                ',' if !digits_around => '，',
                ':' if !digits_around && !url => '：',
                ';' => '；',
                '(' => '（',
                ')' => '）',
                '?' => '？',
                '!' => '！',
                '"' => {
                    open_quote = !open_quote;
                    if open_quote {
                        '”'
                    } else {
                        '“'
                    }
                }
                c => c,
            };
            s.push(r);
        }
        // `1.强化理论学习` → `1．强化理论学习`
        let trimmed = s.trim_start();
        let digits = trimmed.chars().take_while(|c| c.is_ascii_digit()).count();
        if (1..=2).contains(&digits) {
            let rest = &trimmed[digits..];
            if let Some(after) = rest.strip_prefix('.') {
                if after.chars().next().is_some_and(|c| !c.is_ascii_digit()) {
                    s = format!("{}．{after}", &trimmed[..digits]);
                }
            }
        }
        let body = s.trim();
        if body.chars().count() > 30 && body.chars().next().is_some_and(is_han) {
            out.push_str("\u{3000}\u{3000}");
            out.push_str(body);
        } else {
            out.push_str(&s);
        }
        out.push('\n');
    }
    out.pop();
    out
}

const ZH_NUM: &[&str] = &["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// Other heading numbering: `一、` → `第一部分　` or `二　`, `1.` → `1、`,
/// `（一）` → `(一)` and back.
fn markers(text: &str) -> String {
    text.split('\n')
        .map(|line| {
            let lead = line.len() - line.trim_start().len();
            let (indent, body) = line.split_at(lead);
            for (k, n) in ZH_NUM.iter().enumerate() {
                if let Some(rest) = body.strip_prefix(&format!("{n}、")) {
                    // 第一部分 for odd numbers, the bare numeral for even ones
                    return if k % 2 == 0 {
                        format!("{indent}第{n}部分　{rest}")
                    } else {
                        format!("{indent}{n}\u{3000}{rest}")
                    };
                }
                for (open, close) in [("（", "）"), ("(", ")")] {
                    if let Some(rest) = body.strip_prefix(&format!("{open}{n}{close}")) {
                        let (o, c) = if open == "（" {
                            ("(", ")")
                        } else {
                            ("（", "）")
                        };
                        return format!("{indent}{o}{n}{c}{rest}");
                    }
                }
            }
            let digits = body.chars().take_while(|c| c.is_ascii_digit()).count();
            if (1..=2).contains(&digits) {
                let rest = &body[digits..];
                for dot in [".", "．"] {
                    if let Some(after) = rest.strip_prefix(dot) {
                        if after.chars().next().is_some_and(|c| !c.is_ascii_digit()) {
                            return format!("{indent}{}、{after}", &body[..digits]);
                        }
                    }
                }
            }
            line.to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Display width as in a PDF line: Han and full-width forms 2, ASCII 1.
fn width(c: char) -> usize {
    if c.is_ascii() {
        1
    } else {
        2
    }
}

/// Spaces a PDF text layer puts between digit runs and Han ("2025 年度",
/// "开展 5 次"): around every other digit run that touches a Han character.
fn pdf_spaces(line: &str, counter: &mut usize) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let mut j = i;
            while j < chars.len() && chars[j].is_ascii_digit() {
                j += 1;
            }
            let before = i.checked_sub(1).map(|k| chars[k]).filter(|&c| is_han(c));
            let after = chars.get(j).copied().filter(|&c| is_han(c));
            let spaced = (before.is_some() || after.is_some()) && {
                *counter += 1;
                *counter % 2 == 0
            };
            if spaced && before.is_some() {
                out.push(' ');
            }
            out.extend(&chars[i..j]);
            if spaced && after.is_some() {
                out.push(' ');
            }
            i = j;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// Hard-wrap one paragraph at `max` display columns, as a word processor
/// sets it: closing punctuation hangs at the end of the line (禁则) and a number
/// or Latin word is not broken.
fn wrap(line: &str, max: usize) -> Vec<String> {
    let closing = |c: char| "，。、；：）》”’？！」%".contains(c);
    let mut tokens: Vec<String> = Vec::new();
    for c in line.chars() {
        match tokens.last_mut() {
            Some(t)
                if c.is_ascii_alphanumeric() && t.chars().all(|d| d.is_ascii_alphanumeric()) =>
            {
                t.push(c)
            }
            _ => tokens.push(c.to_string()),
        }
    }
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut w = 0;
    for t in tokens {
        let tw: usize = t.chars().map(width).sum();
        let hangs = t.chars().count() == 1 && t.chars().all(closing);
        if w + tw > max && !cur.is_empty() && !hangs {
            out.push(std::mem::take(&mut cur));
            w = 0;
        }
        cur.push_str(&t);
        w += tw;
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Split a title in two where a PDF's centred two-line title breaks: after
/// the unit (before 关于 or the year) when there is one, else in the middle.
fn split_title(title: &str) -> Vec<String> {
    let chars: Vec<char> = title.chars().collect();
    let at = title
        .find("关于")
        .filter(|&i| i > 0)
        .map(|i| title[..i].chars().count())
        .unwrap_or_else(|| {
            let mut at = chars.len() / 2;
            while at > 0 && chars[at - 1].is_ascii_digit() {
                at -= 1;
            }
            at
        });
    if at == 0 || at >= chars.len() {
        return vec![title.to_owned()];
    }
    vec![chars[..at].iter().collect(), chars[at..].iter().collect()]
}

/// A space after every Han character but the last ("法 治 政 府").
fn letter_spaced(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        out.push(c);
        if is_han(c) && chars.get(i + 1).is_some_and(|&n| is_han(n)) {
            out.push(' ');
        }
    }
    out
}

/// Text as extracted from a PDF. Page chrome of the web copy stays as it was
/// (a PDF has none, but the web copy's chrome is not what is tested here).
fn pdf(text: &str, shape: &Shape) -> String {
    // GB/T 9704 公文: 28 characters a line, 22 lines a page
    const WIDTH: usize = 56;
    const PAGE: usize = 22;
    let mut lines: Vec<String> = Vec::new();
    let mut counter = 0;
    let mut word_space = 0;
    for (n, line) in text.split('\n').enumerate() {
        if shape.chrome_lines.contains(&n) {
            lines.push(line.to_owned());
            continue;
        }
        let body = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
        if body.is_empty() {
            continue; // no blank lines between paragraphs
        }
        let body = pdf_spaces(body, &mut counter);
        if shape.title_line == Some(n) {
            // a larger font, letter-spaced: "关 于 2023 年 度 法 治 政 府 …"
            lines.extend(split_title(&body).iter().map(|l| letter_spaced(l)));
            continue;
        }
        for mut l in wrap(&body, WIDTH) {
            // now and then a space inside a word ("法治 政府")
            word_space += 1;
            if word_space % 5 == 0 {
                let chars: Vec<char> = l.chars().collect();
                if let Some(k) = (6..chars.len().saturating_sub(2))
                    .find(|&k| is_han(chars[k - 1]) && is_han(chars[k]))
                {
                    l = chars[..k].iter().chain(&[' ']).chain(&chars[k..]).collect();
                }
            }
            lines.push(l);
        }
    }
    let mut out: Vec<String> = Vec::new();
    for (i, l) in lines.into_iter().enumerate() {
        if i > 0 && i % PAGE == 0 {
            let page = i / PAGE;
            out.push(format!("- {page} -"));
            out.push(if page % 2 == 1 {
                "法治政府建设工作简报".to_owned()
            } else {
                "2025年第6期".to_owned()
            });
        }
        out.push(l);
    }
    out.push(format!("- {} -", out.len() / PAGE + 1));
    out.join("\n")
}

/// Web page chrome carrying dates that are not the publication date.
fn chrome(text: &str) -> String {
    let mut out = String::new();
    out.push_str("今天是2025年6月1日 星期日\n");
    out.push_str("2025年6月1日 星期日　无障碍　关怀版\n");
    out.push_str("欢迎访问本网站　今天是：2025年6月1日　星期日\n");
    out.push_str(text);
    out.push_str("\n\n相关链接\n");
    out.push_str("关于2019年度法治政府建设情况的报告　2019-12-01\n");
    out.push_str("2019-12-01 10:00 来源：司法局\n");
    out.push_str("网站标识码：4400000001　粤ICP备2019012345号　更新时间：2019年6月30日\n");
    out.push_str("主办单位：某某市人民政府办公室　版权所有 2019\n");
    out
}

/// The title without its unit ("关于2023年度法治政府建设情况的报告"): the unit
/// is then only in the signature.
fn nounit(text: &str, shape: &Shape) -> String {
    text.split('\n')
        .enumerate()
        .map(|(n, line)| {
            if shape.title_line != Some(n) {
                return line.to_owned();
            }
            match line.find("20") {
                Some(i) if i > 0 => format!("关于{}", &line[i..]),
                _ => line.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A web page copied with its line breaks collapsed: every line, trimmed,
/// joined by one space (blank lines dropped).
fn flattened(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn crlf(text: &str) -> String {
    text.replace('\n', "\r\n")
}

// ---- the test -------------------------------------------------------------

/// Finding ids a transform may legitimately change, with the reason. None do:
/// every finding is about the words, and no transform changes a word. (The one
/// legitimate change, a level lost when the unit is in the title only and the
/// title loses it, is avoided by skipping `nounit` for unsigned reports.)
fn allowed_finding_change(variant: &str, id: &str) -> bool {
    let _ = (variant, id);
    false
}

fn reports() -> Vec<PathBuf> {
    let root = common::root();
    let mut dirs = vec![
        root.join("samples/reports"),
        root.join("samples/fullwidth/reports"),
    ];
    if let Some(shared) = common::shared() {
        dirs.push(shared.join("corpus/reports"));
    }
    let mut out: Vec<PathBuf> = dirs
        .iter()
        .flat_map(|d| std::fs::read_dir(d).unwrap().map(|e| e.unwrap().path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    out.sort();
    out
}

fn compare(name: &str, variant: &str, want: &Verdict, got: &Verdict, out: &mut Vec<String>) {
    let tag = format!("{name} [{variant}]");
    if want.year != got.year {
        out.push(format!("{tag}: year {:?} → {:?}", want.year, got.year));
    }
    if variant == "nounit" {
        // the unit now comes from the signature, in its own words
        if want.level != got.level {
            out.push(format!("{tag}: level {:?} → {:?}", want.level, got.level));
        }
    } else if want.unit != got.unit {
        out.push(format!("{tag}: unit {:?} → {:?}", want.unit, got.unit));
    }
    if variant != "nounit" && want.level != got.level {
        out.push(format!("{tag}: level {:?} → {:?}", want.level, got.level));
    }
    if want.published != got.published {
        out.push(format!(
            "{tag}: published {:?} → {:?}",
            want.published, got.published
        ));
    }
    for (id, status) in &want.items {
        let other = got.items.get(id).map(String::as_str).unwrap_or("<absent>");
        if other != status {
            out.push(format!("{tag}: {id} {status} → {other}"));
        }
    }
    for id in want.findings.symmetric_difference(&got.findings) {
        if allowed_finding_change(variant, id) {
            continue;
        }
        let sign = if want.findings.contains(id) {
            "lost"
        } else {
            "new"
        };
        out.push(format!("{tag}: finding {id} {sign}"));
    }
}

fn name_of(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().into_owned()
}

#[test]
fn variants_audit_like_their_originals() {
    let rules = fazhi::rules::load_builtin().unwrap();
    let auditor = Auditor::new(rules, Some("outline-2021"), Limits::default()).unwrap();
    let mut divergences = Vec::new();
    let mut audited = 0;
    for path in reports() {
        let name = name_of(&path);
        let text = std::fs::read_to_string(&path)
            .unwrap()
            .replace("\r\n", "\n");
        let (want, shape) = audit(&auditor, &name, &text);
        let variants: Vec<(&str, String)> = vec![
            ("fullwidth", fullwidth(&text)),
            ("markers", markers(&text)),
            ("pdf", pdf(&text, &shape)),
            ("chrome", chrome(&text)),
            ("crlf", crlf(&text)),
            ("flattened", flattened(&fullwidth(&text))),
            ("nounit", nounit(&text, &shape)),
            (
                "all",
                crlf(&chrome(&pdf(&markers(&fullwidth(&text)), &shape))),
            ),
        ];
        for (variant, t) in &variants {
            if *variant == "nounit" && !shape.signed {
                continue; // the unit is nowhere but in the title
            }
            if std::env::var("FAZHI_DUMP_VARIANTS").is_ok() {
                let dir = std::env::temp_dir().join("fazhi-variants");
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(dir.join(format!("{variant}-{name}")), t).unwrap();
            }
            let (got, _) = audit(&auditor, &format!("{variant}:{name}"), t);
            compare(&name, variant, &want, &got, &mut divergences);
            audited += 1;
        }
    }
    assert!(audited >= 6, "no reports found");
    assert!(
        divergences.is_empty(),
        "{} divergences:\n{}",
        divergences.len(),
        divergences.join("\n")
    );
}

#[test]
fn transforms_do_what_they_say() {
    assert_eq!(
        fullwidth("一、总体(情况):好,1,000元;15:16 \"三项制度\""),
        "一、总体（情况）：好，1,000元；15:16 “三项制度”"
    );
    assert_eq!(fullwidth("1.强化学习"), "1．强化学习");
    assert_eq!(
        markers("一、总体\n(二)执法\n3.培训\n二、问题"),
        "第一部分　总体\n（二）执法\n3、培训\n二\u{3000}问题"
    );
    assert_eq!(wrap("一二三四五", 4), vec!["一二", "三四", "五"]);
    assert_eq!(wrap("一二，三2024", 4), vec!["一二，", "三", "2024"]);
    let mut n = 1;
    assert_eq!(pdf_spaces("2025年开展5次", &mut n), "2025 年开展5次");
    assert_eq!(pdf_spaces("开展5次", &mut n), "开展 5 次");
    assert_eq!(
        split_title("重庆市渝北区人民政府两路街道关于2023年度法治政府建设情况的报告"),
        vec![
            "重庆市渝北区人民政府两路街道",
            "关于2023年度法治政府建设情况的报告"
        ]
    );
}
