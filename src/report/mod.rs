//! Stage 5: printing. Everything here reads finished audits; nothing here
//! searches or decides (ripgrep's split of searching from printing).

pub mod batch;
pub mod ci;
pub mod csv;
pub mod excerpt;
pub mod html;
pub mod human;
pub mod json;

use crate::document::Document;
use crate::engine::Audit;
use crate::rules::{Pack, Severity, Status};

/// One input file's outcome.
#[derive(Debug)]
pub enum Outcome {
    Audited(Box<Audited>),
    Failed(Failure),
}

impl Outcome {
    pub fn path(&self) -> &str {
        match self {
            Outcome::Audited(a) => &a.path,
            Outcome::Failed(f) => &f.path,
        }
    }
}

/// A report that was read and audited.
#[derive(Debug)]
pub struct Audited {
    pub path: String,
    pub doc: Document,
    pub pack: std::sync::Arc<crate::engine::CompiledPack>,
    pub audit: Audit,
    /// Notes about the audit itself (e.g. no pack for the report year).
    pub notes: Vec<String>,
}

impl Audited {
    pub fn pack(&self) -> &Pack {
        &self.pack.pack
    }

    /// Number of items that are gaps (not covered and applicable).
    pub fn gap_count(&self) -> usize {
        self.audit
            .items
            .iter()
            .filter(|r| r.status.is_gap())
            .count()
    }
}

/// How serious a gap is, `None` when the status is not a gap: a missing item
/// has the item's severity; a partial or planned one is at most a warning.
pub fn gap_severity(item: &crate::rules::Item, status: Status) -> Option<Severity> {
    match status {
        Status::Missing => Some(item.severity),
        s if s.is_gap() => Some(item.severity.min(Severity::Warning)),
        _ => None,
    }
}

impl Audited {
    /// The most serious gap or finding of the report.
    pub fn worst_severity(&self) -> Option<Severity> {
        let gaps = self
            .pack()
            .items
            .iter()
            .zip(&self.audit.items)
            .filter_map(|(i, r)| gap_severity(i, r.status));
        gaps.chain(self.audit.findings.iter().map(|f| f.severity)).max()
    }
}

/// A file that could not be audited.
#[derive(Debug, Clone)]
pub struct Failure {
    pub path: String,
    pub kind: String,
    pub message: String,
}

/// Summary counts of a batch.
#[derive(Debug, Clone, Copy, Default)]
pub struct Summary {
    pub files: usize,
    pub audited: usize,
    pub failed: usize,
    pub mean_score: Option<f64>,
}

impl Summary {
    pub fn of(outcomes: &[Outcome]) -> Summary {
        let scores: Vec<f64> = outcomes
            .iter()
            .filter_map(|o| match o {
                Outcome::Audited(a) => Some(a.audit.score),
                Outcome::Failed(_) => None,
            })
            .collect();
        Summary {
            files: outcomes.len(),
            audited: scores.len(),
            failed: outcomes.len() - scores.len(),
            mean_score: (!scores.is_empty())
                .then(|| (scores.iter().sum::<f64>() / scores.len() as f64 * 10.0).round() / 10.0),
        }
    }
}
