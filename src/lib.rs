//! fazhi — an auditor for Chinese annual reports on building rule-of-law government
//! (法治政府建设年度报告).
//!
//! The crate is a one-way pipeline, one module per stage:
//! `ingest` (bytes → text) → `document` (metadata, sections, roles) → `rules`
//! (YAML packs) → `engine` (scan, statuses, findings, score) → `report` (output),
//! with `cli` on top.

pub mod cli;
pub mod config;
pub mod document;
pub mod engine;
pub mod ingest;
pub mod report;
pub mod rules;
pub mod span;
