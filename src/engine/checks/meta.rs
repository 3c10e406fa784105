//! `meta.unknown-year` and `meta.publication-deadline`.

use super::{finding, first_line};
use crate::document::Document;
use crate::engine::Finding;
use crate::rules::checks::{Deadline, FindingSpec};

/// No report year: point at the title, or the first line.
pub fn unknown_year(doc: &Document, spec: &FindingSpec) -> Option<Finding> {
    if doc.meta.year.is_some() {
        return None;
    }
    let range = doc
        .meta
        .title_range
        .clone()
        .unwrap_or_else(|| first_line(doc));
    Some(finding(spec, range, &[]))
}

/// Parse `YYYY-MM-DD` (the form `Meta::published` has; a time may follow).
fn parse_date(s: &str) -> Option<(i32, u32, u32)> {
    let p: Vec<&str> = s.trim().split(['-', ' ', 'T']).collect();
    match p.as_slice() {
        [y, m, d, ..] => Some((y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)),
        _ => None,
    }
}

/// The publication date is strictly after the deadline for the report year.
pub fn deadline(doc: &Document, c: &Deadline) -> Option<Finding> {
    let year = doc.meta.year?;
    let published = doc.meta.published.as_deref()?;
    let (py, pm, pd) = parse_date(published)?;
    let local = c.overrides.iter().find(|o| {
        let unit = doc.meta.unit.as_deref().unwrap_or("");
        let title = doc.meta.title.as_deref().unwrap_or("");
        o.unit.is_match(unit) || o.unit.is_match(title)
    });
    let (month, day, basis) = match local {
        Some(o) => (o.month, o.day, o.basis.clone()),
        None => (c.month, c.day, c.basis.clone()),
    };
    let dy = year + c.year_offset;
    if (py, pm, pd) <= (dy, month, day) {
        return None;
    }
    let range = doc
        .meta
        .published_range
        .clone()
        .or_else(|| doc.meta.title_range.clone())?;
    let deadline = format!("{dy}年{month}月{day}日");
    let year_s = year.to_string();
    let basis = basis.unwrap_or_default();
    let vars = [
        ("published", published),
        ("deadline", deadline.as_str()),
        ("year", year_s.as_str()),
        ("basis", basis.as_str()),
    ];
    let mut f = finding(&c.finding, range, &vars);
    // An empty basis leaves "（…，）": tidy it.
    f.message = f.message.replace("，）", "）");
    Some(f)
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{checks, doc, ids};
    use super::*;

    const ID: &str = "meta.publication-deadline";

    fn report(published: &str) -> String {
        format!("某某区2022年法治政府建设年度报告\n发布时间：{published}\n一、主要举措和成效\n全面推行行政执法三项制度。\n")
    }

    #[test]
    fn late_publication_is_flagged() {
        let f = ids(&report("2023-04-12"), ID);
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("2023-04-12"), "{}", f[0].message);
        assert!(f[0].message.contains("2023年4月1日"), "{}", f[0].message);
    }

    #[test]
    fn first_of_april_and_before_are_on_time() {
        assert!(ids(&report("2023-04-01"), ID).is_empty());
        assert!(ids(&report("2023-03-31"), ID).is_empty());
        assert!(ids(&report("2023-01-05"), ID).is_empty());
    }

    #[test]
    fn no_date_no_finding() {
        let text =
            "某某区2022年法治政府建设年度报告\n一、主要举措和成效\n全面推行行政执法三项制度。\n";
        assert!(ids(text, ID).is_empty());
    }

    #[test]
    fn local_override_moves_the_deadline() {
        let mut c = checks().publication_deadline.clone().unwrap();
        c.overrides.push(crate::rules::checks::DeadlineOverride {
            unit: crate::rules::lazy::LazyRegex::new("^某某区", false).unwrap().0,
            month: 3,
            day: 1,
            basis: Some("某省指引".into()),
        });
        let d = doc(&report("2023-03-12"));
        let f = deadline(&d, &c).expect("late under the local rule");
        assert!(f.message.contains("某省指引"), "{}", f.message);
        let d = doc(&report("2023-02-28"));
        assert!(deadline(&d, &c).is_none());
    }

    #[test]
    fn unknown_year_points_at_title() {
        let text = "某某区法治政府建设情况报告\n一、主要举措和成效\n全面推行行政执法三项制度。\n";
        let d = doc(text);
        let f = ids(text, "meta.unknown-year");
        assert_eq!(f.len(), 1);
        assert!(d.text[f[0].range.clone()].contains("法治政府建设"));
        assert!(ids(&report("2023-03-01"), "meta.unknown-year").is_empty());
    }

    #[test]
    fn dates_parse() {
        assert_eq!(parse_date("2023-04-12"), Some((2023, 4, 12)));
        assert_eq!(parse_date("2023-4-2 10:00"), Some((2023, 4, 2)));
        assert_eq!(parse_date("x"), None);
    }
}
