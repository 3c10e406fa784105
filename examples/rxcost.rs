use std::time::Instant;
fn main() {
    let mut all: Vec<String> = vec![];
    let y: serde_json::Value = serde_json::Value::Null; let _ = y;
    let rules = fazhi::rules::load_builtin().unwrap();
    for item in &rules.packs[0].items { for (p, _) in item.all_patterns() { if p.is_regex { all.push(p.text.clone()); } } }
    let prof = fazhi::rules::BUILTIN_PROFILE.1;
    for line in prof.lines() { let l = line.trim().trim_start_matches("- ").trim_start_matches("regex: "); if l.starts_with('\'') && l.ends_with('\'') { all.push(l.trim_matches('\'').replace("''","'")); } }
    let mut costs: Vec<(f64, String)> = all.iter().map(|r| { let t = Instant::now(); let _ = fazhi::rules::gap::GapRegex::new(r); (t.elapsed().as_secs_f64()*1000.0, r.clone()) }).collect();
    costs.sort_by(|a,b| b.0.partial_cmp(&a.0).unwrap());
    let total: f64 = costs.iter().map(|c| c.0).sum();
    eprintln!("{} regexes, total {:.1} ms", costs.len(), total);
    for c in costs.iter().take(12) { eprintln!("{:.2} ms {}", c.0, c.1); }
}
