//! Title, unit, level, report year and publication date.

use std::ops::Range;
use std::sync::LazyLock;

use crate::rules::lazy::Regex;

use super::scantext::squash;
use super::{Block, BlockKind, Meta, Profile};

/// How many blocks from the top may hold the title: a saved page can have a
/// navigation menu of dozens of one-word lines above it (the search also stops
/// at the first heading).
const TITLE_WINDOW: usize = 80;
/// Lines at the top of a text where a publication date is looked for (a
/// select-all copy of a page may bring a long navigation menu above it).
const HEADER_LINES: usize = 100;

/// Blocks shorter than this that do not end a sentence are header/signature lines.
const SHORT_LINE: usize = 60;

// ASCII digits, as `parse` reads them (a Unicode `\d` is a far larger automaton);
// a PDF text layer may space them out ("2 0 2 4 年度").
static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::lean(r"((?:1 ?9|2 ?0) ?[0-9] ?[0-9]|[〇○零一二三四五六七八九]{4})\s*年").unwrap()
});
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::lean(r"((?:19|20)[0-9]{2})\s*(?:[-/.．]|年)\s*([0-9]{1,2})\s*(?:[-/.．]|月)\s*([0-9]{1,2})\s*日?")
        .unwrap()
});
static ENUM_LEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::lean(r"^[一二三四五六七八九十]+是").unwrap());
static ZH_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::lean(r"([〇○零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,2})\s*月\s*([一二三四五六七八九十]{1,3})\s*日").unwrap()
});

/// Compile this module's regexes now (see [`super::warm`]).
pub(super) fn warm() {
    for re in [&YEAR, &DATE, &ZH_DATE, &ENUM_LEAD] {
        LazyLock::force(re);
    }
}

pub(super) fn extract(text: &str, blocks: &mut Vec<Block>, profile: &Profile) -> Meta {
    let mut meta = Meta::default();
    let title = find_title(text, blocks, profile);
    let body_start = mark_header(text, blocks, title, profile);
    mark_signature(text, blocks, body_start, profile);
    if let Some(t) = title {
        let range = without_site_name(text, blocks[t].range.clone(), profile);
        meta.title = Some(squash(&text[range.clone()]).into_owned());
        meta.title_range = Some(range);
    }
    let (year, year_range) = find_year(text, blocks, title, body_start, profile);
    meta.year = year;
    meta.year_range = year_range.clone();
    meta.unit = find_unit(text, blocks, title, year_range, profile);
    meta.level = meta.unit.as_deref().and_then(|u| profile.level_of(u));
    if let Some((date, range)) = find_published(text, blocks, profile) {
        meta.published = Some(date);
        meta.published_range = Some(range);
    }
    meta
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// Lines that may make a title together: short, not a sentence.
const TITLE_LINE: usize = 40;

fn is_title(s: &str, profile: &Profile) -> bool {
    let s = squash(s);
    let s = s.as_ref();
    chars(s) <= profile.title_max_chars
        && !s.ends_with('。')
        && profile.title_require.iter().all(|r| r.is_match(s))
        && (profile.title_any.is_empty() || profile.title_any.iter().any(|r| r.is_match(s)))
}

/// The title block. A title set on two or three lines (a PDF's centred title,
/// "某某县人民政府" over "关于2025年度……的报告") is merged into one block: lines
/// that only together read as a title, or a unit name above a title that names
/// no unit itself.
fn find_title(text: &str, blocks: &mut Vec<Block>, profile: &Profile) -> Option<usize> {
    let n = blocks
        .iter()
        .take(TITLE_WINDOW)
        .take_while(|b| b.kind == BlockKind::Paragraph)
        .count();
    let line = |b: &Block| &text[b.range.clone()];
    let short = |b: &Block| {
        let s = line(b);
        chars(s) <= TITLE_LINE && !s.ends_with(['。', '；', '：', ';', ':', '，', ','])
    };
    for i in 0..n {
        // A page's metadata line (名称：…报告) names the report but is not its title.
        if is_meta_line(line(&blocks[i]), profile) {
            continue;
        }
        if is_title(line(&blocks[i]), profile) {
            if i > 0
                && short(&blocks[i - 1])
                && short(&blocks[i])
                && text[blocks[i - 1].range.end..blocks[i].range.start]
                    .trim()
                    .is_empty()
            {
                let merged = &text[blocks[i - 1].range.start..blocks[i].range.end];
                let own = title_unit(text, &blocks[i].range, profile);
                let above = title_unit(
                    text,
                    &(blocks[i - 1].range.start..blocks[i].range.end),
                    profile,
                );
                // "某某县人民政府" over a title that names no unit
                let unit_above =
                    own.is_none() && above.is_some_and(|u| profile.level_of(&u).is_some());
                // "关于2024年度" over "法治政府建设情况的报告"
                let above_line = line(&blocks[i - 1]);
                let year_above = !YEAR.is_match(line(&blocks[i]))
                    && YEAR.is_match(above_line)
                    && parse_date(above_line).is_none();
                if (unit_above || year_above) && is_title(merged, profile) {
                    return Some(merge(blocks, i - 1, i));
                }
            }
            return Some(i);
        }
        for k in 2..=3 {
            if i + k > n
                || !blocks[i..i + k].iter().all(short)
                || !blocks[i..i + k]
                    .windows(2)
                    .all(|w| text[w[0].range.end..w[1].range.start].trim().is_empty())
            {
                continue;
            }
            let joined = &text[blocks[i].range.start..blocks[i + k - 1].range.end];
            let parts_alone = (i..i + k).any(|j| is_title(line(&blocks[j]), profile));
            if !parts_alone && is_title(joined, profile) {
                return Some(merge(blocks, i, i + k - 1));
            }
        }
    }
    // A title set as a heading (a page's <h1>, Word's "Heading 1") with no
    // section number of its own.
    blocks
        .get(n)
        .filter(|b| {
            matches!(b.kind, BlockKind::Heading { .. })
                && b.title.as_ref().is_some_and(|t| t.start == b.range.start)
                && n < TITLE_WINDOW
                && is_title(line(b), profile)
        })
        .map(|_| n)
}

fn is_meta_line(line: &str, profile: &Profile) -> bool {
    profile.meta_lines.iter().any(|r| r.is_match(line.trim()))
}

/// A web page's title line often ends with the site's name
/// ("…情况的报告 - 某某区人民政府", "…报告_某某市政府门户网站"): the title is the
/// part before the separator when that part alone reads as a title.
fn without_site_name(text: &str, range: Range<usize>, profile: &Profile) -> Range<usize> {
    let line = &text[range.clone()];
    for sep in [" - ", " — ", " | ", "｜", "_", "|", " -"] {
        if let Some(at) = line.rfind(sep) {
            let head = line[..at].trim_end();
            let tail = &line[at + sep.len()..];
            if is_title(head, profile) && !is_title(tail, profile) {
                return range.start..range.start + head.len();
            }
        }
    }
    range
}

/// Merge blocks `first..=last` into `first`.
fn merge(blocks: &mut Vec<Block>, first: usize, last: usize) -> usize {
    blocks[first].range.end = blocks[last].range.end;
    blocks.drain(first + 1..=last);
    first
}

/// The unit a title names before its year ("某某区2022年…", "某某县关于2025年度…").
fn title_unit(text: &str, range: &Range<usize>, profile: &Profile) -> Option<String> {
    let s = &text[range.clone()];
    let m = YEAR.captures(s)?.get(1)?;
    parse_year(m.as_str())?;
    unit_before(&s[..m.start()], profile)
}

/// The unit named by the part of a title before its year. A title that puts
/// the year last ("某某局法治政府建设年度报告（2024年度）") names the unit
/// before the subject (`title.any`); 关于 around the name is not part of it.
fn unit_before(s: &str, profile: &Profile) -> Option<String> {
    // Two senders, the party committee first ("中共浚县县委 浚县人民政府"):
    // the unit is the last one, when the ones before it name the same place.
    let parts: Vec<&str> = s.split_whitespace().collect();
    if let [before @ .., last] = parts.as_slice() {
        if !before.is_empty() {
            if let Some(unit) = joint_sender(&before.concat(), last, profile) {
                return Some(unit);
            }
        }
    }
    // …or run together ("中共沅陵县委沅陵县人民政府"): split where the first
    // sender's name may end (`unit_joint_sender_ends`). Only there: any split
    // point would also read "临江市人民政府办公室关于临江市…" as two senders.
    let flat: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    for end in profile.unit_joint_sender_ends.iter().filter(|e| !e.is_empty()) {
        for (i, _) in flat.match_indices(end.as_str()) {
            let (before, last) = flat.split_at(i + end.len());
            if let Some(unit) = joint_sender(before, last, profile).filter(|u| profile.level_of(u).is_some()) {
                return Some(unit);
            }
        }
    }
    unit_in(s, profile)
}

/// The last of two senders, when the first names the same place.
fn joint_sender(before: &str, last: &str, profile: &Profile) -> Option<String> {
    let last_unit = unit_in(last, profile)?;
    let place = profile.unit_place(&last_unit);
    (chars(place) >= 2 && before.contains(place)).then_some(last_unit)
}

fn unit_in(s: &str, profile: &Profile) -> Option<String> {
    let flat: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let subject = profile
        .title_any
        .iter()
        .filter_map(|r| r.find(&flat).map(|m| m.start()))
        .min()
        .unwrap_or(flat.len());
    let mut unit = &flat[..subject];
    // A label before the name ("分享到：", "单位："): a unit has no colon.
    if let Some(i) = unit.rfind([':', '：']) {
        unit = &unit[crate::ingest::decode::ceil_char_boundary(unit, i + 1)..];
    }
    // A document number before the name ("[天政发〔2026〕7号]天水市人民政府").
    unit = strip_document_number(unit);
    for p in &profile.unit_strip_prefixes {
        unit = unit.strip_prefix(p.as_str()).unwrap_or(unit);
        // "某某市人民政府办公室关于某某市2024年度……": the unit ends at 关于
        if let Some(i) = unit.find(p.as_str()) {
            unit = &unit[..i];
        }
    }
    (chars(unit) >= 2).then(|| unit.to_owned())
}

/// `s` without a leading document number in brackets ("[某政发〔2026〕7号]",
/// "【某办发〔2025〕3号】"), the form of a title on government-information pages.
fn strip_document_number(s: &str) -> &str {
    let Some(open) = s.chars().next().filter(|c| matches!(c, '[' | '【' | '［' | '(' | '（')) else {
        return s;
    };
    let rest = &s[open.len_utf8()..];
    let Some(close) = rest.find([']', '】', '］', ')', '）']) else {
        return s;
    };
    let inside = &rest[..close];
    if inside.contains('〔') && inside.ends_with('号') {
        let after = &rest[close..];
        &after[after.chars().next().map_or(0, char::len_utf8)..]
    } else {
        s
    }
}

/// Marks the title and the short header lines around it; returns the index of the
/// first body block.
fn mark_header(text: &str, blocks: &mut [Block], title: Option<usize>, profile: &Profile) -> usize {
    let Some(title) = title else { return 0 };
    blocks[title].kind = BlockKind::Title;
    for b in blocks[..title].iter_mut() {
        if b.kind == BlockKind::Paragraph {
            b.kind = BlockKind::Meta;
        }
    }
    let mut i = title + 1;
    while i < blocks.len()
        && is_header_line(&text[blocks[i].range.clone()], profile)
        && blocks[i].kind == BlockKind::Paragraph
    {
        blocks[i].kind = BlockKind::Meta;
        i += 1;
    }
    i
}

/// A short line that is not a sentence: an opening sentence may be short too
/// ("2024年，县审计局……主要开展了以下工作："). A page's metadata line
/// (`meta_lines`: 来源：… 发布时间：…) is one even when it ends in the empty
/// label of a counter a script fills in ("浏览量：").
fn is_header_line(s: &str, profile: &Profile) -> bool {
    let n = chars(s);
    let sentence_end = s.trim_end().ends_with(['。', '：', ':', '；', '！', '？']) && n > 20;
    n < SHORT_LINE && (!sentence_end || is_meta_line(s, profile))
}

/// Short closing lines (unit, date, contacts) after the last sentence, and an
/// attachment list among them (附件：1.……xls / 2.……): its numbered lines
/// are not headings of the report.
fn mark_signature(text: &str, blocks: &mut [Block], body_start: usize, profile: &Profile) {
    let closing = blocks[body_start..]
        .iter()
        .rev()
        .take_while(|b| {
            let s = text[b.range.clone()].trim_end();
            chars(s) < SHORT_LINE && !s.ends_with('。')
        })
        .count();
    let first_closing = blocks.len() - closing;
    let attachments = (first_closing..blocks.len()).find(|&i| {
        let s = text[blocks[i].range.clone()].trim();
        profile.attachment_labels.iter().any(|r| r.is_match(s))
    });
    let end = attachments.unwrap_or(blocks.len());
    for b in blocks[end..].iter_mut() {
        b.kind = BlockKind::Signature;
    }
    for b in blocks[body_start..end].iter_mut().rev() {
        let s = &text[b.range.clone()];
        if b.kind != BlockKind::Paragraph || !is_signature_line(s) {
            break;
        }
        b.kind = BlockKind::Signature;
    }
}

/// Unit names, dates and contact lines: short, no sentence inside.
fn is_signature_line(s: &str) -> bool {
    chars(s) < SHORT_LINE
        && !s.contains(['，', ','])
        && !s.ends_with(['。', '：', ':', '；', ';'])
        && !ENUM_LEAD.is_match(s)
}

fn zh_digit(c: char) -> Option<u32> {
    "〇一二三四五六七八九"
        .chars()
        .position(|d| d == c)
        .map(|p| p as u32)
        .or(match c {
            '○' | '零' => Some(0),
            _ => None,
        })
}

/// 二〇二一 → 2021.
fn zh_year(s: &str) -> Option<i32> {
    s.chars()
        .try_fold(0i32, |acc, c| zh_digit(c).map(|d| acc * 10 + d as i32))
}

/// 十二 → 12, 二十一 → 21, 三十 → 30, 九 → 9.
fn zh_number(s: &str) -> Option<u32> {
    match s.chars().collect::<Vec<_>>().as_slice() {
        [c] => zh_digit(*c).or((*c == '十').then_some(10)),
        ['十', c] => zh_digit(*c).map(|d| 10 + d),
        [t, '十'] => zh_digit(*t).map(|d| d * 10),
        [t, '十', c] => Some(zh_digit(*t)? * 10 + zh_digit(*c)?),
        _ => None,
    }
}

fn parse_year(s: &str) -> Option<i32> {
    let digits: String = s.chars().filter(|c| *c != ' ').collect();
    digits
        .parse()
        .ok()
        .or_else(|| zh_year(s))
        .filter(|y| (1990..=2100).contains(y))
}

fn find_year(
    text: &str,
    blocks: &[Block],
    title: Option<usize>,
    body_start: usize,
    profile: &Profile,
) -> (Option<i32>, Option<Range<usize>>) {
    let first_body = blocks[body_start.min(blocks.len())..]
        .iter()
        .find(|b| b.kind == BlockKind::Paragraph);
    let candidates = title.map(|t| &blocks[t]).into_iter().chain(first_body);
    for b in candidates {
        let s = &text[b.range.clone()];
        // Not the end of a range such as 《纲要（2021—2025年）》.
        let ends_range = |at: usize| {
            s[..at]
                .trim_end()
                .ends_with(['—', '-', '–', '－', '~', '～', '至', '到'])
        };
        for c in YEAR.captures_iter(s) {
            let m = c.get(1).unwrap();
            if ends_range(m.start()) || after_other_date_label(&s[..m.start()], profile) {
                continue;
            }
            if let Some(y) = parse_year(m.as_str()) {
                return (
                    Some(y),
                    Some(b.range.start + m.start()..b.range.start + m.end()),
                );
            }
        }
    }
    (None, None)
}

/// Whether the text before a year ends with a label of a date that is not
/// the report's (a site clock "今天是：2025年11月20日" run into the text of a
/// page that lost its line breaks).
fn after_other_date_label(before: &str, profile: &Profile) -> bool {
    let before = before.trim_end_matches([' ', '\u{3000}', ':', '：']);
    let tail = &before[before.char_indices().rev().nth(7).map_or(0, |(i, _)| i)..];
    profile
        .other_date_labels
        .iter()
        .any(|r| r.find_iter(tail).any(|m| m.end() == tail.len()))
}

/// The year the role rules compare plan years with when the report's own
/// year is unknown (no year in the title or opening): the year of the first
/// heading if it names one (the year's work comes first), else the earliest
/// of two or more years the headings name, else the year before publication
/// in its first half. Without it, "一、2024年主要举措和成效" would read as a
/// plan for a later year.
pub(super) fn working_year(text: &str, blocks: &[Block], published: Option<&str>) -> Option<i32> {
    let heading_years: Vec<Option<i32>> = blocks
        .iter()
        .filter_map(|b| b.title.clone())
        .map(|t| {
            let s = &text[t];
            YEAR.captures(s)
                .and_then(|c| c.get(1))
                .filter(|m| !s[..m.start()].trim_end().ends_with(['—', '-', '–', '－', '~', '～', '至', '到']))
                .and_then(|m| parse_year(m.as_str()))
        })
        .collect();
    if let Some(Some(first)) = heading_years.first() {
        return Some(*first);
    }
    let mut years: Vec<i32> = heading_years.into_iter().flatten().collect();
    years.sort_unstable();
    years.dedup();
    if years.len() >= 2 {
        return Some(years[0]);
    }
    let (year, month) = published?.split_once('-')?;
    let month: u32 = month.get(..2)?.parse().ok()?;
    (month <= 6).then(|| year.parse::<i32>().ok().map(|y| y - 1)).flatten()
}

fn find_unit(
    text: &str,
    blocks: &[Block],
    title: Option<usize>,
    year: Option<Range<usize>>,
    profile: &Profile,
) -> Option<String> {
    if let Some(t) = title {
        let range = &blocks[t].range;
        match year.as_ref().filter(|y| range.start <= y.start && y.end <= range.end) {
            Some(y) => {
                if let Some(unit) = unit_before(&text[range.start..y.start], profile) {
                    return Some(unit);
                }
                // "2024年度某某局法治政府建设情况报告": the unit follows the year.
                let after = text[y.end..range.end].trim_start_matches([' ', '年', '度']);
                if let Some(unit) = unit_before(after, profile).filter(|u| profile.level_of(u).is_some()) {
                    return Some(unit);
                }
            }
            // A title without a year ("某某管理区关于履行推进法治建设第一责任人
            // 职责情况的报告") names its unit before the subject all the same.
            None => {
                if let Some(unit) = unit_before(&text[range.clone()], profile).filter(|u| profile.level_of(u).is_some()) {
                    return Some(unit);
                }
            }
        }
    }
    // Otherwise the signing unit: a closing line with no digits (the unit and
    // the date may share a line: "某某县人民政府　2024年3月25日").
    blocks
        .iter()
        .rev()
        .take_while(|b| b.kind == BlockKind::Signature)
        .map(|b| {
            let line = &text[b.range.clone()];
            let before_date = parse_date(line)
                .filter(|(_, r)| r.start > 0)
                .map(|(_, r)| &line[..r.start])
                .unwrap_or(line);
            before_date
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
        })
        .find(|s| {
            chars(s) >= 2
                && !s
                    .chars()
                    .any(|c| c.is_ascii_digit() || zh_digit(c).is_some() && s.contains('年'))
                && profile.level_of(s).is_some()
        })
}

fn parse_date(s: &str) -> Option<(String, Range<usize>)> {
    if let Some(c) = DATE.captures(s) {
        let (y, m, d) = (
            c.get(1)?.as_str().parse::<u32>().ok()?,
            c.get(2)?.as_str().parse::<u32>().ok()?,
            c.get(3)?.as_str().parse::<u32>().ok()?,
        );
        if (1..=12).contains(&m) && (1..=31).contains(&d) {
            return Some((format!("{y:04}-{m:02}-{d:02}"), c.get(0)?.range()));
        }
    }
    if let Some(c) = ZH_DATE.captures(s) {
        let (y, m, d) = (
            zh_year(c.get(1)?.as_str())?,
            zh_number(c.get(2)?.as_str())?,
            zh_number(c.get(3)?.as_str())?,
        );
        if (1..=12).contains(&m) && (1..=31).contains(&d) {
            return Some((format!("{y:04}-{m:02}-{d:02}"), c.get(0)?.range()));
        }
    }
    None
}

/// A time of day after a date: "09时24分", "15:16", "9:05:30".
fn is_clock_time(s: &str) -> bool {
    let mut parts = 0;
    let mut digits = 0;
    for c in s.trim().chars() {
        match c {
            '0'..='9' if digits < 2 => digits += 1,
            ':' | '：' | '时' | '分' | '秒' if digits > 0 => {
                parts += 1;
                digits = 0;
            }
            _ => return false,
        }
    }
    (2..=3).contains(&(parts + usize::from(digits > 0))) && (parts > 0)
}

/// Publication date: a labelled date (发布时间 …) near the top or bottom, else a
/// bare date line in the header (a web page's date line). The date under the
/// signature is the date of signing (成文日期), not of publication, and chrome
/// dates ("今天是…") have no publication label: neither is ever used.
fn find_published(
    text: &str,
    blocks: &[Block],
    profile: &Profile,
) -> Option<(String, Range<usize>)> {
    let lines: Vec<(usize, &str)> = {
        let mut start = 0;
        text.split('\n')
            .map(|l| {
                let r = (start, l);
                start += l.len() + 1;
                r
            })
            .collect()
    };
    let n = lines.len();
    // A label alone on its line (a page's metadata table, "发布日期：" over
    // "2025-04-08") labels the next non-blank line.
    let value_below = |i: usize| {
        lines[i + 1..]
            .iter()
            .take(2)
            .find(|(_, l)| !l.trim().is_empty())
            .copied()
    };
    // Labels are looked for in the page's header and footer lines, never in
    // the report's own paragraphs ("责任单位：区司法局　时间：2025年12月31日前").
    let in_body = |offset: usize| {
        let i = blocks.partition_point(|b| b.range.end <= offset);
        blocks.get(i).is_some_and(|b| {
            b.range.start <= offset
                && matches!(b.kind, BlockKind::Paragraph | BlockKind::Heading { .. })
        })
    };
    for (i, &(offset, line)) in lines.iter().enumerate() {
        if !(i < HEADER_LINES || i + 20 >= n) {
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        // A page's info line too long to be masked as chrome ("发布时间：…
        // 来源：… 浏览次数：… 【字体：大 中 小】 打印本页 关闭窗口") reads as a
        // paragraph; it still starts with its label, and has no sentence.
        let body = in_body(offset + indent);
        if body && line.contains(['。', '；']) {
            continue;
        }
        for label in &profile.published_labels {
            let Some(m) = label.find(line) else { continue };
            if body && m.start() != indent {
                continue;
            }
            let alone = line[m.end()..].trim().is_empty();
            let (base, value) = match (alone, value_below(i)) {
                (false, _) => (offset + m.end(), &line[m.end()..]),
                (true, Some((below, l))) => {
                    (below + (l.len() - l.trim_start().len()), l.trim_start())
                }
                (true, None) => continue,
            };
            // Below a label, the line must be the date itself.
            if let Some((date, r)) = parse_date(value).filter(|(_, r)| !alone || r.start == 0) {
                return Some((date, base + r.start..base + r.end));
            }
        }
    }
    // The line above a block, if it is a label alone ("成文日期：").
    let label_above = |b: &Block| {
        let above = text[..b.range.start].trim_end();
        let line = &above[above.rfind('\n').map_or(0, |i| i + 1)..];
        line.trim_end().ends_with(['：', ':']).then_some(line)
    };
    let bare = |b: &Block| {
        let s = &text[b.range.clone()];
        // "（2025年4月8日）" under a title dates the text (a meeting, a
        // signing), not its publication.
        if s.trim_start().starts_with(['（', '(']) {
            return None;
        }
        let stripped = s.trim_matches(|c: char| !c.is_alphanumeric());
        let labelled_other = profile
            .other_date_labels
            .iter()
            .any(|r| r.is_match(s) || label_above(b).is_some_and(|l| r.is_match(l)));
        parse_date(stripped)
            .filter(|(_, r)| {
                let rest = &stripped[r.end..];
                !labelled_other && r.start == 0 && (rest.len() <= 6 || is_clock_time(rest))
            })
            .map(|(d, _)| (d, b.range.clone()))
    };
    blocks
        .iter()
        .take_while(|b| {
            b.kind != BlockKind::Paragraph && !matches!(b.kind, BlockKind::Heading { .. })
        })
        .filter(|b| b.kind == BlockKind::Meta)
        .find_map(bare)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numeral_dates() {
        assert_eq!(
            parse_date("二〇二二年一月二十一日").unwrap().0,
            "2022-01-21"
        );
        assert_eq!(parse_date("2024年1月19日").unwrap().0, "2024-01-19");
        assert_eq!(parse_date("2021-02-26 15:16").unwrap().0, "2021-02-26");
        assert_eq!(parse_date("2025 年 3 月 5 日").unwrap().0, "2025-03-05");
        assert!(parse_date("2024年13月1日").is_none());
        assert_eq!(zh_number("三十一"), Some(31));
    }

    #[test]
    fn clock_times() {
        for t in ["09时24分", " 15:16", "9:05:30", "10时5分30秒"] {
            assert!(is_clock_time(t), "{t}");
        }
        for t in ["", "09", "星期一", "来源：司法厅", "1:2:3:4", "123:45"] {
            assert!(!is_clock_time(t), "{t}");
        }
    }
}
