//! `fazhi check`: audit files in parallel and stream the results.
//!
//! Workers (`-j N` threads) take the files in order, audit one each, render
//! what the chosen format needs of it, and drop the document; the main thread
//! receives the results through a bounded channel, puts them back in input
//! order (a few files at most wait, since workers take files in order), prints
//! streaming formats — JSON included — as they come and keeps only a small
//! [`Row`] per file for the summary, so memory does not grow with the batch.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

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
    /// Printed in input order as soon as the files before it are done
    /// (human, table, jsonl, github).
    Text(String),
    /// One element of the JSON document's `reports` array, already
    /// serialised and indented; printed like `Text`, with separators.
    Json(Vec<u8>),
    /// Kept until the end (html sections).
    Html(String),
    Sarif(ci::SarifPart),
    Junit(quick_junit::TestSuite),
}

fn render(index: usize, o: &Outcome, format: Format, style: Style) -> Payload {
    match format {
        Format::Json => Payload::Json(json_element(&report::json::report(o))),
        Format::Jsonl => Payload::Text(format!(
            "{}\n",
            serde_json::to_string(&report::json::report(o)).expect("reports serialise")
        )),
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

/// Indentation of an element of the top-level `reports` array in the pretty
/// JSON document.
const JSON_ELEMENT_INDENT: &str = "    ";

/// A report serialised as an element of the pretty-printed `reports` array:
/// serde_json's pretty form, each line indented one level deeper (JSON strings
/// hold no raw line breaks, so indenting after every line break is exact).
fn json_element(report: &impl serde::Serialize) -> Vec<u8> {
    // Room for a typical report's document: grown a few times at most.
    let mut pretty = Vec::with_capacity(48 * 1024);
    serde_json::to_writer_pretty(&mut pretty, report).expect("JSON values serialise");
    let mut out = Vec::with_capacity(pretty.len() + pretty.len() / 4);
    out.extend_from_slice(JSON_ELEMENT_INDENT.as_bytes());
    let mut from = 0;
    for at in memchr::memchr_iter(b'\n', &pretty) {
        out.extend_from_slice(&pretty[from..=at]);
        out.extend_from_slice(JSON_ELEMENT_INDENT.as_bytes());
        from = at + 1;
    }
    out.extend_from_slice(&pretty[from..]);
    out
}

/// Where output goes: stdout, or the `-o` file.
struct Sink {
    out: Box<dyn Write>,
    to_stdout: bool,
}

impl Sink {
    fn write(&mut self, s: &str, rows: &[Row], limits: Thresholds) -> miette::Result<()> {
        self.write_parts(&[s.as_bytes()], rows, limits)
    }

    /// Write the parts one after the other, then flush once.
    fn write_parts(&mut self, parts: &[&[u8]], rows: &[Row], limits: Thresholds) -> miette::Result<()> {
        match parts
            .iter()
            .try_for_each(|p| self.out.write_all(p))
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
    // Never freed: the process ends with this command (freeing the compiled
    // rules would only cost time), and the warm-up thread below may still be
    // compiling then.
    let auditor: &'static Auditor = Box::leak(Box::new(auditor));
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
    let threads = args
        .jobs
        .filter(|&j| j > 0)
        .unwrap_or_else(cores)
        .min(inputs.len());
    let pb = progress(inputs.len(), args.quiet);
    // No more files than cores (not `-j 1` over a batch): what compiles
    // fastest beats what searches fastest.
    crate::rules::lazy::set_few_texts(inputs.len() <= cores());

    let mut rows: Vec<Row> = Vec::with_capacity(inputs.len());
    let mut html_sections: Vec<String> = Vec::new();
    let mut sarif_parts: Vec<ci::SarifPart> = Vec::new();
    let mut junit_suites: Vec<quick_junit::TestSuite> = Vec::new();
    let (tx, rx) = mpsc::sync_channel::<Done>(4 * threads);
    let next_input = AtomicUsize::new(0);
    std::thread::scope(|scope| -> miette::Result<()> {
        // Fewer files than cores: a spare core compiles the rules meanwhile,
        // detached, so that the rules the files did not need never hold up
        // the end of the run.
        if threads < cores() {
            std::thread::Builder::new()
                .name("fazhi-warm".into())
                .spawn(|| auditor.warm())
                .map_err(|e| miette::miette!("无法创建线程：{e}"))?;
        }
        for _ in 0..threads {
            let tx = tx.clone();
            let (inputs, next_input) = (&inputs, &next_input);
            let worker = std::thread::Builder::new().name("fazhi-audit".into());
            worker.spawn_scoped(scope, move || loop {
                let index = next_input.fetch_add(1, Ordering::Relaxed);
                let Some(path) = inputs.get(index) else { break };
                let outcome = auditor.audit_path(path);
                let row = Row::of(&outcome);
                let payload = render(index, &outcome, format, style);
                drop(outcome);
                // The receiver only goes away when the process ends.
                if tx.send(Done { index, row, payload }).is_err() {
                    break;
                }
            })
            .map_err(|e| miette::miette!("无法创建线程：{e}"))?;
        }
        drop(tx);
        // Results that came before an earlier file's, by index.
        let mut waiting: BTreeMap<usize, Done> = BTreeMap::new();
        for done in rx {
            pb.inc(1);
            pb.set_message(done.row.path.clone());
            waiting.insert(done.index, done);
            while let Some(done) = waiting.remove(&rows.len()) {
                match done.payload {
                    Payload::Text(text) => {
                        pb.suspend(|| sink.write(&text, &rows, limits))?;
                    }
                    Payload::Json(element) => {
                        // The first report opens the document.
                        let lead = if rows.is_empty() { "{\n  \"reports\": [\n" } else { ",\n" };
                        sink.write_parts(&[lead.as_bytes(), &element], &rows, limits)?;
                    }
                    Payload::Html(h) => html_sections.push(h),
                    Payload::Sarif(p) => sarif_parts.push(p),
                    Payload::Junit(j) => junit_suites.push(j),
                    Payload::None => {}
                }
                rows.push(done.row);
            }
        }
        Ok(())
    })?;
    pb.finish_and_clear();

    let summary = Summary::of_rows(&rows);
    match format {
        Format::Json => {
            // The rest of the document, in serde_json's pretty form with keys
            // in order: `reports` (streamed above), `summary`, `tool`.
            let rest = serde_json::json!({
                "summary": report::json::summary(&summary),
                "tool": report::json::tool(),
            });
            let rest = serde_json::to_string_pretty(&rest).expect("JSON values serialise");
            let rest = rest.strip_prefix("{\n").expect("a pretty JSON object");
            sink.write(&format!("\n  ],\n{rest}\n"), &rows, limits)?;
        }
        Format::Jsonl | Format::Github => {}
        Format::Sarif => {
            let log = ci::sarif_log(sarif_parts);
            let text = format!(
                "{}\n",
                serde_json::to_string_pretty(&log).expect("JSON values serialise")
            );
            sink.write(&text, &rows, limits)?;
        }
        Format::Junit => {
            let xml = ci::junit_report(junit_suites);
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
            let columns = columns(auditor);
            let csv = report::csv::write(&rows, &columns)
                .map_err(|e| miette::miette!("写 CSV 失败：{e}"))?;
            sink.write(&csv, &rows, limits)?;
        }
        Format::Html => {
            let columns = columns(auditor);
            let page = report::html::page(&rows, &columns, &html_sections, &summary);
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

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
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
