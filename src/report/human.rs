//! Human output: a header, every gap and finding as a miette diagnostic with the
//! report text around it, then a table of all items.

use comfy_table::{presets, Cell, Color, ContentArrangement, Table};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, Report};

use super::excerpt::Excerpt;

use super::{Audited, Failure, Outcome, Summary};
use crate::rules::{Severity, Status};

/// Rendering options.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
    pub width: usize,
}

fn handler(style: Style) -> GraphicalReportHandler {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_context_lines(1)
}

fn miette_severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

/// Render a diagnostic with an excerpt of the line of its first label; labels on
/// other lines are named in a note instead.
fn render(
    style: Style,
    diag: MietteDiagnostic,
    path: &str,
    doc: &crate::document::Document,
    places: Elsewhere,
) -> String {
    let mut diag = diag;
    let labels: Vec<LabeledSpan> = diag.labels.take().unwrap_or_default();
    let Some(primary) = labels.first() else {
        return render_plain(style, diag);
    };
    let range = |l: &LabeledSpan| l.offset()..l.offset() + l.len();
    let ranges: Vec<_> = labels.iter().map(range).collect();
    let excerpt = Excerpt::new(path, doc, &ranges[0], &ranges, style.width);
    let (shown, elsewhere): (Vec<LabeledSpan>, Vec<LabeledSpan>) = labels
        .iter()
        .cloned()
        .partition(|l| excerpt.contains(&range(l)));
    if !elsewhere.is_empty() && places == Elsewhere::Note {
        let places: Vec<String> = elsewhere
            .iter()
            .map(|l| {
                let (line, col) = doc.lines.line_col(&doc.text, l.offset());
                format!(
                    "第 {line} 行第 {col} 列{}",
                    l.label().map(|t| format!("（{t}）")).unwrap_or_default()
                )
            })
            .collect();
        let note = format!("另见：{}", places.join("；"));
        diag.help = Some(match diag.help.take() {
            Some(h) => format!("{h}\n{note}"),
            None => note,
        });
    }
    let _ = primary;
    let mut out = String::from("\n");
    render_into(&mut out, style, diag.with_labels(shown), excerpt);
    if places == Elsewhere::Snippets {
        for l in elsewhere {
            let r = range(&l);
            let label = l.label().unwrap_or("另见").to_owned();
            let see = MietteDiagnostic::new(format!("另见：{label}"))
                .with_severity(miette::Severity::Advice)
                .with_labels([LabeledSpan::at(r.clone(), label)]);
            render_into(&mut out, style, see, Excerpt::new(path, doc, &r, &[], style.width));
        }
    }
    out
}

/// How labels outside the first label's line are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Elsewhere {
    /// As "另见：第 N 行第 M 列" in the help text.
    Note,
    /// As a snippet of their own (both copies of a duplicate, say).
    Snippets,
}

fn render_into(out: &mut String, style: Style, diag: MietteDiagnostic, excerpt: Excerpt) {
    let report = Report::new(diag).with_source_code(excerpt);
    if handler(style).render_report(out, report.as_ref()).is_err() {
        out.push_str(&format!("{report}\n"));
    }
}

fn status_label(status: Status) -> &'static str {
    match status {
        Status::Missing => "未写明",
        Status::Partial => "只写了部分内容",
        Status::Planned => "只见于问题或计划",
        _ => "",
    }
}

/// Full human report of one audited file.
pub fn audited(a: &Audited, style: Style) -> String {
    let doc = &a.doc;
    let pack = a.pack();
    let m = &doc.meta;
    let mut out = String::new();
    out.push_str(&format!("━━ {} ━━\n", a.path));
    out.push_str(&format!(
        "单位：{}　年度：{}　层级：{}　发布日期：{}\n规则包：{}（{}）　得分：{:.1}　缺口：{} 项　问题：{} 条\n",
        m.unit.as_deref().unwrap_or("未识别"),
        m.year.map(|y| y.to_string()).unwrap_or_else(|| "未识别".into()),
        m.level.map(|l| l.label_zh()).unwrap_or("未识别"),
        m.published.as_deref().unwrap_or("未识别"),
        pack.id,
        pack.title,
        a.audit.score,
        a.gap_count(),
        a.audit.findings.len(),
    ));
    for note in &a.notes {
        out.push_str(&format!("注意：{note}\n"));
    }
    out.push('\n');
    for (item, r) in pack.items.iter().zip(&a.audit.items) {
        if !r.status.is_gap() {
            continue;
        }
        let mut diag = MietteDiagnostic::new(format!(
            "{} [{}] {}",
            item.id,
            r.status.label_zh(),
            r.message
        ))
        .with_severity(miette_severity(
            super::gap_severity(item, r.status).unwrap_or(item.severity),
        ));
        let mut help = format!("依据：{}", item.basis);
        if let Some(h) = &item.help {
            help = format!("{h}\n{help}");
        }
        diag = diag.with_help(help);
        let labels: Vec<LabeledSpan> = if r.evidence.is_empty() {
            r.anchor
                .iter()
                .map(|a| {
                    // A structure item's anchor is the part it belongs in; a
                    // content item's is the section about it (`belongs_under`)
                    // or else only where the account of the year starts.
                    let label = if item.role.is_some() {
                        format!("{}（应写在此部分）", status_label(r.status))
                    } else if r.anchor_fits {
                        format!("{}（宜写入此部分）", status_label(r.status))
                    } else {
                        format!("{}（全文未写到此项）", status_label(r.status))
                    };
                    LabeledSpan::at(a.clone(), label)
                })
                .collect()
        } else {
            r.evidence
                .iter()
                .map(|e| LabeledSpan::at(e.clone(), status_label(r.status)))
                .collect()
        };
        diag = diag.with_labels(labels);
        out.push_str(&render(style, diag, &a.path, doc, Elsewhere::Note));
    }
    for f in &a.audit.findings {
        let mut diag = MietteDiagnostic::new(format!("{} {}", f.id, f.message))
            .with_severity(miette_severity(f.severity));
        if let Some(s) = &f.suggestion {
            diag = diag.with_help(format!("建议：{s}"));
        }
        let mut labels = vec![LabeledSpan::at(f.range.clone(), "此处")];
        labels.extend(
            f.related
                .iter()
                .map(|(r, l)| LabeledSpan::at(r.clone(), l.clone())),
        );
        out.push_str(&render(
            style,
            diag.with_labels(labels),
            &a.path,
            doc,
            Elsewhere::Snippets,
        ));
    }
    out.push_str(&item_table(a, style).to_string());
    out.push('\n');
    out
}

fn status_color(status: Status) -> Color {
    match status {
        Status::Covered => Color::Green,
        Status::Partial => Color::Yellow,
        Status::Planned => Color::DarkYellow,
        Status::Missing => Color::Red,
        Status::NotApplicable => Color::Grey,
    }
}

fn item_table(a: &Audited, style: Style) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    table.set_width(style.width as u16);
    table.set_header(vec!["条目", "内容", "状态", "权重", "说明"]);
    // ids never wrap: a broken id cannot be searched for or copied
    if let Some(c) = table.column_mut(0) {
        c.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
    }
    for (item, r) in a.pack().items.iter().zip(&a.audit.items) {
        let mut status = Cell::new(r.status.label_zh());
        if style.color {
            status = status.fg(status_color(r.status));
        }
        let note = if r.status.is_gap() || r.status == Status::NotApplicable {
            r.message.clone()
        } else {
            String::new()
        };
        table.add_row(vec![
            Cell::new(&item.id),
            Cell::new(&item.title),
            status,
            Cell::new(item.weight),
            Cell::new(note),
        ]);
    }
    table
}

fn render_plain(style: Style, diag: MietteDiagnostic) -> String {
    let report = Report::new(diag);
    let mut out = String::new();
    if handler(style)
        .render_report(&mut out, report.as_ref())
        .is_err()
    {
        out = format!("{report}\n");
    }
    out
}

/// A failed file, as a diagnostic line.
pub fn failed(f: &Failure, style: Style) -> String {
    let diag = MietteDiagnostic::new(format!("{}：{}", f.path, f.message))
        .with_code(format!("fazhi::input::{}", f.kind))
        .with_severity(miette::Severity::Error);
    render_plain(style, diag)
}

pub fn outcome(o: &Outcome, style: Style) -> String {
    match o {
        Outcome::Audited(a) => audited(a, style),
        Outcome::Failed(f) => failed(f, style),
    }
}

pub fn summary_line(s: &Summary) -> String {
    format!(
        "共 {} 个文件：已审核 {}，失败 {}{}\n",
        s.files,
        s.audited,
        s.failed,
        s.mean_score
            .map(|m| format!("，平均得分 {m:.1}"))
            .unwrap_or_default()
    )
}

/// Only the header line and the table of items.
pub fn table_only(a: &Audited, style: Style) -> String {
    format!(
        "{}　得分 {:.1}\n{}\n",
        a.path,
        a.audit.score,
        item_table(a, style)
    )
}
