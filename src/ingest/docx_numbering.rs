//! Word's automatic list numbering (`word/numbering.xml`), rendered into the
//! text the way Word shows it, so that a heading numbered by Word reads
//! `一、加强…` like a typed one and the document stage finds its level from
//! the number as it does for every other format.
//!
//! A paragraph is numbered by its own `w:numPr` (`w:numId`, `w:ilvl`), else
//! by its style's (following `w:basedOn`); `w:numId` 0 switches numbering off.
//! A `w:num` names an abstract definition whose levels give the start value,
//! the number format and the label template (`%1、`, `（%1）`, `%1.%2`).
//! Counters belong to the abstract definition (lists that share one continue
//! each other, as in Word); a `w:startOverride` restarts a level when its
//! `w:num` is first used. Counting a level resets the levels below it.
//! Bullets and unknown references give no label.

use std::collections::{HashMap, HashSet};

use quick_xml::events::Event;
use quick_xml::Reader;

use super::docx::attr;

/// Levels a list can have (`w:ilvl` 0–8).
const LEVELS: usize = 9;

/// How the number of a level is written (`w:numFmt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Format {
    #[default]
    Decimal,
    DecimalZero,
    DecimalFullWidth,
    Circled,
    Chinese,
    ChineseLegal,
    HeavenlyStems,
    UpperLetter,
    LowerLetter,
    UpperRoman,
    LowerRoman,
    /// `bullet` and `none`: no number.
    NoNumber,
}

impl Format {
    fn from_val(v: &str) -> Format {
        match v {
            "decimalZero" => Format::DecimalZero,
            "decimalFullWidth" | "decimalFullWidth2" => Format::DecimalFullWidth,
            "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => Format::Circled,
            "chineseCounting" | "chineseCountingThousand" | "japaneseCounting" | "taiwaneseCounting"
            | "taiwaneseCountingThousand" | "koreanCounting" | "ideographDigital" => Format::Chinese,
            "chineseLegalSimplified" | "japaneseLegal" | "taiwaneseDigital" => Format::ChineseLegal,
            "ideographTraditional" => Format::HeavenlyStems,
            "upperLetter" => Format::UpperLetter,
            "lowerLetter" => Format::LowerLetter,
            "upperRoman" => Format::UpperRoman,
            "lowerRoman" => Format::LowerRoman,
            "bullet" | "none" => Format::NoNumber,
            _ => Format::Decimal,
        }
    }
}

#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: Format,
    /// `w:lvlText`, `None` when absent (then the level shows nothing).
    text: Option<String>,
    /// `w:suff` is `nothing`: no space between the label and the text.
    no_suffix: bool,
    /// `w:isLgl`: every number in the label in Arabic digits.
    legal: bool,
    /// `w:pStyle`: the paragraph style this level is linked to.
    style: Option<String>,
}

#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: String,
    /// `w:lvlOverride`/`w:startOverride` by level.
    start_overrides: Vec<(usize, u32)>,
}

/// The numbering definitions of a document.
#[derive(Debug, Default)]
pub(super) struct Numbering {
    abstracts: HashMap<String, Vec<Level>>,
    nums: HashMap<String, Num>,
}

impl Numbering {
    /// Parse `word/numbering.xml`; what does not parse is left out.
    pub(super) fn parse(xml: &str) -> Numbering {
        let mut n = Numbering::default();
        let mut reader = Reader::from_str(xml);
        let mut abstract_id: Option<String> = None;
        let mut levels: Vec<Level> = Vec::new();
        let mut level: Option<(usize, Level)> = None;
        let mut num: Option<(String, Num)> = None;
        let mut override_level: Option<usize> = None;
        loop {
            let ev = match reader.read_event() {
                Ok(ev) => ev,
                Err(_) => break,
            };
            match &ev {
                Event::Start(e) | Event::Empty(e) => {
                    let empty = matches!(ev, Event::Empty(_));
                    match e.local_name().as_ref() {
                        "abstractNum" if !empty => {
                            abstract_id = attr(e, "abstractNumId");
                            levels = vec![Level::default(); LEVELS];
                        }
                        "lvl" if !empty && abstract_id.is_some() => {
                            level = ilvl(attr(e, "ilvl")).map(|i| (i, Level { start: 1, ..Level::default() }));
                        }
                        "num" if !empty => {
                            num = attr(e, "numId").map(|id| (id, Num::default()));
                        }
                        "abstractNumId" => {
                            if let Some((_, m)) = num.as_mut() {
                                m.abstract_id = attr(e, "val").unwrap_or_default();
                            }
                        }
                        "lvlOverride" if num.is_some() => override_level = ilvl(attr(e, "ilvl")),
                        "startOverride" => {
                            if let (Some((_, m)), Some(i), Some(v)) =
                                (num.as_mut(), override_level, attr(e, "val").and_then(|v| v.parse().ok()))
                            {
                                m.start_overrides.push((i, v));
                            }
                        }
                        name => {
                            if let Some((_, l)) = level.as_mut() {
                                let val = || attr(e, "val");
                                match name {
                                    "start" => l.start = val().and_then(|v| v.parse().ok()).unwrap_or(1),
                                    "numFmt" => l.format = Format::from_val(&val().unwrap_or_default()),
                                    "lvlText" => l.text = val(),
                                    "suff" => l.no_suffix = val().as_deref() == Some("nothing"),
                                    "isLgl" => l.legal = val().is_none_or(|v| v != "0" && v != "false"),
                                    "pStyle" => l.style = val(),
                                    _ => {}
                                }
                            }
                        }
                    }
                }
                Event::End(e) => match e.local_name().as_ref() {
                    "lvl" => {
                        if let Some((i, l)) = level.take() {
                            levels[i] = l;
                        }
                    }
                    "abstractNum" => {
                        if let Some(id) = abstract_id.take() {
                            n.abstracts.insert(id, std::mem::take(&mut levels));
                        }
                    }
                    "lvlOverride" => override_level = None,
                    "num" => {
                        if let Some((id, m)) = num.take() {
                            n.nums.insert(id, m);
                        }
                    }
                    _ => {}
                },
                Event::Eof => break,
                _ => {}
            }
        }
        n
    }

    /// The level of list `num_id` linked to paragraph style `style`, if any.
    pub(super) fn style_level(&self, num_id: &str, style: &str) -> Option<usize> {
        let levels = self.abstracts.get(&self.nums.get(num_id)?.abstract_id)?;
        levels.iter().position(|l| l.style.as_deref() == Some(style))
    }
}

fn ilvl(v: Option<String>) -> Option<usize> {
    v?.parse::<usize>().ok().filter(|&i| i < LEVELS)
}

/// The numbering state while the document is read in order.
#[derive(Debug, Default)]
pub(super) struct Lists {
    /// Current value of each level, by abstract definition (`None` = not yet
    /// counted since the level above last moved).
    counters: HashMap<String, [Option<u32>; LEVELS]>,
    /// Start values set by a `w:startOverride` of a list already used.
    restarts: HashMap<String, [Option<u32>; LEVELS]>,
    used: HashSet<String>,
}

impl Lists {
    /// Count one paragraph of list `num_id` at `level` and return its label
    /// and the space after it ("一、", "（二）", "3. "), or `None`
    /// (`num_id` 0, an unknown list, a bullet, no label template).
    pub(super) fn label(&mut self, numbering: &Numbering, num_id: &str, level: usize) -> Option<String> {
        if num_id == "0" || level >= LEVELS {
            return None;
        }
        let num = numbering.nums.get(num_id)?;
        let levels = numbering.abstracts.get(&num.abstract_id)?;
        let abs = num.abstract_id.as_str();
        if self.used.insert(num_id.to_owned()) && !num.start_overrides.is_empty() {
            let counters = self.counters.entry(abs.to_owned()).or_default();
            let restarts = self.restarts.entry(abs.to_owned()).or_default();
            for &(i, v) in &num.start_overrides {
                counters[i] = None;
                restarts[i] = Some(v);
            }
        }
        let restarts = self.restarts.get(abs).copied().unwrap_or_default();
        let start = |i: usize| restarts[i].unwrap_or(levels[i].start);
        let counters = self.counters.entry(abs.to_owned()).or_default();
        counters[level] = Some(counters[level].map_or(start(level), |v| v.saturating_add(1)));
        for c in &mut counters[level + 1..] {
            *c = None;
        }
        let this = &levels[level];
        if this.format == Format::NoNumber {
            return None;
        }
        let template = this.text.as_deref()?;
        let mut label = String::new();
        let mut chars = template.chars().peekable();
        while let Some(c) = chars.next() {
            let slot = (c == '%').then(|| chars.peek().and_then(|d| d.to_digit(10))).flatten();
            match slot {
                Some(d @ 1..=9) => {
                    chars.next();
                    let i = d as usize - 1;
                    let value = counters[i].unwrap_or_else(|| start(i));
                    let format = if this.legal { Format::Decimal } else { levels[i].format };
                    label.push_str(&number(value, format));
                }
                _ => label.push(c),
            }
        }
        let label = label.trim().to_owned();
        if label.is_empty() {
            return None;
        }
        // Word puts a tab after the label; a space keeps "1." from running
        // into a number in the text ("1. 2024年"), while a full-width closer
        // (一、 （一）) needs none, as typed reports write it.
        let full_width_end = label.chars().next_back().is_some_and(|c| !c.is_ascii());
        Some(if this.no_suffix || full_width_end { label } else { label + " " })
    }
}

/// `value` written in `format`.
fn number(value: u32, format: Format) -> String {
    const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    const LEGAL: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
    const STEMS: [char; 10] = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];
    match format {
        Format::Decimal | Format::NoNumber => value.to_string(),
        Format::DecimalZero => format!("{value:02}"),
        Format::DecimalFullWidth => value
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
            .collect(),
        Format::Circled => match value {
            1..=20 => char::from_u32('①' as u32 + value - 1).map_or_else(|| value.to_string(), String::from),
            _ => value.to_string(),
        },
        Format::Chinese => chinese(value, &DIGITS, '十'),
        Format::ChineseLegal => chinese(value, &LEGAL, '拾'),
        Format::HeavenlyStems => match value {
            1..=10 => STEMS[value as usize - 1].to_string(),
            _ => value.to_string(),
        },
        Format::UpperLetter | Format::LowerLetter => {
            // Word repeats the letter past Z: AA, BBB …
            let n = value.max(1) - 1;
            let base = if format == Format::UpperLetter { b'A' } else { b'a' };
            let letter = (base + (n % 26) as u8) as char;
            letter.to_string().repeat(n as usize / 26 + 1)
        }
        Format::UpperRoman => roman(value),
        Format::LowerRoman => roman(value).to_lowercase(),
    }
}

/// 1–99 in Chinese counting (十一, 二十, 九十九); Arabic digits beyond.
fn chinese(value: u32, digits: &[char; 10], ten: char) -> String {
    match value {
        0..=9 => digits[value as usize].to_string(),
        10..=99 => {
            let (tens, units) = (value / 10, value % 10);
            let mut s = String::new();
            if tens > 1 {
                s.push(digits[tens as usize]);
            }
            s.push(ten);
            if units > 0 {
                s.push(digits[units as usize]);
            }
            s
        }
        _ => value.to_string(),
    }
}

fn roman(mut value: u32) -> String {
    if value == 0 || value >= 4000 {
        return value.to_string();
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ];
    let mut s = String::new();
    for (n, r) in TABLE {
        while value >= n {
            s.push_str(r);
            value -= n;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const NUMBERING: &str = r#"<w:numbering xmlns:w="w">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:pStyle w:val="Heading1"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
        <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%4"/><w:isLgl/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="1">
        <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
      <w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
    </w:numbering>"#;

    #[test]
    fn labels_count_reset_and_restart() {
        let n = Numbering::parse(NUMBERING);
        let mut lists = Lists::default();
        let mut l = |num: &str, lvl: usize| lists.label(&n, num, lvl);
        assert_eq!(l("1", 0).as_deref(), Some("一、"));
        assert_eq!(l("1", 1).as_deref(), Some("（一）"));
        assert_eq!(l("1", 1).as_deref(), Some("（二）"));
        assert_eq!(l("1", 2).as_deref(), Some("1. "));
        assert_eq!(l("1", 2).as_deref(), Some("2. "));
        assert_eq!(l("1", 3).as_deref(), Some("1.1 "));
        assert_eq!(l("1", 0).as_deref(), Some("二、"));
        // The level below starts again after its parent moved.
        assert_eq!(l("1", 1).as_deref(), Some("（一）"));
        assert_eq!(l("2", 0), None, "a bullet has no label");
        assert_eq!(l("0", 0), None, "numId 0 is no numbering");
        assert_eq!(l("9", 0), None, "an unknown list");
        // A list that shares the definition continues it …
        assert_eq!(l("1", 0).as_deref(), Some("三、"));
        // … unless it restarts a level.
        assert_eq!(l("3", 0).as_deref(), Some("五、"));
        assert_eq!(l("3", 0).as_deref(), Some("六、"));
        assert_eq!(n.style_level("1", "Heading1"), Some(0));
        assert_eq!(n.style_level("1", "Other"), None);
    }

    #[test]
    fn number_formats() {
        assert_eq!(number(1, Format::Chinese), "一");
        assert_eq!(number(10, Format::Chinese), "十");
        assert_eq!(number(11, Format::Chinese), "十一");
        assert_eq!(number(20, Format::Chinese), "二十");
        assert_eq!(number(35, Format::Chinese), "三十五");
        assert_eq!(number(3, Format::ChineseLegal), "叁");
        assert_eq!(number(2, Format::HeavenlyStems), "乙");
        assert_eq!(number(3, Format::Circled), "③");
        assert_eq!(number(12, Format::DecimalFullWidth), "１２");
        assert_eq!(number(7, Format::DecimalZero), "07");
        assert_eq!(number(28, Format::UpperLetter), "BB");
        assert_eq!(number(14, Format::LowerRoman), "xiv");
        assert_eq!(number(0, Format::UpperRoman), "0");
    }

    #[test]
    fn broken_numbering_gives_no_labels_and_no_panic() {
        for xml in ["", "<w:numbering", "<a><w:lvl w:ilvl=\"99\"/></a>", "<w:num w:numId=\"1\"/>"] {
            let n = Numbering::parse(xml);
            let mut lists = Lists::default();
            assert_eq!(lists.label(&n, "1", 0), None, "{xml}");
            assert_eq!(lists.label(&n, "1", 42), None, "{xml}");
        }
    }
}
