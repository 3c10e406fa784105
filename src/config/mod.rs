//! Project configuration: `fazhi.yaml` (or `.fazhi.yaml`), found from the
//! current directory upwards, like `.vale.ini` or `ruff.toml`.
//!
//! The file says which packs and rule directories to use, what to disable, which
//! severities to change, the publication deadline, the thresholds that fail a
//! run, which files to audit, and per-file ignores. Command-line options take
//! precedence over it. Unknown keys and unknown ids are located diagnostics.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use crate::rules::spanned::Spanned;

use crate::rules::load::{RuleFile, RulesError};
use crate::rules::{RuleSet, Severity};

/// The names looked for, in order, in each directory.
pub const FILE_NAMES: [&str; 2] = ["fazhi.yaml", ".fazhi.yaml"];

/// The commented starter written by `fazhi init`.
pub const STARTER: &str = include_str!("starter.yaml");

/// Which severity makes a run fail (`fail_on`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    /// 任何“错误”级别的缺口或问题
    Error,
    /// 任何“警告”及以上级别的缺口或问题
    Warning,
}

impl FailOn {
    pub fn threshold(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DeadlineDef {
    month: Spanned<u32>,
    day: Spanned<u32>,
    #[serde(default)]
    year_offset: Option<i32>,
    #[serde(default)]
    basis: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigDef {
    #[serde(default)]
    pack: Option<Spanned<String>>,
    #[serde(default)]
    rules: Vec<Spanned<String>>,
    #[serde(default)]
    disable: Vec<Spanned<String>>,
    #[serde(default)]
    severity: HashMap<Spanned<String>, Severity>,
    #[serde(default)]
    deadline: Option<Spanned<DeadlineDef>>,
    #[serde(default)]
    fail_under: Option<Spanned<f64>>,
    #[serde(default)]
    fail_on: Option<FailOn>,
    #[serde(default)]
    include: Vec<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    per_file_ignores: HashMap<Spanned<String>, Vec<Spanned<String>>>,
    #[serde(default)]
    max_file_size: Option<u64>,
}

/// The publication deadline: month/day of the report year + `year_offset`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    pub month: u32,
    pub day: u32,
    pub year_offset: i32,
    pub basis: Option<String>,
}

impl Deadline {
    /// `MM-DD` (of the year after the report year), as on the command line.
    pub fn parse_month_day(s: &str) -> Result<Deadline, String> {
        let bad = || format!("期限“{s}”的格式应为 MM-DD，例如 03-31");
        let (m, d) = s.trim().split_once(['-', '/']).ok_or_else(bad)?;
        let month: u32 = m.parse().map_err(|_| bad())?;
        let day: u32 = d.parse().map_err(|_| bad())?;
        if !valid_month_day(month, day) {
            return Err(bad());
        }
        Ok(Deadline {
            month,
            day,
            year_offset: 1,
            basis: None,
        })
    }
}

fn valid_month_day(month: u32, day: u32) -> bool {
    let days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    (1..=12).contains(&month) && (1..=days[month as usize - 1]).contains(&day)
}

/// A loaded configuration; paths are resolved against the file's directory.
pub struct Config {
    /// The file it came from (`None`: no file, all defaults).
    pub path: Option<PathBuf>,
    file: Option<RuleFile>,
    /// The directory that relative paths and globs in the file refer to.
    pub base: PathBuf,
    pub pack: Option<String>,
    pub rules: Vec<PathBuf>,
    disable: Vec<Spanned<String>>,
    severity: Vec<(Spanned<String>, Severity)>,
    pub deadline: Option<Deadline>,
    pub fail_under: Option<f64>,
    pub fail_on: Option<FailOn>,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    per_file_ignores: Vec<(Spanned<String>, Vec<Spanned<String>>)>,
    pub max_file_size: Option<u64>,
}

impl Config {
    /// No file: every setting at its default.
    pub fn none() -> Config {
        Config {
            path: None,
            file: None,
            base: std::env::current_dir().unwrap_or_default(),
            pack: None,
            rules: Vec::new(),
            disable: Vec::new(),
            severity: Vec::new(),
            deadline: None,
            fail_under: None,
            fail_on: None,
            include: Vec::new(),
            exclude: Vec::new(),
            per_file_ignores: Vec::new(),
            max_file_size: None,
        }
    }

    /// `--no-config`, `--config PATH`, or discovery from the current directory.
    pub fn resolve(explicit: Option<&Path>, disabled: bool) -> miette::Result<Config> {
        if disabled {
            return Ok(Config::none());
        }
        match explicit {
            Some(path) => Config::load(path),
            None => match discover(&std::env::current_dir().unwrap_or_default()) {
                Some(path) => Config::load(&path),
                None => Ok(Config::none()),
            },
        }
    }

    /// Load and validate one configuration file.
    pub fn load(path: &Path) -> miette::Result<Config> {
        let source = std::fs::read_to_string(path)
            .map_err(|e| miette::miette!("无法读取配置文件 {}：{e}", path.display()))?;
        let file = RuleFile {
            name: path.display().to_string().into(),
            source: source.into(),
            builtin: false,
        };
        let def: ConfigDef = if only_comments(&file.source) {
            ConfigDef::default()
        } else {
            file.parse()?
        };
        let base = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        Config::from_def(def, file, path, base)
    }

    fn from_def(def: ConfigDef, file: RuleFile, path: &Path, base: PathBuf) -> miette::Result<Config> {
        if let Some(f) = &def.fail_under {
            if !(0.0..=100.0).contains(&f.value) {
                return Err(file.error(f, "fail_under 应在 0 到 100 之间", "超出范围", None));
            }
        }
        let deadline = match def.deadline {
            Some(d) => {
                let v = d.value;
                if !valid_month_day(v.month.value, v.day.value) {
                    return Err(file.error(&v.month, "deadline 的月、日不是有效日期", "无效的月份或日期", None));
                }
                Some(Deadline {
                    month: v.month.value,
                    day: v.day.value,
                    year_offset: v.year_offset.unwrap_or(1),
                    basis: v.basis,
                })
            }
            None => None,
        };
        for g in def.include.iter().chain(&def.exclude) {
            glob(&file, g)?;
        }
        let mut severity: Vec<_> = def.severity.into_iter().collect();
        severity.sort_by_key(|(k, _)| k.referenced.span().byte_offset());
        let mut per_file_ignores: Vec<_> = def.per_file_ignores.into_iter().collect();
        per_file_ignores.sort_by_key(|(k, _)| k.referenced.span().byte_offset());
        for (g, _) in &per_file_ignores {
            glob(&file, g)?;
        }
        Ok(Config {
            path: Some(path.to_path_buf()),
            pack: def.pack.map(|p| p.value),
            rules: def.rules.iter().map(|r| base.join(&r.value)).collect(),
            disable: def.disable,
            severity,
            deadline,
            fail_under: def.fail_under.map(|f| f.value),
            fail_on: def.fail_on,
            include: def.include.into_iter().map(|g| g.value).collect(),
            exclude: def.exclude.into_iter().map(|g| g.value).collect(),
            per_file_ignores,
            max_file_size: def.max_file_size,
            file: Some(file),
            base,
        })
    }

    /// Apply the file to loaded rules: drop disabled items, set severities and
    /// the deadline; return what must be applied per report. Every id must name
    /// an item of a loaded pack or a check.
    pub fn apply(&self, rules: &mut RuleSet) -> miette::Result<Policy> {
        let check_ids = rules.checks.finding_ids();
        let known = |id: &str| {
            rules.packs.iter().any(|p| p.item(id).is_some()) || check_ids.iter().any(|c| c == id)
        };
        let mut policy = Policy::default();
        for id in &self.disable {
            self.require_known(id, known(&id.value))?;
            policy.disabled.insert(id.value.clone());
        }
        for (id, severity) in &self.severity {
            self.require_known(id, known(&id.value))?;
            policy.severity.insert(id.value.clone(), *severity);
        }
        for (pattern, ids) in &self.per_file_ignores {
            for id in ids {
                self.require_known(id, known(&id.value))?;
            }
            let file = self.file.as_ref().expect("ignores come from a file");
            policy.per_file_ignores.push(FileIgnore {
                glob: glob(file, pattern)?.compile_matcher(),
                ids: ids.iter().map(|i| i.value.clone()).collect(),
            });
        }
        policy.base = std::fs::canonicalize(&self.base).unwrap_or_else(|_| self.base.clone());
        for pack in &mut rules.packs {
            pack.items.retain(|i| !policy.disabled.contains(&i.id));
            for item in &mut pack.items {
                if let Some(s) = policy.severity.get(&item.id) {
                    item.severity = *s;
                }
            }
        }
        if let Some(d) = &self.deadline {
            set_deadline(rules, d);
        }
        Ok(policy)
    }

    fn require_known(&self, id: &Spanned<String>, known: bool) -> miette::Result<()> {
        if known {
            return Ok(());
        }
        let file = self.file.as_ref().expect("ids come from a file");
        Err(file.error(
            id,
            format!("配置文件中的“{}”不是已加载的条目或检查", id.value),
            "未知的 id",
            Some("用 fazhi rules list 查看条目 id；检查的 id 见 rules/checks.yaml".into()),
        ))
    }
}

/// Replace the configured deadline (and any regional overrides) by `d`.
pub fn set_deadline(rules: &mut RuleSet, d: &Deadline) {
    if let Some(check) = &mut rules.checks.publication_deadline {
        check.month = d.month;
        check.day = d.day;
        check.year_offset = d.year_offset;
        check.overrides.clear();
        if d.basis.is_some() {
            check.basis = d.basis.clone();
        }
    }
}

fn glob(file: &RuleFile, g: &Spanned<String>) -> Result<globset::Glob, RulesError> {
    globset::GlobBuilder::new(&g.value)
        .literal_separator(false)
        .build()
        .map_err(|e| file.error(g, "无效的 glob 模式", e.kind().to_string(), None))
}

/// A file of blank and comment lines only (as `fazhi init` writes it) is empty.
fn only_comments(source: &str) -> bool {
    source
        .lines()
        .map(str::trim)
        .all(|l| l.is_empty() || l.starts_with('#') || l == "---")
}

/// The first `fazhi.yaml` / `.fazhi.yaml` in `dir` or one of its parents.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .flat_map(|d| FILE_NAMES.iter().map(move |n| d.join(n)))
        .find(|p| p.is_file())
}

/// Items and checks ignored for files matching a glob.
#[derive(Debug, Clone)]
pub struct FileIgnore {
    pub glob: globset::GlobMatcher,
    pub ids: HashSet<String>,
}

/// What the configuration changes in each report's audit.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    /// Disabled ids (items are already gone from the packs; checks are filtered).
    pub disabled: HashSet<String>,
    /// Severity overrides by item or check id.
    pub severity: HashMap<String, Severity>,
    pub per_file_ignores: Vec<FileIgnore>,
    /// The directory the per-file globs are relative to (canonical).
    pub base: PathBuf,
}

impl Policy {
    /// The ids ignored for one input file.
    pub fn ignored_for(&self, path: &Path) -> HashSet<&str> {
        if self.per_file_ignores.is_empty() {
            return HashSet::new();
        }
        let full = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let rel = full.strip_prefix(&self.base).unwrap_or(path);
        self.per_file_ignores
            .iter()
            .filter(|fi| fi.glob.is_match(rel) || fi.glob.is_match(path))
            .flat_map(|fi| fi.ids.iter().map(String::as_str))
            .collect()
    }
}

#[cfg(test)]
mod tests;
