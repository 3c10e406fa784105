//! `fazhi rules list | show | test`.

// The terminal layout helpers live beside this file; `explain` uses them too.

use super::{exit, load_rules, RuleArgs, RulesCommand};
use crate::document::{Level, Role};
use crate::engine::selftest;
use crate::rules::checks::CheckDoc;
use crate::rules::{Item, Pack, Pattern, RuleSet, Severity, Status};
use super::term::{self, label_column, pad, pad_left, width, Page, Paint, Term, Text};

pub(super) fn run(cmd: RulesCommand) -> miette::Result<i32> {
    match cmd {
        RulesCommand::List { pack, rules } => {
            let set = load_rules(&rules)?;
            let term = Term::detect();
            for (i, p) in packs(&set, pack.as_deref())?.into_iter().enumerate() {
                if i > 0 {
                    out!("\n");
                }
                out!("{}", list(p, term));
            }
            if pack.is_none() && !set.checks.docs.is_empty() {
                out!("\n{}", list_checks(&set.checks.docs, term));
            }
            Ok(exit::OK)
        }
        RulesCommand::Show { id, pack, rules } => {
            let set = load_rules(&rules)?;
            let found = packs(&set, pack.as_deref())?
                .into_iter()
                .find_map(|p| p.item(&id).map(|i| (p, i)));
            let check = set.checks.docs.iter().find(|c| c.id == id);
            match (found, check) {
                (Some((p, item)), _) => {
                    out!("{}", show(p, item, Term::detect()));
                    Ok(exit::OK)
                }
                (None, Some(check)) => {
                    out!("{}", show_check(check, Term::detect()));
                    Ok(exit::OK)
                }
                (None, None) => {
                    let set_packs = packs(&set, pack.as_deref())?;
                    let ids = set_packs
                        .iter()
                        .flat_map(|p| p.items.iter().map(|i| i.id.as_str()))
                        .chain(set.checks.docs.iter().map(|c| c.id.as_str()));
                    Err(miette::miette!(
                        help = unknown_item_help(ids, &id),
                        "没有条目或检查“{id}”"
                    ))
                }
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

/// Help for an unknown item id: similar ids (same group, or sharing the
/// text), then where to find all of them.
pub(super) fn unknown_item_help<'a>(ids: impl Iterator<Item = &'a str>, id: &str) -> String {
    let (group, name) = id.split_once('.').unwrap_or(("", id));
    let mut similar: Vec<&str> = ids
        .filter(|i| {
            let (g, n) = i.split_once('.').unwrap_or(("", i));
            (!name.is_empty() && (n.contains(name) || name.contains(n)))
                || (!group.is_empty() && g == group)
                || (!id.is_empty() && i.contains(id))
        })
        .collect();
    similar.dedup();
    similar.truncate(6);
    if similar.is_empty() {
        "用 fazhi rules list 查看全部条目".to_owned()
    } else {
        format!(
            "相近的条目：{}；用 fazhi rules list 查看全部条目",
            similar.join("、")
        )
    }
}

/// Short Chinese names of levels, for the list.
fn level_short(l: Level) -> &'static str {
    match l {
        Level::Province => "省",
        Level::City => "市",
        Level::District => "区",
        Level::County => "县",
        Level::Street => "街道",
        Level::Town => "镇",
        Level::Township => "乡",
        Level::Department => "部门",
    }
}

/// The levels an item applies to, in Chinese (`all` when it has no `applies`).
fn applies_zh(item: &Item, all: &str, short: bool) -> String {
    match &item.applies {
        Some(levels) => levels
            .iter()
            .map(|l| if short { level_short(*l) } else { l.label_zh() })
            .collect::<Vec<_>>()
            .join("、"),
        None => all.to_owned(),
    }
}

fn roles_zh(rs: &[Role]) -> String {
    rs.iter()
        .map(|r| r.label_zh())
        .collect::<Vec<_>>()
        .join("、")
}

/// Whether an item was defined in another file than its pack (inherited with
/// `extends`).
fn inherited(p: &Pack, item: &Item) -> bool {
    item.origin.file != p.origin.file
}

/// The pack's heading lines: id and title, then counts, years and basis.
fn pack_header(page: &mut Page, p: &Pack) {
    let mut t = Text::new();
    t.push(&format!("规则包 {}", p.id), Some(Paint::Strong))
        .push("　", None)
        .push(&p.title, Some(Paint::Strong));
    page.para(0, 2, &t);
    let own = p.items.iter().filter(|i| !inherited(p, i)).count();
    let mut facts = vec![format!("{} 个条目", p.items.len())];
    if own < p.items.len() {
        facts.push(format!("其中 {} 个继承自其他规则包", p.items.len() - own));
    }
    if let Some((a, b)) = p.report_years {
        facts.push(format!("适用报告年度 {a}—{b}"));
    }
    facts.push(format!("定义于 {}", p.origin.file));
    page.para(0, 2, &Text::plain(&facts.join("；")));
    let label_w = label_column(["依据", "说明"], 8);
    if let Some(b) = &p.basis {
        page.field(0, label_w, "依据", &Text::plain(b));
    }
    if let Some(d) = &p.description {
        page.field(0, label_w, "说明", &Text::plain(d));
    }
}

/// `rules list`: the pack, then one row per item. Columns: id, weight,
/// levels, and title with its basis — side by side when the terminal is wide
/// enough, else the basis (dimmed) under the title.
fn list(p: &Pack, term: Term) -> String {
    let mut page = Page::new(term);
    pack_header(&mut page, p);
    page.blank();
    const GAP: usize = 2;
    let id_w = p
        .items
        .iter()
        .map(|i| width(&i.id))
        .max()
        .unwrap_or(0)
        .max(width("条目"));
    let weights: Vec<String> = p.items.iter().map(|i| format_weight(i.weight)).collect();
    let weight_w = weights
        .iter()
        .map(|w| width(w))
        .max()
        .unwrap_or(0)
        .max(width("权重"));
    let fixed = id_w + GAP + weight_w + GAP;
    let flex = term.width.saturating_sub(fixed);
    let paint = |p: Paint, s: &str| term.paint(p, s);
    // The title, and the levels when the item is limited to some.
    let title = |i: &Item| {
        let mut t = Text::plain(&i.title);
        if i.applies.is_some() {
            t.push(
                &format!("（限{}）", applies_zh(i, "", true)),
                Some(Paint::Dim),
            );
        }
        t
    };
    if flex < 16 {
        // Too narrow for columns: one block per item.
        for (k, i) in p.items.iter().enumerate() {
            page.raw(&format!(
                "{}  权重 {}",
                paint(Paint::Strong, &i.id),
                weights[k]
            ));
            page.para(2, 2, &title(i));
            page.para(2, 2, &Text::styled(&i.basis, Paint::Dim));
        }
        return page.finish();
    }
    let max_title = p.items.iter().map(|i| title(i).width()).max().unwrap_or(0);
    let max_basis = p.items.iter().map(|i| width(&i.basis)).max().unwrap_or(0);
    // Side by side when both columns get a readable width.
    let split = (flex >= 64).then(|| {
        let title_w = max_title
            .min(flex.saturating_sub(GAP + max_basis).max(flex / 2))
            .max(width("内容"));
        (title_w, flex - title_w - GAP)
    });
    let head = |s: &str, w: usize| paint(Paint::Strong, &pad(s, w));
    let mut header = format!(
        "{}{}",
        head("条目", id_w + GAP),
        head(&pad_left("权重", weight_w), weight_w + GAP),
    );
    match split {
        Some((title_w, _)) => {
            header.push_str(&head("内容", title_w + GAP));
            header.push_str(&paint(Paint::Strong, "依据"));
        }
        None => header.push_str(&paint(Paint::Strong, "内容 / 依据")),
    }
    page.raw(header.trim_end());
    page.raw(&paint(Paint::Dim, &"─".repeat(term.width)));
    let mut group = "";
    for (k, i) in p.items.iter().enumerate() {
        let g = i.id.split('.').next().unwrap_or("");
        if k > 0 && g != group {
            page.raw("");
        }
        group = g;
        let id_paint = if inherited(p, i) {
            Paint::Dim
        } else {
            Paint::Strong
        };
        let left = format!(
            "{}{}{}{}",
            paint(id_paint, &pad(&i.id, id_w)),
            " ".repeat(GAP),
            pad_left(&weights[k], weight_w),
            " ".repeat(GAP),
        );
        let blank = " ".repeat(fixed);
        let rows: Vec<String> = match split {
            Some((title_w, basis_w)) => {
                let t_lines = title(i).wrap(title_w);
                let b_lines = Text::styled(&i.basis, Paint::Dim).wrap(basis_w);
                (0..t_lines.len().max(b_lines.len()))
                    .map(|r| {
                        let (t, tw) = t_lines
                            .get(r)
                            .map(|l| (term.render(l), term::cells_width(l)))
                            .unwrap_or_default();
                        match b_lines.get(r) {
                            Some(b) => {
                                format!("{t}{}{}", " ".repeat(title_w - tw + GAP), term.render(b))
                            }
                            None => t,
                        }
                    })
                    .collect()
            }
            None => {
                let mut t = title(i);
                t.push("\n", None).push(&i.basis, Some(Paint::Dim));
                t.wrap(flex).iter().map(|l| term.render(l)).collect()
            }
        };
        for (r, row) in rows.iter().enumerate() {
            let lead = if r == 0 { &left } else { &blank };
            page.raw(format!("{lead}{row}").trim_end());
        }
    }
    page.finish()
}

/// `rules list`, after the packs: the quality checks, one per row — id,
/// severity, title, and what the check looks at under it.
fn list_checks(checks: &[CheckDoc], term: Term) -> String {
    let mut page = Page::new(term);
    page.para(0, 2, &Text::styled("质量检查（发现问题时逐处报告，不计入得分）", Paint::Strong));
    page.blank();
    let labels: Vec<&str> = checks.iter().map(|c| c.id.as_str()).collect();
    let lw = label_column(labels.iter().copied(), 28);
    for c in checks {
        let mut v = Text::new();
        v.push(&c.title, None).push(
            &format!("　{}", severity_zh(c.severity)),
            Some(Paint::Dim),
        );
        if let Some(d) = &c.doc {
            v.push("\n", None).push(d, Some(Paint::Dim));
        }
        page.field(0, lw, &c.id, &v);
    }
    page.finish()
}

fn severity_zh(s: Option<Severity>) -> &'static str {
    s.map_or("依条目而定", Severity::label_zh)
}

/// `rules show` for a quality check.
fn show_check(c: &CheckDoc, term: Term) -> String {
    let mut page = Page::new(term);
    page.item_title(&c.id, &c.title);
    let lw = label_column(["定义于", "级别", "检查", "依据"], 10);
    let f =
        |page: &mut Page, label: &str, value: &str| page.field(0, lw, label, &Text::plain(value));
    f(
        &mut page,
        "定义于",
        &format!("{}:{}", c.origin.file, c.origin.line()),
    );
    f(&mut page, "级别", severity_zh(c.severity));
    if let Some(d) = &c.doc {
        f(&mut page, "检查", d);
    }
    if let Some(b) = &c.basis {
        f(&mut page, "依据", b);
    }
    page.finish()
}

fn format_weight(w: f64) -> String {
    if w.fract() == 0.0 && w.abs() < 1e9 {
        format!("{}", w as i64)
    } else {
        format!("{w}")
    }
}

fn patterns_text(pats: &[Pattern]) -> Text {
    let shown: Vec<String> = pats.iter().map(Pattern::display).collect();
    let mut t = Text::new();
    t.push_units(shown.iter().map(String::as_str), Some(Paint::Pattern), "  ");
    t
}

/// `rules show`: what the item is and where it comes from; how it is decided
/// (patterns, parts, exclusions, context); which parts of a report count; the
/// messages; the examples `rules test` checks.
fn show(p: &Pack, item: &Item, term: Term) -> String {
    let mut page = Page::new(term);
    page.item_title(&item.id, &item.title);
    let lw = label_column(
        [
            "规则包",
            "定义于",
            "依据",
            "权重",
            "级别",
            "适用",
            "说明",
            "写法",
        ],
        10,
    );
    let f =
        |page: &mut Page, label: &str, value: &str| page.field(0, lw, label, &Text::plain(value));
    f(&mut page, "规则包", &format!("{}（{}）", p.id, p.title));
    f(
        &mut page,
        "定义于",
        &format!("{}:{}", item.origin.file, item.origin.line()),
    );
    f(&mut page, "依据", &item.basis);
    f(&mut page, "权重", &format_weight(item.weight));
    f(&mut page, "级别", item.severity.label_zh());
    f(&mut page, "适用", &applies_zh(item, "全部层级", false));
    if let Some(d) = &item.description {
        f(&mut page, "说明", d);
    }
    if let Some(h) = &item.help {
        f(&mut page, "写法", h);
    }

    page.blank();
    page.heading("判定规则", "");
    let lw = label_column(
        ["按结构", "覆盖", "部分覆盖", "组成部分", "排除", "语境"],
        12,
    );
    if let Some(r) = item.role {
        page.field(
            2,
            lw,
            "按结构",
            &Text::plain(&format!(
                "报告中有“{}”部分（标题或成段文字）即为已覆盖",
                r.label_zh()
            )),
        );
    }
    if !item.patterns.is_empty() {
        let mut v = patterns_text(&item.patterns);
        v.push("\n", None)
            .push("命中任一即为已覆盖", Some(Paint::Dim));
        page.field(2, lw, "覆盖", &v);
    }
    if !item.partial.is_empty() {
        let mut v = patterns_text(&item.partial);
        v.push("\n", None)
            .push("只命中这些为部分覆盖（顺带一提）", Some(Paint::Dim));
        page.field(2, lw, "部分覆盖", &v);
    }
    if !item.parts.is_empty() {
        page.field(
            2,
            lw,
            "组成部分",
            &Text::styled(
                &format!(
                    "{} 项：全部写到为已覆盖，只写到一部分为部分覆盖",
                    item.parts.len()
                ),
                Paint::Dim,
            ),
        );
        let part_w = label_column(item.parts.iter().map(|p| p.name.as_str()), 16);
        for part in &item.parts {
            page.field(4, part_w, &part.name, &patterns_text(&part.patterns));
        }
    }
    if !item.exclude.is_empty() {
        let mut v = patterns_text(&item.exclude);
        v.push("\n", None)
            .push("与这些词语重叠的命中不算", Some(Paint::Dim));
        page.field(2, lw, "排除", &v);
    }
    if !item.context.is_empty() {
        let mut v = patterns_text(&item.context);
        v.push("\n", None)
            .push("命中所在的句子或所在各级标题须含其一", Some(Paint::Dim));
        page.field(2, lw, "语境", &v);
    }

    page.blank();
    page.heading("计入的部分", "");
    let lw = label_column(["计为本年度工作", "计为计划或问题", "不计"], 18);
    let mut evidence = roles_zh(&item.evidence.roles);
    if evidence.is_empty() {
        evidence = "无".into();
    }
    if !item.evidence.headings {
        evidence.push_str("（其中的标题不计）");
    }
    page.field(2, lw, "计为本年度工作", &Text::plain(&evidence));
    let plan = if item.plan_roles.is_empty() {
        "无".to_owned()
    } else {
        format!(
            "{}（只有这些部分命中时为“仅见于计划或问题”）",
            roles_zh(&item.plan_roles)
        )
    };
    page.field(2, lw, "计为计划或问题", &Text::plain(&plan));
    let none: Vec<&str> = Role::PARTS
        .iter()
        .filter(|r| !item.evidence.roles.contains(r) && !item.plan_roles.contains(r))
        .map(|r| r.label_zh())
        .collect();
    let mut never = none.join("、");
    if !never.is_empty() {
        never.push('；');
    }
    never.push_str("报告标题、署名和网页导航");
    page.field(2, lw, "不计", &Text::plain(&never));

    let messages: Vec<(Status, &str)> = [
        Status::Covered,
        Status::Partial,
        Status::Planned,
        Status::Missing,
    ]
    .into_iter()
    .filter_map(|s| item.messages.get(s).map(|m| (s, m)))
    .collect();
    if !messages.is_empty() {
        page.blank();
        page.heading("提示语", "（{title} 等在审核时填入）");
        let lw = label_column(messages.iter().map(|(s, _)| s.label_zh()), 18);
        for (s, m) in messages {
            page.field_in(2, lw, s.label_zh(), Paint::status(s), &Text::plain(m));
        }
    }

    page.blank();
    page.heading(
        &format!("示例 {} 条", item.examples.len()),
        "fazhi rules test 逐条检查",
    );
    page.para(
        2,
        2,
        &Text::styled(
            "没有标题的示例按“一、主要举措和成效”下的正文审核。",
            Paint::Dim,
        ),
    );
    let lw = label_column(item.examples.iter().map(|e| e.expect.label_zh()), 18);
    for ex in &item.examples {
        let mut v = Text::plain(ex.text.trim_end());
        if let Some(l) = ex.level {
            v.push("\n", None)
                .push(&format!("（按{}报告审核）", l.label_zh()), Some(Paint::Dim));
        }
        page.field_in(2, lw, ex.expect.label_zh(), Paint::status(ex.expect), &v);
    }
    if item.examples.is_empty() {
        page.para(2, 2, &Text::styled("没有示例", Paint::Dim));
    }
    page.finish()
}
