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
mod term;

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
    /// SARIF 2.1.0（GitHub 代码扫描等）
    Sarif,
    /// GitHub Actions 注释（::error file=…）
    Github,
    /// JUnit XML：每个报告 × 条目一个测试用例（GitLab、Jenkins）
    Junit,
}

#[derive(Debug, Clone, clap::Args)]
pub struct ConfigArgs {
    /// 配置文件（默认从当前目录向上查找 fazhi.yaml 或 .fazhi.yaml）
    #[arg(long, value_name = "PATH", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// 不使用配置文件
    #[arg(long)]
    pub no_config: bool,
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
    #[command(flatten)]
    pub config: ConfigArgs,
    /// 得分低于 N 时以退出码 1 结束
    #[arg(long, value_name = "N", value_parser = score_threshold)]
    pub fail_under: Option<f64>,
    /// 出现该级别（error，或 warning 及以上）的缺口或问题时以退出码 1 结束
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub fail_on: Option<crate::config::FailOn>,
    /// 公开期限：报告年度次年的 MM-DD（默认 04-01）
    #[arg(long, value_name = "MM-DD", value_parser = crate::config::Deadline::parse_month_day)]
    pub deadline: Option<crate::config::Deadline>,
    /// 单个文件大小上限（字节，默认 64 MiB）
    #[arg(long, value_name = "BYTES")]
    pub max_file_size: Option<u64>,
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
    /// 在当前目录生成带注释的配置文件 fazhi.yaml
    Init {
        /// 覆盖已有的 fazhi.yaml
        #[arg(long)]
        force: bool,
    },
    /// 解释某份报告某个条目的判定过程
    Explain {
        report: PathBuf,
        #[arg(long, value_name = "ID")]
        item: String,
        #[arg(long, value_name = "ID")]
        pack: Option<String>,
        #[command(flatten)]
        rules: RuleArgs,
        #[command(flatten)]
        config: ConfigArgs,
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

/// Rules, configuration and command-line options, made into an auditor:
/// the configuration's rule directories load before the command line's, and
/// command-line options override the configuration.
pub(crate) fn auditor(
    config: &crate::config::Config,
    rules: &RuleArgs,
    pack: Option<&str>,
    deadline: Option<&crate::config::Deadline>,
    max_file_size: Option<u64>,
) -> miette::Result<Auditor> {
    let dirs: Vec<&std::path::Path> = config
        .rules
        .iter()
        .chain(&rules.rules)
        .map(PathBuf::as_path)
        .collect();
    let mut set = crate::rules::load(&dirs)?;
    let policy = config.apply(&mut set)?;
    if let Some(d) = deadline {
        crate::config::set_deadline(&mut set, d);
    }
    let limits = crate::ingest::Limits {
        max_file_size: max_file_size
            .or(config.max_file_size)
            .unwrap_or(crate::ingest::DEFAULT_MAX_FILE_SIZE),
    };
    let pack = pack.or(config.pack.as_deref());
    Ok(Auditor::new(set, pack, limits)?.with_policy(policy))
}

pub(crate) fn load_rules(args: &RuleArgs) -> miette::Result<crate::rules::RuleSet> {
    let dirs: Vec<&std::path::Path> = args.rules.iter().map(PathBuf::as_path).collect();
    crate::rules::load(&dirs)
}

fn score_threshold(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if (0.0..=100.0).contains(&v) => Ok(v),
        _ => Err(format!("“{s}”不是 0 到 100 之间的分数")),
    }
}

/// `fazhi init`: write the commented starter configuration.
fn init(force: bool) -> miette::Result<i32> {
    let path = std::path::Path::new(crate::config::FILE_NAMES[0]);
    if path.exists() && !force {
        return Err(miette::miette!(
            help = "用 fazhi init --force 覆盖",
            "{} 已存在，未改动",
            path.display()
        ));
    }
    std::fs::write(path, crate::config::STARTER)
        .map_err(|e| miette::miette!("无法写入 {}：{e}", path.display()))?;
    outln!("已生成 {}：去掉行首的“#”即可启用相应设置", path.display());
    Ok(exit::OK)
}

/// Run the CLI; returns the process exit code.
pub fn run(cli: Cli) -> i32 {
    let result = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Rules(cmd) => rules_cmd::run(cmd),
        Command::Init { force } => init(force),
        Command::Explain {
            report,
            item,
            pack,
            rules,
            config,
        } => crate::config::Config::resolve(config.config.as_deref(), config.no_config)
            .and_then(|c| auditor(&c, &rules, pack.as_deref(), None, None))
            .and_then(|a| explain::run(&report, &item, &a)),
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
