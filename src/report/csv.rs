//! CSV output: one row per input file, one column per checklist item.

use super::batch::{Row, RowKind};
use crate::rules::Item;

/// The CSV text, UTF-8 with a BOM so that Excel and WPS read it as UTF-8.
pub fn write(rows: &[Row], columns: &[&Item]) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<&str> = vec![
        "path",
        "status",
        "unit",
        "level",
        "year",
        "published",
        "score",
        "gaps",
        "error",
    ];
    header.extend(columns.iter().map(|i| i.id.as_str()));
    w.write_record(&header)?;
    for row in rows {
        let mut rec: Vec<String> = vec![row.path.clone()];
        match &row.kind {
            RowKind::Audited(a) => {
                rec.extend([
                    "audited".to_owned(),
                    a.unit.clone().unwrap_or_default(),
                    a.level.map(|l| l.name().to_owned()).unwrap_or_default(),
                    a.year.map(|y| y.to_string()).unwrap_or_default(),
                    a.published.clone().unwrap_or_default(),
                    format!("{:.1}", a.score),
                    a.gaps.to_string(),
                    String::new(),
                ]);
                rec.extend(columns.iter().map(|c| {
                    a.status_of(&c.id)
                        .map(|s| s.name().to_owned())
                        .unwrap_or_default()
                }));
            }
            RowKind::Failed(f) => {
                rec.extend(["failed".to_owned()]);
                rec.extend(std::iter::repeat_n(String::new(), 6));
                rec.push(format!("{}: {}", f.kind, f.message));
                rec.extend(std::iter::repeat_n(String::new(), columns.len()));
            }
        }
        w.write_record(&rec)?;
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    let mut out = String::from("\u{feff}");
    out.push_str(&String::from_utf8(bytes).expect("CSV of UTF-8 strings is UTF-8"));
    Ok(out)
}
