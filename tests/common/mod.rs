//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_fazhi"))
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` beside the project root (present in CI and on developer machines).
pub fn shared() -> Option<PathBuf> {
    let p = root().join("../shared");
    p.join("corpus").is_dir().then_some(p)
}

pub fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("fazhi runs")
}

pub fn json(args: &[&str]) -> (i32, serde_json::Value) {
    let out = run(args);
    let code = out.status.code().unwrap_or(-1);
    let v = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (code, v)
}

/// Expected results in the corpus format.
#[derive(Debug, serde::Deserialize)]
pub struct Expected {
    pub report: String,
    pub pack: String,
    pub level: Option<String>,
    pub year: Option<i64>,
    pub published: Option<String>,
    pub items: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    pub findings: Option<Vec<String>>,
}

impl Expected {
    /// The finding ids the hand judgement expects (none when not judged).
    #[allow(dead_code)]
    pub fn finding_set(&self) -> std::collections::BTreeSet<String> {
        self.findings.iter().flatten().cloned().collect()
    }
}

pub fn expectations(dir: &Path) -> Vec<Expected> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| serde_saphyr::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
        .collect()
}
