//! Reading, parsing and auditing files: the glue between the pipeline stages,
//! used by every command.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::document::Document;
use crate::engine::{self, CompiledPack};
use crate::ingest::{self, Limits};
use crate::config::Policy;
use crate::report::{Audited, Failure, Outcome};
use crate::rules::{RuleSet, Status};

/// Everything needed to audit files, built once per run.
pub struct Auditor {
    pub rules: RuleSet,
    pub packs: Vec<Arc<CompiledPack>>,
    pub forced: Option<Arc<CompiledPack>>,
    pub limits: Limits,
    /// What the configuration file changes per report.
    pub policy: Policy,
}

impl Auditor {
    pub fn new(rules: RuleSet, pack: Option<&str>, limits: Limits) -> miette::Result<Auditor> {
        let packs = rules
            .packs
            .iter()
            .map(|p| {
                CompiledPack::new(p.clone())
                    .map(Arc::new)
                    .map_err(|e| miette::miette!("规则包 {} 编译失败：{e}", p.id))
            })
            .collect::<miette::Result<Vec<_>>>()?;
        let forced =
            match pack {
                Some(id) => Some(packs.iter().find(|p| p.pack.id == id).cloned().ok_or_else(
                    || {
                        miette::miette!(
                            help = format!(
                                "可用的规则包：{}",
                                packs
                                    .iter()
                                    .map(|p| p.pack.id.as_str())
                                    .collect::<Vec<_>>()
                                    .join("、")
                            ),
                            "没有名为“{id}”的规则包"
                        )
                    },
                )?),
                None => None,
            };
        Ok(Auditor {
            rules,
            packs,
            forced,
            limits,
            policy: Policy::default(),
        })
    }

    /// Compile now what the audits would compile when first needed: run on a
    /// spare core while the first report is read and parsed, this takes most
    /// compiling off a single report's path. First the parser's own regexes
    /// (heading markers, dates: needed right after the page chrome, which the
    /// audit compiles itself), then the packs and the checks (needed after the
    /// parse; the checks in reverse, to meet the audit halfway), then the rest
    /// of the profile (its role rules, which the parse has mostly compiled by
    /// then). The order was chosen on traces of single reports.
    pub fn warm(&self) {
        crate::document::warm();
        match &self.forced {
            Some(p) => p.warm(),
            None => self.packs.iter().for_each(|p| p.warm()),
        }
        self.rules.checks.warm();
        self.rules.profile.warm();
    }

    /// Apply a configuration policy to every audit.
    pub fn with_policy(mut self, policy: Policy) -> Auditor {
        self.policy = policy;
        self
    }

    /// The pack for a document and a note when it was a fallback.
    fn pack_for(&self, doc: &Document) -> (Arc<CompiledPack>, Option<String>) {
        if let Some(p) = &self.forced {
            return (p.clone(), None);
        }
        let (pack, fallback) = self
            .rules
            .pack_for_year(doc.meta.year)
            .expect("at least one pack is loaded");
        let compiled = self
            .packs
            .iter()
            .find(|p| p.pack.id == pack.id)
            .cloned()
            .expect("every pack is compiled");
        let note = fallback.then(|| {
            format!(
                "没有适用于 {} 年度报告的规则包，已按 {} 审核",
                doc.meta.year.unwrap_or_default(),
                pack.id
            )
        });
        (compiled, note)
    }

    pub fn parse(&self, source: ingest::Source) -> Document {
        Document::parse(source, &self.rules.profile)
    }

    /// Audit one file; never panics on bad input, every failure is an `Outcome`.
    pub fn audit_path(&self, path: &Path) -> Outcome {
        let display = path.display().to_string();
        match ingest::read_path(path, &self.limits) {
            Ok(source) => {
                let mut outcome = self.audit_source(display, source);
                if let Outcome::Audited(a) = &mut outcome {
                    self.ignore_for_file(a, path);
                }
                outcome
            }
            Err(e) => Outcome::Failed(Failure {
                path: display,
                kind: e.kind().into(),
                message: e.to_string(),
            }),
        }
    }

    pub fn audit_source(&self, path: String, source: ingest::Source) -> Outcome {
        let simplified = source
            .simplified
            .then(|| "原文为繁体字，已逐字转换为简体字后审核，位置与原文一致".to_owned());
        let relined = source
            .relined
            .then(|| "原文有很长的行（换行可能被去掉了），已在空白处分行后审核；报告中的行号是分行后的行号，字节位置与原文一致".to_owned());
        let doc = self.parse(source);
        let (pack, note) = self.pack_for(&doc);
        let not_report = doc
            .meta
            .title
            .as_deref()
            .filter(|t| self.rules.profile.is_not_report(t))
            .map(|t| format!("标题“{t}”表明本文是对报告的解读等，不是年度报告本身，审核结果仅供参考"));
        let mut audit = engine::audit(&doc, &pack);
        audit.findings = engine::checks::run(&doc, &self.rules.checks);
        self.apply_policy(&mut audit);
        Outcome::Audited(Box::new(Audited {
            path,
            doc,
            pack,
            audit,
            notes: simplified.into_iter().chain(relined).chain(note).chain(not_report).collect(),
        }))
    }
}

impl Auditor {
    /// Disabled checks and severity overrides of the configuration.
    fn apply_policy(&self, audit: &mut engine::Audit) {
        let p = &self.policy;
        if p.disabled.is_empty() && p.severity.is_empty() {
            return;
        }
        audit.findings.retain(|f| !p.disabled.contains(&f.id));
        for f in &mut audit.findings {
            if let Some(s) = p.severity.get(&f.id) {
                f.severity = *s;
            }
        }
    }

    /// Per-file ignores: an ignored item leaves the score like a not-applicable
    /// one; an ignored check's findings are dropped.
    fn ignore_for_file(&self, a: &mut Audited, path: &Path) {
        let ignored = self.policy.ignored_for(path);
        if ignored.is_empty() {
            return;
        }
        a.audit.findings.retain(|f| !ignored.contains(f.id.as_str()));
        let mut changed = false;
        for (item, r) in a.pack.pack.items.iter().zip(&mut a.audit.items) {
            if ignored.contains(item.id.as_str()) && r.status != Status::NotApplicable {
                r.status = Status::NotApplicable;
                r.message = "按配置文件 per_file_ignores 忽略".into();
                r.parts = None;
                r.evidence.clear();
                changed = true;
            }
        }
        if changed {
            a.audit.score = engine::score(&a.pack.pack, &a.audit.items);
        }
    }
}

/// Which files a directory walk picks up: `--glob` (if any) and `--exclude`,
/// matched against the path relative to the directory given on the command line.
#[derive(Debug, Default)]
pub struct WalkFilter {
    include: Option<globset::GlobSet>,
    exclude: Option<globset::GlobSet>,
}

impl WalkFilter {
    pub fn new(include: &[String], exclude: &[String]) -> miette::Result<WalkFilter> {
        fn build(patterns: &[String]) -> miette::Result<Option<globset::GlobSet>> {
            if patterns.is_empty() {
                return Ok(None);
            }
            let mut b = globset::GlobSetBuilder::new();
            for p in patterns {
                let glob = globset::GlobBuilder::new(p)
                    .literal_separator(false)
                    .build()
                    .map_err(|e| miette::miette!("无效的 glob 模式“{p}”：{e}"))?;
                b.add(glob);
            }
            b.build()
                .map(Some)
                .map_err(|e| miette::miette!("无效的 glob 模式：{e}"))
        }
        Ok(WalkFilter {
            include: build(include)?,
            exclude: build(exclude)?,
        })
    }

    fn excluded(&self, rel: &Path) -> bool {
        self.exclude.as_ref().is_some_and(|g| {
            g.is_match(rel) || rel.file_name().is_some_and(|n| g.is_match(Path::new(n)))
        })
    }

    /// A file found by walking: with `--glob`, the glob decides (so an explicitly
    /// requested unreadable file is reported as failed); otherwise its extension.
    fn wanted(&self, rel: &Path, path: &Path) -> bool {
        if self.excluded(rel) {
            return false;
        }
        match &self.include {
            Some(g) => g.is_match(rel) || rel.file_name().is_some_and(|n| g.is_match(Path::new(n))),
            None => is_report_candidate(path),
        }
    }
}

/// Expand the command-line paths: files as given, directories walked for report
/// files (and for files in formats fazhi cannot read, so they are reported as
/// failed rather than silently skipped). Sorted by path.
pub fn expand_inputs(paths: &[PathBuf], filter: &WalkFilter) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let root = p.as_path();
            let walker = walkdir::WalkDir::new(p)
                .follow_links(false)
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0
                        || !e.file_type().is_dir()
                        || !filter.excluded(e.path().strip_prefix(root).unwrap_or(e.path()))
                });
            for entry in walker.filter_map(Result::ok) {
                let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
                if entry.file_type().is_file() && filter.wanted(rel, entry.path()) {
                    out.push(entry.into_path());
                }
            }
        } else {
            out.push(p.clone());
        }
    }
    out.sort();
    out.dedup();
    out
}

fn is_report_candidate(path: &Path) -> bool {
    ingest::extension(path).is_some_and(|e| {
        ingest::REPORT_EXTENSIONS.contains(&e.as_str())
            || ingest::UNSUPPORTED_EXTENSIONS.contains(&e.as_str())
    })
}
