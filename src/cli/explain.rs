//! `fazhi explain REPORT --item ID`: why a report got a status.
//!
//! Prints the verdict and its reason, then every hit of the item's patterns
//! grouped by how it was used — counted as this year's work, counted only as a
//! plan or problem, not counted (and why: the part it was in, an exclusion, no
//! context) — each with its line:column, the pattern, the heading path and the
//! sentence around it; then the patterns that matched nowhere.

use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;

use super::audit::Auditor;
use super::term::{self, label_column, Page, Paint, Term, Text};
use super::exit;
use crate::document::{Document, Role};
use crate::engine::{Finding, HitUse, ItemHit, ItemResult};
use crate::ingest;
use crate::report::{Audited, Outcome};
use crate::rules::checks::CheckDoc;
use crate::rules::{Item, PatternUse, Status};

pub(super) fn run(report: &Path, item_id: &str, auditor: &Auditor) -> miette::Result<i32> {
    let source = ingest::read_path(report, &auditor.limits)
        .map_err(|e| miette::miette!("{}：{e}", report.display()))?;
    let Outcome::Audited(a) = auditor.audit_source(report.display().to_string(), source) else {
        unreachable!()
    };
    let checks = &auditor.rules.checks.docs;
    if let Some(check) = checks.iter().find(|c| c.id == item_id) {
        out!("{}", render_check(&a, check, Term::detect()));
        return Ok(exit::OK);
    }
    let Some(index) = a.pack().items.iter().position(|i| i.id == item_id) else {
        let ids = a
            .pack()
            .items
            .iter()
            .map(|i| i.id.as_str())
            .chain(checks.iter().map(|c| c.id.as_str()));
        return Err(miette::miette!(
            help = super::rules_cmd::unknown_item_help(ids, item_id),
            "规则包 {} 中没有条目或检查“{item_id}”",
            a.pack().id
        ));
    };
    out!("{}", render(&a, index, Term::detect()));
    Ok(exit::OK)
}

/// A heading for hits, its note, and which hits it takes.
type HitGroup = (&'static str, &'static str, fn(&ItemHit) -> bool);

/// What a use of a pattern is called.
fn usage_zh(item: &Item, usage: PatternUse) -> String {
    match usage {
        PatternUse::Full => "覆盖规则".to_owned(),
        PatternUse::Partial => "部分覆盖规则".to_owned(),
        PatternUse::Part(i) => format!("组成部分“{}”", item.parts[i].name),
        PatternUse::Exclude => "排除规则".to_owned(),
        PatternUse::Negation => "否定表述规则".to_owned(),
    }
}

/// Why a hit did not count.
fn reason_zh(h: &ItemHit) -> String {
    let place = h.role.map(|r| r.label_zh()).unwrap_or("页面导航等无关内容");
    match h.counted {
        HitUse::Evidence => "计为本年度工作".to_owned(),
        HitUse::Plan if h.negated => "只计为问题：处在否定表述中（如“尚未建立”），不是已做的工作".to_owned(),
        HitUse::Plan => "只计为计划或问题".to_owned(),
        HitUse::OutOfScope if h.heading && h.role.is_some() => {
            format!("不计：位于“{place}”部分的标题中，本条目不计标题")
        }
        HitUse::OutOfScope => format!("不计：位于“{place}”部分，本条目不计这一部分"),
        HitUse::Excluded => "不计：处在排除词语中".to_owned(),
        HitUse::NoContext => "不计：所在句子和各级标题都不涉及本条目（语境规则）".to_owned(),
        HitUse::Front => "不计：位于报告标题、署名或网页导航".to_owned(),
    }
}

/// The headings a byte offset is under, outermost first.
fn heading_path(doc: &Document, at: usize) -> Vec<String> {
    let innermost = doc
        .sections
        .iter()
        .enumerate()
        .filter(|(_, s)| s.range.contains(&at) || s.heading.contains(&at))
        .min_by_key(|(_, s)| s.range.end.saturating_sub(s.range.start))
        .map(|(i, _)| i);
    let mut path = Vec::new();
    let mut next = innermost;
    while let Some(i) = next {
        let s = &doc.sections[i];
        path.push(term::truncate(doc.text[s.heading.clone()].trim(), 30));
        next = s.parent;
    }
    path.reverse();
    path
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '\n')
}

/// The sentence around `range`, at most `side` characters either way, with the
/// hit highlighted.
fn excerpt(doc: &Document, range: Range<usize>, side: usize) -> Text {
    let text = &doc.text;
    let mut start = range.start;
    let mut cut_start = false;
    for (n, (i, c)) in text[..range.start].char_indices().rev().enumerate() {
        if is_sentence_end(c) {
            break;
        }
        if n == side {
            cut_start = true;
            break;
        }
        start = i;
    }
    let mut end = range.end;
    let mut cut_end = false;
    for (n, (i, c)) in text[range.end..].char_indices().enumerate() {
        if c == '\n' {
            break;
        }
        if n == side {
            cut_end = true;
            break;
        }
        end = range.end + i + c.len_utf8();
        if is_sentence_end(c) {
            break;
        }
    }
    let mut t = Text::new();
    if cut_start {
        t.push("…", Some(Paint::Dim));
    }
    t.push(text[start..range.start].trim_start(), None);
    t.push(&text[range.clone()], Some(Paint::Hit));
    t.push(&text[range.end..end], None);
    if cut_end {
        t.push("…", Some(Paint::Dim));
    }
    t
}

/// One hit: the matched text and the pattern, where it is, why it did or did
/// not count, the sentence around it.
fn hit_block(page: &mut Page, label_w: usize, a: &Audited, item: &Item, h: &ItemHit) {
    let doc = &a.doc;
    let span = doc.span(h.range.clone());
    let patterns: Vec<_> = item.all_patterns().collect();
    let (pattern, usage) = patterns[h.pattern];
    let mut v = Text::new();
    v.push_unit(&format!("“{}”", span.text.trim()), Some(Paint::Hit))
        .push("  ", None)
        .push(&usage_zh(item, usage), None)
        .push(" ", None)
        .push_unit(&pattern.display(), Some(Paint::Pattern));
    v.push("\n", None);
    let path = heading_path(doc, h.range.start);
    let part = h
        .role
        .map(|r| format!("“{}”部分", r.label_zh()))
        .unwrap_or_else(|| "正文之外".to_owned());
    v.push("位于 ", Some(Paint::Dim));
    if path.is_empty() {
        v.push(&part, None);
    } else {
        v.push_units(path.iter().map(String::as_str), None, " › ");
        v.push(&format!("（{part}）"), None);
    }
    if h.heading {
        v.push("，标题中", None);
    }
    if !matches!(h.counted, HitUse::Evidence | HitUse::Plan) {
        v.push("\n", None).push(&reason_zh(h), Some(Paint::Missing));
    }
    v.push("\n", None).push("原文 ", Some(Paint::Dim));
    v.append(excerpt(doc, h.range.clone(), 30));
    page.field(2, label_w, &format!("{}:{}", span.line, span.column), &v);
}

/// Where the report has a part with `role`: its top headings, or the first
/// unheaded paragraph that opened it.
fn role_places(page: &mut Page, doc: &Document, role: Role) {
    let tops: Vec<_> = doc
        .sections
        .iter()
        .filter(|s| s.role == role && s.parent.is_none_or(|p| doc.sections[p].role != role))
        .collect();
    let mut places: Vec<(usize, Text)> = tops
        .iter()
        .map(|s| {
            let t = Text::plain(&term::truncate(doc.text[s.heading.clone()].trim(), 60));
            (s.heading.start, t)
        })
        .collect();
    if places.is_empty() {
        if let Some(seg) = doc.segments.iter().find(|s| s.role == role) {
            let mut t = Text::styled("无标题，由这段文字开启：", Paint::Dim);
            let r = seg.range.clone();
            let end = doc.text[r.clone()]
                .char_indices()
                .nth(40)
                .map_or(r.end, |(i, _)| r.start + i);
            t.append(excerpt(doc, r.start..end, 0));
            places.push((seg.range.start, t));
        }
    }
    if places.is_empty() {
        page.para(2, 2, &Text::styled("报告中没有这一部分。", Paint::Missing));
        return;
    }
    let labels: Vec<String> = places
        .iter()
        .map(|(at, _)| {
            let s = doc.span(*at..*at);
            format!("{}:{}", s.line, s.column)
        })
        .collect();
    let lw = label_column(labels.iter().map(String::as_str), 12);
    for ((_, t), l) in places.iter().zip(&labels) {
        page.field(2, lw, l, t);
    }
}

/// The report's path, then its unit, level, year and pack (dimmed).
fn report_facts(a: &Audited) -> Text {
    let mut report = Text::new();
    report.push_unit(&a.path, None);
    let meta = &a.doc.meta;
    let mut facts = Vec::new();
    if let Some(u) = &meta.unit {
        facts.push(u.clone());
    }
    if let Some(l) = meta.level {
        facts.push(l.label_zh().to_owned());
    }
    if let Some(y) = meta.year {
        facts.push(format!("{y}年度"));
    }
    facts.push(format!("规则包 {}", a.pack().id));
    report
        .push("\n", None)
        .push(&facts.join("　"), Some(Paint::Dim));
    report
}

/// `explain` for a quality check: what it looks at and why, then each of its
/// findings in the report with the sentence around it, its suggestion and the
/// other places it names.
fn render_check(a: &Audited, check: &CheckDoc, term: Term) -> String {
    let doc = &a.doc;
    let mut page = Page::new(term);
    page.item_title(&check.id, &check.title);
    let lw = label_column(["报告", "判定", "检查", "依据"], 10);
    page.field(0, lw, "报告", &report_facts(a));
    let findings: Vec<&Finding> = a.audit.findings.iter().filter(|f| f.id == check.id).collect();
    let verdict = if findings.is_empty() {
        Text::styled("未发现问题", Paint::Covered)
    } else {
        Text::styled(&format!("发现 {} 处", findings.len()), Paint::Missing)
    };
    page.field_in(0, lw, "判定", Paint::Label, &verdict);
    if let Some(d) = &check.doc {
        page.field(0, lw, "检查", &Text::plain(d));
    }
    if let Some(b) = &check.basis {
        page.field(0, lw, "依据", &Text::plain(b));
    }
    let labels: Vec<String> = findings
        .iter()
        .map(|f| {
            let s = doc.span(f.range.clone());
            format!("{}:{}", s.line, s.column)
        })
        .collect();
    let fw = label_column(labels.iter().map(String::as_str), 12);
    for (f, label) in findings.iter().zip(&labels) {
        page.blank();
        let mut v = Text::new();
        v.push(&format!("[{}] ", f.severity.label_zh()), Some(Paint::Dim))
            .push(&f.message, None);
        if let Some(s) = &f.suggestion {
            v.push("\n", None)
                .push("建议 ", Some(Paint::Dim))
                .push(s, None);
        }
        if !f.range.is_empty() {
            v.push("\n", None).push("原文 ", Some(Paint::Dim));
            v.append(excerpt(doc, f.range.clone(), 30));
        }
        for (range, note) in &f.related {
            let s = doc.span(range.clone());
            v.push("\n", None)
                .push(&format!("另见 {}:{} ", s.line, s.column), Some(Paint::Dim))
                .push(note, None);
        }
        page.field(2, fw, label, &v);
    }
    page.finish()
}

fn render(a: &Audited, index: usize, term: Term) -> String {
    let item = &a.pack().items[index];
    let r: &ItemResult = &a.audit.items[index];
    let doc = &a.doc;
    let mut page = Page::new(term);

    page.item_title(&item.id, &item.title);
    let lw = label_column(
        [
            "报告",
            "判定",
            "说明",
            "适用",
            "组成部分",
            "计入部分",
            "依据",
            "写法",
        ],
        10,
    );
    page.field(0, lw, "报告", &report_facts(a));
    page.field_in(
        0,
        lw,
        "判定",
        Paint::Label,
        &Text::styled(r.status.label_zh(), Paint::status(r.status)),
    );
    page.field(0, lw, "说明", &Text::plain(&r.message));
    if r.status == Status::NotApplicable {
        if let Some(levels) = &item.applies {
            let zh: Vec<&str> = levels.iter().map(|l| l.label_zh()).collect();
            page.field(
                0,
                lw,
                "适用",
                &Text::plain(&format!("{}（下面的命中不影响判定）", zh.join("、"))),
            );
        }
    }
    if let Some((found, missing)) = &r.parts {
        let mut v = Text::new();
        v.push("已见 ", Some(Paint::Dim));
        if found.is_empty() {
            v.push("无", None);
        } else {
            v.push_units(found.iter().map(String::as_str), Some(Paint::Covered), "、");
        }
        v.push("\n", None).push("未见 ", Some(Paint::Dim));
        if missing.is_empty() {
            v.push("无", None);
        } else {
            v.push_units(
                missing.iter().map(String::as_str),
                Some(Paint::Missing),
                "、",
            );
        }
        page.field(0, lw, "组成部分", &v);
    }
    if item.role.is_none() {
        let mut v = Text::new();
        if item.evidence.roles.is_empty() {
            v.push("无", None);
        } else {
            v.push_units(item.evidence.roles.iter().map(|r| r.label_zh()), None, "、");
        }
        if !item.evidence.headings {
            v.push("（其中的标题不计）", None);
        }
        if !item.plan_roles.is_empty() {
            v.push("\n", None).push(
                &format!(
                    "{}中的命中只计为计划或问题",
                    item.plan_roles
                        .iter()
                        .map(|r| r.label_zh())
                        .collect::<Vec<_>>()
                        .join("、")
                ),
                Some(Paint::Dim),
            );
        }
        page.field(0, lw, "计入部分", &v);
    }
    page.field(0, lw, "依据", &Text::plain(&item.basis));
    if r.status != Status::Covered {
        if let Some(h) = &item.help {
            page.field(0, lw, "写法", &Text::plain(h));
        }
    }
    for n in &a.notes {
        page.para(0, 2, &Text::styled(n, Paint::Dim));
    }

    if let Some(role) = item.role {
        page.blank();
        page.heading(
            &format!("报告中的“{}”部分", role.label_zh()),
            "本条目按报告结构判定",
        );
        role_places(&mut page, doc, role);
    }

    let groups: [HitGroup; 3] = [
        ("计为本年度工作", "", |h| {
            h.counted == HitUse::Evidence
        }),
        ("只计为计划或问题", "", |h| {
            h.counted == HitUse::Plan
        }),
        (
            "未计入",
            "因所在部分、排除词语或语境不计",
            |h| !matches!(h.counted, HitUse::Evidence | HitUse::Plan),
        ),
    ];
    let labels: Vec<String> = r
        .hits
        .iter()
        .map(|h| {
            let s = doc.span(h.range.clone());
            format!("{}:{}", s.line, s.column)
        })
        .collect();
    let hit_w = label_column(labels.iter().map(String::as_str), 12);
    let has_patterns = item.all_patterns().next().is_some();
    if has_patterns {
        page.blank();
        let counts: Vec<String> = groups
            .iter()
            .map(|(name, _, f)| format!("{name} {} 处", r.hits.iter().filter(|h| f(h)).count()))
            .collect();
        page.para(
            0,
            2,
            &Text::styled(
                &format!("命中 {} 处：{}", r.hits.len(), counts.join("，")),
                Paint::Strong,
            ),
        );
    }
    for (name, note, f) in groups {
        let hits: Vec<&ItemHit> = r.hits.iter().filter(|h| f(h)).collect();
        if hits.is_empty() {
            continue;
        }
        page.blank();
        page.heading(&format!("{name} {} 处", hits.len()), note);
        for h in hits {
            hit_block(&mut page, hit_w, a, item, h);
        }
    }

    // Patterns that matched nowhere (exclusions are left out: not matching is
    // their normal state), by use; parts one per line under their name.
    let hit: HashSet<usize> = r.hits.iter().map(|h| h.pattern).collect();
    let unmatched: Vec<(PatternUse, String)> = item
        .all_patterns()
        .enumerate()
        .filter(|(i, (_, u))| !hit.contains(i) && !u.is_qualifier())
        .map(|(_, (p, u))| (u, p.display()))
        .collect();
    if has_patterns && !unmatched.is_empty() {
        page.blank();
        page.heading("未命中的规则", "");
        let of = |want: &dyn Fn(PatternUse) -> bool| -> Vec<&str> {
            unmatched
                .iter()
                .filter(|(u, _)| want(*u))
                .map(|(_, p)| p.as_str())
                .collect()
        };
        let lw = label_column(["覆盖规则", "部分覆盖规则", "组成部分"], 14);
        for (label, use_) in [
            ("覆盖规则", PatternUse::Full),
            ("部分覆盖规则", PatternUse::Partial),
        ] {
            let pats = of(&|u| u == use_);
            if !pats.is_empty() {
                let mut v = Text::new();
                v.push_units(pats, Some(Paint::Pattern), "  ");
                page.field(2, lw, label, &v);
            }
        }
        let parts: Vec<(usize, Vec<&str>)> = (0..item.parts.len())
            .map(|k| (k, of(&|u| u == PatternUse::Part(k))))
            .filter(|(_, p)| !p.is_empty())
            .collect();
        if !parts.is_empty() {
            page.field(
                2,
                lw,
                "组成部分",
                &Text::styled("各部分中没有命中的规则", Paint::Dim),
            );
            let part_w = label_column(parts.iter().map(|(k, _)| item.parts[*k].name.as_str()), 16);
            for (k, pats) in parts {
                let mut v = Text::new();
                v.push_units(pats, Some(Paint::Pattern), "  ");
                page.field(4, part_w, &item.parts[k].name, &v);
            }
        }
    }
    page.finish()
}
