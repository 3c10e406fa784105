//! Parses the built-in rule files once, at build time, into JSON of the same
//! definitions (values and their YAML locations), which `rules::load` reads at
//! start-up instead of the YAML: five times faster, a real share of a single
//! report's time. A file that does not parse here is written empty; the YAML
//! is then read at run time, which reports the error with its location.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

#[path = "src/rules/checks_schema.rs"]
pub mod checks_schema;
#[path = "src/document/kinds.rs"]
pub mod kinds;
#[path = "src/rules/schema.rs"]
pub mod schema;
#[path = "src/rules/spanned.rs"]
pub mod spanned;

// The paths the schema files name their neighbours by.
mod document {
    pub use super::kinds::{Level, Role};
}
mod rules {
    pub use super::{schema, spanned};
}

/// YAML text to JSON, `None` if it does not parse.
type Parse = fn(&str) -> Option<String>;

/// Each built-in file, the name of its JSON in OUT_DIR, and how to parse it
/// (as `rules::BUILTIN_*` list them).
const FILES: &[(&str, &str, Parse)] = &[
    ("rules/outline-2021.yaml", "outline-2021.json", parse::<schema::PackDef>),
    ("rules/document.yaml", "document.json", parse::<schema::ProfileDef>),
    ("rules/checks.yaml", "checks.json", parse::<checks_schema::ChecksDef>),
];

fn parse<T: serde::de::DeserializeOwned + serde::Serialize>(yaml: &str) -> Option<String> {
    let def: T = serde_saphyr::from_str(yaml).ok()?;
    Some(serde_json::to_string(&def).expect("rule definitions serialise"))
}

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for source in [
        "build.rs",
        "src/rules/checks_schema.rs",
        "src/document/kinds.rs",
        "src/rules/schema.rs",
        "src/rules/spanned.rs",
    ] {
        println!("cargo:rerun-if-changed={source}");
    }
    link_without_pie();
    for (yaml, json, parse) in FILES {
        println!("cargo:rerun-if-changed={yaml}");
        let text = std::fs::read_to_string(Path::new(yaml)).expect("a built-in rule file");
        let parsed = parse(&text).unwrap_or_default();
        std::fs::write(out.join(json), parsed).expect("OUT_DIR is writable");
    }
}

/// Links the `fazhi` binary as a position-dependent executable on Linux: the
/// objects stay position-independent, but the linker resolves their
/// addresses once, so the loader has no relocations to apply at every start
/// (≈ 17 % of a single report's page faults in a PIE build).
fn link_without_pie() {
    let target = std::env::var("TARGET").unwrap_or_default();
    if target.contains("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
