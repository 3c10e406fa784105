//! Rule regexes compiled when first used.
//!
//! Compiling is most of a single report's start-up; a regex that nothing
//! reaches on this report costs nothing, and the others can be compiled on a
//! spare core (`warm`) while the report is being read and parsed. The syntax is
//! checked at load either way, so an error still points at its YAML line; rule
//! files from outside compile at load (a size-limit error must show there), the
//! built-in ones when first used (the tests compile every one).

use std::ops::{Deref, Range};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

use regex_automata::meta;
use regex_syntax::hir::{Hir, HirKind};

/// A regex type and what it is compiled from.
pub trait Compile: Sized {
    type Source: std::fmt::Debug + Clone;
    fn compile(source: &Self::Source) -> Result<Self, regex::Error>;
}

/// The engine settings of every rule regex: no eager full DFA and no one-pass
/// engine (rule regexes are many and small, and the lazy DFA is cheaper for
/// report-sized texts than determinising up front); `prefilter` says whether
/// to extract a literal prefilter (worth it only for many full-text scans).
pub(crate) fn config(prefilter: bool) -> meta::Config {
    meta::Regex::config()
        .dfa(false)
        .onepass(false)
        .auto_prefilter(prefilter)
}

/// Build a (multi-pattern) meta regex with `config`.
pub(crate) fn build<P: AsRef<str>>(
    patterns: &[P],
    config: meta::Config,
) -> Result<meta::Regex, regex::Error> {
    meta::Regex::builder()
        .configure(config)
        .build_many(patterns)
        .map_err(|e| regex::Error::Syntax(e.to_string()))
}

/// Whether this run audits only a few texts (set once, before any compile).
static FEW_TEXTS: AtomicBool = AtomicBool::new(false);

/// Say that this run audits only a few texts: check regexes are then compiled
/// without a literal prefilter, whose extraction costs more than it saves on
/// one report (about half of their compile time), while a batch keeps it for
/// its thousands of scans.
pub fn set_few_texts(few: bool) {
    FEW_TEXTS.store(few, Ordering::Relaxed);
}

/// A regex of the check configuration: regex-automata's meta regex, with the
/// part of the `regex` crate's API the checks use (that crate does not let a
/// regex be compiled without its prefilter).
#[derive(Debug, Clone)]
pub struct Regex {
    regex: meta::Regex,
}

impl Compile for Regex {
    type Source = String;
    fn compile(pattern: &String) -> Result<Regex, regex::Error> {
        let regex = build(&[pattern], config(!FEW_TEXTS.load(Ordering::Relaxed)))?;
        Ok(Regex { regex })
    }
}

/// A match: its text and range in the searched text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match<'h> {
    text: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Match<'h> {
    fn new(text: &'h str, span: regex_automata::Span) -> Match<'h> {
        Match {
            text,
            start: span.start,
            end: span.end,
        }
    }
    pub fn start(&self) -> usize {
        self.start
    }
    pub fn end(&self) -> usize {
        self.end
    }
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    pub fn as_str(&self) -> &'h str {
        &self.text[self.start..self.end]
    }
}

/// The groups of one match.
pub struct Captures<'h> {
    text: &'h str,
    caps: regex_automata::util::captures::Captures,
}

impl<'h> Captures<'h> {
    /// Group `i` (0: the whole match).
    pub fn get(&self, i: usize) -> Option<Match<'h>> {
        self.caps.get_group(i).map(|s| Match::new(self.text, s))
    }
    pub fn name(&self, name: &str) -> Option<Match<'h>> {
        self.caps.get_group_by_name(name).map(|s| Match::new(self.text, s))
    }
    /// Append `template` with `$name`, `${name}` and `$1` replaced, as
    /// `regex::Captures::expand` does.
    pub fn expand(&self, template: &str, dst: &mut String) {
        self.caps.interpolate_string_into(self.text, template, dst);
    }
}

impl Regex {
    /// Compile `pattern` for searches of short texts (lines, titles,
    /// paragraphs): no literal prefilter, whatever the run.
    pub fn lean(pattern: &str) -> Result<Regex, regex::Error> {
        let regex = build(&[pattern], config(false))?;
        Ok(Regex { regex })
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.regex.is_match(text)
    }
    pub fn find<'h>(&self, text: &'h str) -> Option<Match<'h>> {
        self.regex.find(text).map(|m| Match::new(text, m.span()))
    }
    pub fn find_iter<'r, 'h>(&'r self, text: &'h str) -> impl Iterator<Item = Match<'h>> + 'r
    where
        'h: 'r,
    {
        self.regex.find_iter(text).map(move |m| Match::new(text, m.span()))
    }
    pub fn captures_iter<'r, 'h>(
        &'r self,
        text: &'h str,
    ) -> impl Iterator<Item = Captures<'h>> + 'r
    where
        'h: 'r,
    {
        self.regex
            .captures_iter(text)
            .map(move |caps| Captures { text, caps })
    }
    pub fn captures<'h>(&self, text: &'h str) -> Option<Captures<'h>> {
        self.captures_iter(text).next()
    }
}

/// A regex compiled now (`eager`) or when first used (`lazy`).
#[derive(Debug, Clone)]
pub struct Deferred<T: Compile> {
    source: T::Source,
    compiled: OnceLock<T>,
}

impl<T: Compile> Deferred<T> {
    /// For a source whose syntax was checked.
    pub fn lazy(source: T::Source) -> Self {
        Deferred {
            source,
            compiled: OnceLock::new(),
        }
    }

    pub fn eager(source: T::Source) -> Result<Self, regex::Error> {
        let deferred = Deferred::lazy(source);
        let _ = deferred.compiled.set(T::compile(&deferred.source)?);
        Ok(deferred)
    }

    pub fn source(&self) -> &T::Source {
        &self.source
    }

    /// The compiled regex (compiled now if nothing has used it yet).
    pub fn get(&self) -> &T {
        self.compiled.get_or_init(|| {
            T::compile(&self.source)
                .expect("the syntax was checked at load, and built-in rules compile (tested)")
        })
    }
}

impl<T: Compile> Deref for Deferred<T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.get()
    }
}

/// A regex of the check configuration (the `regex` crate's API: captures,
/// replacement templates).
pub type LazyRegex = Deferred<Regex>;

impl LazyRegex {
    /// Check `pattern`'s syntax now; compile it now when `eager`, else on first
    /// use. The syntax tree is for further checks on what it can match.
    pub fn new(pattern: &str, eager: bool) -> Result<(LazyRegex, Hir), regex::Error> {
        let hir = regex_syntax::Parser::new()
            .parse(pattern)
            .map_err(|e| regex::Error::Syntax(e.to_string()))?;
        let pattern = pattern.to_owned();
        let lazy = if eager {
            Deferred::eager(pattern)?
        } else {
            Deferred::lazy(pattern)
        };
        Ok((lazy, hir))
    }
}

/// Whether the regex has a capture group named `name`.
pub fn has_group(hir: &Hir, name: &str) -> bool {
    match hir.kind() {
        HirKind::Capture(c) => c.name.as_deref() == Some(name) || has_group(&c.sub, name),
        HirKind::Concat(hs) | HirKind::Alternation(hs) => hs.iter().any(|h| has_group(h, name)),
        HirKind::Repetition(r) => has_group(&r.sub, name),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => false,
    }
}

/// Whether the regex can match the empty string.
pub fn matches_empty(hir: &Hir) -> bool {
    hir.properties().minimum_len() == Some(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiles_on_first_use_and_matches_like_regex() {
        let (re, _) = LazyRegex::new(r"(?P<year>20\d{2})\s*年", false).unwrap();
        assert!(re.compiled.get().is_none());
        assert_eq!(re.captures("2024 年").unwrap().name("year").unwrap().as_str(), "2024");
        assert!(re.compiled.get().is_some());
        let (eager, _) = LazyRegex::new("a+", true).unwrap();
        assert!(eager.compiled.get().is_some());
    }

    #[test]
    fn the_regex_subset_agrees_with_the_regex_crate() {
        let texts = ["2023年，我区将在2024年完成；2025年度将", "", "年年", "（2021-2025年）与（2021—2025年）"];
        let cases = [
            (r"(?P<year>20[0-9]{2})\s*年度?", "${year}年度"),
            (r"[（(](?P<a>20[0-9]{2})\s*(-|—)\s*(?P<b>20[0-9]{2})年[）)]", "（$a—${b}年）"),
            (r"年?", "[$0]"),
        ];
        for (pattern, template) in cases {
            let reference = regex::Regex::new(pattern).unwrap();
            for ours in [Regex::compile(&pattern.to_owned()).unwrap(), Regex::lean(pattern).unwrap()] {
                for text in texts {
                    let spans = |it: &mut dyn Iterator<Item = (Range<usize>, String)>| it.collect::<Vec<_>>();
                    assert_eq!(
                        spans(&mut ours.find_iter(text).map(|m| (m.range(), m.as_str().to_owned()))),
                        spans(&mut reference.find_iter(text).map(|m| (m.range(), m.as_str().to_owned()))),
                        "{pattern} on {text}"
                    );
                    let expanded = |caps: &regex::Captures| {
                        let mut s = String::new();
                        caps.expand(template, &mut s);
                        s
                    };
                    let ours_caps: Vec<(Option<String>, String)> = ours
                        .captures_iter(text)
                        .map(|c| {
                            let mut s = String::new();
                            c.expand(template, &mut s);
                            (c.name("year").map(|m| m.as_str().to_owned()), s)
                        })
                        .collect();
                    let reference_caps: Vec<(Option<String>, String)> = reference
                        .captures_iter(text)
                        .map(|c| (c.name("year").map(|m| m.as_str().to_owned()), expanded(&c)))
                        .collect();
                    assert_eq!(ours_caps, reference_caps, "{pattern} on {text}");
                    assert_eq!(ours.is_match(text), reference.is_match(text));
                    assert_eq!(ours.find(text).map(|m| m.range()), reference.find(text).map(|m| m.range()));
                }
            }
        }
    }

    #[test]
    fn syntax_errors_show_at_load() {
        assert!(LazyRegex::new("(unclosed", false).is_err());
        // Too big to compile: only the eager path can tell.
        assert!(LazyRegex::new(r"\w{1000}{1000}", true).is_err());
    }

    #[test]
    fn groups_and_empty_matches_from_the_syntax_tree() {
        let (_, hir) = LazyRegex::new(r"x(?:a|(?P<year>\d+))*", false).unwrap();
        assert!(has_group(&hir, "year"));
        assert!(!has_group(&hir, "month"));
        assert!(!matches_empty(&hir));
        let (_, hir) = LazyRegex::new(r"a?", false).unwrap();
        assert!(matches_empty(&hir));
        let (lit, _) = LazyRegex::new(&regex::escape("a.b"), false).unwrap();
        assert!(lit.is_match("a.b") && !lit.is_match("axb"));
    }

    #[test]
    fn every_built_in_regex_compiles() {
        // Built-in regexes compile when first used: prove now that they can.
        let set = crate::rules::load_builtin().unwrap();
        for re in set.checks.regexes() {
            Regex::compile(re.source()).unwrap();
        }
        set.profile.warm();
        for pack in &set.packs {
            let compiled = crate::engine::CompiledPack::new(pack.clone()).unwrap();
            compiled.compile().unwrap();
            compiled.warm();
        }
    }
}
