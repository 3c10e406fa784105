//! Loading and validating rule files.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use crate::rules::gap::Light as Regex;
use miette::{Diagnostic, NamedSource, SourceSpan};
use crate::rules::spanned::Spanned;

use super::schema::{ItemDef, MessagesDef, PackDef, PatternsDef, ProfileDef, ScopeDef};
use super::{
    Example, Item, Messages, Origin, Pack, Part, Pattern, RuleSet, Scope, BUILTIN_CHECKS,
    BUILTIN_PACKS, BUILTIN_PROFILE,
};
use crate::document::profile::{LevelRules, RoleRule, RoleSet};
use crate::document::{Profile, Role};
use crate::ingest::ChromeMatcher;

/// A rule-file problem, rendered by miette with the YAML snippet.
pub type RulesError = miette::Report;

/// A located problem in a rule file.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{message}")]
#[diagnostic(code(fazhi::rules))]
pub struct RuleDiagnostic {
    message: String,
    #[source_code]
    src: NamedSource<String>,
    #[label("{label}")]
    span: SourceSpan,
    label: String,
    #[help]
    help: Option<String>,
}

/// A profile example for `rules test`: a heading title, a lead sentence or a unit
/// name and what it must give.
#[derive(Debug, Clone)]
pub struct ProfileExample {
    pub what: &'static str,
    pub text: String,
    pub expect: String,
    /// The text must give anything but `expect` (a `not_examples` entry).
    pub negated: bool,
    pub origin: Origin,
}

pub struct RuleFile {
    pub name: Arc<str>,
    pub source: Arc<str>,
    /// One of the files embedded in the binary (which the tests check in
    /// full: their regexes compile when first used).
    pub builtin: bool,
}

impl RuleFile {
    pub fn origin<T>(&self, s: &Spanned<T>) -> Origin {
        Origin {
            file: self.name.clone(),
            source: self.source.clone(),
            range: byte_range(s, &self.source),
        }
    }

    pub fn error<T>(
        &self,
        at: &Spanned<T>,
        message: impl Into<String>,
        label: impl Into<String>,
        help: Option<String>,
    ) -> RulesError {
        let r = byte_range(at, &self.source);
        RuleDiagnostic {
            message: message.into(),
            src: NamedSource::new(&self.name, self.source.to_string()),
            span: (r.start, r.end - r.start).into(),
            label: label.into(),
            help,
        }
        .into()
    }

    /// Whether its regexes are parsed at load only to check them: always for a
    /// file from outside; for the built-in files only in debug builds, which
    /// the tests run (a release build saves these parses at every start).
    pub fn checks_syntax(&self) -> bool {
        !self.builtin || cfg!(debug_assertions)
    }

    /// For a built-in file, its definitions as parsed at build time.
    fn preparsed(&self) -> Option<&'static str> {
        if !self.builtin {
            return None;
        }
        super::PREPARSED
            .iter()
            .find(|(name, json)| *self.name == **name && !json.is_empty())
            .map(|(_, json)| *json)
    }

    pub fn parse<T: serde::de::DeserializeOwned>(&self) -> Result<T, RulesError> {
        if let Some(def) = self.preparsed().and_then(|json| serde_json::from_str(json).ok()) {
            return Ok(def);
        }
        serde_saphyr::from_str::<T>(&self.source).map_err(|e| {
            let options = serde_saphyr::render_options! { source_name: Some(&self.name) };
            serde_saphyr::miette::to_miette_report_with_options(
                &e,
                &self.source,
                &self.name,
                options,
            )
        })
    }
}

fn byte_range<T>(s: &Spanned<T>, source: &str) -> std::ops::Range<usize> {
    let span = s.referenced.span();
    let start = span
        .byte_offset()
        .map(|o| o as usize)
        .unwrap_or(0)
        .min(source.len());
    let len = span.byte_len().map(|l| l as usize).unwrap_or(0).max(1);
    let mut end = (start + len).min(source.len());
    while end < source.len() && !source.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// Load the built-in rules only.
pub fn load_builtin() -> Result<RuleSet, RulesError> {
    load(&[])
}

/// Load the built-in rules and every `*.yaml` in `dirs` (a `document.yaml` there
/// replaces the built-in profile, a `checks.yaml` the check configuration;
/// every other file is a pack).
pub fn load(dirs: &[&Path]) -> Result<RuleSet, RulesError> {
    let mut profile_file = RuleFile {
        name: BUILTIN_PROFILE.0.into(),
        source: BUILTIN_PROFILE.1.into(),
        builtin: true,
    };
    let mut checks_file = RuleFile {
        name: BUILTIN_CHECKS.0.into(),
        source: BUILTIN_CHECKS.1.into(),
        builtin: true,
    };
    // The pack files in order, then the first error met while listing or
    // reading the directories (reported after any pack before it fails to parse).
    let mut pack_files: Vec<(RuleFile, bool)> = BUILTIN_PACKS
        .iter()
        .map(|(name, source)| {
            (
                RuleFile {
                    name: (*name).into(),
                    source: (*source).into(),
                    builtin: true,
                },
                true,
            )
        })
        .collect();
    let mut read_error: Option<RulesError> = None;
    'dirs: for dir in dirs {
        let paths = match yaml_files(dir) {
            Ok(p) => p,
            Err(e) => {
                read_error = Some(e);
                break;
            }
        };
        for path in paths {
            let source = match std::fs::read_to_string(&path) {
                Ok(s) => s,
                Err(e) => {
                    read_error = Some(miette::miette!("无法读取规则文件 {}：{e}", path.display()));
                    break 'dirs;
                }
            };
            let file = RuleFile {
                name: path.display().to_string().into(),
                source: source.into(),
                builtin: false,
            };
            if path.file_name().is_some_and(|n| n == "document.yaml") {
                profile_file = file;
            } else if path.file_name().is_some_and(|n| n == "checks.yaml") {
                checks_file = file;
            } else {
                pack_files.push((file, false));
            }
        }
    }
    // Parsing and compiling the profile, the checks and the packs are three
    // independent jobs: run them on both cores.
    // Outer error: a pack file that does not parse, or a directory or file that
    // cannot be read; inner error: the packs' contents.
    let parse_packs = || -> Result<Result<Vec<Pack>, RulesError>, RulesError> {
        let mut defs = Vec::new();
        for (file, builtin) in pack_files {
            let def = file.parse::<PackDef>()?;
            defs.push((file, def, builtin));
        }
        if let Some(e) = read_error {
            return Err(e);
        }
        Ok(resolve_packs(defs))
    };
    // Plain threads: a thread pool would take longer to start than the jobs.
    let (profile, (checks, packs)) = std::thread::scope(|scope| {
        let checks = scope.spawn(|| super::checks::load(&checks_file));
        let packs = scope.spawn(parse_packs);
        let profile = compile_profile(&profile_file);
        fn joined<T>(h: std::thread::ScopedJoinHandle<'_, T>) -> T {
            h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        }
        (profile, (joined(checks), joined(packs)))
    });
    // Errors in the order a sequential load meets them.
    let packs = packs?;
    let (profile, profile_examples) = profile?;
    let checks = checks?;
    let packs = packs?;
    Ok(RuleSet {
        packs,
        profile,
        checks,
        profile_examples,
    })
}

fn yaml_files(dir: &Path) -> Result<Vec<std::path::PathBuf>, RulesError> {
    if dir.is_file() {
        return Ok(vec![dir.to_path_buf()]);
    }
    let entries = std::fs::read_dir(dir)
        .map_err(|e| miette::miette!("无法读取规则目录 {}：{e}", dir.display()))?;
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    files.sort();
    Ok(files)
}

/// Check a regex without compiling it (compiling is the matcher's job, once).
fn parse_regex(file: &RuleFile, s: &Spanned<String>) -> Result<regex_syntax::hir::Hir, RulesError> {
    regex_syntax::Parser::new().parse(&s.value).map_err(|e| {
        file.error(
            s,
            "正则表达式有误",
            first_line(&e.to_string()),
            Some(format!("regex 错误详情：{e}")),
        )
    })
}

/// A role rule's regex, added to the profile's set: a built-in one split
/// when the set is first used, any other compiled now.
fn role_regex(
    roles: &mut super::gapset::GapSet,
    file: &RuleFile,
    s: &Spanned<String>,
) -> Result<usize, RulesError> {
    if file.builtin {
        if file.checks_syntax() {
            parse_regex(file, s)?;
        }
        return Ok(roles.add_lazy(&s.value));
    }
    Ok(roles.add(compile_gap_regex(file, s)?, &s.value))
}

fn compile_gap_regex(
    file: &RuleFile,
    s: &Spanned<String>,
) -> Result<super::gap::GapRegex, RulesError> {
    // Built-in rules (covered by the tests, which check their syntax in a
    // debug build) compile their segments when first used; a rule file from
    // outside compiles them now, so that any error is reported with its
    // location.
    if file.checks_syntax() {
        parse_regex(file, s)?;
    }
    if file.builtin {
        super::gap::GapRegex::new(&s.value)
    } else {
        super::gap::GapRegex::new_eager(&s.value)
    }
    .map_err(|e| {
        file.error(
            s,
            "正则表达式有误",
            first_line(&e.to_string()),
            Some(format!("regex 错误详情：{e}")),
        )
    })
}

/// A rule-data regex: a built-in one is checked now and compiled when first
/// used (the tests compile every one), any other compiled now.
fn compile_regex(file: &RuleFile, s: &Spanned<String>) -> Result<Regex, RulesError> {
    if file.builtin {
        if file.checks_syntax() {
            parse_regex(file, s)?;
        }
        return Ok(Regex::lazy(vec![s.value.clone()]));
    }
    super::gap::light(&s.value).map_err(|e| {
        file.error(
            s,
            "正则表达式有误",
            first_line(&e.to_string()),
            Some(format!("regex 错误详情：{e}")),
        )
    })
}

fn first_line(s: &str) -> String {
    s.lines().last().unwrap_or(s).trim().to_owned()
}

fn compile_profile(file: &RuleFile) -> Result<(Profile, Vec<ProfileExample>), RulesError> {
    let def: ProfileDef = file.parse()?;
    let regexes = |list: &[Spanned<String>]| {
        list.iter()
            .map(|s| compile_regex(file, s))
            .collect::<Result<Vec<_>, _>>()
    };
    if file.checks_syntax() {
        for s in &def.chrome {
            parse_regex(file, s)?;
        }
    }
    let chrome_patterns: Vec<String> = def.chrome.iter().map(|s| s.value.clone()).collect();
    let chrome = if file.builtin {
        ChromeMatcher::lazy(chrome_patterns)
    } else {
        ChromeMatcher::new(&chrome_patterns)
            .map_err(|e| miette::miette!("{}: chrome 正则有误：{e}", file.name))?
    };
    let mut examples = Vec::new();
    let mut sets: [super::gapset::GapSet; 3] = Default::default();
    let mut role_rules = |defs: &[super::schema::RoleRuleDef],
                          what: &'static str|
     -> Result<Vec<RoleRule>, RulesError> {
        let mut out = Vec::new();
        for d in defs {
            let Some(first) = d.regex.first() else {
                continue;
            };
            let cases = (d.examples.iter().map(|ex| (ex, false)))
                .chain(d.not_examples.iter().map(|ex| (ex, true)));
            for (ex, negated) in cases {
                examples.push(ProfileExample {
                    what,
                    text: ex.clone(),
                    expect: d.role.name().into(),
                    negated,
                    origin: file.origin(first),
                });
            }
            let set = match (what, d.role) {
                ("heading", _) => RoleSet::Headings,
                (_, Role::FirstResponsible) => RoleSet::Duties,
                _ => RoleSet::Plans,
            };
            let mut unless = Vec::new();
            for s in &d.unless {
                unless.push(role_regex(&mut sets[set as usize], file, s)?);
            }
            let unless = std::sync::Arc::new(unless);
            for s in &d.regex {
                out.push(RoleRule {
                    role: d.role,
                    set,
                    regex: role_regex(&mut sets[set as usize], file, s)?,
                    unless: unless.clone(),
                    levels: d.levels.clone(),
                    clause: d.clause,
                });
            }
        }
        Ok(out)
    };
    let heading_roles = role_rules(&def.heading_roles, "heading")?;
    let lead_roles = role_rules(&def.lead_roles, "lead")?;
    let mut levels = Vec::new();
    let mut level_patterns = Vec::new();
    let mut refinements = Vec::new();
    for l in &def.levels {
        for ex in &l.examples {
            examples.push(ProfileExample {
                what: "level",
                text: ex.clone(),
                expect: l.level.name().into(),
                negated: false,
                origin: file.origin(&l.regex),
            });
        }
        let regex = compile_regex(file, &l.regex)?;
        if let Some(from) = l.refines {
            refinements.push((from, l.level, regex));
            continue;
        }
        levels.push(l.level);
        level_patterns.push(l.regex.value.clone());
    }
    let levels = LevelRules {
        levels,
        regexes: if file.builtin {
            Regex::lazy(level_patterns)
        } else {
            super::gap::light_many(&level_patterns)
                .map_err(|e| miette::miette!("{}: levels 正则有误：{e}", file.name))?
        },
        refinements,
    };
    let profile = Profile {
        chrome,
        meta_lines: regexes(&def.meta_lines)?,
        published_labels: regexes(&def.published_labels)?,
        other_date_labels: regexes(&def.other_date_labels)?,
        attachment_labels: regexes(&def.attachment_labels)?,
        title_require: regexes(&def.title.require)?,
        title_any: regexes(&def.title.any)?,
        title_not_report: regexes(&def.title.not_report)?,
        title_max_chars: def.title.max_chars,
        role_sets: sets,
        heading_roles,
        lead_roles,
        unit_strip_suffixes: def.unit_strip_suffixes,
        unit_strip_prefixes: def.unit_strip_prefixes,
        unit_joint_sender_ends: def.unit_joint_sender_ends,
        levels,
    };
    Ok((profile, examples))
}

fn patterns(file: &RuleFile, def: &PatternsDef) -> Result<Vec<Pattern>, RulesError> {
    let mut out = Vec::new();
    for s in &def.literal {
        if s.value.trim().is_empty() {
            return Err(file.error(
                s,
                "空的关键词",
                "此处为空",
                Some("删除此项，或写上要匹配的词语".into()),
            ));
        }
        out.push(Pattern {
            text: s.value.clone(),
            is_regex: false,
            origin: file.origin(s),
        });
    }
    for s in &def.regex {
        // The matcher parses every regex again.
        if file.checks_syntax() {
            let hir = parse_regex(file, s)?;
            if hir.properties().minimum_len() == Some(0) {
                return Err(file.error(s, "正则表达式能匹配空字符串", "会在每个位置命中", None));
            }
        }
        out.push(Pattern {
            text: s.value.clone(),
            is_regex: true,
            origin: file.origin(s),
        });
    }
    Ok(out)
}

fn merge_messages(item: &MessagesDef, pack: &MessagesDef) -> Messages {
    Messages {
        covered: item.covered.clone().or(pack.covered.clone()),
        partial: item.partial.clone().or(pack.partial.clone()),
        planned: item.planned.clone().or(pack.planned.clone()),
        missing: item.missing.clone().or(pack.missing.clone()),
        opening: item.opening.clone().or(pack.opening.clone()),
    }
}

fn scope(def: &Option<ScopeDef>, fallback: &Scope) -> Scope {
    def.as_ref()
        .map(|s| Scope {
            roles: s.roles.clone(),
            headings: s.headings,
            sub_headings: s.sub_headings,
        })
        .unwrap_or_else(|| fallback.clone())
}

/// `negation`: the index of this file's negation set in the pack.
fn compile_item(file: &RuleFile, def: &ItemDef, pack: &PackDef, negation: usize) -> Result<Item, RulesError> {
    let default_scope = scope(
        &pack.evidence,
        &Scope {
            roles: vec![Role::Achievements, Role::FirstResponsible],
            headings: true,
            sub_headings: false,
        },
    );
    let default_plan = pack
        .plan_roles
        .clone()
        .unwrap_or(vec![Role::Shortcomings, Role::NextYear]);
    let mut parts = Vec::new();
    for p in &def.parts {
        let pats = patterns(
            file,
            &PatternsDef {
                literal: p.literal.clone(),
                regex: p.regex.clone(),
            },
        )?;
        if pats.is_empty() {
            return Err(file.error(
                &def.id,
                format!(
                    "条目 {} 的组成部分“{}”没有任何匹配规则",
                    def.id.value, p.name
                ),
                "此条目",
                None,
            ));
        }
        parts.push(Part {
            name: p.name.clone(),
            patterns: pats,
        });
    }
    let item = Item {
        id: def.id.value.clone(),
        title: def.title.clone(),
        basis: def.basis.clone(),
        description: def.description.clone(),
        weight: def.weight,
        severity: def.severity,
        applies: def.applies.clone(),
        role: def.role,
        patterns: patterns(file, &def.patterns)?,
        partial: patterns(file, &def.partial)?,
        parts,
        exclude: patterns(file, &def.exclude)?,
        negation,
        context: patterns(file, &def.context)?,
        evidence: scope(&def.evidence, &default_scope),
        plan_roles: def.plan_roles.clone().unwrap_or(default_plan),
        help: def.help.clone(),
        belongs_under: def.belongs_under.clone(),
        messages: merge_messages(&def.messages, &pack.messages),
        examples: def
            .examples
            .iter()
            .map(|e| Example {
                text: e.text.value.clone(),
                expect: e.expect,
                level: e.level,
                origin: file.origin(&e.text),
            })
            .collect(),
        origin: file.origin(&def.id),
    };
    if !(item.weight.is_finite() && item.weight >= 0.0) {
        return Err(file.error(
            &def.id,
            format!("条目 {} 的权重必须是非负数", item.id),
            "此条目",
            None,
        ));
    }
    if item.role.is_none()
        && item.patterns.is_empty()
        && item.partial.is_empty()
        && item.parts.is_empty()
    {
        return Err(file.error(
            &def.id,
            format!(
                "条目 {} 无法判定：没有 role、patterns、partial 或 parts",
                item.id
            ),
            "此条目",
            Some("至少写一组 patterns（literal 或 regex），或用 role 指定结构部分".into()),
        ));
    }
    Ok(item)
}

fn resolve_packs(defs: Vec<(RuleFile, PackDef, bool)>) -> Result<Vec<Pack>, RulesError> {
    let mut packs: Vec<Pack> = Vec::new();
    let mut pending: Vec<(RuleFile, PackDef, bool)> = defs;
    // Packs may extend packs defined in any file: resolve in dependency order.
    while !pending.is_empty() {
        let before = pending.len();
        let mut rest = Vec::new();
        for (file, def, builtin) in pending {
            let ready = def
                .extends
                .as_ref()
                .is_none_or(|e| packs.iter().any(|p| p.id == e.value));
            if ready {
                let pack = compile_pack(&file, &def, builtin, &packs)?;
                if let Some(existing) = packs.iter().position(|p| p.id == pack.id) {
                    if packs[existing].builtin && !builtin {
                        return Err(file.error(
                            &def.id,
                            format!("规则包 id “{}” 与内置规则包重名", pack.id),
                            "重名",
                            Some(format!(
                                "换一个 id，并用 extends: {} 继承内置规则包",
                                pack.id
                            )),
                        ));
                    }
                    return Err(file.error(
                        &def.id,
                        format!("规则包 id “{}” 重复", pack.id),
                        "重名",
                        None,
                    ));
                }
                packs.push(pack);
            } else {
                rest.push((file, def, builtin));
            }
        }
        if rest.len() == before {
            let (file, def, _) = &rest[0];
            let e = def.extends.as_ref().unwrap();
            return Err(file.error(
                e,
                format!("找不到要继承的规则包“{}”", e.value),
                "未知或循环继承",
                Some(known_packs(&packs)),
            ));
        }
        pending = rest;
    }
    Ok(packs)
}

fn known_packs(packs: &[Pack]) -> String {
    format!(
        "已有规则包：{}",
        packs
            .iter()
            .map(|p| p.id.as_str())
            .collect::<Vec<_>>()
            .join("、")
    )
}

fn compile_pack(
    file: &RuleFile,
    def: &PackDef,
    builtin: bool,
    known: &[Pack],
) -> Result<Pack, RulesError> {
    let parent = def.extends.as_ref().and_then(|e| known.iter().find(|p| p.id == e.value));
    // Inherited items keep their own file's negations; this file's items get
    // this file's, a set of its own after the parent's.
    let mut items: Vec<Item> = parent.map(|p| p.items.clone()).unwrap_or_default();
    let mut negations: Vec<Vec<Pattern>> = parent.map(|p| p.negations.clone()).unwrap_or_default();
    let own_negation = negations.len();
    negations.push(patterns(file, &def.negation)?);
    for d in &def.disable {
        let before = items.len();
        items.retain(|i| i.id != d.value);
        if items.len() == before {
            return Err(file.error(
                d,
                format!("要停用的条目“{}”不在继承的规则包中", d.value),
                "未知条目",
                None,
            ));
        }
    }
    for (id, w) in &def.weights {
        match items.iter_mut().find(|i| &i.id == id) {
            Some(item) => item.weight = *w,
            None => {
                return Err(file.error(
                    &def.id,
                    format!("weights 中的条目“{id}”不在继承的规则包中"),
                    "此规则包",
                    None,
                ))
            }
        }
    }
    let mut own_ids = HashSet::new();
    for d in &def.items {
        if !own_ids.insert(d.id.value.clone()) {
            return Err(file.error(
                &d.id,
                format!("条目 id “{}” 重复", d.id.value),
                "重复的 id",
                None,
            ));
        }
        let item = compile_item(file, d, def, own_negation)?;
        match items.iter_mut().find(|i| i.id == item.id) {
            Some(existing) => *existing = item,
            None => items.push(item),
        }
    }
    if items.is_empty() {
        return Err(file.error(
            &def.id,
            format!("规则包“{}”没有任何条目", def.id.value),
            "此规则包",
            None,
        ));
    }
    Ok(Pack {
        id: def.id.value.clone(),
        title: def.title.clone(),
        description: def.description.clone(),
        basis: def.basis.clone(),
        version: def.version,
        report_years: def.report_years,
        items,
        negations,
        origin: file.origin(&def.id),
        builtin,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::checks::ChecksDef;

    /// The build-time JSON must give exactly what the YAML gives, locations
    /// included (diagnostics and `rules show` point into the YAML with them).
    #[test]
    fn preparsed_built_in_files_equal_their_yaml() {
        fn same<T: serde::de::DeserializeOwned + std::fmt::Debug>(name: &str, yaml: &str) {
            let file = RuleFile {
                name: name.into(),
                source: yaml.into(),
                builtin: true,
            };
            let json = file.preparsed().expect("built-in files are pre-parsed");
            let from_json: T = serde_json::from_str(json).unwrap();
            let from_yaml: T = serde_saphyr::from_str(yaml).unwrap();
            assert_eq!(format!("{from_json:?}"), format!("{from_yaml:?}"), "{name}");
        }
        for (name, yaml) in BUILTIN_PACKS {
            same::<PackDef>(name, yaml);
        }
        same::<ProfileDef>(BUILTIN_PROFILE.0, BUILTIN_PROFILE.1);
        same::<ChecksDef>(BUILTIN_CHECKS.0, BUILTIN_CHECKS.1);
        // A file from outside is read as YAML.
        let outside = RuleFile {
            name: "my/rules.yaml".into(),
            source: BUILTIN_CHECKS.1.into(),
            builtin: false,
        };
        assert!(outside.preparsed().is_none());
    }
}
