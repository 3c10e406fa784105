//! Stage 4: the audit. Scans a document once with a pack's compiled patterns,
//! assigns each hit to the part of the report it falls in, decides every item's
//! status with the spans that decided it, and computes the score.

pub mod checks;
pub mod scan;
pub mod selftest;

use std::ops::Range;

use crate::document::{Document, Role};
use crate::rules::{Item, Pack, PatternUse, Status};
pub use scan::{Hit, Matcher};

/// A pack ready to audit with: its patterns compiled once per run.
#[derive(Debug)]
pub struct CompiledPack {
    pub pack: Pack,
    compiled: std::sync::OnceLock<Compiled>,
}

#[derive(Debug)]
struct Compiled {
    matcher: Matcher,
    /// Per item: the context regexes its hits need (empty = none needed).
    contexts: Vec<Vec<crate::rules::gap::Light>>,
}

impl Compiled {
    fn new(pack: &Pack) -> Result<Compiled, String> {
        let matcher = Matcher::new(pack)?;
        let contexts = pack
            .items
            .iter()
            .map(|item| {
                item.context
                    .iter()
                    .map(|p| {
                        crate::rules::gap::light(&if p.is_regex {
                            p.text.clone()
                        } else {
                            regex::escape(&p.text)
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()
            })
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| e.to_string())?;
        Ok(Compiled { matcher, contexts })
    }
}

impl CompiledPack {
    /// A pack from a rule file compiles now, so that an error shows before any
    /// report is read; a built-in pack (which the tests compile) when first
    /// used, or on a spare core meanwhile (`warm`).
    pub fn new(pack: Pack) -> Result<CompiledPack, String> {
        let out = CompiledPack {
            pack,
            compiled: std::sync::OnceLock::new(),
        };
        if !out.pack.builtin {
            out.compile()?;
        }
        Ok(out)
    }

    /// Compile now; the error, if any, of a pack that does not compile.
    pub fn compile(&self) -> Result<(), String> {
        if self.compiled.get().is_none() {
            let compiled = Compiled::new(&self.pack)?;
            let _ = self.compiled.set(compiled);
        }
        Ok(())
    }

    fn compiled(&self) -> &Compiled {
        self.compiled.get_or_init(|| {
            Compiled::new(&self.pack).expect("built-in packs compile (tested)")
        })
    }

    pub fn matcher(&self) -> &Matcher {
        &self.compiled().matcher
    }

    /// Per item: the context regexes its hits need (empty = none needed).
    pub fn contexts(&self) -> &[Vec<crate::rules::gap::Light>] {
        &self.compiled().contexts
    }

    /// Compile the pack and every regex segment now (on a spare core, while
    /// the first report is read and parsed).
    pub fn warm(&self) {
        self.matcher().warm();
    }
}

/// Why a hit counted or not (for `explain`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HitUse {
    Evidence,
    Plan,
    /// In a part that does not count for this item (preamble, other …).
    OutOfScope,
    /// Inside an excluded phrase.
    Excluded,
    /// Neither the sentence nor the section titles give the item's context.
    NoContext,
    /// In the title, header, signature or page chrome.
    Front,
}

/// One hit of an item's pattern and how it was used.
#[derive(Debug, Clone)]
pub struct ItemHit {
    pub usage: PatternUse,
    pub pattern: usize,
    pub range: Range<usize>,
    pub role: Option<Role>,
    pub heading: bool,
    pub counted: HitUse,
    /// Inside a negated statement ("尚未建立…"): counted as a problem the
    /// report admits (`HitUse::Plan`) where it would have been evidence.
    pub negated: bool,
}

/// The audit result of one item.
#[derive(Debug, Clone)]
pub struct ItemResult {
    pub status: Status,
    /// For items with parts: names found and missing.
    pub parts: Option<(Vec<String>, Vec<String>)>,
    /// Spans that decided the status.
    pub evidence: Vec<Range<usize>>,
    /// Where a diagnostic should point when there is no evidence.
    pub anchor: Option<Range<usize>>,
    /// The anchor is a section about the item (`belongs_under`), not only
    /// where the account of the year starts.
    pub anchor_fits: bool,
    pub message: String,
    /// Every hit with how it was used.
    pub hits: Vec<ItemHit>,
}

/// A quality finding (filled by the checks).
#[derive(Debug, Clone)]
pub struct Finding {
    pub id: String,
    pub severity: crate::rules::Severity,
    pub message: String,
    pub range: Range<usize>,
    pub suggestion: Option<String>,
    /// More places that belong to the same finding (e.g. the other copy).
    pub related: Vec<(Range<usize>, String)>,
}

/// The audit of one document under one pack.
#[derive(Debug, Clone)]
pub struct Audit {
    pub items: Vec<ItemResult>,
    pub findings: Vec<Finding>,
    pub score: f64,
}

/// How many evidence spans to keep per item.
const MAX_EVIDENCE: usize = 3;

/// Audit a document.
pub fn audit(doc: &Document, compiled: &CompiledPack) -> Audit {
    let hits = compiled.matcher().scan(&doc.scan.text);
    let mut per_item: Vec<Vec<Hit>> = vec![Vec::new(); compiled.pack.items.len()];
    // The clauses each negation set makes problems of, worked out once for
    // all the items it acts on.
    let mut negated: Vec<Vec<Range<usize>>> = vec![Vec::new(); compiled.pack.negations.len()];
    for mut h in hits {
        h.range = doc.scan.to_original(h.range);
        match h.target.usage {
            PatternUse::Negation => negated[h.target.item].push(clause_around(&doc.text, &h.range)),
            _ => per_item[h.target.item].push(h),
        }
    }
    let items: Vec<ItemResult> = compiled
        .pack
        .items
        .iter()
        .zip(per_item)
        .zip(compiled.contexts())
        .map(|((item, hits), context)| {
            let negations = negated.get(item.negation).map_or(&[][..], Vec::as_slice);
            decide(doc, item, hits, context, negations)
        })
        .collect();
    let score = score(&compiled.pack, &items);
    Audit {
        items,
        findings: Vec::new(),
        score,
    }
}

/// Weighted coverage, 0–100: covered counts 1, partial the share of parts found
/// (half when the item has no parts), planned and missing 0; not-applicable items
/// leave the denominator.
pub fn score(pack: &Pack, items: &[ItemResult]) -> f64 {
    let (mut got, mut total) = (0.0, 0.0);
    for (item, r) in pack.items.iter().zip(items) {
        let credit = match r.status {
            Status::NotApplicable => continue,
            Status::Covered => 1.0,
            Status::Partial => match &r.parts {
                Some((found, missing)) if !found.is_empty() || !missing.is_empty() => {
                    found.len() as f64 / (found.len() + missing.len()) as f64
                }
                _ => 0.5,
            },
            Status::Planned | Status::Missing => 0.0,
        };
        got += item.weight * credit;
        total += item.weight;
    }
    if total == 0.0 {
        return 100.0;
    }
    (got / total * 1000.0).round() / 10.0
}

/// Whether a hit's sentence or enclosing section titles satisfy the item's context.
/// Whether byte `offset` lies in the title of a sub-section whose parent
/// section has the same role (“（二）原因分析” inside “二、存在的不足和原因”).
fn is_sub_heading(doc: &Document, offset: usize) -> bool {
    doc.block_at(offset)
        .and_then(|b| b.section)
        .map(|i| &doc.sections[i])
        .is_some_and(|s| {
            s.heading.contains(&offset)
                && s.parent.is_some_and(|p| doc.sections[p].role == s.role)
        })
}

fn in_context(doc: &Document, hit: &Hit, context: &[crate::rules::gap::Light]) -> bool {
    context.is_empty()
        || doc.context_texts(hit.range.start).iter().any(|t| {
            let flat: String = t.chars().filter(|c| !c.is_whitespace()).collect();
            context.iter().any(|re| re.is_match(&flat))
        })
}

fn classify(
    doc: &Document,
    item: &Item,
    hit: &Hit,
    excluded: &[Range<usize>],
    context: &[crate::rules::gap::Light],
) -> ItemHit {
    let seg = doc.segment_at(hit.range.start);
    let (role, heading) = seg
        .map(|s| (Some(s.role), s.heading))
        .unwrap_or((None, false));
    let counted = if excluded
        .iter()
        .any(|e| e.start < hit.range.end && hit.range.start < e.end)
    {
        HitUse::Excluded
    } else if role.is_some_and(|r| r != Role::Front) && !in_context(doc, hit, context) {
        HitUse::NoContext
    } else {
        let heading_counts = item.evidence.headings
            || !heading
            || (item.evidence.sub_headings && is_sub_heading(doc, hit.range.start));
        match role {
            None | Some(Role::Front) => HitUse::Front,
            Some(r) if item.evidence.roles.contains(&r) && heading_counts => HitUse::Evidence,
            Some(r) if item.plan_roles.contains(&r) && heading_counts => HitUse::Plan,
            Some(_) => HitUse::OutOfScope,
        }
    };
    ItemHit {
        usage: hit.target.usage,
        pattern: hit.target.pattern,
        range: hit.range.clone(),
        role,
        heading,
        counted,
        negated: false,
    }
}

/// The clause around `range`: from the last separator before it to the
/// first after it (sentence and clause punctuation, line breaks).
fn clause_around(text: &str, range: &Range<usize>) -> Range<usize> {
    const SEPARATORS: [char; 9] = ['，', '。', '；', ';', '！', '？', '!', '?', '\n'];
    let start = text[..range.start]
        .rfind(SEPARATORS)
        .map_or(0, |i| crate::ingest::decode::ceil_char_boundary(text, i + 1));
    let end = text[range.end..].find(SEPARATORS).map_or(text.len(), |i| range.end + i);
    start..end
}

/// Evidence in the same clause as a negation is a problem the report admits.
fn negate(mut hit: ItemHit, negations: &[Range<usize>]) -> ItemHit {
    if hit.counted == HitUse::Evidence
        && negations
            .iter()
            .any(|n| n.start <= hit.range.start && hit.range.end <= n.end)
    {
        hit.counted = HitUse::Plan;
        hit.negated = true;
    }
    hit
}

/// `negations`: the clauses of the report the item's negation set negates.
fn decide(
    doc: &Document,
    item: &Item,
    hits: Vec<Hit>,
    context: &[crate::rules::gap::Light],
    negations: &[Range<usize>],
) -> ItemResult {
    let ranges = |usage: PatternUse| -> Vec<Range<usize>> {
        hits.iter()
            .filter(|h| h.target.usage == usage)
            .map(|h| h.range.clone())
            .collect()
    };
    let excluded = ranges(PatternUse::Exclude);
    let hits: Vec<ItemHit> = hits
        .iter()
        .filter(|h| !h.target.usage.is_qualifier())
        .map(|h| negate(classify(doc, item, h, &excluded, context), negations))
        .collect();
    let mut result = ItemResult {
        status: Status::Missing,
        parts: None,
        evidence: Vec::new(),
        anchor: None,
        anchor_fits: false,
        message: String::new(),
        hits,
    };
    if !item.applies_to(doc.meta.level) {
        result.status = Status::NotApplicable;
        result.message = format!(
            "不适用于{}",
            doc.meta.level.map(|l| l.label_zh()).unwrap_or("")
        );
        return result;
    }
    let spans = |f: &dyn Fn(&ItemHit) -> bool| -> Vec<Range<usize>> {
        result
            .hits
            .iter()
            .filter(|h| f(h))
            .map(|h| h.range.clone())
            .collect()
    };
    let evidence_of =
        |usage: PatternUse| spans(&|h| h.counted == HitUse::Evidence && h.usage == usage);
    let full = evidence_of(PatternUse::Full);
    let partial = evidence_of(PatternUse::Partial);
    let plan = spans(&|h| h.counted == HitUse::Plan);
    let part_hits: Vec<Vec<Range<usize>>> = (0..item.parts.len())
        .map(|i| evidence_of(PatternUse::Part(i)))
        .collect();
    let role_part = item.role.and_then(|r| role_evidence(doc, r));

    let (status, evidence) = if let Some(range) = role_part {
        (Status::Covered, vec![range])
    } else if !full.is_empty() {
        (Status::Covered, full)
    } else if !item.parts.is_empty() && part_hits.iter().all(|h| !h.is_empty()) {
        (
            Status::Covered,
            part_hits.iter().flat_map(|h| h.first().cloned()).collect(),
        )
    } else if part_hits.iter().any(|h| !h.is_empty()) || !partial.is_empty() {
        (
            Status::Partial,
            part_hits
                .iter()
                .flat_map(|h| h.first().cloned())
                .chain(partial)
                .collect(),
        )
    } else if !plan.is_empty() {
        (Status::Planned, plan)
    } else {
        (Status::Missing, Vec::new())
    };
    // An item for some levels only, nowhere in a report whose level is not
    // known: whether it was due cannot be told, and a wrong gap costs a
    // drafting office more than a missed one.
    if status == Status::Missing && item.applies.is_some() && doc.meta.level.is_none() {
        result.status = Status::NotApplicable;
        result.message = "未识别报告单位的层级，无法判断本项是否适用，未作要求".to_owned();
        return result;
    }
    result.status = status;
    result.evidence = evidence;
    result.evidence.truncate(MAX_EVIDENCE);
    if !item.parts.is_empty() {
        let (found, missing): (Vec<_>, Vec<_>) = item
            .parts
            .iter()
            .zip(&part_hits)
            .partition(|(_, h)| !h.is_empty());
        let names = |v: Vec<(&crate::rules::Part, _)>| {
            v.into_iter()
                .map(|(p, _)| p.name.clone())
                .collect::<Vec<_>>()
        };
        let (mut found, mut missing) = (names(found), names(missing));
        if status == Status::Covered {
            found = item.parts.iter().map(|p| p.name.clone()).collect();
            missing.clear();
        }
        result.parts = Some((found, missing));
    }
    // A gap points at the report's section about the item when it has one.
    let about = if result.evidence.is_empty() { section_about(doc, item) } else { None };
    result.anchor_fits = about.is_some();
    result.anchor = about.or_else(|| anchor(doc, item));
    result.message = message(item, &result);
    result
}

/// The first body stretch with the role, if the report has such a part.
fn role_evidence(doc: &Document, role: Role) -> Option<Range<usize>> {
    let seg = doc
        .segments
        .iter()
        .find(|s| s.role == role && !doc.text[s.range.clone()].trim().is_empty())?;
    // Prefer the heading of the part when it has one.
    let end = doc.text[seg.range.clone()]
        .char_indices()
        .nth(40)
        .map(|(i, _)| seg.range.start + i)
        .unwrap_or(seg.range.end);
    Some(seg.range.start..end)
}

/// The heading of the first section, in a part where the item's account
/// belongs, whose title has one of the item's `belongs_under` words ("（三）
/// 推进科学民主依法决策" for the decision items).
fn section_about(doc: &Document, item: &Item) -> Option<Range<usize>> {
    if item.belongs_under.is_empty() || item.role.is_some() {
        return None;
    }
    doc.sections
        .iter()
        .filter(|s| item.evidence.roles.contains(&s.role))
        .find(|s| {
            let title = crate::document::scantext::squash(&doc.text[s.title.clone()]);
            item.belongs_under.iter().any(|w| title.contains(w.as_str()))
        })
        .map(|s| s.heading.clone())
}

/// Where a gap belongs: the part of the report that should hold it.
fn anchor(doc: &Document, item: &Item) -> Option<Range<usize>> {
    // The heading of a part with the role, else the first line of its text.
    let place_of = |role: Role| {
        doc.first_heading_with_role(role)
            .map(|s| s.heading.clone())
            .or_else(|| doc.parts(role).first().map(|r| first_line(doc, r.clone())))
    };
    let target = match item.role {
        // A missing part belongs after the achievements.
        Some(Role::Shortcomings) | Some(Role::NextYear) => place_of(item.role.unwrap())
            .or_else(|| doc.parts(Role::Achievements).last().map(|r| last_line(doc, r.clone()))),
        Some(r) => place_of(r).or_else(|| place_of(Role::Achievements)),
        None => item.evidence.roles.iter().find_map(|r| place_of(*r)),
    };
    target.or_else(|| doc.meta.title_range.clone())
}

fn first_line(doc: &Document, r: Range<usize>) -> Range<usize> {
    let end = doc.text[r.clone()]
        .find('\n')
        .map(|i| r.start + i)
        .unwrap_or(r.end);
    r.start..end
}

fn last_line(doc: &Document, r: Range<usize>) -> Range<usize> {
    let start = doc.text[r.clone()]
        .rfind('\n')
        .map(|i| r.start + i + 1)
        .unwrap_or(r.start);
    start..r.end
}

fn message(item: &Item, r: &ItemResult) -> String {
    if r.status == Status::NotApplicable {
        return r.message.clone();
    }
    let (found, missing) = r.parts.clone().unwrap_or_default();
    let in_opening = matches!(r.status, Status::Planned | Status::Missing)
        && r.hits
            .iter()
            .any(|h| h.role == Some(Role::Preamble) && h.counted == HitUse::OutOfScope);
    let template = in_opening
        .then_some(item.messages.opening.as_deref())
        .flatten()
        .or_else(|| item.messages.get(r.status))
        .map(str::to_owned)
        .unwrap_or_else(|| match r.status {
            Status::Partial if found.is_empty() => "“{title}”只是泛泛提及，未写明具体内容".into(),
            _ => format!("{}：{{title}}", r.status.label_zh()),
        });
    let template =
        if r.status == Status::Partial && found.is_empty() && template.contains("{found}") {
            "“{title}”只是泛泛提及，未写明{missing}".to_owned()
        } else {
            template
        };
    let found_list = found.join("、");
    let missing_list = if missing.is_empty() {
        "具体内容".to_owned()
    } else {
        missing.join("、")
    };
    checks::fill(
        &template,
        &[("title", &item.title), ("found", &found_list), ("missing", &missing_list)],
    )
}

/// One built-in item audited on a text.
#[cfg(test)]
fn audit_item(text: &str, id: &str) -> (Document, ItemResult) {
    let rules = crate::rules::load_builtin().expect("built-in rules load");
    let pack = rules.pack("outline-2021").expect("pack").clone();
    let index = pack.items.iter().position(|i| i.id == id).expect("item");
    let doc = Document::from_text(text, &rules.profile);
    let compiled = CompiledPack::new(pack).expect("compiles");
    let r = audit(&doc, &compiled).items.swap_remove(index);
    (doc, r)
}

#[cfg(test)]
mod level_tests {
    use super::*;

    fn status_of(text: &str, id: &str) -> (Status, String) {
        let (_, r) = audit_item(text, id);
        (r.status, r.message)
    }

    #[test]
    fn an_item_for_some_levels_is_not_due_when_the_level_is_unknown() {
        let body = "一、主要举措和成效\n深入学习贯彻习近平法治思想。\n";
        let (status, message) = status_of(&format!("我的述法报告\n{body}"), "rules.legislation");
        assert_eq!(status, Status::NotApplicable, "{message}");
        assert!(message.contains("未识别报告单位的层级"));
        // a county's report without legislation has the gap
        let county = format!("某某县人民政府关于2024年度法治政府建设情况的报告\n{body}");
        assert_eq!(status_of(&county, "rules.legislation").0, Status::Missing);
        // an item for every level stays a gap
        assert_eq!(status_of(&format!("我的述法报告\n{body}"), "oversight.audit").0, Status::Missing);
    }
}

#[cfg(test)]
mod anchor_tests {
    use super::*;

    /// (anchor text, whether it is the section about the item) of a missing item.
    fn anchor_of(text: &str, id: &str) -> (String, bool) {
        let (doc, r) = audit_item(text, id);
        assert_eq!(r.status, Status::Missing);
        (doc.text[r.anchor.clone().expect("anchor")].to_owned(), r.anchor_fits)
    }

    #[test]
    fn a_missing_item_points_at_the_section_about_it() {
        let text = "某某县人民政府关于2024年度法治政府建设情况的报告\n一、主要举措和成效\n（一）加强党的领导\n成立依法治县委员会。\n（二）推进科学民主依法决策\n开展合法性审查12件。\n（三）严格规范公正文明执法\n全面推行行政执法三项制度。\n二、存在的不足和原因\n究其原因，是学习不够。\n三、2025年工作安排\n继续推进。\n";
        assert_eq!(
            anchor_of(text, "decision.catalog"),
            ("（二）推进科学民主依法决策".to_owned(), true)
        );
        assert_eq!(
            anchor_of(text, "enforcement.discretion"),
            ("（三）严格规范公正文明执法".to_owned(), true)
        );
        // no section about audit: where the account of the year starts
        assert_eq!(anchor_of(text, "oversight.audit"), ("一、主要举措和成效".to_owned(), false));
    }
}
