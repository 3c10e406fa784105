//! `fazhi rules list | show | test`.

use comfy_table::{presets, ContentArrangement, Table};

use super::{exit, load_rules, RuleArgs, RulesCommand};
use crate::engine::selftest;
use crate::rules::{Pack, RuleSet};

pub(super) fn run(cmd: RulesCommand) -> miette::Result<i32> {
    match cmd {
        RulesCommand::List { pack, rules } => {
            let set = load_rules(&rules)?;
            for p in packs(&set, pack.as_deref())? {
                outln!("{}", list(p));
            }
            Ok(exit::OK)
        }
        RulesCommand::Show { id, pack, rules } => {
            let set = load_rules(&rules)?;
            let found = packs(&set, pack.as_deref())?
                .into_iter()
                .find_map(|p| p.item(&id).map(|i| (p, i)));
            match found {
                Some((p, item)) => {
                    out!("{}", show(p, item));
                    Ok(exit::OK)
                }
                None => Err(miette::miette!(
                    help = "用 fazhi rules list 查看全部条目",
                    "没有条目“{id}”"
                )),
            }
        }
        RulesCommand::Test { dirs } => {
            let args = RuleArgs {
                rules: dirs.clone(),
            };
            let set = load_rules(&args)?;
            let only: Vec<String> = if dirs.is_empty() {
                Vec::new()
            } else {
                set.packs
                    .iter()
                    .filter(|p| !p.builtin)
                    .map(|p| p.id.clone())
                    .collect()
            };
            let report = selftest::run(&set, &only);
            for f in &report.failures {
                outln!(
                    "失败 {}:{} [{}] {}",
                    f.origin.file,
                    f.origin.line(),
                    if f.item.is_empty() { &f.pack } else { &f.item },
                    f.message
                );
            }
            let failed = report.failures.len();
            outln!(
                "规则测试：{} 个示例，通过 {}，问题 {} 处",
                report.examples,
                report.passed,
                failed
            );
            outln!("{} passed, {} failed", report.passed, failed);
            Ok(if failed == 0 {
                exit::OK
            } else {
                exit::THRESHOLD
            })
        }
    }
}

fn packs<'a>(set: &'a RuleSet, id: Option<&str>) -> miette::Result<Vec<&'a Pack>> {
    match id {
        Some(id) => set
            .pack(id)
            .map(|p| vec![p])
            .ok_or_else(|| miette::miette!("没有名为“{id}”的规则包")),
        None => Ok(set.packs.iter().collect()),
    }
}

/// The levels an item applies to, in Chinese.
fn applies_zh(item: &crate::rules::Item, all: &str) -> String {
    match &item.applies {
        Some(levels) => levels.iter().map(|l| l.label_zh()).collect::<Vec<_>>().join("、"),
        None => all.to_owned(),
    }
}

fn list(p: &Pack) -> String {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(110);
    t.set_header(vec!["条目", "内容", "权重", "适用", "依据"]);
    if let Some(c) = t.column_mut(0) {
        c.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
    }
    for i in &p.items {
        let applies = applies_zh(i, "全部");
        t.add_row(vec![
            i.id.clone(),
            i.title.clone(),
            i.weight.to_string(),
            applies,
            i.basis.clone(),
        ]);
    }
    let years = p
        .report_years
        .map(|(a, b)| format!("，适用报告年度 {a}—{b}"))
        .unwrap_or_default();
    format!(
        "规则包 {}：{}（{} 个条目{}）\n{t}",
        p.id,
        p.title,
        p.items.len(),
        years
    )
}

fn show(p: &Pack, item: &crate::rules::Item) -> String {
    let mut s = String::new();
    let mut line = |k: &str, v: &str| s.push_str(&format!("{k}：{v}\n"));
    line("条目", &item.id);
    line("内容", &item.title);
    line("规则包", &format!("{}（{}）", p.id, p.title));
    line("依据", &item.basis);
    line("权重", &item.weight.to_string());
    line("级别", item.severity.label_zh());
    line(
        "适用",
        &applies_zh(item, "全部层级"),
    );
    if let Some(d) = &item.description {
        line("说明", d);
    }
    if let Some(h) = &item.help {
        line("写法", h);
    }
    if let Some(r) = item.role {
        line("判定", &format!("报告中有“{}”部分即为已覆盖", r.label_zh()));
    }
    let roles = |rs: &[crate::document::Role]| {
        rs.iter()
            .map(|r| r.label_zh())
            .collect::<Vec<_>>()
            .join("、")
    };
    line(
        "计为成效的部分",
        &format!(
            "{}{}",
            roles(&item.evidence.roles),
            if item.evidence.headings {
                ""
            } else {
                "（标题不计）"
            }
        ),
    );
    line(
        "计为“仅见于计划或问题”的部分",
        &if item.plan_roles.is_empty() {
            "无".into()
        } else {
            roles(&item.plan_roles)
        },
    );
    let pats =
        |v: &[crate::rules::Pattern]| v.iter().map(|p| p.display()).collect::<Vec<_>>().join("  ");
    if !item.patterns.is_empty() {
        line("覆盖规则", &pats(&item.patterns));
    }
    if !item.partial.is_empty() {
        line("部分覆盖规则", &pats(&item.partial));
    }
    for part in &item.parts {
        line(&format!("组成部分“{}”", part.name), &pats(&part.patterns));
    }
    if !item.exclude.is_empty() {
        line("排除", &pats(&item.exclude));
    }
    s.push_str("示例：\n");
    for ex in &item.examples {
        s.push_str(&format!(
            "  [{}] {}\n",
            ex.expect.label_zh(),
            ex.text.trim().replace('\n', " ⏎ ")
        ));
    }
    s
}
