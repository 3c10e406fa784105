//! Regexes of the check configuration, compiled when first used.
//!
//! Compiling is most of a single report's start-up; a regex whose check never
//! reaches it on this report costs nothing, and the others can be compiled on a
//! spare core (`warm`) while the report is being read and parsed. The syntax is
//! checked at load either way, so an error still points at its YAML line.

use std::ops::Deref;
use std::sync::OnceLock;

use regex::Regex;
use regex_syntax::hir::{Hir, HirKind};

#[derive(Debug, Clone)]
pub struct LazyRegex {
    pattern: String,
    compiled: OnceLock<Regex>,
}

impl LazyRegex {
    /// Check `pattern`'s syntax now; compile it now when `eager` (rule files
    /// from outside, whose size-limit errors must show at load), else on first
    /// use (the built-in files, which the tests compile in full).
    pub fn new(pattern: &str, eager: bool) -> Result<(LazyRegex, Hir), regex::Error> {
        let hir = regex_syntax::Parser::new()
            .parse(pattern)
            .map_err(|e| regex::Error::Syntax(e.to_string()))?;
        let compiled = OnceLock::new();
        if eager {
            let _ = compiled.set(Regex::new(pattern)?);
        }
        let lazy = LazyRegex {
            pattern: pattern.to_owned(),
            compiled,
        };
        Ok((lazy, hir))
    }

    pub fn as_str(&self) -> &str {
        &self.pattern
    }

    /// The compiled regex (compiled now if nothing has used it yet).
    pub fn get(&self) -> &Regex {
        self.compiled.get_or_init(|| {
            Regex::new(&self.pattern).expect("the syntax was checked at load, and built-in rules compile (tested)")
        })
    }
}

impl Deref for LazyRegex {
    type Target = Regex;
    fn deref(&self) -> &Regex {
        self.get()
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
        assert_eq!(&re.captures("2024 年").unwrap()["year"], "2024");
        assert!(re.compiled.get().is_some());
        let (eager, _) = LazyRegex::new("a+", true).unwrap();
        assert!(eager.compiled.get().is_some());
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
            Regex::new(re.as_str()).unwrap();
        }
        set.profile.warm();
        for pack in &set.packs {
            let compiled = crate::engine::CompiledPack::new(pack.clone()).unwrap();
            compiled.compile().unwrap();
            compiled.warm();
        }
    }
}
