//! `fazhi check`.

use std::io::{IsTerminal, Write};

use rayon::prelude::*;

use super::audit::{expand_inputs, Auditor};
use super::{exit, load_rules, CheckArgs, Format};
use crate::ingest::Limits;
use crate::report::{self, human::Style, Outcome, Summary};

pub(super) fn style(color: &str) -> Style {
    let color = match color {
        "always" => true,
        "never" => false,
        _ => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    Style { color, width: 100 }
}

pub(super) fn run(args: CheckArgs) -> miette::Result<i32> {
    let rules = load_rules(&args.rules)?;
    let auditor = Auditor::new(
        rules,
        args.pack.as_deref(),
        Limits {
            max_file_size: args.max_file_size,
        },
    )?;
    let inputs = expand_inputs(&args.paths);
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
    let outcomes: Vec<Outcome> = inputs.par_iter().map(|p| auditor.audit_path(p)).collect();
    let format = args.format.unwrap_or(Format::Human);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let write = |out: &mut std::io::StdoutLock, s: &str| -> miette::Result<()> {
        match out.write_all(s.as_bytes()) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                std::process::exit(exit_code(&outcomes, args.fail_under))
            }
            r => r.map_err(|e| miette::miette!("写输出失败：{e}")),
        }
    };
    match format {
        Format::Json => {
            let doc = report::json::document(&outcomes);
            write(
                &mut out,
                &format!(
                    "{}\n",
                    serde_json::to_string_pretty(&doc).expect("JSON values serialise")
                ),
            )?;
        }
        Format::Jsonl => {
            for o in &outcomes {
                write(&mut out, &format!("{}\n", report::json::report(o)))?;
            }
        }
        Format::Human | Format::Table => {
            let style = style(&args.color);
            for o in &outcomes {
                let text = match (format, o) {
                    (Format::Table, Outcome::Audited(a)) => report::human::table_only(a, style),
                    _ => report::human::outcome(o, style),
                };
                write(&mut out, &text)?;
            }
            if !args.quiet && outcomes.len() > 1 {
                write(
                    &mut out,
                    &report::human::summary_line(&Summary::of(&outcomes)),
                )?;
            }
        }
    }
    out.flush().ok();
    Ok(exit_code(&outcomes, args.fail_under))
}

/// 2 if any file failed; 1 if a threshold was crossed; else 0.
pub(super) fn exit_code(outcomes: &[Outcome], fail_under: Option<f64>) -> i32 {
    if outcomes.iter().any(|o| matches!(o, Outcome::Failed(_))) {
        return exit::ERROR;
    }
    let below = |min: f64| {
        outcomes
            .iter()
            .any(|o| matches!(o, Outcome::Audited(a) if a.audit.score < min))
    };
    if fail_under.is_some_and(below) {
        return exit::THRESHOLD;
    }
    exit::OK
}
