//! Section tree and roles.

use std::borrow::Cow;
use std::ops::Range;
use super::scantext::squash;
use super::profile::{RoleRule, RoleSet};
use super::{sentences, Block, BlockKind, Profile, Role, Section, Segment};

/// Inline enumerations: 一是……二是…… (also 一要, 第一，) at the start of the
/// text or after 。；： — the byte range of each marker, in order. Written
/// out rather than as a regex: it runs on every achievements paragraph.
pub(super) fn enum_markers(s: &str) -> Vec<Range<usize>> {
    const NUMERALS: &str = "一二三四五六七八九十";
    let mut ends: Vec<(usize, char)> = ['是', '要', '，']
        .iter()
        .flat_map(|&c| {
            let mut buf = [0; 4];
            let needle = c.encode_utf8(&mut buf).as_bytes();
            memchr::memmem::find_iter(s.as_bytes(), needle)
                .map(move |at| (at, c))
                .collect::<Vec<_>>()
        })
        .collect();
    ends.sort_unstable();
    let mut out = Vec::new();
    for (at, c) in ends {
        let before = &s[..at];
        let digits = before
            .chars()
            .rev()
            .take_while(|&d| NUMERALS.contains(d))
            .count();
        if digits == 0 || digits > 3 {
            continue;
        }
        let mut start = at - digits * '一'.len_utf8();
        if c == '，' {
            match s[..start].strip_suffix('第') {
                Some(rest) => start = rest.len(),
                None => continue,
            }
        }
        let lead = s[..start].trim_end_matches(char::is_whitespace);
        let opens = lead.is_empty() || lead.ends_with(['。', '；', '：', ';', ':']);
        if opens {
            out.push(start..at + c.len_utf8());
        }
    }
    out
}

/// Build the section tree from heading blocks and set `Block::section`.
pub(super) fn build_sections(
    text: &str,
    blocks: &mut [Block],
    profile: &Profile,
    year: Option<i32>,
) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let body_end = blocks
        .iter()
        .rev()
        .find(|b| b.kind != BlockKind::Signature)
        .map(|b| b.range.end)
        .unwrap_or(0);
    for (i, block) in blocks.iter_mut().enumerate() {
        if let BlockKind::Heading { level } = block.kind {
            while let Some(&top) = open.last() {
                if sections[top].level >= level {
                    sections[top].range.end = block.range.start;
                    open.pop();
                } else {
                    break;
                }
            }
            let parent = open.last().copied();
            let title = block.title.clone().unwrap_or(block.range.clone());
            let role = section_role(
                &text[title.clone()],
                level,
                parent.map(|p| sections[p].role),
                profile,
                year,
            );
            sections.push(Section {
                level,
                block: i,
                heading: block.heading.clone().unwrap_or(block.range.clone()),
                title,
                range: block.range.start..body_end.max(block.range.end),
                parent,
                role,
            });
            open.push(sections.len() - 1);
        }
        if matches!(block.kind, BlockKind::Paragraph | BlockKind::Heading { .. }) {
            block.section = open.last().copied();
        }
    }
    sections
}

fn section_role(
    title: &str,
    level: u8,
    parent: Option<Role>,
    profile: &Profile,
    year: Option<i32>,
) -> Role {
    let title = squash(title);
    let scan = profile.role_scan(RoleSet::Headings, &title);
    let fires_as = |r: &RoleRule| r.fires(profile, &scan, Some(level), year);
    let fires = |role: Role| {
        profile
            .heading_roles
            .iter()
            .any(|r| r.role == role && fires_as(r))
    };
    match parent {
        // "存在的问题和下一步打算": its plan sub-heading opens the plan
        Some(Role::Shortcomings) if fires(Role::NextYear) => Role::NextYear,
        Some(p) if p.is_sticky() => p,
        _ => profile
            .heading_roles
            .iter()
            .find(|r| fires_as(r))
            .map(|r| r.role)
            .or(parent)
            .unwrap_or(Role::Achievements),
    }
}

/// Text of `s` up to the first character that `ends`.
fn up_to(s: &str, ends: impl Fn(char) -> bool) -> &str {
    let end = s.char_indices().find(|&(_, c)| ends(c)).map(|(i, _)| i).unwrap_or(s.len());
    &s[..end]
}

/// The first clause of `s` (up to the first comma or sentence end).
fn first_clause(s: &str) -> &str {
    up_to(s, |c| {
        matches!(c, '，' | ',' | '。' | '；' | ';' | '：' | ':' | '！' | '？')
    })
}

/// The first sentence of `s`.
fn first_sentence(s: &str) -> &str {
    up_to(s, |c| matches!(c, '。' | '！' | '？' | '!' | '?'))
}

struct Leads<'a> {
    text: &'a str,
    /// Page furniture inside paragraphs (a watermark in a page break), which
    /// a lead reads past.
    furniture: &'a [Range<usize>],
    profile: &'a Profile,
    year: Option<i32>,
}

impl Leads<'_> {
    /// Text of `range` without the page furniture inside it.
    fn words(&self, range: Range<usize>) -> Cow<'_, str> {
        let first = self.furniture.partition_point(|f| f.end <= range.start);
        let inside = self.furniture[first..]
            .iter()
            .take_while(|f| f.end <= range.end)
            .filter(|f| range.start <= f.start);
        let mut out = String::new();
        let mut at = range.start;
        for f in inside {
            out.push_str(&self.text[at..f.start]);
            // with its line break: the words around it join as one line's
            at = f.end + usize::from(self.text[f.end..range.end].starts_with('\n'));
        }
        if at == range.start {
            return Cow::Borrowed(&self.text[range]);
        }
        out.push_str(&self.text[at..range.end]);
        Cow::Owned(out)
    }

    /// The plan role (shortcomings / next-year) a sentence opens, if any.
    fn plan_role(&self, sentence: Range<usize>, allowed: &[Role]) -> Option<Role> {
        let words = self.words(sentence);
        let s = squash(&words);
        let scan = self.profile.role_scan(RoleSet::Plans, &s);
        self.profile
            .lead_roles
            .iter()
            .filter(|r| allowed.contains(&r.role) && !r.clause && r.set == RoleSet::Plans)
            .find(|r| r.fires(self.profile, &scan, None, self.year))
            .map(|r| r.role)
    }

    /// Whether an item or paragraph is about the first-responsible duty: by
    /// its lead clause (`clause` rules) or its first sentence (the others:
    /// "局党组书记、局长……，切实履行推进法治建设第一责任人职责。").
    fn first_responsible(&self, range: Range<usize>) -> bool {
        let rules = || {
            self.profile
                .lead_roles
                .iter()
                .filter(|r| r.role == Role::FirstResponsible)
        };
        // The clause begins the sentence: where none of the rules' literals
        // is in the sentence, no rule fires on either (most paragraphs).
        let words = self.words(range);
        let sentence = squash(first_sentence(&words));
        let sentence_scan = self.profile.role_scan(RoleSet::Duties, &sentence);
        let duties = &self.profile.role_sets[RoleSet::Duties as usize];
        if sentence_scan.is_empty() && rules().all(|r| duties.literal_bound(r.regex)) {
            return false;
        }
        let clause = squash(first_clause(&words));
        let scan = self.profile.role_scan(RoleSet::Duties, &clause);
        if rules()
            .filter(|r| r.clause)
            .any(|r| r.fires(self.profile, &scan, None, self.year))
        {
            return true;
        }
        let scan = sentence_scan;
        rules()
            .filter(|r| !r.clause)
            .any(|r| r.fires(self.profile, &scan, None, self.year))
    }
}

/// Give every block a role and return the sorted segments.
pub(super) fn assign(
    text: &str,
    blocks: &[Block],
    furniture: &[Range<usize>],
    sections: &[Section],
    profile: &Profile,
    year: Option<i32>,
) -> Vec<Segment> {
    let leads = Leads {
        text,
        furniture,
        profile,
        year,
    };
    let mut out = Vec::new();
    // Paragraphs after the opening one and before the first heading are the
    // year's work when no heading opens it: in a report without headings, or
    // one whose first heading opens another part (一、存在的问题 right after
    // four unheaded paragraphs of work).
    let unheaded_work = sections
        .first()
        .is_none_or(|s| !matches!(s.role, Role::Achievements | Role::Preamble));
    let mut seen_body = false;
    // A role opened by an unheaded lead paragraph lasts until the next heading.
    let mut opened: Option<Role> = None;
    for block in blocks {
        match block.kind {
            BlockKind::Title | BlockKind::Meta | BlockKind::Signature => {
                out.push(Segment {
                    range: block.range.clone(),
                    role: Role::Front,
                    heading: false,
                });
            }
            BlockKind::Heading { .. } => {
                opened = None;
                let role = block
                    .section
                    .map(|s| sections[s].role)
                    .unwrap_or(Role::Achievements);
                let heading = block.heading.clone().unwrap_or(block.range.clone());
                let title_role = if role == Role::Achievements
                    && leads.first_responsible(block.title.clone().unwrap_or(heading.clone()))
                {
                    Role::FirstResponsible
                } else {
                    role
                };
                out.push(Segment {
                    range: heading.clone(),
                    role: title_role,
                    heading: true,
                });
                let body = block.body();
                if !text[body.clone()].trim().is_empty() {
                    paragraph(&leads, body, title_role, &mut opened, false, &mut out);
                }
            }
            BlockKind::Paragraph => {
                let base = match block.section {
                    Some(s) => sections[s].role,
                    None if unheaded_work && seen_body => Role::Achievements,
                    None => Role::Preamble,
                };
                seen_body = true;
                paragraph(
                    &leads,
                    block.range.clone(),
                    base,
                    &mut opened,
                    true,
                    &mut out,
                );
            }
        }
    }
    out.sort_by_key(|s| s.range.start);
    out
}

/// Roles within one paragraph (or the body of a run-in heading).
fn paragraph(
    leads: &Leads,
    range: Range<usize>,
    base: Role,
    opened: &mut Option<Role>,
    unheaded: bool,
    out: &mut Vec<Segment>,
) {
    let text = leads.text;
    let open_to_leads = matches!(
        base,
        Role::Preamble | Role::Achievements | Role::FirstResponsible
    );
    // Under a shortcomings heading, an unheaded "下一步，……" paragraph opens the plan.
    let open_to_plan = base == Role::Shortcomings;
    let sents = sentences(text, range.clone());
    if (open_to_leads || open_to_plan) && unheaded {
        if let Some(first) = sents.first() {
            let allowed: &[Role] = match opened {
                Some(Role::NextYear) => &[],
                Some(Role::Shortcomings) => &[Role::NextYear],
                _ if open_to_plan => &[Role::NextYear],
                _ => &[Role::Shortcomings, Role::NextYear],
            };
            if let Some(role) = leads.plan_role(first.clone(), allowed) {
                *opened = Some(role);
            }
        }
    }
    let role = if open_to_leads || open_to_plan {
        opened.unwrap_or(base)
    } else {
        base
    };
    if role == Role::Shortcomings {
        // The plan often follows in the same paragraph: "……但仍存在……。2022年将……"
        if let Some(split) = sents
            .iter()
            .skip(1)
            .find(|s| leads.plan_role((*s).clone(), &[Role::NextYear]).is_some())
        {
            out.push(Segment {
                range: range.start..split.start,
                role,
                heading: false,
            });
            out.push(Segment {
                range: split.start..range.end,
                role: Role::NextYear,
                heading: false,
            });
            // An enumerated problem with its own fix ("一是……不高。整改措施：
            // 2023年将……") is one item: the next item is the next problem.
            let enumerated = enum_markers(&text[range.clone()])
                .first()
                .is_some_and(|m| m.start < 6);
            if (open_to_leads || open_to_plan) && !enumerated {
                *opened = Some(Role::NextYear);
            }
            return;
        }
    }
    if role == Role::Achievements {
        enumerated_items(leads, range, out);
        return;
    }
    out.push(Segment {
        range,
        role,
        heading: false,
    });
}

/// Split an achievements paragraph at 一是/二是 items; an item (or the paragraph)
/// whose lead clause is about the first-responsible duty gets that role.
/// An item's first sentence up to this long is its title ("一是强化组织领导。").
const ITEM_TITLE_CHARS: usize = 16;

fn enumerated_items(leads: &Leads, range: Range<usize>, out: &mut Vec<Segment>) {
    let text = leads.text;
    let mut starts: Vec<usize> = vec![range.start];
    for marker in enum_markers(&text[range.clone()]) {
        let at = range.start + marker.start;
        if at > range.start {
            starts.push(at);
        }
    }
    starts.push(range.end);
    for w in starts.windows(2) {
        let item = w[0]..w[1];
        let lead_start = enum_markers(&text[item.clone()])
            .first()
            .filter(|m| m.start < 6)
            .map(|m| item.start + m.end)
            .unwrap_or(item.start);
        // "一是强化组织领导。局党组书记……第一责任人职责……": a short title
        // sentence of the item, then its lead, as under a run-in heading.
        let after_title = text[lead_start..item.end]
            .find('。')
            .filter(|&at| text[lead_start..lead_start + at].chars().count() <= ITEM_TITLE_CHARS)
            .map(|at| lead_start + at + '。'.len_utf8());
        let role = if leads.first_responsible(lead_start..item.end)
            || after_title.is_some_and(|at| leads.first_responsible(at..item.end))
        {
            Role::FirstResponsible
        } else {
            Role::Achievements
        };
        match out.last_mut() {
            Some(last) if last.role == role && last.range.end == item.start && !last.heading => {
                last.range.end = item.end
            }
            _ => out.push(Segment {
                range: item,
                role,
                heading: false,
            }),
        }
    }
}


#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    /// The regex the marker scan replaced, as the specification of it.
    fn by_regex(s: &str) -> Vec<std::ops::Range<usize>> {
        let re = regex::Regex::new(
            r"(?:^|[。；：;:])\s*([一二三四五六七八九十]{1,3}是|[一二三四五六七八九十]{1,3}要|第[一二三四五六七八九十]{1,3}，)",
        )
        .unwrap();
        re.captures_iter(s).map(|c| c.get(1).unwrap().range()).collect()
    }

    #[test]
    fn enum_markers_on_real_shapes() {
        for s in [
            "一是强化组织领导。二是完善制度；三要抓落实：第一，学法。第十二，用法",
            "。一二三四是 。 十二是：\u{3000}三要　第，第一是。第一，",
            "  一是 我们是；是；一是",
        ] {
            assert_eq!(super::enum_markers(s), by_regex(s), "{s}");
        }
        assert_eq!(super::enum_markers("一是学法。二是用法").len(), 2);
    }

    proptest! {
        #[test]
        fn enum_markers_agree_with_the_regex(s in "[一二三十第是要，。；：;: \u{3000}\n学法a]{0,24}") {
            prop_assert_eq!(super::enum_markers(&s), by_regex(&s));
        }
    }
}
