//! docs/rules.md cannot rot: every YAML block in it is loaded with the
//! library's loader (and its examples run as `rules test` would), and every key
//! of every rule-file structure is mentioned in it.

use std::path::{Path, PathBuf};

use fazhi::engine::selftest;
use fazhi::rules::{self, RuleSet};
use serde::de::DeserializeOwned;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn doc() -> String {
    std::fs::read_to_string(root().join("docs/rules.md")).expect("docs/rules.md exists")
}

/// A fenced YAML block: its info string after `yaml`, its text and the line
/// of the opening fence.
struct Block {
    tag: String,
    text: String,
    line: usize,
}

fn yaml_blocks(md: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut lines = md.lines().enumerate();
    while let Some((n, line)) = lines.next() {
        let Some(info) = line.trim_start().strip_prefix("```") else {
            continue;
        };
        let mut words = info.split_whitespace();
        let lang = words.next().unwrap_or("");
        let mut text = String::new();
        for (_, l) in lines.by_ref() {
            if l.trim_start().starts_with("```") {
                break;
            }
            text.push_str(l);
            text.push('\n');
        }
        if lang == "yaml" || lang == "yml" {
            out.push(Block {
                tag: words.collect::<Vec<_>>().join(" "),
                text,
                line: n + 1,
            });
        }
    }
    out
}

fn load(dir: &Path, what: &str) -> RuleSet {
    match rules::load(&[dir]) {
        Ok(set) => set,
        Err(e) => panic!("{what} does not load:\n{e:?}"),
    }
}

/// Run the examples of the packs that are not built in (none: profile
/// examples only) and fail with every failure listed.
fn run_examples(set: &RuleSet, what: &str) -> usize {
    let mut only: Vec<String> = set
        .packs
        .iter()
        .filter(|p| !p.builtin)
        .map(|p| p.id.clone())
        .collect();
    if only.is_empty() {
        only.push("\u{0}no pack".into());
    }
    let report = selftest::run(set, &only);
    let failures: Vec<String> = report
        .failures
        .iter()
        .map(|f| {
            format!(
                "  {}:{} [{}] {}",
                f.origin.file,
                f.origin.line(),
                f.item,
                f.message
            )
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{what}: rules test fails:\n{}",
        failures.join("\n")
    );
    report.examples
}

#[test]
fn every_yaml_block_in_the_reference_is_valid() {
    let md = doc();
    let blocks = yaml_blocks(&md);
    let mut counts = std::collections::BTreeMap::<&str, usize>::new();
    for b in &blocks {
        let what = format!("docs/rules.md:{} (```yaml {})", b.line, b.tag);
        let dir = tempfile::tempdir().unwrap();
        let kind = match b.tag.as_str() {
            "file=pack" => {
                std::fs::write(dir.path().join("pack.yaml"), &b.text).unwrap();
                let set = load(dir.path(), &what);
                assert!(set.packs.iter().any(|p| !p.builtin), "{what}: no pack");
                let examples = run_examples(&set, &what);
                assert!(examples > 0, "{what}: no examples ran");
                "pack"
            }
            "file=document" => {
                std::fs::write(dir.path().join("document.yaml"), &b.text).unwrap();
                let set = load(dir.path(), &what);
                assert!(!set.profile_examples.is_empty(), "{what}: no examples");
                run_examples(&set, &what);
                "document"
            }
            "file=checks" => {
                std::fs::write(dir.path().join("checks.yaml"), &b.text).unwrap();
                load(dir.path(), &what);
                "checks"
            }
            "item" => {
                let mut pack = format!(
                    "id: doc-item-{}\ntitle: 文档片段\nitems:\n",
                    b.line
                );
                for l in b.text.lines() {
                    pack.push_str("  ");
                    pack.push_str(l);
                    pack.push('\n');
                }
                std::fs::write(dir.path().join("item.yaml"), &pack).unwrap();
                let set = load(dir.path(), &what);
                assert!(run_examples(&set, &what) > 0, "{what}: the item has no examples");
                "item"
            }
            "fragment" => {
                if let Err(e) = serde_saphyr::from_str::<serde_json::Value>(&b.text) {
                    panic!("{what}: not valid YAML: {e}");
                }
                "fragment"
            }
            other => panic!(
                "{what}: untagged YAML block “{other}”; tag it file=pack, file=document, file=checks, item or fragment"
            ),
        };
        *counts.entry(kind).or_default() += 1;
    }
    // The reference has a full file of each kind.
    for kind in ["pack", "document", "checks", "item"] {
        assert!(
            counts.get(kind).is_some_and(|n| *n > 0),
            "no ```yaml {kind} block: {counts:?}"
        );
    }
}

/// The keys of a rule-file structure, from the loader's own complaint about
/// an unknown key ("expected one of …").
fn keys_of<T: DeserializeOwned>() -> Vec<String> {
    let err = match serde_saphyr::from_str::<T>("zzz_not_a_key: 1\n") {
        Ok(_) => panic!("an unknown key was accepted"),
        Err(e) => e.to_string(),
    };
    let first = err.lines().next().unwrap_or("");
    let expected = first
        .split_once("expected")
        .unwrap_or_else(|| panic!("no key list in: {err}"))
        .1;
    let keys: Vec<String> = expected
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty() && !matches!(*w, "one" | "of" | "or"))
        .map(str::to_owned)
        .collect();
    assert!(!keys.is_empty(), "no keys in: {err}");
    keys
}

#[test]
fn every_key_of_every_structure_is_documented() {
    use fazhi::rules::checks as c;
    use fazhi::rules::schema as s;
    let structures: Vec<(&str, Vec<String>)> = vec![
        ("pack", keys_of::<s::PackDef>()),
        ("item", keys_of::<s::ItemDef>()),
        ("patterns", keys_of::<s::PatternsDef>()),
        ("part", keys_of::<s::PartDef>()),
        ("evidence", keys_of::<s::ScopeDef>()),
        ("messages", keys_of::<s::MessagesDef>()),
        ("example", keys_of::<s::ExampleDef>()),
        ("document.yaml", keys_of::<s::ProfileDef>()),
        ("title", keys_of::<s::TitleDef>()),
        ("role rule", keys_of::<s::RoleRuleDef>()),
        ("level rule", keys_of::<s::LevelRuleDef>()),
        ("checks.yaml", keys_of::<c::ChecksDef>()),
        ("shortcomings_thin", keys_of::<c::ShortcomingsThinDef>()),
        ("causes", keys_of::<c::CausesDef>()),
        ("next_year_mismatch", keys_of::<c::NextYearDef>()),
        ("duplicate_sentence", keys_of::<c::DuplicateDef>()),
        ("formulation", keys_of::<c::FormulationDef>()),
        ("table entry", keys_of::<c::WrongFormDef>()),
        ("near_miss", keys_of::<c::NearMissDef>()),
        ("near_miss phrase", keys_of::<c::NearPhraseDef>()),
        ("personal_data", keys_of::<c::PrivacyDef>()),
        ("number", keys_of::<c::NumberDef>()),
        ("publication_deadline", keys_of::<c::DeadlineDef>()),
        ("deadline override", keys_of::<c::DeadlineOverrideDef>()),
        ("unknown_year", keys_of::<c::SimpleDef>()),
        ("empty_section", keys_of::<c::EmptySectionDef>()),
    ];
    let md = doc();
    let mut missing = Vec::new();
    for (what, keys) in &structures {
        for k in keys {
            if !md.contains(&format!("`{k}`")) {
                missing.push(format!("{what}.{k}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "keys not documented in docs/rules.md: {missing:?}"
    );
    // Sanity: the extraction sees the keys it should.
    let pack = &structures[0].1;
    for k in ["id", "extends", "disable", "weights", "items"] {
        assert!(pack.contains(&k.to_owned()), "{pack:?}");
    }
}

/// The example pack shipped in rules/examples only uses documented keys (the
/// loader rejects any other) and passes its own examples.
#[test]
fn shipped_example_pack_is_consistent_with_the_reference() {
    let dir = root().join("rules/examples");
    let set = load(&dir, "rules/examples");
    run_examples(&set, "rules/examples");
    let text = std::fs::read_to_string(dir.join("province-2024.yaml")).unwrap();
    let md = doc();
    for line in text.lines() {
        let t = line.trim_start().trim_start_matches("- ");
        if line.trim_start().starts_with('#') {
            continue;
        }
        if let Some((key, _)) = t.split_once(':') {
            if key.chars().all(|c| c.is_ascii_lowercase() || c == '_') && !key.is_empty() {
                assert!(
                    md.contains(&format!("`{key}`")),
                    "key {key} of province-2024.yaml not documented"
                );
            }
        }
    }
}
