//! `fazhi check`: audit files in parallel and stream the results.
//!
//! Workers (a rayon pool of `-j N` threads) audit one file each, render what
//! the chosen format needs of it, and drop the document; the main thread
//! receives the results through a bounded channel, prints streaming formats as
//! they arrive and keeps only a small [`Row`] per file for the summary.

use std::io::{IsTerminal, Write};
use std::sync::mpsc;

use rayon::prelude::*;
use serde_json::Value;

use super::audit::{expand_inputs, Auditor, WalkFilter};
use crate::report::ci;
use super::{exit, CheckArgs, Format};
use crate::config::{Config, FailOn};
use crate::report::batch::{self, Row};
use crate::report::{self, human::Style, Outcome, Summary};

pub(super) fn style(color: &str) -> Style {
    let term = super::term::Term::detect();
    let color = match color {
        "always" => true,
        "never" => false,
        _ => term.color,
    };
    // miette and comfy-table read best within a readable measure
    Style {
        color,
        width: term.width.min(160),
    }
}

/// What a worker hands back for one file.
struct Done {
    index: usize,
    row: Row,
    payload: Payload,
}

enum Payload {
    None,
    /// Printed as soon as it arrives (human, table, jsonl).
    Text(String),
    /// Kept until the end, then printed in path order (json).
    Json(Value),
    /// Kept until the end (html sections).
    Html(String),
    Sarif(ci::SarifPart),
    Junit(quick_junit::TestSuite),
}

fn render(index: usize, o: &Outcome, format: Format, style: Style) -> Payload {
    match format {
        Format::Json => Payload::Json(report::json::report(o)),
        Format::Jsonl => Payload::Text(format!("{}\n", report::json::report(o))),
        Format::Human => Payload::Text(report::human::outcome(o, style)),
        Format::Table => Payload::Text(match o {
            Outcome::Audited(a) => report::human::table_only(a, style),
            _ => report::human::outcome(o, style),
        }),
        Format::Csv => Payload::None,
        Format::Html => Payload::Html(report::html::section(index, o)),
        Format::Github => Payload::Text(ci::github_outcome(o)),
        Format::Sarif => Payload::Sarif(ci::sarif_part(o)),
        Format::Junit => Payload::Junit(ci::junit_suite(o)),
    }
}

/// Where output goes: stdout, or the `-o` file.
struct Sink {
    out: Box<dyn Write>,
    to_stdout: bool,
}

impl Sink {
    fn write(&mut self, s: &str, rows: &[Row], limits: Thresholds) -> miette::Result<()> {
        match self
            .out
            .write_all(s.as_bytes())
            .and_then(|_| self.out.flush())
        {
            Err(e) if self.to_stdout && e.kind() == std::io::ErrorKind::BrokenPipe => {
                std::process::exit(exit_code(rows, limits))
            }
            r => r.map_err(|e| miette::miette!("写输出失败：{e}")),
        }
    }
}

fn progress(len: usize, quiet: bool) -> indicatif::ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let pb = indicatif::ProgressBar::with_draw_target(
        Some(len as u64),
        indicatif::ProgressDrawTarget::stderr(),
    );
    pb.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} 审核中 [{bar:30}] {pos}/{len} {per_sec} 预计剩余 {eta} {wide_msg}",
        )
        .expect("valid template")
        .progress_chars("=> "),
    );
    pb
}

pub(super) fn run(args: CheckArgs) -> miette::Result<i32> {
    let config = Config::resolve(args.config.config.as_deref(), args.config.no_config)?;
    let auditor = super::auditor(
        &config,
        &args.rules,
        args.pack.as_deref(),
        args.deadline.as_ref(),
        args.max_file_size,
    )?;
    let limits = Thresholds {
        fail_under: args.fail_under.or(config.fail_under),
        fail_on: args.fail_on.or(config.fail_on),
    };
    // Command-line globs replace the configuration's.
    let (include, exclude) = (
        if args.glob.is_empty() { &config.include } else { &args.glob },
        if args.exclude.is_empty() { &config.exclude } else { &args.exclude },
    );
    let filter = WalkFilter::new(include, exclude)?;
    let inputs = expand_inputs(&args.paths, &filter);
    if inputs.is_empty() {
        return Err(miette::miette!(
            help = "支持 .txt .md .html .htm .docx .pdf 等格式",
            "在 {} 中没有找到报告文件",
            args.paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join("、")
        ));
    }
    let format = args.format.unwrap_or(Format::Human);
    if format == Format::Html && args.output.is_none() {
        return Err(miette::miette!(
            help = "例如：fazhi check --format html -o report.html DIR",
            "HTML 报告需要用 -o/--output 指定输出文件"
        ));
    }
    let mut sink = match &args.output {
        Some(path) => Sink {
            out: Box::new(std::io::BufWriter::new(
                std::fs::File::create(path)
                    .map_err(|e| miette::miette!("无法创建输出文件 {}：{e}", path.display()))?,
            )),
            to_stdout: false,
        },
        None => Sink {
            out: Box::new(std::io::stdout().lock()),
            to_stdout: true,
        },
    };
    let style = if args.output.is_some() {
        Style {
            color: args.color == "always",
            width: 100,
        }
    } else {
        style(&args.color)
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
        .map_err(|e| miette::miette!("无法创建线程池：{e}"))?;
    let pb = progress(inputs.len(), args.quiet);

    let mut rows: Vec<(usize, Row)> = Vec::with_capacity(inputs.len());
    let mut json_reports: Vec<(usize, Value)> = Vec::new();
    let mut html_sections: Vec<(usize, String)> = Vec::new();
    let mut sarif_parts: Vec<(usize, ci::SarifPart)> = Vec::new();
    let mut junit_suites: Vec<(usize, quick_junit::TestSuite)> = Vec::new();
    let (tx, rx) = mpsc::sync_channel::<Done>(4 * pool.current_num_threads().max(1));
    std::thread::scope(|scope| -> miette::Result<()> {
        let auditor = &auditor;
        let inputs = &inputs;
        let pool = &pool;
        scope.spawn(move || {
            pool.install(|| {
                inputs
                    .par_iter()
                    .enumerate()
                    .for_each_with(tx, |tx, (index, path)| {
                        let outcome = auditor.audit_path(path);
                        let row = Row::of(&outcome);
                        let payload = render(index, &outcome, format, style);
                        drop(outcome);
                        // The receiver only goes away when the process ends.
                        let _ = tx.send(Done {
                            index,
                            row,
                            payload,
                        });
                    })
            })
        });
        let mut sofar: Vec<Row> = Vec::new();
        for done in rx {
            pb.inc(1);
            pb.set_message(done.row.path.clone());
            match done.payload {
                Payload::Text(text) => {
                    pb.suspend(|| sink.write(&text, &sofar, limits))?;
                }
                Payload::Json(v) => json_reports.push((done.index, v)),
                Payload::Html(h) => html_sections.push((done.index, h)),
                Payload::Sarif(p) => sarif_parts.push((done.index, p)),
                Payload::Junit(j) => junit_suites.push((done.index, j)),
                Payload::None => {}
            }
            if matches!(done.row.kind, batch::RowKind::Failed(_)) {
                // enough for the exit code on a closed pipe
                sofar.push(done.row.clone());
            }
            rows.push((done.index, done.row));
        }
        Ok(())
    })?;
    pb.finish_and_clear();

    rows.sort_by_key(|(i, _)| *i);
    let rows: Vec<Row> = rows.into_iter().map(|(_, r)| r).collect();
    let summary = Summary::of_rows(&rows);
    match format {
        Format::Json => {
            json_reports.sort_by_key(|(i, _)| *i);
            let doc = serde_json::json!({
                "tool": report::json::tool(),
                "reports": json_reports.into_iter().map(|(_, v)| v).collect::<Vec<_>>(),
                "summary": report::json::summary(&summary),
            });
            let text = format!(
                "{}\n",
                serde_json::to_string_pretty(&doc).expect("JSON values serialise")
            );
            sink.write(&text, &rows, limits)?;
        }
        Format::Jsonl | Format::Github => {}
        Format::Sarif => {
            sarif_parts.sort_by_key(|(i, _)| *i);
            let log = ci::sarif_log(sarif_parts.into_iter().map(|(_, p)| p));
            let text = format!(
                "{}\n",
                serde_json::to_string_pretty(&log).expect("JSON values serialise")
            );
            sink.write(&text, &rows, limits)?;
        }
        Format::Junit => {
            junit_suites.sort_by_key(|(i, _)| *i);
            let xml = ci::junit_report(junit_suites.into_iter().map(|(_, j)| j));
            sink.write(&xml, &rows, limits)?;
        }
        Format::Human | Format::Table => {
            if !args.quiet && rows.len() > 1 {
                sink.write(&batch::summary(&rows, style), &rows, limits)?;
                sink.write(
                    &report::human::summary_line(&summary),
                    &rows,
                    limits,
                )?;
            }
        }
        Format::Csv => {
            let columns = columns(&auditor);
            let csv = report::csv::write(&rows, &columns)
                .map_err(|e| miette::miette!("写 CSV 失败：{e}"))?;
            sink.write(&csv, &rows, limits)?;
        }
        Format::Html => {
            html_sections.sort_by_key(|(i, _)| *i);
            let sections: Vec<String> = html_sections.into_iter().map(|(_, s)| s).collect();
            let columns = columns(&auditor);
            let page = report::html::page(&rows, &columns, &sections, &summary);
            sink.write(&page, &rows, limits)?;
        }
    }
    if let Some(path) = &args.output {
        if !args.quiet {
            eprintln!("已写入 {}", path.display());
        }
    }
    Ok(exit_code(&rows, limits))
}

/// The checklist items a batch can have: the forced pack's, or every pack's.
fn columns(auditor: &Auditor) -> Vec<&crate::rules::Item> {
    match &auditor.forced {
        Some(p) => batch::item_columns([p.as_ref()]),
        None => batch::item_columns(auditor.packs.iter().map(|p| p.as_ref())),
    }
}

/// The thresholds that make a run fail with exit code 1.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Thresholds {
    pub fail_under: Option<f64>,
    pub fail_on: Option<FailOn>,
}

/// 2 if any file failed; 1 if a threshold was crossed; else 0.
pub(super) fn exit_code(rows: &[Row], limits: Thresholds) -> i32 {
    if rows
        .iter()
        .any(|r| matches!(r.kind, batch::RowKind::Failed(_)))
    {
        return exit::ERROR;
    }
    let below = |min: f64| rows.iter().any(|r| r.score().is_some_and(|s| s < min));
    let reaches = |level: FailOn| {
        rows.iter()
            .filter_map(Row::audited)
            .any(|a| a.worst.is_some_and(|w| w >= level.threshold()))
    };
    if limits.fail_under.is_some_and(below) || limits.fail_on.is_some_and(reaches) {
        return exit::THRESHOLD;
    }
    exit::OK
}
