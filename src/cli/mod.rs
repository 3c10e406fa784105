//! The command line: `fazhi check`, `fazhi rules …`, `fazhi explain`.

/// `println!` that ends quietly on a closed pipe.
macro_rules! outln {
    ($($t:tt)*) => { $crate::cli::emit(&format!("{}\n", format!($($t)*))) };
}
/// `print!` that ends quietly on a closed pipe.
macro_rules! out {
    ($($t:tt)*) => { $crate::cli::emit(&format!($($t)*)) };
}

pub mod audit;
mod check;
mod explain;
mod rules_cmd;

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

pub use audit::Auditor;

/// 法治政府建设年度报告审核工具
#[derive(Debug, Parser)]
#[command(name = "fazhi", version, about = "法治政府建设年度报告审核工具：查缺项、查问题，逐条给出依据和原文位置", long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// 面向人的报告（终端默认）
    Human,
    /// 只输出条目表格
    Table,
    /// JSON 文档（见 spec/output.md）
    Json,
    /// 每行一个报告的 JSON
    Jsonl,
    /// CSV 表格：每个报告一行，每个条目一列（UTF-8 带 BOM）
    Csv,
    /// 独立的 HTML 报告（需要 -o）
    Html,
}

#[derive(Debug, clap::Args)]
pub struct RuleArgs {
    /// 额外的规则目录（可多次使用）
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// 报告文件或目录（目录会递归查找报告文件）
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// 输出格式
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<Format>,
    /// 输出到文件而不是标准输出
    #[arg(long, short = 'o', value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// 指定规则包（默认按报告年度选择）
    #[arg(long, value_name = "ID")]
    pub pack: Option<String>,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// 得分低于 N 时以退出码 1 结束
    #[arg(long, value_name = "N")]
    pub fail_under: Option<f64>,
    /// 单个文件大小上限（字节）
    #[arg(long, value_name = "BYTES", default_value_t = crate::ingest::DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,
    /// 遍历目录时只审核匹配的文件（glob，相对于所给目录，可多次使用）
    #[arg(long = "glob", value_name = "PATTERN")]
    pub glob: Vec<String>,
    /// 遍历目录时跳过匹配的文件或目录（glob，可多次使用）
    #[arg(long = "exclude", value_name = "PATTERN")]
    pub exclude: Vec<String>,
    /// 并行审核的线程数（默认为 CPU 核数）
    #[arg(long = "jobs", short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// 不显示进度和汇总
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// 彩色输出：auto、always、never
    #[arg(long, default_value = "auto", value_name = "WHEN")]
    pub color: String,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// 列出规则包中的全部条目
    List {
        #[arg(long, value_name = "ID")]
        pack: Option<String>,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// 显示一个条目的全部信息
    Show {
        id: String,
        #[arg(long, value_name = "ID")]
        pack: Option<String>,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// 运行每个条目自带的示例（规则测试）
    Test {
        /// 要测试的规则目录（默认只测内置规则）
        dirs: Vec<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 审核报告
    Check(CheckArgs),
    /// 规则工具：list、show、test
    #[command(subcommand)]
    Rules(RulesCommand),
    /// 解释某份报告某个条目的判定过程
    Explain {
        report: PathBuf,
        #[arg(long, value_name = "ID")]
        item: String,
        #[arg(long, value_name = "ID")]
        pack: Option<String>,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// (internal) extract text from a PDF on stdin in an isolated process
    #[command(name = "__extract-pdf", hide = true)]
    ExtractPdf,
}

/// Print to stdout; a closed pipe (`fazhi … | head`) ends output quietly.
pub(crate) fn emit(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if out
        .write_all(text.as_bytes())
        .and_then(|_| out.flush())
        .is_err()
    {
        std::process::exit(exit::OK);
    }
}

/// Exit codes of `spec/output.md`.
pub mod exit {
    pub const OK: i32 = 0;
    pub const THRESHOLD: i32 = 1;
    pub const ERROR: i32 = 2;
}

pub(crate) fn load_rules(args: &RuleArgs) -> miette::Result<crate::rules::RuleSet> {
    let dirs: Vec<&std::path::Path> = args.rules.iter().map(PathBuf::as_path).collect();
    crate::rules::load(&dirs)
}

/// Run the CLI; returns the process exit code.
pub fn run(cli: Cli) -> i32 {
    let result = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Rules(cmd) => rules_cmd::run(cmd),
        Command::Explain {
            report,
            item,
            pack,
            rules,
        } => explain::run(&report, &item, pack.as_deref(), &rules),
        Command::ExtractPdf => Ok(crate::ingest::pdf::child_main()),
    };
    match result {
        Ok(code) => code,
        Err(report) => {
            eprintln!("{report:?}");
            exit::ERROR
        }
    }
}
