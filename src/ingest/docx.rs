//! Reader for .docx reports: zip + quick-xml by hand (docx-rs reads untrusted
//! files unbounded and panics on corrupt parts).
//!
//! * Only four parts are read: `_rels/.rels` (to find the main part, usually
//!   `word/document.xml`), the main part, `word/styles.xml` and
//!   `word/numbering.xml`. Media, headers,
//!   footers and comments are never opened.
//! * Bounds: at most [`MAX_ENTRIES`] zip entries; each part's declared size must
//!   be under the part cap and it is read through `take(cap + 1)`, so a zip bomb
//!   (or a lying size field) is a [`IngestError::Format`] after at most `cap` bytes.
//!   The cap is `--max-file-size` clamped to 64 MiB ..= 1 GiB.
//! * Text: one line per paragraph (`w:p`), runs' `w:t` in order, `w:tab` → tab,
//!   `w:br`/`w:cr` → nothing between CJK characters, else a space; deleted text,
//!   field codes and the fallback copies of text boxes are skipped; empty paragraphs
//!   are dropped. Text-box paragraphs come before the paragraph that anchors them.
//! * Tables: a row whose cells each hold at most one paragraph is one line, cells
//!   joined by a tab; any other row (a layout table holding the whole report) gives
//!   one line per paragraph of each cell, in order.
//! * Headings: a paragraph's outline level (`w:outlineLvl` in its properties, else
//!   its style's: a style named `heading N` / `标题 N`, else the style's
//!   `w:outlineLvl`, else inherited via `w:basedOn`) gives a [`HeadingHint`] over
//!   the paragraph's line (level N, 1 = top).
//! * Word's automatic list numbering (`word/numbering.xml`) is rendered before
//!   the paragraph's text as Word shows it (`一、`, `（二）`, `3.`): see
//!   [`super::docx_numbering`].

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use zip::result::ZipError;
use zip::ZipArchive;

use super::docx_numbering::{Lists, Numbering};
use super::{Format, HeadingHint, IngestError, Limits, Source};

/// More entries than this is not a Word document.
pub const MAX_ENTRIES: usize = 10_000;
/// Lower bound of the per-part cap.
const MIN_PART_CAP: u64 = 64 * 1024 * 1024;
/// Upper bound of the per-part cap, whatever `--max-file-size` says.
const MAX_PART_CAP: u64 = 1024 * 1024 * 1024;

pub fn read(bytes: &[u8], limits: &Limits) -> Result<Source, IngestError> {
    read_with_cap(bytes, limits.max_file_size.clamp(MIN_PART_CAP, MAX_PART_CAP))
}

fn read_with_cap(bytes: &[u8], part_cap: u64) -> Result<Source, IngestError> {
    if let Some(n) = declared_entries(bytes) {
        if n > MAX_ENTRIES {
            return Err(IngestError::Format(format!("压缩包内有 {n} 个条目，超过上限 {MAX_ENTRIES}，不像是 Word 文档")));
        }
    }
    let mut zip = ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| IngestError::Format(format!("不是有效的 .docx（zip 结构损坏：{e}）")))?;
    if zip.len() > MAX_ENTRIES {
        return Err(IngestError::Format(format!(
            "压缩包内有 {} 个条目，超过上限 {MAX_ENTRIES}，不像是 Word 文档",
            zip.len()
        )));
    }
    let main = read_part(&mut zip, "_rels/.rels", part_cap)?
        .and_then(|rels| main_part_name(&rels))
        .unwrap_or_else(|| "word/document.xml".to_owned());
    let document = match read_part(&mut zip, &main, part_cap)? {
        Some(d) => d,
        None if main != "word/document.xml" => read_part(&mut zip, "word/document.xml", part_cap)?
            .ok_or_else(|| IngestError::Format("不是 Word 文档：缺少 word/document.xml".into()))?,
        None => return Err(IngestError::Format("不是 Word 文档：缺少 word/document.xml".into())),
    };
    let styles = match read_part(&mut zip, "word/styles.xml", part_cap)? {
        Some(xml) => parse_styles(&xml).unwrap_or_default(),
        None => Styles::default(),
    };
    let numbering = match read_part(&mut zip, "word/numbering.xml", part_cap)? {
        Some(xml) => Numbering::parse(&xml),
        None => Numbering::default(),
    };
    let lines = parse_document(&document, &styles, &numbering)
        .map_err(|e| IngestError::Format(format!("{main} 不是有效的 XML：{e}")))?;

    let mut text = String::new();
    let mut headings = Vec::new();
    for line in lines {
        let start = text.len();
        text.push_str(&line.text);
        if let Some(level) = line.level {
            headings.push(HeadingHint { start, end: text.len(), level });
        }
        text.push('\n');
    }
    Ok(Source { text, encoding: "utf-8".into(), format: Format::Docx, headings, simplified: false, relined: false })
}

/// The entry count in the end-of-central-directory record, read before the zip
/// crate parses (and allocates for) the whole directory. `0xFFFF` means Zip64,
/// which no Word document needs: it counts as too many.
fn declared_entries(bytes: &[u8]) -> Option<usize> {
    let tail_start = bytes.len().saturating_sub(22 + 65_535);
    let tail = &bytes[tail_start..];
    let pos = tail.windows(4).rposition(|w| w == b"PK\x05\x06")?;
    let rec = tail.get(pos..pos + 22)?;
    let total = u16::from_le_bytes([rec[10], rec[11]]) as usize;
    Some(if total == 0xFFFF { usize::MAX } else { total })
}

/// One zip part as text, bounded; `None` if the part does not exist.
fn read_part(zip: &mut ZipArchive<Cursor<&[u8]>>, name: &str, cap: u64) -> Result<Option<String>, IngestError> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(IngestError::Format(format!("无法读取 {name}：{e}"))),
    };
    let too_big = |size: u64| {
        IngestError::Format(format!(
            "{name} 解压后超过 {size} 字节，超过上限 {cap} 字节（疑似压缩炸弹；可用 --max-file-size 调整）"
        ))
    };
    if file.size() > cap {
        return Err(too_big(file.size()));
    }
    let mut buf = Vec::with_capacity(file.size() as usize);
    file.take(cap + 1)
        .read_to_end(&mut buf)
        .map_err(|e| IngestError::Format(format!("{name} 解压失败：{e}")))?;
    if buf.len() as u64 > cap {
        return Err(too_big(cap));
    }
    xml_text(buf).map(Some).ok_or_else(|| IngestError::Format(format!("{name} 不是 UTF-8/UTF-16 编码的 XML")))
}

/// XML bytes → text: UTF-8 (BOM optional) or UTF-16 with a BOM.
fn xml_text(buf: Vec<u8>) -> Option<String> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(&buf) {
        return enc.decode_without_bom_handling_and_without_replacement(&buf[bom..]).map(|s| s.into_owned());
    }
    String::from_utf8(buf).ok()
}

/// The target of the `officeDocument` relationship in `_rels/.rels`.
fn main_part_name(rels: &str) -> Option<String> {
    let mut reader = Reader::from_str(rels);
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                let ty = attr(&e, "Type").unwrap_or_default();
                if ty.ends_with("/officeDocument") {
                    let target = attr(&e, "Target")?;
                    return Some(target.trim_start_matches('/').to_owned());
                }
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

/// The unescaped value of the attribute with this local name.
pub(super) fn attr(e: &BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

#[derive(Debug, Default, Clone)]
struct Style {
    name: String,
    outline: Option<u8>,
    based_on: Option<String>,
    /// `w:numPr` of the style: list and level.
    num: ListRef,
}

/// A `w:numPr`: which list (`w:numId`) and level (`w:ilvl`), each optional.
#[derive(Debug, Default, Clone)]
struct ListRef {
    num_id: Option<String>,
    level: Option<usize>,
}

/// Paragraph styles by `w:styleId`.
#[derive(Debug, Default)]
struct Styles(HashMap<String, Style>);

impl Styles {
    /// Heading level (1 = top) of a paragraph style, following `w:basedOn`.
    fn level(&self, id: &str) -> Option<u8> {
        let mut id = id;
        for _ in 0..16 {
            let style = self.0.get(id)?;
            if let Some(level) = name_level(&style.name) {
                return Some(level);
            }
            match style.outline {
                Some(9) => return None,
                Some(lvl) => return Some(lvl + 1),
                None => {}
            }
            id = style.based_on.as_deref()?;
        }
        None
    }

    /// The list numbering a paragraph style carries, following `w:basedOn`:
    /// the first list id found, and the first level.
    fn list(&self, id: &str) -> ListRef {
        let mut found = ListRef::default();
        let mut id = id;
        for _ in 0..16 {
            let Some(style) = self.0.get(id) else { break };
            found.num_id = found.num_id.or_else(|| style.num.num_id.clone());
            found.level = found.level.or(style.num.level);
            match style.based_on.as_deref() {
                Some(next) => id = next,
                None => break,
            }
        }
        found
    }
}

/// `heading 1`, `Heading 2`, `标题 3`, `标题4` → level.
fn name_level(name: &str) -> Option<u8> {
    let lower = name.trim().to_lowercase();
    let rest = lower.strip_prefix("heading").or_else(|| lower.strip_prefix("标题"))?;
    let n: u8 = rest.trim().parse().ok()?;
    (1..=9).contains(&n).then_some(n)
}

fn parse_styles(xml: &str) -> Result<Styles, quick_xml::Error> {
    let mut reader = Reader::from_str(xml);
    let mut styles = Styles::default();
    let mut cur: Option<(String, Style)> = None;
    loop {
        let ev = reader.read_event()?;
        match &ev {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "style" => {
                    let is_para = attr(e, "type").is_none_or(|t| t == "paragraph");
                    cur = match (is_para, attr(e, "styleId")) {
                        (true, Some(id)) => Some((id, Style::default())),
                        _ => None,
                    };
                    if matches!(ev, Event::Empty(_)) {
                        cur = None;
                    }
                }
                "name" => {
                    if let Some((_, s)) = cur.as_mut() {
                        s.name = attr(e, "val").unwrap_or_default();
                    }
                }
                "basedOn" => {
                    if let Some((_, s)) = cur.as_mut() {
                        s.based_on = attr(e, "val");
                    }
                }
                "outlineLvl" => {
                    if let Some((_, s)) = cur.as_mut() {
                        s.outline = attr(e, "val").and_then(|v| v.parse::<u8>().ok()).map(|v| v.min(9));
                    }
                }
                "numId" => {
                    if let Some((_, s)) = cur.as_mut() {
                        s.num.num_id = attr(e, "val");
                    }
                }
                "ilvl" => {
                    if let Some((_, s)) = cur.as_mut() {
                        s.num.level = attr(e, "val").and_then(|v| v.parse().ok());
                    }
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == "style" => {
                if let Some((id, s)) = cur.take() {
                    styles.0.insert(id, s);
                }
            }
            Event::Eof => return Ok(styles),
            _ => {}
        }
    }
}

/// One output line and its heading level.
#[derive(Debug, Clone, PartialEq)]
struct Line {
    text: String,
    level: Option<u8>,
}

#[derive(Default)]
struct Para {
    text: String,
    style: Option<String>,
    /// Direct `w:outlineLvl`: `Some(None)` = explicitly body text.
    outline: Option<Option<u8>>,
    /// Direct `w:numPr`.
    num: ListRef,
    pending_break: bool,
}

impl Para {
    fn push_str(&mut self, s: &str) {
        let Some(first) = s.chars().next() else { return };
        if self.pending_break {
            self.pending_break = false;
            if let Some(last) = self.text.chars().next_back() {
                if !(is_cjk(last) || is_cjk(first) || last.is_whitespace() || first.is_whitespace()) {
                    self.text.push(' ');
                }
            }
        }
        self.text.push_str(s);
    }
}

#[derive(Default)]
struct Table {
    /// Cells of the current row, each a list of lines.
    cells: Vec<Vec<Line>>,
}

/// Send a finished line to the innermost open table cell, or to the output.
fn emit(tables: &mut [Table], out: &mut Vec<Line>, line: Line) {
    match tables.last_mut() {
        Some(t) => match t.cells.last_mut() {
            Some(cell) => cell.push(line),
            None => t.cells.push(vec![line]),
        },
        None => out.push(line),
    }
}

fn parse_document(xml: &str, styles: &Styles, numbering: &Numbering) -> Result<Vec<Line>, quick_xml::Error> {
    let mut lists = Lists::default();
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    let mut paras: Vec<Para> = Vec::new();
    let mut tables: Vec<Table> = Vec::new();
    let mut in_text = false;
    let mut ppr_depth = 0usize;
    let mut skip_depth = 0usize;
    loop {
        let ev = reader.read_event()?;
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                let name = e.local_name();
                let name = name.as_ref();
                if skip_depth > 0 {
                    if !empty {
                        skip_depth += 1;
                    }
                    continue;
                }
                match name {
                    // Fallback copies of text boxes, deleted runs, the
                    // properties a tracked change replaced.
                    "Fallback" | "del" | "moveFrom" | "pPrChange" if !empty => skip_depth = 1,
                    "p" if !empty => paras.push(Para::default()),
                    "pPr" if !empty => ppr_depth += 1,
                    "pStyle" if ppr_depth > 0 => {
                        if let Some(p) = paras.last_mut() {
                            p.style = attr(e, "val");
                        }
                    }
                    "numId" if ppr_depth > 0 => {
                        if let Some(p) = paras.last_mut() {
                            p.num.num_id = attr(e, "val");
                        }
                    }
                    "ilvl" if ppr_depth > 0 => {
                        if let Some(p) = paras.last_mut() {
                            p.num.level = attr(e, "val").and_then(|v| v.parse().ok());
                        }
                    }
                    "outlineLvl" if ppr_depth > 0 => {
                        if let Some(p) = paras.last_mut() {
                            let lvl = attr(e, "val").and_then(|v| v.parse::<u8>().ok());
                            p.outline = Some(lvl.filter(|&v| v < 9).map(|v| v + 1));
                        }
                    }
                    "t" if !empty && ppr_depth == 0 => in_text = true,
                    "tab" if ppr_depth == 0 => {
                        if let Some(p) = paras.last_mut() {
                            p.push_str("\t");
                        }
                    }
                    "br" | "cr" if ppr_depth == 0 => {
                        if let Some(p) = paras.last_mut() {
                            p.pending_break = true;
                        }
                    }
                    "noBreakHyphen" if ppr_depth == 0 => {
                        if let Some(p) = paras.last_mut() {
                            p.push_str("-");
                        }
                    }
                    "tbl" if !empty => tables.push(Table::default()),
                    "tc" if !empty => {
                        if let Some(t) = tables.last_mut() {
                            t.cells.push(Vec::new());
                        }
                    }
                    _ => {}
                }
            }
            Event::End(ref e) => {
                if skip_depth > 0 {
                    skip_depth -= 1;
                    continue;
                }
                match e.local_name().as_ref() {
                    "t" => in_text = false,
                    "pPr" => ppr_depth = ppr_depth.saturating_sub(1),
                    "p" => {
                        if let Some(p) = paras.pop() {
                            if let Some(line) = finish_para(p, styles, numbering, &mut lists) {
                                emit(&mut tables, &mut out, line);
                            }
                        }
                    }
                    "tr" => {
                        let n = tables.len();
                        if n > 0 {
                            let cells = std::mem::take(&mut tables[n - 1].cells);
                            let (parents, _) = tables.split_at_mut(n - 1);
                            for line in row_lines(cells) {
                                emit(parents, &mut out, line);
                            }
                        }
                    }
                    "tbl" => {
                        // Cells outside any row (malformed) still count.
                        if let Some(t) = tables.pop() {
                            for line in row_lines(t.cells) {
                                emit(&mut tables, &mut out, line);
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(ref t) if in_text && skip_depth == 0 => {
                if let Some(p) = paras.last_mut() {
                    p.push_str(&t.xml10_content());
                }
            }
            Event::CData(ref t) if in_text && skip_depth == 0 => {
                if let Some(p) = paras.last_mut() {
                    p.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(ref r) if in_text && skip_depth == 0 => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    Ok(None) => match r.as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                    Err(_) => None,
                };
                if let (Some(c), Some(p)) = (resolved, paras.last_mut()) {
                    p.push_str(c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // A truncated document: keep what was read.
    while let Some(p) = paras.pop() {
        if let Some(line) = finish_para(p, styles, numbering, &mut lists) {
            emit(&mut tables, &mut out, line);
        }
    }
    while let Some(t) = tables.pop() {
        for line in row_lines(t.cells) {
            emit(&mut tables, &mut out, line);
        }
    }
    Ok(out)
}

/// The list label of a paragraph (counting it), from its own `w:numPr` and
/// its style's: a level linked to the style in the list definition, else 0.
fn list_label(p: &Para, styles: &Styles, numbering: &Numbering, lists: &mut Lists) -> Option<String> {
    let from_style = p.style.as_deref().map(|s| styles.list(s)).unwrap_or_default();
    let num_id = p.num.num_id.as_ref().or(from_style.num_id.as_ref())?;
    let level = p
        .num
        .level
        .or(from_style.level)
        .or_else(|| p.style.as_deref().and_then(|s| numbering.style_level(num_id, s)))
        .unwrap_or(0);
    lists.label(numbering, num_id, level)
}

fn finish_para(p: Para, styles: &Styles, numbering: &Numbering, lists: &mut Lists) -> Option<Line> {
    let label = list_label(&p, styles, numbering, lists);
    let text: String = p
        .text
        .chars()
        .map(|c| if matches!(c, '\r' | '\n' | '\x0b' | '\x0c') { ' ' } else { c })
        .filter(|&c| c == '\t' || !c.is_control())
        .collect();
    let text = text.trim_matches(|c: char| c.is_whitespace());
    if text.is_empty() {
        return None;
    }
    let text = match label {
        Some(label) => label + text,
        None => text.to_owned(),
    };
    let level = match p.outline {
        Some(direct) => direct,
        None => p.style.as_deref().and_then(|s| styles.level(s)),
    };
    Some(Line { text, level })
}

/// A table row as lines: one line (cells joined by tabs) when every cell holds at
/// most one paragraph, else each paragraph of each cell on its own line.
fn row_lines(cells: Vec<Vec<Line>>) -> Vec<Line> {
    if cells.iter().all(|c| c.len() <= 1) {
        let parts: Vec<String> = cells.into_iter().flatten().map(|l| l.text).collect();
        if parts.is_empty() {
            return Vec::new();
        }
        return vec![Line { text: parts.join("\t"), level: None }];
    }
    cells.into_iter().flatten().collect()
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF
        | 0x3000..=0x303F | 0xFF00..=0xFFEF | 0x2018..=0x201F | 0x2014 | 0x2026)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    use zip::{CompressionMethod, ZipWriter};

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

    fn docx(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        for (name, data) in parts {
            zip.start_file(*name, opts).unwrap();
            zip.write_all(data).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    fn document(body: &str) -> String {
        format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>"#)
    }

    fn para(style: Option<&str>, runs: &str) -> String {
        let ppr = style.map(|s| format!(r#"<w:pPr><w:pStyle w:val="{s}"/><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>"#)).unwrap_or_default();
        format!("<w:p>{ppr}{runs}</w:p>")
    }

    fn run(t: &str) -> String {
        format!(r#"<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{t}</w:t></w:r>"#)
    }

    const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
        <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
        <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="2"><w:name w:val="标题 2"/><w:basedOn w:val="Normal"/></w:style>
        <w:style w:type="paragraph" w:styleId="a5"><w:name w:val="公文三级"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="a6"><w:name w:val="我的标题"/><w:basedOn w:val="a5"/></w:style>
        <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
        <w:style w:type="character" w:styleId="Heading1Char"><w:name w:val="标题 1 字符"/></w:style>
    </w:styles>"#;

    fn read_doc(body: &str) -> Source {
        let bytes = docx(&[("word/document.xml", document(body).as_bytes()), ("word/styles.xml", STYLES.as_bytes())]);
        read(&bytes, &Limits::default()).unwrap()
    }

    fn hints(s: &Source) -> Vec<(&str, u8)> {
        s.headings.iter().map(|h| (&s.text[h.start..h.end], h.level)).collect()
    }

    #[test]
    fn paragraphs_runs_and_heading_styles() {
        let body = [
            para(Some("Title"), &run("某区2021年法治政府建设年度报告")),
            para(None, &format!("{}{}", run("　　2021年，"), run("我区坚持依法行政。"))),
            para(Some("Heading1"), &run("一、主要举措")),
            para(Some("2"), &format!("{}{}", run("（一）加强"), run("领导"))),
            para(Some("a6"), &run("1.健全制度")),
            para(None, r#"<w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:r><w:t>二、存在问题</w:t></w:r>"#),
            para(Some("Heading1"), r#"<w:pPr><w:outlineLvl w:val="9"/></w:pPr>"#),
            "<w:p/>".to_owned(),
            para(None, &run("正文。")),
        ]
        .concat();
        let s = read_doc(&body);
        assert_eq!(s.text, "某区2021年法治政府建设年度报告\n2021年，我区坚持依法行政。\n一、主要举措\n（一）加强领导\n1.健全制度\n二、存在问题\n正文。\n");
        assert_eq!(hints(&s), vec![("一、主要举措", 1), ("（一）加强领导", 2), ("1.健全制度", 3), ("二、存在问题", 2)]);
        assert_eq!(s.format, Format::Docx);
        assert_eq!(s.encoding, "utf-8");
    }

    #[test]
    fn tabs_breaks_entities_and_skipped_text() {
        let body = [
            para(None, r#"<w:r><w:t>项目</w:t><w:tab/><w:t>A&amp;B &#x4E00;&#20108;&lt;三&gt;</w:t></w:r>"#),
            para(None, r#"<w:r><w:t>法治</w:t><w:br/><w:t>政府</w:t><w:br/><w:t>line</w:t><w:br w:type="page"/><w:t>two</w:t></w:r>"#),
            para(None, r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:t>3</w:t></w:r><w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del><w:ins><w:r><w:t>新增的</w:t></w:r></w:ins>"#),
            // A text box: Choice and Fallback hold the same text; only one copy is kept.
            para(None, r#"<w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>"#),
        ]
        .concat();
        let s = read_doc(&body);
        assert_eq!(s.text, "项目\tA&B 一二<三>\n法治政府line two\n3新增的\n文本框\n正文\n");
        assert!(s.headings.is_empty());
    }

    #[test]
    fn tables() {
        let cell = |ps: &[&str]| format!("<w:tc><w:tcPr/>{}</w:tc>", ps.iter().map(|p| para(None, &run(p))).collect::<String>());
        let body = format!(
            "{}<w:tbl><w:tblPr/><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl><w:tbl><w:tr>{}</w:tr></w:tbl>{}",
            para(None, &run("前")),
            cell(&["项目"]),
            cell(&["数量"]),
            cell(&["行政复议"]),
            cell(&["12"]),
            cell(&["第一段。", "第二段。"]),
            para(None, &run("后")),
        );
        let s = read_doc(&body);
        assert_eq!(s.text, "前\n项目\t数量\n行政复议\t12\n第一段。\n第二段。\n后\n");
    }

    #[test]
    fn main_part_from_rels_and_no_styles() {
        let rels = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/></Relationships>"#;
        let bytes = docx(&[("_rels/.rels", rels.as_bytes()), ("word/document2.xml", document(&para(None, &run("正文"))).as_bytes())]);
        assert_eq!(read(&bytes, &Limits::default()).unwrap().text, "正文\n");
    }

    #[test]
    fn not_a_docx() {
        let r = read(b"PK\x03\x04 garbage", &Limits::default());
        assert!(matches!(r, Err(IngestError::Format(_))), "{r:?}");
        let r = read(&docx(&[("xl/workbook.xml", b"<workbook/>")]), &Limits::default());
        assert!(matches!(&r, Err(IngestError::Format(m)) if m.contains("document.xml")), "{r:?}");
        let r = read(&docx(&[("word/document.xml", b"<w:document><w:body><w:p><w:t>x</w:t></w:p></w:bod")]), &Limits::default());
        assert!(r.is_ok() || matches!(r, Err(IngestError::Format(_))), "{r:?}");
        let r = read(&docx(&[("word/document.xml", b"<w:document>\xc3\x28</w:document>")]), &Limits::default());
        assert!(matches!(r, Err(IngestError::Format(_))), "{r:?}");
    }

    #[test]
    fn zip_bomb_is_refused_by_declared_size_and_by_reading() {
        // 8 MiB of XML that compresses to a few KiB, against a 1 MiB cap.
        let filler = format!("<w:p><w:r><w:t>{}</w:t></w:r></w:p>", "法".repeat(1000)).repeat(2800);
        let bytes = docx(&[("word/document.xml", document(&filler).as_bytes())]);
        assert!(bytes.len() < 200_000, "{}", bytes.len());
        let r = read_with_cap(&bytes, 1 << 20);
        assert!(matches!(&r, Err(IngestError::Format(m)) if m.contains("压缩炸弹")), "{r:?}");
        // The same with the declared sizes patched to 1000 bytes: the read stops.
        let mut lying = bytes.clone();
        patch_sizes(&mut lying, 1000);
        let r = read_with_cap(&lying, 1 << 20);
        assert!(matches!(r, Err(IngestError::Format(_))), "{r:?}");
        // Under a sufficient cap it reads.
        assert!(read_with_cap(&bytes, 64 << 20).is_ok());
    }

    /// Overwrite the uncompressed-size fields of every local and central header.
    fn patch_sizes(bytes: &mut [u8], size: u32) {
        let mut i = 0;
        while i + 30 < bytes.len() {
            if &bytes[i..i + 4] == b"PK\x03\x04" {
                bytes[i + 22..i + 26].copy_from_slice(&size.to_le_bytes());
            } else if &bytes[i..i + 4] == b"PK\x01\x02" {
                bytes[i + 24..i + 28].copy_from_slice(&size.to_le_bytes());
            }
            i += 1;
        }
    }

    #[test]
    fn too_many_entries() {
        let names: Vec<String> = (0..MAX_ENTRIES + 1).map(|i| format!("media/{i}")).collect();
        let parts: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
        let r = read(&docx(&parts), &Limits::default());
        assert!(matches!(&r, Err(IngestError::Format(m)) if m.contains("条目")), "{r:?}");
    }

    #[test]
    fn style_names() {
        assert_eq!(name_level("heading 1"), Some(1));
        assert_eq!(name_level("Heading 3"), Some(3));
        assert_eq!(name_level("标题 2"), Some(2));
        assert_eq!(name_level("标题4"), Some(4));
        assert_eq!(name_level("标题"), None);
        assert_eq!(name_level("Title"), None);
        assert_eq!(name_level("Heading"), None);
    }
}
