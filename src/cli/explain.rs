//! `fazhi explain REPORT --item ID`: why a report got a status.

use std::path::Path;

use super::audit::Auditor;
use super::{exit, load_rules, RuleArgs};
use crate::engine::HitUse;
use crate::ingest::{self, Limits};
use crate::report::Outcome;
use crate::rules::PatternUse;

pub(super) fn run(
    report: &Path,
    item_id: &str,
    pack: Option<&str>,
    rules: &RuleArgs,
) -> miette::Result<i32> {
    let auditor = Auditor::new(load_rules(rules)?, pack, Limits::default())?;
    let source = ingest::read_path(report, &auditor.limits)
        .map_err(|e| miette::miette!("{}：{e}", report.display()))?;
    let Outcome::Audited(a) = auditor.audit_source(report.display().to_string(), source) else {
        unreachable!()
    };
    let Some(index) = a.pack().items.iter().position(|i| i.id == item_id) else {
        return Err(miette::miette!(
            help = "用 fazhi rules list 查看全部条目",
            "规则包 {} 中没有条目“{item_id}”",
            a.pack().id
        ));
    };
    let item = &a.pack().items[index];
    let r = &a.audit.items[index];
    let doc = &a.doc;
    outln!("{} — {}（{}）", a.path, item.id, item.title);
    outln!("判定：{}　{}", r.status.label_zh(), r.message);
    if let Some((found, missing)) = &r.parts {
        outln!("组成部分：已见 {}；未见 {}", join(found), join(missing));
    }
    let patterns: Vec<_> = item.all_patterns().collect();
    if r.hits.is_empty() {
        outln!("没有任何规则命中。");
    }
    for h in &r.hits {
        let span = doc.span(h.range.clone());
        let (pattern, usage) = patterns[h.pattern];
        let usage = match usage {
            PatternUse::Full => "覆盖规则".to_owned(),
            PatternUse::Partial => "部分覆盖规则".to_owned(),
            PatternUse::Part(i) => format!("组成部分“{}”", item.parts[i].name),
            PatternUse::Exclude => "排除规则".to_owned(),
        };
        let place = h.role.map(|r| r.label_zh()).unwrap_or("页面导航等无关内容");
        let counted = match h.counted {
            HitUse::Evidence => "计为本年度工作".to_owned(),
            HitUse::Plan => "只计为计划或问题".to_owned(),
            HitUse::OutOfScope => format!("不计：位于“{place}”部分"),
            HitUse::Excluded => "不计：处在排除词语中".to_owned(),
            HitUse::NoContext => "不计：所在句子和标题都不涉及本条目".to_owned(),
            HitUse::Front => "不计：位于标题、署名或页面导航".to_owned(),
        };
        let heading = if h.heading { "（标题）" } else { "" };
        outln!(
            "  {}:{}　“{}”　{} {}　位于{}{}　→ {}",
            span.line,
            span.column,
            span.text,
            usage,
            pattern.display(),
            place,
            heading,
            counted
        );
    }
    Ok(exit::OK)
}

fn join(v: &[String]) -> String {
    if v.is_empty() {
        "无".into()
    } else {
        v.join("、")
    }
}
