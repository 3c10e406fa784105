//! Schema and loading of the quality-check configuration (`rules/checks.yaml`).

use super::load::{RuleFile, RulesError};

/// The compiled check configuration.
#[derive(Debug, Clone, Default)]
pub struct Checks {}

/// Load and validate a checks file.
pub fn load(file: &RuleFile) -> Result<Checks, RulesError> {
    let _ = file;
    Ok(Checks {})
}
