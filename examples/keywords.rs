//! Print every literal keyword of a built-in pack, one per line (deduplicated,
//! in pack order): the `-f` file for the `rg -c -F` baseline of
//! `scripts/bench-batch.sh`.
//!
//!     cargo run --release --example keywords [PACK] > KEYWORDS
fn main() {
    let id = std::env::args().nth(1).unwrap_or_else(|| "outline-2021".into());
    let rules = fazhi::rules::load_builtin().expect("built-in rules load");
    let pack = rules.pack(&id).unwrap_or_else(|| panic!("no pack {id}"));
    let mut seen = std::collections::HashSet::new();
    for item in &pack.items {
        for (p, _) in item.all_patterns() {
            if !p.is_regex && seen.insert(p.text.clone()) {
                println!("{}", p.text);
            }
        }
    }
}
