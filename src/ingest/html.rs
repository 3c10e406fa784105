//! Reader for .html reports (pages saved from government websites).
//!
//! 1. Charset: BOM, else `charset=` in the first 1024 bytes (`<meta charset>` or
//!    `http-equiv` content) as the hint for [`decode::decode_with_hint`].
//! 2. Main content: the known content containers of government CMSs
//!    ([`CONTENT_SELECTORS`]), else Readability (dom_smoothie), else the whole body
//!    without nav/header/footer/sidebar blocks. Scripts, styles and nav are always
//!    dropped.
//! 3. Text: one paragraph per line (`<p>`, block `<div>`, `<br>`, `<li>`, headings,
//!    table rows with cells joined by a tab); no blank lines. The report title
//!    (`ArticleTitle` meta, the page's `<h1>`, or `<title>`) is the first line
//!    unless the content already starts with it.
//! 4. `<h1>`–`<h4>` inside the content become [`HeadingHint`]s (level = h-level);
//!    the title line never does.
//! 5. Publication date: the page's date bar ("发布时间：2025-03-28　来源：…"), a
//!    信息公开 table (成文日期 … 发布日期 …) and a `PubDate`-like `<meta>` usually sit
//!    outside the content container. Every labelled date found outside the
//!    content (`label：date`, the label in the same cell, line or the cell before,
//!    or a short label cell without a colon right before the date's cell)
//!    and the date of a publication `<meta>` ([`PUBLISHED_META`]) become header
//!    lines under the title. Which label is a publication label (发布日期, not
//!    成文日期 or 更新时间) is for the document stage to decide with its profile
//!    (`published_labels`, `other_date_labels`): this reader only keeps the
//!    label–date pairs that the content container would otherwise drop.

use super::decode::is_han;
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use scraper::{ElementRef, Html, Node, Selector};

use super::{decode, Format, HeadingHint, IngestError, Source};

/// A node of the parsed tree (ego_tree's `NodeRef<Node>`, named through scraper).
type NodeRef<'a> = <ElementRef<'a> as std::ops::Deref>::Target;

/// Content containers of common government-site CMSs (TRS WCM, 开普云 UCAP,
/// 博达 VSB, 大汉, WeChat articles, gov.cn), most specific first. The first selector
/// with a match holding enough Han text wins.
pub const CONTENT_SELECTORS: &[&str] = &[
    "#zoom",
    "#Zoom",
    ".TRS_Editor",
    ".TRS_UEDITOR",
    "#UCAP-CONTENT",
    "#js_content",
    ".pages_content",
    "#vsb_content",
    "#fontzoom",
    "#Content",
    ".article-content",
    ".article_content",
    "#article-content",
    "#articleContent",
    ".news_content",
    "#news_content",
    ".zw",
    "#zw",
    ".zwnr",
    ".wzzw",
    ".content-text",
    "#content",
    ".content",
    "article",
];

/// Article title elements of common CMS layouts (tried after the `<h1>` and
/// the title `<meta>`s).
const TITLE_SELECTORS: &str =
    ".article-title, .article_title, .art-title, .detail-title, .news-title, .news_title, .xl-title, .bt, div.title, h2.title, #title, .title";

/// Elements whose text is never report text.
const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "iframe", "object", "embed", "svg", "canvas", "select",
    "option", "button", "input", "textarea", "head", "title", "map", "audio", "video", "math",
];

/// Extra elements skipped when falling back to the whole body.
const BODY_SKIP_TAGS: &[&str] = &["header", "footer", "aside", "form"];

/// `id`/`class` fragments of page chrome, skipped when falling back to the whole body.
const CHROME_CLASS_PARTS: &[&str] = &[
    "nav", "menu", "crumb", "footer", "foot", "sidebar", "side", "share", "header", "banner", "copyright", "toolbar",
    "related", "prev", "next",
];

/// Elements that start and end a line.
const BLOCK_TAGS: &[&str] = &[
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "dir",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "hr", "html", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table",
    "tbody", "tfoot", "thead", "tr", "ul",
];

/// Lines of site furniture that Readability and the body fallback keep.
const FOOTER_MARKERS: &[&str] = &["ICP备", "网站标识码", "公网安备", "版权所有", "Copyright", "主办单位：", "主办单位:"];

/// Deeper markup is rejected before parsing: html5ever's tree building is
/// quadratic in the nesting depth (a 50,000-deep page takes ~20 s).
const MAX_NESTING: usize = 4096;

/// Readability is skipped on trees deeper than this (it is quadratic in depth and
/// recursive; real pages are < 100 deep).
const MAX_READABILITY_DEPTH: usize = 400;

/// Minimum Han characters for a candidate content block.
const MIN_CONTENT_HAN: usize = 40;

/// `<meta name|property>` values (compared in ASCII lower case) that hold the
/// publication time: TRS WCM (`PubDate`), gov.cn (`firstpublishedtime`), other
/// CMSs and Open Graph. HTML conventions, not report phrases.
pub const PUBLISHED_META: &[&str] = &[
    "pubdate",
    "publishdate",
    "publishtime",
    "firstpublishedtime",
    "og:release_date",
    "article:published_time",
];

/// The label a `<meta>` publication date is written under. The document
/// profile's `published_labels` (rules/document.yaml) must read it
/// (tests/ingest_probe3.rs checks that the built-in profile does).
pub const META_DATE_LABEL: &str = "发布时间：";

/// At most this many labelled dates from outside the content are kept.
const MAX_PAGE_DATES: usize = 4;

/// Lines after the content still looked at for a date bar ("【发布时间：…】【打印】"
/// under the article); further down are related-article lists.
const DATE_LINES_AFTER_CONTENT: usize = 5;

/// Content lines at least this long (in characters) locate the content among
/// the page's lines.
const CONTENT_ANCHOR_CHARS: usize = 30;

/// Page lines longer than this (in characters) are text, not a date bar.
const MAX_DATE_LINE_CHARS: usize = 200;

/// A date label is at most this many characters (the text back to a separator).
const MAX_DATE_LABEL_CHARS: usize = 16;

pub fn read(bytes: &[u8]) -> Result<Source, IngestError> {
    let declared = sniff_charset(bytes);
    let decoded = decode::decode_with_hint(bytes, declared)?;
    let depth = nesting_estimate(&decoded.text);
    if depth > MAX_NESTING {
        return Err(IngestError::Format(format!("HTML 标签嵌套过深（约 {depth} 层，上限 {MAX_NESTING}），不像是正常网页")));
    }
    let (text, headings) = extract(&decoded.text);
    Ok(Source { text, encoding: decoded.encoding, format: Format::Html, headings, simplified: false, relined: false })
}

/// The encoding named by `charset=` in the first 1024 bytes, if any (HTML's
/// prescan, simplified). UTF-16 labels mean UTF-8 here, as in browsers.
pub fn sniff_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes[..bytes.len().min(1024)].to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = find(&head[from..], b"charset") {
        let mut i = from + pos + b"charset".len();
        from = i;
        while head.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
            i += 1;
        }
        if head.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while head.get(i).is_some_and(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'') {
            i += 1;
        }
        let end = head[i..]
            .iter()
            .position(|b| b.is_ascii_whitespace() || matches!(b, b'"' | b'\'' | b';' | b'>' | b'/'))
            .map_or(head.len(), |p| i + p);
        if let Some(encoding) = Encoding::for_label(&head[i..end]) {
            return Some(if encoding == UTF_16LE || encoding == UTF_16BE { UTF_8 } else { encoding });
        }
    }
    None
}

/// Maximum depth of open tags, counted on the raw markup (void elements and tags
/// that close themselves, like `<p>` and `<li>`, do not count). An over-estimate for
/// sloppy markup, cheap and good enough to refuse pathological input.
fn nesting_estimate(html: &str) -> usize {
    const NOT_NESTING: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
        "p", "li", "dt", "dd", "tr", "td", "th", "option", "!--", "!doctype",
    ];
    let bytes = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(off) = bytes[i..].iter().position(|&b| b == b'<') {
        i += off + 1;
        let closing = bytes.get(i) == Some(&b'/');
        let start = i + usize::from(closing);
        let len = bytes[start..].iter().take(10).take_while(|b| b.is_ascii_alphanumeric() || **b == b'!' || **b == b'-').count();
        if len == 0 {
            continue;
        }
        let name = html[start..start + len].to_ascii_lowercase();
        if NOT_NESTING.contains(&name.as_str()) || name.starts_with("!--") {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            let self_closing = bytes[start..].iter().take(2000).position(|&b| b == b'>').is_some_and(|e| e > 0 && bytes[start + e - 1] == b'/');
            if !self_closing {
                depth += 1;
                max = max.max(depth);
            }
        }
    }
    max
}

fn tree_depth(root: ElementRef<'_>) -> usize {
    let mut max = 0;
    let mut stack = vec![(*root, 1usize)];
    while let Some((node, d)) = stack.pop() {
        max = max.max(d);
        stack.extend(node.children().map(|c| (c, d + 1)));
    }
    max
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A line of extracted text and the `<hN>` level it sits in (0 = none).
#[derive(Debug, Clone, PartialEq)]
struct Line {
    text: String,
    level: u8,
}

/// Main text and heading hints of an HTML document.
fn extract(html: &str) -> (String, Vec<HeadingHint>) {
    let doc = Html::parse_document(html);
    let body_han = han_count(&doc.root_element().text().collect::<String>());
    let title = page_title(&doc);

    let mut lines = None;
    for sel in CONTENT_SELECTORS {
        let Ok(selector) = Selector::parse(sel) else { continue };
        let best = doc
            .select(&selector)
            .map(|el| {
                let lines = walk(el, false);
                (lines.iter().map(|l| han_count(&l.text)).sum::<usize>(), lines)
            })
            .max_by_key(|(han, _)| *han);
        if let Some((han, found)) = best {
            // Generic selectors (`.content`) may hit a sidebar box; the real content
            // holds a good share of the page's text.
            if han >= MIN_CONTENT_HAN && han * 4 >= body_han {
                lines = Some(found);
                break;
            }
        }
    }
    let readable = tree_depth(doc.root_element()) <= MAX_READABILITY_DEPTH;
    let lines = lines
        .or_else(|| {
            readable
                .then(|| readability(html))
                .flatten()
                .filter(|l| l.iter().map(|l| han_count(&l.text)).sum::<usize>() >= MIN_CONTENT_HAN)
        })
        .unwrap_or_else(|| drop_footer_lines(walk(body(&doc), true)));
    let dates = page_dates(&doc, title.as_deref(), &lines);
    assemble(title, dates, lines)
}

fn body(doc: &Html) -> ElementRef<'_> {
    Selector::parse("body").ok().and_then(|s| doc.select(&s).next()).unwrap_or(doc.root_element())
}

/// Header lines for the publication date, from outside the content: the
/// labelled dates of the page around it (in page order: the date bar under the
/// title and a 信息公开 table come before the content, a bottom date bar right
/// after it), then the date of a publication `<meta>`; a date that the content's
/// own header lines already give with a label is not repeated.
fn page_dates(doc: &Html, title: Option<&str>, content: &[Line]) -> Vec<String> {
    let page = walk_spaced(body(doc));
    // Lines compared without their spaces (the content's lines lost those
    // between Chinese characters).
    let key = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let in_content: std::collections::HashSet<String> = content.iter().map(|l| key(&l.text)).collect();
    // Where the content lies among the page's lines: its sentence-long lines
    // (a short one, the signing unit or "一、", may also be a logo or menu line),
    // except the title, which the page also shows above the content.
    let title_key = title.map(han_key).unwrap_or_default();
    let is_content = |l: &Line| {
        l.text.chars().count() >= CONTENT_ANCHOR_CHARS && in_content.contains(&key(&l.text)) && han_key(&l.text) != title_key
    };
    let (before, after) = match (page.iter().position(is_content), page.iter().rposition(is_content)) {
        (Some(first), Some(last)) => (&page[..first], &page[last + 1..(last + 1 + DATE_LINES_AFTER_CONTENT).min(page.len())]),
        _ => (&page[..], &page[..0]),
    };
    // Only the same label and date as written is a repeat: whether a label is
    // a publication label is for the document stage to decide.
    let mut seen: Vec<String> = Vec::new();
    let mut prev: Option<&str> = None;
    for line in content.iter().take(10) {
        seen.extend(labelled_dates(&line.text, prev).into_iter().map(|(text, ..)| key(&text)));
        prev = Some(&line.text);
    }
    // (text, whether its label is a colon-less table cell), in page order
    let mut found: Vec<(String, bool)> = Vec::new();
    for part in [before, after] {
        let mut prev: Option<&str> = None;
        for line in part.iter().filter(|l| !in_content.contains(&key(&l.text))) {
            for (text, _, cell) in labelled_dates(&line.text, prev) {
                if !found.iter().any(|(t, _)| *t == text) && !seen.contains(&key(&text)) {
                    found.push((text, cell));
                }
            }
            prev = Some(&line.text);
        }
    }
    // A colon-less cell may be any short text (a list of notices with their
    // dates): such pairs only take the places labelled dates leave.
    let labelled = found.iter().filter(|(_, cell)| !cell).count().min(MAX_PAGE_DATES);
    let mut cells_left = MAX_PAGE_DATES - labelled;
    let mut labelled_left = labelled;
    let mut out: Vec<String> = Vec::new();
    for (text, cell) in found {
        let left = if cell { &mut cells_left } else { &mut labelled_left };
        if *left > 0 {
            *left -= 1;
            out.push(text);
        }
    }
    if let Some((y, m, d)) = meta_date(doc) {
        let line = format!("{META_DATE_LABEL}{y:04}-{m:02}-{d:02}");
        if !out.contains(&line) && !seen.contains(&key(&line)) {
            out.push(line);
        }
    }
    out
}

/// The date of the first publication `<meta>` ([`PUBLISHED_META`]) that holds one.
fn meta_date(doc: &Html) -> Option<(u32, u32, u32)> {
    let selector = Selector::parse("meta[content]").ok()?;
    doc.select(&selector)
        .filter(|m| {
            [m.attr("name"), m.attr("property"), m.attr("itemprop")]
                .into_iter()
                .flatten()
                .any(|n| PUBLISHED_META.contains(&n.trim().to_ascii_lowercase().as_str()))
        })
        .find_map(|m| {
            let chars: Vec<char> = m.attr("content")?.trim().chars().collect();
            (0..chars.len()).find_map(|i| date_at(&chars, i)).map(|(_, date)| date)
        })
}

/// Characters that end a date label on the left.
fn ends_label(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '\u{3000}' | '【' | '】' | '[' | ']' | '|' | '｜' | '：' | ':' | '，' | ',' | '；' | ';' | '。' | '（' | '）' | '(' | ')')
}

/// The `label：date` pairs of one page line, as header lines (`label：YYYY-MM-DD`,
/// the date in the form every date reader knows) with the date's (year, month,
/// day). The label is the text
/// before the colon back to a separator; a date alone at the start of the line
/// (a table cell or `<div>` under its label) takes the label that ends the line
/// `above`.
fn labelled_dates(line: &str, above: Option<&str>) -> Vec<(String, (u32, u32, u32), bool)> {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() > MAX_DATE_LINE_CHARS {
        return Vec::new();
    }
    let label_before = |chars: &[char], colon: usize| -> Option<String> {
        let start = chars[..colon].iter().rposition(|&c| ends_label(c)).map_or(0, |i| i + 1);
        let label = &chars[start..colon];
        (!label.is_empty() && label.len() <= MAX_DATE_LABEL_CHARS && label.iter().any(|c| c.is_alphabetic()))
            .then(|| label.iter().collect::<String>() + &chars[colon].to_string())
    };
    let is_blank = |c: &char| c.is_whitespace() || *c == '\u{3000}';
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let Some((end, date)) = date_at(&chars, i) else {
            i += 1;
            continue;
        };
        let gap = chars[..i].iter().rev().take_while(|c| is_blank(c)).count();
        // (label, whether it is a colon-less table cell)
        let label = match i - gap {
            0 => above.and_then(|a| {
                let a: Vec<char> = a.trim_end_matches(|c: char| c.is_whitespace() || c == '\u{3000}').chars().collect();
                a.last().filter(|c| matches!(c, '：' | ':')).and_then(|_| label_before(&a, a.len() - 1))
            }).map(|l| (l, false)),
            colon if matches!(chars[colon - 1], '：' | ':') => label_before(&chars, colon - 1).map(|l| (l, false)),
            cell_end if chars[cell_end..i].contains(&'\t') => label_cell(&chars[..cell_end]).map(|l| (l, true)),
            _ => None,
        };
        if let Some((label, cell)) = label {
            let (y, m, d) = date;
            out.push((format!("{label}{y:04}-{m:02}-{d:02}"), date, cell));
        }
        i = end;
    }
    out
}

/// Characters a table cell may have to be read as the label of a date in the
/// next cell when it has no colon (信息公开 tables: `<th>发布日期</th><td>…`).
const MAX_CELL_LABEL_CHARS: usize = 8;

/// The label of a date that starts a table cell: the whole cell before it (the
/// text after the previous tab), when that is a short label without digits
/// (not a date or a number of its own), as `label：`.
fn label_cell(before: &[char]) -> Option<String> {
    let start = before.iter().rposition(|&c| c == '\t').map_or(0, |i| i + 1);
    let cell: String = before[start..].iter().collect();
    let cell = cell.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    let n = cell.chars().count();
    (n > 0
        && n <= MAX_CELL_LABEL_CHARS
        && cell.chars().any(char::is_alphabetic)
        && !cell.chars().any(|c| c.is_numeric() || matches!(c, '：' | ':')))
    .then(|| format!("{cell}："))
}

/// A date `YYYY-M-D`, `YYYY/M/D`, `YYYY.M.D` or `YYYY年M月D日` (ASCII or
/// full-width digits, spaces allowed around the separators) starting at
/// `chars[i]` and not inside a longer number: its end and (year, month, day).
fn date_at(chars: &[char], i: usize) -> Option<(usize, (u32, u32, u32))> {
    let digit = |k: usize| match chars.get(k) {
        Some(&c) if c.is_ascii_digit() => Some(c as u32 - '0' as u32),
        Some(&c) if ('０'..='９').contains(&c) => Some(c as u32 - '０' as u32),
        _ => None,
    };
    if i > 0 && digit(i - 1).is_some() {
        return None;
    }
    let number = |k: &mut usize, max: usize| -> Option<u32> {
        let start = *k;
        let mut n = 0;
        while *k - start < max {
            let Some(d) = digit(*k) else { break };
            n = n * 10 + d;
            *k += 1;
        }
        (*k > start).then_some(n)
    };
    let spaces = |k: &mut usize| {
        while chars.get(*k).is_some_and(|c| *c == ' ' || *c == '\u{3000}') {
            *k += 1;
        }
    };
    let mut k = i;
    let year = number(&mut k, 4).filter(|_| k - i == 4).filter(|y| (1990..=2100).contains(y))?;
    spaces(&mut k);
    let sep1 = *chars.get(k).filter(|c| matches!(c, '-' | '/' | '.' | '．' | '年' | '－'))?;
    k += 1;
    spaces(&mut k);
    let month = number(&mut k, 2).filter(|m| (1..=12).contains(m))?;
    spaces(&mut k);
    chars.get(k).filter(|c| if sep1 == '年' { **c == '月' } else { **c == sep1 })?;
    k += 1;
    spaces(&mut k);
    let day = number(&mut k, 2).filter(|d| (1..=31).contains(d))?;
    if digit(k).is_some() {
        return None;
    }
    if chars.get(k) == Some(&'日') {
        k += 1;
    }
    Some((k, (year, month, day)))
}

/// The text of the content found by Readability, re-walked for line structure.
fn readability(html: &str) -> Option<Vec<Line>> {
    let cfg = dom_smoothie::Config { text_mode: dom_smoothie::TextMode::Formatted, ..Default::default() };
    let mut r = dom_smoothie::Readability::new(html, None, Some(cfg)).ok()?;
    let article = r.parse().ok()?;
    let frag = Html::parse_fragment(&article.content);
    Some(drop_footer_lines(walk(frag.root_element(), false)))
}

fn drop_footer_lines(lines: Vec<Line>) -> Vec<Line> {
    lines.into_iter().filter(|l| !FOOTER_MARKERS.iter().any(|m| l.text.contains(m))).collect()
}

/// Title line first (unless the content starts with it), then the date lines
/// found outside the content, then the content lines.
fn assemble(title: Option<String>, dates: Vec<String>, mut lines: Vec<Line>) -> (String, Vec<HeadingHint>) {
    let mut skip_hint_first = false;
    let has_title = title.is_some();
    if let Some(title) = title {
        let key = han_key(&title);
        let starts_with_title = lines.first().is_some_and(|l| !key.is_empty() && han_key(&l.text) == key);
        if starts_with_title {
            skip_hint_first = true;
        } else {
            lines.insert(0, Line { text: title, level: 0 });
        }
    }
    let at = usize::from(has_title).min(lines.len());
    lines.splice(at..at, dates.into_iter().map(|text| Line { text, level: 0 }));
    let mut text = String::new();
    let mut headings = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let start = text.len();
        text.push_str(&line.text);
        if (1..=4).contains(&line.level) && !(i == 0 && skip_hint_first) {
            headings.push(HeadingHint { start, end: text.len(), level: line.level });
        }
        text.push('\n');
    }
    (text, headings)
}

/// The report title: the `<h1>` that the `<title>` repeats (the longest such), else
/// the `ArticleTitle` meta, else the first `<h1>` with Chinese text, else the
/// longest part of `<title>` (split at `_`, `|`, ` - `).
fn page_title(doc: &Html) -> Option<String> {
    let one_line = |s: &str| collapse(s);
    let head_title = Selector::parse("title")
        .ok()
        .and_then(|s| doc.select(&s).next())
        .map(|t| one_line(&t.text().collect::<String>()))
        .unwrap_or_default();
    let h1s: Vec<String> = Selector::parse("h1")
        .map(|s| doc.select(&s).map(|h| one_line(&h.text().collect::<String>())).collect())
        .unwrap_or_default();
    // "报告标题_某某区人民政府": the article's part of the <title> is its
    // longest; an <h1> that is only the site's name (a logo) is not the title.
    let head_parts: Vec<&str> = head_title
        .split(['_', '|', '｜'])
        .flat_map(|s| s.split(" - "))
        .map(str::trim)
        .collect();
    let longest = head_parts.iter().copied().max_by_key(|s| han_count(s)).unwrap_or_default();
    let head_key = han_key(longest);
    let site_names: Vec<String> = head_parts.iter().filter(|p| **p != longest).map(|p| han_key(p)).collect();
    if let Some(h1) = h1s
        .iter()
        .filter(|h| han_count(h) >= 4 && head_key.contains(&han_key(h)) && !site_names.contains(&han_key(h)))
        .max_by_key(|h| han_count(h))
    {
        return Some(h1.clone());
    }
    let meta = Selector::parse(r#"meta[name="ArticleTitle"], meta[name="articletitle"], meta[property="og:title"]"#)
        .ok()
        .and_then(|s| doc.select(&s).filter_map(|m| m.attr("content")).map(one_line).find(|t| han_count(t) >= 4));
    if meta.is_some() {
        return meta;
    }
    // The article's title element of common CMS layouts, often outside the
    // content container.
    let titled = Selector::parse(TITLE_SELECTORS).ok().and_then(|s| {
        doc.select(&s)
            .map(|t| one_line(&t.text().collect::<String>()))
            .find(|t| han_count(t) >= 6 && t.chars().count() <= 90)
    });
    if titled.is_some() {
        return titled;
    }
    if let Some(h1) = h1s.into_iter().find(|h| han_count(h) >= 6) {
        return Some(h1);
    }
    head_parts
        .into_iter()
        .max_by_key(|s| han_count(s))
        .filter(|s| han_count(s) >= 4)
        .map(str::to_owned)
}

/// Whitespace collapsed to single spaces (none between CJK), trimmed.
fn collapse(s: &str) -> String {
    let mut b = LineBuilder::default();
    b.push_text(s);
    b.cur.trim().to_owned()
}

/// Walk an element's subtree (iteratively: pages can nest deeply) into lines.
fn walk(root: ElementRef<'_>, skip_chrome: bool) -> Vec<Line> {
    walk_lines(root, skip_chrome, LineBuilder::default())
}

/// [`walk`] keeping the spaces between Chinese characters ("来源：本网 发布时间：…"),
/// where they separate fields.
fn walk_spaced(root: ElementRef<'_>) -> Vec<Line> {
    walk_lines(root, false, LineBuilder { keep_spaces: true, ..LineBuilder::default() })
}

fn walk_lines(root: ElementRef<'_>, skip_chrome: bool, mut b: LineBuilder) -> Vec<Line> {
    enum Step<'a> {
        Open(NodeRef<'a>),
        Close(&'a str),
    }
    let mut stack = vec![Step::Open(*root)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Close(name) => b.close(name),
            Step::Open(node) => match node.value() {
                Node::Text(t) => b.push_text(t),
                Node::Element(el) => {
                    let name = el.name();
                    if SKIP_TAGS.contains(&name) || (skip_chrome && is_chrome_element(name, el)) {
                        continue;
                    }
                    b.open(name);
                    stack.push(Step::Close(name));
                    let children: Vec<_> = node.children().collect();
                    stack.extend(children.into_iter().rev().map(Step::Open));
                }
                _ => {}
            },
        }
    }
    b.flush();
    b.lines
}

fn is_chrome_element(name: &str, el: &scraper::node::Element) -> bool {
    if BODY_SKIP_TAGS.contains(&name) {
        return true;
    }
    let id = el.id().unwrap_or("").to_ascii_lowercase();
    let classes: Vec<String> = el.classes().map(|c| c.to_ascii_lowercase()).collect();
    CHROME_CLASS_PARTS.iter().any(|p| id.contains(p) || classes.iter().any(|c| c.contains(p)))
}

#[derive(Default)]
struct LineBuilder {
    /// Keep a space between two Chinese characters too.
    keep_spaces: bool,
    lines: Vec<Line>,
    cur: String,
    pending_space: bool,
    heading: u8,
    pre: usize,
}

impl LineBuilder {
    fn open(&mut self, name: &str) {
        match name {
            "br" => self.flush(),
            "pre" => {
                self.flush();
                self.pre += 1;
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                self.heading = name.as_bytes()[1] - b'0';
            }
            "td" | "th" => {
                if !self.cur.trim().is_empty() && !self.cur.ends_with('\t') {
                    self.cur.push('\t');
                }
                self.pending_space = false;
            }
            _ if BLOCK_TAGS.contains(&name) => self.flush(),
            _ => {}
        }
    }

    fn close(&mut self, name: &str) {
        match name {
            "pre" => {
                self.flush();
                self.pre = self.pre.saturating_sub(1);
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                self.heading = 0;
            }
            _ if BLOCK_TAGS.contains(&name) => self.flush(),
            _ => {}
        }
    }

    fn push_text(&mut self, s: &str) {
        for ch in s.chars() {
            if self.pre > 0 && matches!(ch, '\n' | '\r') {
                self.flush();
            } else if matches!(ch, ' ' | '\t' | '\n' | '\r' | '\x0c' | '\u{a0}') || ch.is_control() {
                self.pending_space = true;
            } else {
                if self.pending_space && !self.cur.is_empty() {
                    let prev = self.cur.chars().next_back().unwrap_or(' ');
                    if (self.keep_spaces || !(is_cjk(prev) && is_cjk(ch))) && prev != '\t' {
                        self.cur.push(' ');
                    }
                }
                self.pending_space = false;
                self.cur.push(ch);
            }
        }
    }

    fn flush(&mut self) {
        let text = self.cur.trim_matches(|c: char| c.is_whitespace());
        if !text.is_empty() {
            let text = text.split('\t').map(str::trim).filter(|c| !c.is_empty()).collect::<Vec<_>>().join("\t");
            self.lines.push(Line { text, level: self.heading });
        }
        self.cur.clear();
        self.pending_space = false;
    }
}

/// Han ideographs and CJK/full-width punctuation: no space is kept between two.
fn is_cjk(c: char) -> bool {
    is_han(c)
        || matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFFEF | 0x2018..=0x201F | 0x2014 | 0x2026 | 0x00B7)
}


fn han_count(s: &str) -> usize {
    s.chars().filter(|&c| is_han(c)).count()
}

/// The Han characters and digits of a string (for comparing titles).
fn han_key(s: &str) -> String {
    s.chars().filter(|&c| is_han(c) || c.is_ascii_digit()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(head: &str, body: &str) -> String {
        format!("<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>")
    }

    const PARA: &str = "2021年，清溪镇坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻党的十九大精神，全面贯彻习近平法治思想。";

    #[test]
    fn sniffs_meta_charset() {
        assert_eq!(sniff_charset(b"<meta charset=\"gb2312\">").unwrap().name(), "GBK");
        assert_eq!(
            sniff_charset(b"<META http-equiv=Content-Type content='text/html; Charset=GBK'>").unwrap().name(),
            "GBK"
        );
        assert_eq!(sniff_charset(b"<meta charset=utf-16>"), Some(UTF_8));
        assert_eq!(sniff_charset(b"<p>charset is nice</p>"), None);
        let mut late = vec![b' '; 2000];
        late.extend_from_slice(b"<meta charset=gbk>");
        assert_eq!(sniff_charset(&late), None);
    }

    #[test]
    fn gbk_page_with_zoom_content() {
        let html = page(
            r#"<meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>清溪镇2021年法治政府建设年度报告_东莞市清溪镇人民政府</title>"#,
            &format!(
                r#"<div class="nav"><a>首页</a><a>政务公开</a></div><div class="crumb">当前位置：首页 &gt; 政务公开</div>
                <h1>清溪镇2021年法治政府建设年度报告</h1><div class="info">来源：本网</div>
                <div id="zoom"><p>&nbsp;&nbsp;{PARA}</p><p><strong>一、加强党对法治建设的领导</strong></p><p>（一）深入学习。<br>第二行</p></div>
                <div class="footer">主办单位：东莞市清溪镇人民政府 粤ICP备05083563号</div>"#
            ),
        );
        let (bytes, _, _) = encoding_rs::GBK.encode(&html);
        let s = read(&bytes).unwrap();
        assert_eq!(s.encoding, "gbk");
        assert_eq!(
            s.text,
            format!("清溪镇2021年法治政府建设年度报告\n{PARA}\n一、加强党对法治建设的领导\n（一）深入学习。\n第二行\n")
        );
        assert!(s.headings.is_empty());
        assert_eq!(s.format, Format::Html);
    }

    #[test]
    fn headings_inside_content_are_hints_but_title_is_not() {
        let html = page(
            "<meta charset=utf-8><title>某区2022年法治政府建设情况报告</title>",
            &format!(
                "<div class=\"TRS_Editor\"><h1>某区2022年法治政府建设情况报告</h1><p>{PARA}</p><h2>一、主要举措</h2><p>{PARA}</p><h3>（一）加强领导</h3><p>{PARA}</p></div>"
            ),
        );
        let s = read(html.as_bytes()).unwrap();
        let lines: Vec<&str> = s.text.lines().collect();
        assert_eq!(lines[0], "某区2022年法治政府建设情况报告");
        assert_eq!(lines.len(), 6);
        let hints: Vec<(&str, u8)> = s.headings.iter().map(|h| (&s.text[h.start..h.end], h.level)).collect();
        assert_eq!(hints, vec![("一、主要举措", 2), ("（一）加强领导", 3)]);
    }

    #[test]
    fn scripts_styles_and_tables() {
        let html = page(
            "<style>p{color:red}</style><script>var x='脚本';</script>",
            &format!(
                "<div id=\"UCAP-CONTENT\"><script>document.write('脚本二')</script><p>{PARA}</p>\
                 <table><tr><td>项目</td><td>数量</td></tr><tr><td>行政复议</td><td>12</td></tr></table>\
                 <ul><li>第一项</li><li>第二项</li></ul><pre>甲\n乙</pre></div>"
            ),
        );
        let s = read(html.as_bytes()).unwrap();
        assert_eq!(s.text, format!("{PARA}\n项目\t数量\n行政复议\t12\n第一项\n第二项\n甲\n乙\n"));
        assert!(!s.text.contains('脚'));
    }

    #[test]
    fn generic_selector_must_hold_most_text() {
        // `.content` matches a small sidebar box first; the article is in <article>.
        let long = PARA.repeat(4);
        let html = page(
            "<title>报告</title>",
            &format!(
                "<div class=\"content\"><p>热点新闻：关于法治政府建设</p></div><article><p>{long}</p><p>{long}</p></article>"
            ),
        );
        let s = read(html.as_bytes()).unwrap();
        assert_eq!(s.text, format!("{long}\n{long}\n"));
    }

    #[test]
    fn falls_back_to_readability_or_body() {
        let body: String = (0..8).map(|i| format!("<p>第{i}段。{PARA}</p>")).collect();
        let html = page(
            "<title>某市2020年法治政府建设年度报告 - 某市人民政府</title>",
            &format!(
                "<div class=\"header\"><ul><li>首页</li><li>政务公开</li></ul></div><div class=\"main-wrap\"><div class=\"wenzhang\">{body}</div></div><div class=\"footer\"><p>网站标识码：123 粤ICP备1号</p></div>"
            ),
        );
        let s = read(html.as_bytes()).unwrap();
        let lines: Vec<&str> = s.text.lines().collect();
        assert_eq!(lines[0], "某市2020年法治政府建设年度报告");
        assert!(lines[1].starts_with("第0段。"), "{lines:?}");
        assert!(lines.last().unwrap().starts_with("第7段。"), "{lines:?}");
        assert!(!s.text.contains("ICP"));
        // No <p> structure at all: the body fallback still gives the text.
        let bare = page("", &format!("<nav>导航</nav>{PARA}<br>{PARA}"));
        let s = read(bare.as_bytes()).unwrap();
        assert_eq!(s.text, format!("{PARA}\n{PARA}\n"));
    }

    #[test]
    fn whitespace_between_cjk_is_dropped_and_no_cr() {
        let html = page("", &format!("<div id=zoom><p>法治\r\n  政府 建设 2021 年 and  more&#13;text</p><p>{PARA}</p></div>"));
        let s = read(html.as_bytes()).unwrap();
        assert!(s.text.starts_with("法治政府建设 2021 年 and more text\n"), "{}", s.text);
        assert!(!s.text.contains('\r'));
    }

    fn pairs(line: &str, above: Option<&str>) -> Vec<String> {
        labelled_dates(line, above).into_iter().map(|(t, ..)| t).collect()
    }

    #[test]
    fn labelled_dates_of_page_lines() {
        assert_eq!(pairs("来源: 本网 发布时间: 2022-01-21\u{3000}【字体：大 中 小】", None), ["发布时间:2022-01-21"]);
        assert_eq!(pairs("【发布时间：2025-04-08】【打印】", None), ["发布时间：2025-04-08"]);
        assert_eq!(pairs("发文字号：\t发布日期：\t2025年04月18日", None), ["发布日期：2025-04-18"]);
        assert_eq!(pairs("发文机关：\t某局\t成文日期：\t2025年3月26日", None), ["成文日期：2025-03-26"]);
        assert_eq!(pairs("2025-04-08", Some("发布日期：")), ["发布日期：2025-04-08"]);
        // 信息公开 table cells without colons: the cell before labels the date.
        assert_eq!(
            pairs("关键词\t法治政府\t成文日期\t2025-03-17\t发布日期\t2025年03月28日", None),
            ["成文日期：2025-03-17", "发布日期：2025-03-28"]
        );
        assert!(pairs("索引号\t747445745/2025-00036\t2024年报\t2025-03-17", None).is_empty());
        assert!(pairs("来源：某局\t2025-03-17", None).is_empty());
        assert_eq!(pairs("日期：２０２５－０４－０８", None), ["日期：2025-04-08"]);
        assert_eq!(pairs("发布时间：2025 年 4 月 8 日 09:30", None), ["发布时间：2025-04-08"]);
        // No label, a number that is no date, a date out of range.
        assert!(pairs("2025-04-08 某某新闻", None).is_empty());
        assert!(pairs("2025-04-08", Some("某某新闻")).is_empty());
        assert!(pairs("索引号：000014349/2025-00012", None).is_empty());
        assert!(pairs("日期：2025-13-08", None).is_empty());
        assert!(pairs("编号：120250408", None).is_empty());
        let (_, date, _) = labelled_dates("发布时间：2025年4月8日 09:30", None)[0].clone();
        assert_eq!(date, (2025, 4, 8));
    }

    #[test]
    fn date_bar_and_meta_outside_the_content_go_under_the_title() {
        let body = format!("<h1>某区2022年法治政府建设情况报告</h1><div class=info>来源：区司法局 发布时间：2023-03-06 浏览次数：12</div><div id=zoom><p>{PARA}</p><p>{PARA}</p></div>");
        let s = read(page("<title>某区2022年法治政府建设情况报告</title>", &body).as_bytes()).unwrap();
        assert_eq!(s.text, format!("某区2022年法治政府建设情况报告\n发布时间：2023-03-06\n{PARA}\n{PARA}\n"));
        // A publication meta only; other metas with dates are not read.
        let head = r#"<title>某区2022年法治政府建设情况报告</title><meta name="keywords" content="2020-01-01"><meta property="og:release_date" content="2023-03-07T10:00:00+08:00">"#;
        let s = read(page(head, &format!("<div id=zoom><p>{PARA}</p></div>")).as_bytes()).unwrap();
        assert_eq!(s.text, format!("某区2022年法治政府建设情况报告\n{META_DATE_LABEL}2023-03-07\n{PARA}\n"));
        // The meta repeats the date bar: one line.
        let head = r#"<title>某区2022年法治政府建设情况报告</title><meta name="PubDate" content="2023-03-06 09:00">"#;
        let s = read(page(head, &body).as_bytes()).unwrap();
        assert_eq!(s.text.matches("2023-03-06").count(), 1, "{}", s.text);
        // A 信息公开 table whose label cells have no colon.
        let table = format!("<table><tr><th>成文日期</th><td>2023-03-01</td><th>发布日期</th><td>2023年03月06日</td></tr></table><div id=zoom><p>{PARA}</p></div>");
        let s = read(page("", &table).as_bytes()).unwrap();
        assert_eq!(s.text, format!("成文日期：2023-03-01\n发布日期：2023-03-06\n{PARA}\n"));
        // A list of notices with dates before the content takes no place
        // from a labelled date bar after it.
        let notices: String = ["甲", "乙", "丙", "丁", "戊"]
            .iter()
            .zip(1..)
            .map(|(name, day)| format!("<tr><td>通知{name}</td><td>2025-03-1{day}</td></tr>"))
            .collect();
        let listed = format!("<table>{notices}</table><div id=zoom><p>{PARA}</p><p>{PARA}</p></div><div>【发布时间：2023-03-06】【打印】</div>");
        let s = read(page("", &listed).as_bytes()).unwrap();
        assert!(s.text.contains("发布时间：2023-03-06"), "{}", s.text);
        // The content's own date line is not repeated.
        let inside = format!("<div class=info>发布时间：2023-03-06</div><div id=zoom><p>发布时间：2023-03-06</p><p>{PARA}</p></div>");
        let s = read(page("", &inside).as_bytes()).unwrap();
        assert_eq!(s.text, format!("发布时间：2023-03-06\n{PARA}\n"));
    }

    #[test]
    fn dates_far_below_the_content_are_not_read() {
        let related: String = (0..8).map(|i| format!("<li>相关文章{i}</li>")).collect();
        let body = format!(
            "<div id=zoom><p>{PARA}</p><p>{PARA}</p></div><div>【发布时间：2023-03-06】【打印】</div><ul>{related}<li>某某通知 时间：2024-01-01</li></ul>"
        );
        let s = read(page("<title>某区2022年法治政府建设情况报告</title>", &body).as_bytes()).unwrap();
        assert!(s.text.starts_with("某区2022年法治政府建设情况报告\n发布时间：2023-03-06\n"), "{}", s.text);
        assert!(!s.text.contains("2024-01-01"), "{}", s.text);
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let nested = |depth: usize| {
            format!("<html><body>{}{PARA}{}</body></html>", "<div>".repeat(depth), "</div>".repeat(depth))
        };
        let t = std::time::Instant::now();
        let s = read(nested(1500).as_bytes()).unwrap();
        assert!(s.text.contains(PARA));
        let r = read(nested(50_000).as_bytes());
        assert!(matches!(r, Err(IngestError::Format(_))), "{r:?}");
        assert!(t.elapsed().as_secs() < 5, "{:?}", t.elapsed());
        // Unclosed <p> and <br> do not count as nesting.
        let flat = format!("<html><body>{}</body></html>", format!("<p>{PARA}<br>").repeat(6000));
        assert!(read(flat.as_bytes()).is_ok());
    }
}
