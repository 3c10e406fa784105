//! Terminal layout for `fazhi rules …` and `fazhi explain`: Chinese text
//! wrapped by display width (a Han character takes two columns), labels in an
//! aligned column with hanging indents, and colour only on a terminal.
//!
//! Declared from `rules_cmd.rs` (the CLI module list belongs to `cli/mod.rs`).

use std::io::IsTerminal;
use std::ops::Range;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::rules::Status;

/// Width used when stdout is not a terminal and `COLUMNS` is not set.
pub(crate) const PIPE_WIDTH: usize = 100;
/// Narrower terminals are laid out as if they were this wide.
pub(crate) const MIN_WIDTH: usize = 40;

/// What the output may use: its width in columns and whether to colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Term {
    pub width: usize,
    pub color: bool,
}

impl Term {
    /// Width and colour of stdout. On a terminal the width is the terminal's;
    /// otherwise `COLUMNS`, else [`PIPE_WIDTH`]. Colour: never with `NO_COLOR`,
    /// always with `CLICOLOR_FORCE`, else only on a terminal that is not `dumb`.
    pub fn detect() -> Term {
        let tty = std::io::stdout().is_terminal();
        let env = |k: &str| std::env::var(k).ok();
        let tty_width = if tty {
            terminal_size::terminal_size_of(std::io::stdout()).map(|(w, _)| w.0 as usize)
        } else {
            None
        };
        Term {
            width: pick_width(tty_width, env("COLUMNS").as_deref()),
            color: wants_color(tty, env),
        }
    }

    /// `text` in `paint`, when colour is on.
    pub fn paint(&self, paint: Paint, text: &str) -> String {
        if self.color && !text.is_empty() {
            format!("\x1b[{}m{text}\x1b[0m", paint.sgr())
        } else {
            text.to_owned()
        }
    }

    /// One styled line (no newline) as terminal text.
    pub fn render(&self, cells: &[Cell]) -> String {
        let mut out = String::new();
        let mut i = 0;
        while i < cells.len() {
            let paint = cells[i].paint;
            let mut run = String::new();
            while i < cells.len() && cells[i].paint == paint {
                run.push(cells[i].c);
                i += 1;
            }
            match paint {
                Some(p) => out.push_str(&self.paint(p, &run)),
                None => out.push_str(&run),
            }
        }
        out
    }
}

fn pick_width(tty_width: Option<usize>, columns: Option<&str>) -> usize {
    tty_width
        .filter(|w| *w > 0)
        .or_else(|| {
            columns
                .and_then(|c| c.trim().parse().ok())
                .filter(|w| *w > 0)
        })
        .unwrap_or(PIPE_WIDTH)
        .max(MIN_WIDTH)
}

fn wants_color(tty: bool, env: impl Fn(&str) -> Option<String>) -> bool {
    if env("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        return false;
    }
    if env("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0") {
        return true;
    }
    tty && env("TERM").as_deref() != Some("dumb")
}

/// The few styles the rule tools use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Paint {
    /// Section headings and ids.
    Strong,
    /// Field labels.
    Label,
    /// Secondary text (bases under titles, notes).
    Dim,
    /// Literal phrases and regexes of a rule.
    Pattern,
    /// The matched text inside an excerpt.
    Hit,
    Covered,
    Partial,
    Planned,
    Missing,
}

impl Paint {
    fn sgr(self) -> &'static str {
        match self {
            Paint::Strong => "1",
            Paint::Label => "36",
            Paint::Dim => "2",
            Paint::Pattern => "33",
            Paint::Hit => "1;4;33",
            Paint::Covered => "1;32",
            Paint::Partial => "1;33",
            Paint::Planned => "1;35",
            Paint::Missing => "1;31",
        }
    }

    pub fn status(s: Status) -> Paint {
        match s {
            Status::Covered => Paint::Covered,
            Status::Partial => Paint::Partial,
            Status::Planned => Paint::Planned,
            Status::Missing => Paint::Missing,
            Status::NotApplicable => Paint::Dim,
        }
    }
}

/// Display width of plain text (no escapes) in terminal columns.
pub(crate) fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

fn char_width(c: char) -> usize {
    UnicodeWidthChar::width(c).unwrap_or(0)
}

/// One character of styled text. `unit` > 0 groups characters that should not
/// be split across lines (a whole pattern, a location).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cell {
    pub c: char,
    pub paint: Option<Paint>,
    unit: u32,
}

/// Styled text to be wrapped. Tabs become spaces; other control characters
/// (except newlines, which break lines) are dropped, so nothing the report or
/// a rule file contains can move the cursor.
#[derive(Debug, Clone, Default)]
pub(crate) struct Text {
    cells: Vec<Cell>,
    next_unit: u32,
}

impl Text {
    pub fn new() -> Text {
        Text::default()
    }

    pub fn plain(s: &str) -> Text {
        let mut t = Text::new();
        t.push(s, None);
        t
    }

    pub fn styled(s: &str, paint: Paint) -> Text {
        let mut t = Text::new();
        t.push(s, Some(paint));
        t
    }

    /// Display width when not wrapped (newlines count as nothing).
    pub fn width(&self) -> usize {
        cells_width(&self.cells)
    }

    fn push_with(&mut self, s: &str, paint: Option<Paint>, unit: u32) {
        for c in s.chars() {
            let c = match c {
                '\t' => ' ',
                '\n' => '\n',
                c if c.is_control() => continue,
                // Bidi overrides and similar format characters could reorder
                // what follows them on some terminals.
                '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => continue,
                c => c,
            };
            self.cells.push(Cell { c, paint, unit });
        }
    }

    /// Text that may break between any two characters (CJK) or at spaces (Latin).
    pub fn push(&mut self, s: &str, paint: Option<Paint>) -> &mut Text {
        self.push_with(s, paint, 0);
        self
    }

    /// Text kept on one line unless it is longer than a line.
    pub fn push_unit(&mut self, s: &str, paint: Option<Paint>) -> &mut Text {
        self.next_unit += 1;
        let unit = self.next_unit;
        self.push_with(s, paint, unit);
        self
    }

    /// Units separated by `sep` (e.g. a list of patterns).
    pub fn push_units<'a>(
        &mut self,
        items: impl IntoIterator<Item = &'a str>,
        paint: Option<Paint>,
        sep: &str,
    ) -> &mut Text {
        for (i, s) in items.into_iter().enumerate() {
            if i > 0 {
                self.push(sep, None);
            }
            self.push_unit(s, paint);
        }
        self
    }

    pub fn append(&mut self, other: Text) -> &mut Text {
        let base = self.next_unit;
        for mut cell in other.cells {
            if cell.unit > 0 {
                cell.unit += base;
                self.next_unit = self.next_unit.max(cell.unit);
            }
            self.cells.push(cell);
        }
        self
    }

    /// The lines of the text wrapped at `width` columns.
    pub fn wrap(&self, width: usize) -> Vec<Vec<Cell>> {
        wrap_cells(&self.cells, width.max(2))
    }
}

/// Characters a line should not start with (they hang on the previous line's
/// last character instead).
fn no_line_start(c: char) -> bool {
    "，。、；：？！）》」』】〕〉”’…—%,.;:?!)]}·～".contains(c)
}

/// Characters a line should not end with.
fn no_line_end(c: char) -> bool {
    "（《「『【〔〈“‘([{".contains(c)
}

/// Tokens: a newline, a unit, a run of Latin letters/digits/ASCII
/// punctuation (a word), a space, or one other character.
fn tokens(cells: &[Cell]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < cells.len() {
        let start = i;
        let first = cells[i];
        i += 1;
        if first.c == '\n' {
        } else if first.unit > 0 {
            while i < cells.len() && cells[i].unit == first.unit && cells[i].c != '\n' {
                i += 1;
            }
        } else if first.c.is_ascii_graphic() {
            while i < cells.len() && cells[i].unit == 0 && cells[i].c.is_ascii_graphic() {
                i += 1;
            }
        }
        out.push(start..i);
    }
    out
}

/// Display width of a wrapped line.
pub(crate) fn cells_width(cells: &[Cell]) -> usize {
    cells.iter().map(|c| char_width(c.c)).sum()
}

fn wrap_cells(cells: &[Cell], width: usize) -> Vec<Vec<Cell>> {
    let mut lines: Vec<Vec<Cell>> = Vec::new();
    // Tokens of the line being filled.
    let mut line: Vec<&[Cell]> = Vec::new();
    let mut line_w = 0;
    // The line continues a wrapped one: leading spaces are dropped.
    let mut wrapped = false;
    let finish = |line: &mut Vec<&[Cell]>, lines: &mut Vec<Vec<Cell>>| {
        let mut out: Vec<Cell> = line.iter().flat_map(|t| t.iter().copied()).collect();
        while out.last().is_some_and(|c| c.c == ' ') {
            out.pop();
        }
        lines.push(out);
        line.clear();
    };
    for range in tokens(cells) {
        let tok = &cells[range];
        if tok[0].c == '\n' {
            finish(&mut line, &mut lines);
            line_w = 0;
            wrapped = false;
            continue;
        }
        let tw = cells_width(tok);
        let is_space = tok.iter().all(|c| c.c == ' ');
        if is_space && line.is_empty() && wrapped {
            continue;
        }
        if line_w + tw <= width {
            line.push(tok);
            line_w += tw;
            continue;
        }
        if is_space {
            finish(&mut line, &mut lines);
            line_w = 0;
            wrapped = true;
            continue;
        }
        if tw > width {
            // Longer than a line: fill this line, then break inside the token.
            for k in 0..tok.len() {
                let cw = char_width(tok[k].c);
                if line_w + cw > width && line_w > 0 {
                    finish(&mut line, &mut lines);
                    line_w = 0;
                    wrapped = true;
                }
                line.push(&tok[k..k + 1]);
                line_w += cw;
            }
            continue;
        }
        // Break before the token; keep punctuation with its neighbour.
        // Carry the line's last tokens along while the new line would start
        // with closing punctuation or the old one end with opening punctuation
        // (a few tokens at most, and never the whole line).
        let mut carry: Vec<&[Cell]> = Vec::new();
        let mut carry_w = 0;
        while line.len() >= 2 && carry.len() < 3 {
            let last = line[line.len() - 1];
            let head = carry.last().map_or(tok[0].c, |t| t[0].c);
            let moves = (no_line_start(head) && !last.iter().all(|c| c.c == ' '))
                || no_line_end(last[last.len() - 1].c);
            if !moves || carry_w + cells_width(last) + tw > width / 2 {
                break;
            }
            carry_w += cells_width(last);
            carry.push(line.pop().unwrap());
        }
        carry.reverse();
        finish(&mut line, &mut lines);
        wrapped = true;
        line_w = 0;
        for t in carry {
            line_w += cells_width(t);
            line.push(t);
        }
        line.push(tok);
        line_w += tw;
    }
    if !line.is_empty() || lines.is_empty() {
        finish(&mut line, &mut lines);
    }
    lines
}

/// Output being laid out for a [`Term`].
pub(crate) struct Page {
    pub term: Term,
    buf: String,
}

impl Page {
    pub fn new(term: Term) -> Page {
        Page {
            term,
            buf: String::new(),
        }
    }

    pub fn finish(self) -> String {
        self.buf
    }

    pub fn blank(&mut self) {
        if !self.buf.is_empty() && !self.buf.ends_with("\n\n") {
            self.buf.push('\n');
        }
    }

    /// A line of already rendered text (the caller guarantees its width).
    pub fn raw(&mut self, line: &str) {
        self.buf.push_str(line);
        self.buf.push('\n');
    }

    /// `text` wrapped; the first line starts at column `first`, the others at
    /// column `rest`.
    pub fn para(&mut self, first: usize, rest: usize, text: &Text) {
        let w = self.term.width;
        let first = first.min(w.saturating_sub(8));
        let rest = rest.min(w.saturating_sub(8));
        // Wrap to the narrower of the two, so every line fits.
        let lines = text.wrap(w - first.max(rest));
        for (i, l) in lines.iter().enumerate() {
            let indent = if i == 0 { first } else { rest };
            self.buf.push_str(&" ".repeat(indent));
            self.buf.push_str(&self.term.render(l));
            self.buf.push('\n');
        }
    }

    /// The page's title line: an item id (never broken) and its title.
    pub fn item_title(&mut self, id: &str, title: &str) {
        let mut t = Text::new();
        t.push_unit(id, Some(Paint::Strong))
            .push("　", None)
            .push(title, Some(Paint::Strong));
        self.para(0, 2, &t);
    }

    /// A section heading: 【title】 and an optional note.
    pub fn heading(&mut self, title: &str, note: &str) {
        let mut t = Text::new();
        t.push_unit(&format!("【{title}】"), Some(Paint::Strong));
        if !note.is_empty() {
            t.push(note, Some(Paint::Dim));
        }
        self.para(0, 2, &t);
    }

    /// `label` at column `indent`, `value` in a column `label_w` wide beside
    /// it, continuation lines under the value. A label wider than its column,
    /// or a value column too narrow to read, puts the value on the next line.
    pub fn field(&mut self, indent: usize, label_w: usize, label: &str, value: &Text) {
        self.field_in(indent, label_w, label, Paint::Label, value)
    }

    /// [`Page::field`] with the label in `paint`.
    pub fn field_in(
        &mut self,
        indent: usize,
        label_w: usize,
        label: &str,
        paint: Paint,
        value: &Text,
    ) {
        let w = self.term.width;
        let lw = width(label);
        let value_col = indent + label_w;
        let label_text = self.term.paint(paint, label);
        if lw + 2 > label_w || w.saturating_sub(value_col) < 24 {
            self.raw(&format!("{}{label_text}", " ".repeat(indent)));
            let col = if w.saturating_sub(value_col) < 24 {
                indent + 4
            } else {
                value_col
            };
            self.para(col, col, value);
            return;
        }
        let lines = value.wrap(w - value_col);
        for (i, l) in lines.iter().enumerate() {
            if i == 0 {
                self.buf.push_str(&" ".repeat(indent));
                self.buf.push_str(&label_text);
                self.buf.push_str(&" ".repeat(label_w - lw));
            } else {
                self.buf.push_str(&" ".repeat(value_col));
            }
            self.buf.push_str(&self.term.render(l));
            self.buf.push('\n');
        }
    }
}

/// The column width for a set of labels: the widest plus a gap of two,
/// at most `max` (wider labels get their own line).
pub(crate) fn label_column<'a>(labels: impl IntoIterator<Item = &'a str>, max: usize) -> usize {
    labels
        .into_iter()
        .map(|l| width(l) + 2)
        .filter(|w| *w <= max)
        .max()
        .unwrap_or(max)
}

/// Cut `s` to at most `max` columns, ending with "…" when cut.
pub(crate) fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = char_width(c);
        if w + cw + 1 > max {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// Pad plain text with spaces to `w` columns (left-aligned).
pub(crate) fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(width(s))))
}

/// Pad plain text with spaces to `w` columns (right-aligned).
pub(crate) fn pad_left(s: &str, w: usize) -> String {
    format!("{}{s}", " ".repeat(w.saturating_sub(width(s))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(t: &Text, w: usize) -> Vec<String> {
        t.wrap(w)
            .iter()
            .map(|l| l.iter().map(|c| c.c).collect())
            .collect()
    }

    #[test]
    fn han_text_wraps_by_columns() {
        let t = Text::plain("写明重大行政决策履行公众参与、专家论证、风险评估的情况。");
        let ls = lines(&t, 20);
        for l in &ls {
            assert!(width(l) <= 20, "{l}");
        }
        assert_eq!(
            ls.concat(),
            "写明重大行政决策履行公众参与、专家论证、风险评估的情况。"
        );
        assert_eq!(ls[0], "写明重大行政决策履行");
    }

    #[test]
    fn punctuation_does_not_start_a_line() {
        // 9 Han = 18 columns, then "，" would start line 2 at width 18.
        let t = Text::plain("一二三四五六七八九，十");
        let ls = lines(&t, 18);
        assert!(!ls[1].starts_with('，'), "{ls:?}");
        assert!(ls.iter().all(|l| width(l) <= 18));
        let t = Text::plain("一二三四五六七八“九”");
        let ls = lines(&t, 18);
        assert!(!ls[0].ends_with('“'), "{ls:?}");
        // A chain: ")" then "；" must not start a line either.
        let t = Text::plain("督察规定 年度报告内容(三)；责任人规定");
        let ls = lines(&t, 26);
        assert!(ls.iter().all(|l| !l.starts_with([')', '；'])), "{ls:?}");
    }

    #[test]
    fn latin_words_and_units_stay_whole() {
        let t = Text::plain("见 fazhi rules test 和 decision.procedures 的示例");
        let ls = lines(&t, 16);
        assert!(
            ls.iter().any(|l| l.contains("decision.procedures"))
                || ls.iter().all(|l| width(l) <= 16)
        );
        assert!(ls.iter().any(|l| l.contains("rules")), "{ls:?}");
        let mut t = Text::new();
        t.push_units(["“公众参与”", "“听证会”", "“公开征求意见”"], None, "  ");
        let ls = lines(&t, 20);
        assert_eq!(ls, ["“公众参与”  “听证会”", "“公开征求意见”"]);
    }

    #[test]
    fn overlong_tokens_and_newlines() {
        let t = Text::plain("/重大(行政)?决策[^。；]{0,12}(程序|规定|制度|机制)/\n第二行");
        for l in lines(&t, 12) {
            assert!(width(&l) <= 12, "{l}");
        }
        assert_eq!(
            lines(&t, 80),
            [
                "/重大(行政)?决策[^。；]{0,12}(程序|规定|制度|机制)/",
                "第二行"
            ]
        );
        assert_eq!(lines(&Text::plain("a\tb\u{1b}[31m"), 80), ["a b[31m"]);
    }

    #[test]
    fn colour_follows_the_environment() {
        let none = |_: &str| None;
        assert!(wants_color(true, none));
        assert!(!wants_color(false, none));
        assert!(!wants_color(true, |k: &str| (k == "NO_COLOR").then(|| "1".to_owned())));
        assert!(wants_color(false, |k: &str| (k == "CLICOLOR_FORCE")
            .then(|| "1".to_owned())));
        assert!(!wants_color(true, |k: &str| (k == "TERM").then(|| "dumb".to_owned())));
        assert_eq!(pick_width(Some(80), Some("200")), 80);
        assert_eq!(pick_width(None, Some("120")), 120);
        assert_eq!(pick_width(None, Some("x")), PIPE_WIDTH);
        assert_eq!(pick_width(Some(10), None), MIN_WIDTH);
    }

    #[test]
    fn fields_align_and_fit() {
        let mut p = Page::new(Term {
            width: 40,
            color: false,
        });
        p.field(
            2,
            8,
            "依据",
            &Text::plain("《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）"),
        );
        p.field(2, 8, "仅见于计划或问题", &Text::plain("二、2025年工作安排"));
        let out = p.finish();
        for l in out.lines() {
            assert!(width(l) <= 40, "{l}");
        }
        let ls: Vec<&str> = out.lines().collect();
        assert!(ls[0].starts_with("  依据    《"), "{out}");
        assert!(ls[1].starts_with("          "), "{out}");
        assert!(out.contains("  仅见于计划或问题\n          二、"), "{out}");
    }
}
