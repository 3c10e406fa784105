//! What a batch keeps of each report once its document is dropped: enough for
//! the summary tables, CSV and the HTML overview, and nothing that grows with
//! the length of the report.

use std::collections::HashMap;
use std::sync::Arc;

use comfy_table::{presets, Cell, CellAlignment, ContentArrangement, Table};

use super::human::Style;
use super::{Failure, Outcome, Summary};
use crate::document::Level;
use crate::engine::CompiledPack;
use crate::rules::{Item, Severity, Status};

/// One input file of a batch.
#[derive(Debug, Clone)]
pub struct Row {
    pub path: String,
    pub kind: RowKind,
}

#[derive(Debug, Clone)]
pub enum RowKind {
    Audited(AuditedRow),
    Failed(Failure),
}

#[derive(Debug, Clone)]
pub struct AuditedRow {
    pub unit: Option<String>,
    pub level: Option<Level>,
    pub year: Option<i32>,
    pub published: Option<String>,
    pub pack: Arc<CompiledPack>,
    pub score: f64,
    /// One status per item of `pack`, in pack order.
    pub statuses: Vec<Status>,
    pub gaps: usize,
    /// The most serious gap or finding (for `fail_on`).
    pub worst: Option<Severity>,
}

impl AuditedRow {
    pub fn items(&self) -> impl Iterator<Item = (&Item, Status)> {
        self.pack
            .pack
            .items
            .iter()
            .zip(self.statuses.iter().copied())
    }

    /// The gaps, heaviest first (pack order among equals).
    pub fn worst_gaps(&self) -> Vec<&Item> {
        let mut gaps: Vec<&Item> = self
            .items()
            .filter(|(_, s)| s.is_gap())
            .map(|(i, _)| i)
            .collect();
        gaps.sort_by(|a, b| b.weight.total_cmp(&a.weight));
        gaps
    }

    pub fn status_of(&self, id: &str) -> Option<Status> {
        self.items().find(|(i, _)| i.id == id).map(|(_, s)| s)
    }
}

impl Row {
    pub fn of(o: &Outcome) -> Row {
        match o {
            Outcome::Audited(a) => {
                let m = &a.doc.meta;
                Row {
                    path: a.path.clone(),
                    kind: RowKind::Audited(AuditedRow {
                        unit: m.unit.clone(),
                        level: m.level,
                        year: m.year,
                        published: m.published.clone(),
                        pack: a.pack.clone(),
                        score: a.audit.score,
                        statuses: a.audit.items.iter().map(|r| r.status).collect(),
                        gaps: a.gap_count(),
                        worst: a.worst_severity(),
                    }),
                }
            }
            Outcome::Failed(f) => Row {
                path: f.path.clone(),
                kind: RowKind::Failed(f.clone()),
            },
        }
    }

    pub fn audited(&self) -> Option<&AuditedRow> {
        match &self.kind {
            RowKind::Audited(a) => Some(a),
            RowKind::Failed(_) => None,
        }
    }

    pub fn score(&self) -> Option<f64> {
        self.audited().map(|a| a.score)
    }
}

impl Summary {
    pub fn of_rows(rows: &[Row]) -> Summary {
        let scores: Vec<f64> = rows.iter().filter_map(Row::score).collect();
        Summary {
            files: rows.len(),
            audited: scores.len(),
            failed: rows.len() - scores.len(),
            mean_score: (!scores.is_empty())
                .then(|| (scores.iter().sum::<f64>() / scores.len() as f64 * 10.0).round() / 10.0),
        }
    }
}

/// Every item id of the given packs, in order of first appearance, with the
/// item (from the first pack that has it).
pub fn item_columns<'a>(packs: impl IntoIterator<Item = &'a CompiledPack>) -> Vec<&'a Item> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for p in packs {
        for item in &p.pack.items {
            if seen.insert(item.id.as_str()) {
                out.push(item);
            }
        }
    }
    out
}

/// Rows sorted by score, lowest first; failed files last, by path.
pub fn by_score(rows: &[Row]) -> Vec<&Row> {
    let mut sorted: Vec<&Row> = rows.iter().collect();
    sorted.sort_by(|a, b| match (a.score(), b.score()) {
        (Some(x), Some(y)) => x.total_cmp(&y).then_with(|| a.path.cmp(&b.path)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.path.cmp(&b.path),
    });
    sorted
}

fn file_name(path: &str) -> &str {
    std::path::Path::new(path)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(path)
}

/// How many worst gaps the batch table names.
const WORST: usize = 3;

fn new_table(style: Style, header: &[&str]) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(style.width as u16)
        .set_header(header.to_vec());
    table
}

/// The table of reports, lowest score first.
pub fn reports_table(rows: &[Row], style: Style) -> Table {
    let mut table = new_table(
        style,
        &["文件", "单位", "层级", "年度", "得分", "缺口数", "最主要的缺口"],
    );
    for row in by_score(rows) {
        match &row.kind {
            RowKind::Audited(a) => {
                let worst: Vec<&str> = a
                    .worst_gaps()
                    .iter()
                    .take(WORST)
                    .map(|i| i.title.as_str())
                    .collect();
                let more = a.gaps.saturating_sub(WORST);
                table.add_row(vec![
                    Cell::new(file_name(&row.path)),
                    Cell::new(a.unit.as_deref().unwrap_or("未识别")),
                    Cell::new(a.level.map(|l| l.label_zh()).unwrap_or("未识别")),
                    Cell::new(
                        a.year
                            .map(|y| y.to_string())
                            .unwrap_or_else(|| "未识别".into()),
                    ),
                    Cell::new(format!("{:.1}", a.score)).set_alignment(CellAlignment::Right),
                    Cell::new(a.gaps).set_alignment(CellAlignment::Right),
                    Cell::new(if more > 0 {
                        format!("{}等", worst.join("、"))
                    } else {
                        worst.join("、")
                    }),
                ]);
            }
            RowKind::Failed(f) => {
                table.add_row(vec![
                    Cell::new(file_name(&row.path)),
                    Cell::new("—"),
                    Cell::new("—"),
                    Cell::new("—"),
                    Cell::new("失败"),
                    Cell::new("—"),
                    Cell::new(format!("无法审核：{}", f.message)),
                ]);
            }
        }
    }
    table
}

/// For each checklist item, how many audited reports miss it (status neither
/// covered nor not applicable), most missed first.
pub fn missed_by_item(rows: &[Row]) -> Vec<(&Item, usize, usize)> {
    // id -> (item, missed, applicable)
    let mut order: Vec<&str> = Vec::new();
    let mut counts: HashMap<&str, (&Item, usize, usize)> = HashMap::new();
    for a in rows.iter().filter_map(Row::audited) {
        for (item, status) in a.items() {
            let e = counts.entry(item.id.as_str()).or_insert_with(|| {
                order.push(item.id.as_str());
                (item, 0, 0)
            });
            if status != Status::NotApplicable {
                e.2 += 1;
            }
            if status.is_gap() {
                e.1 += 1;
            }
        }
    }
    let mut out: Vec<(&Item, usize, usize)> = order.iter().map(|id| counts[id]).collect();
    // most missed first; among equals, the heavier item first
    out.sort_by(|a, b| b.1.cmp(&a.1).then(b.0.weight.total_cmp(&a.0.weight)));
    out
}

/// The aggregate: what the supervising department should push on next year.
pub fn aggregate_table(rows: &[Row], style: Style) -> Table {
    let mut table = new_table(
        style,
        &["条目", "内容", "权重", "缺失报告数", "适用报告数", "缺失比例"],
    );
    // ids never wrap: a broken id cannot be searched for or copied
    if let Some(c) = table.column_mut(0) {
        c.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
    }
    for (item, missed, applicable) in missed_by_item(rows) {
        let share = if applicable > 0 {
            format!("{:.0}%", missed as f64 * 100.0 / applicable as f64)
        } else {
            "—".into()
        };
        table.add_row(vec![
            Cell::new(&item.id),
            Cell::new(&item.title),
            Cell::new(item.weight).set_alignment(CellAlignment::Right),
            Cell::new(missed).set_alignment(CellAlignment::Right),
            Cell::new(applicable).set_alignment(CellAlignment::Right),
            Cell::new(share).set_alignment(CellAlignment::Right),
        ]);
    }
    table
}

/// The whole batch summary for human and table formats.
pub fn summary(rows: &[Row], style: Style) -> String {
    let mut out = String::new();
    out.push_str("\n━━ 汇总：各报告（按得分从低到高）━━\n");
    out.push_str(&reports_table(rows, style).to_string());
    out.push('\n');
    if rows.iter().any(|r| r.audited().is_some()) {
        out.push_str("\n━━ 汇总：各条目缺失情况（按缺失报告数排序）━━\n");
        out.push_str(&aggregate_table(rows, style).to_string());
        out.push('\n');
    }
    out
}
