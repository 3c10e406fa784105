use std::time::Instant;
fn main() {
    let rules = fazhi::rules::load_builtin().unwrap();
    let mut all = vec![];
    for item in &rules.packs[0].items {
        for (p, _) in item.all_patterns() {
            if p.is_regex { all.push(p.text.clone()); }
        }
    }
    let mut costs: Vec<(f64, String)> = all.iter().map(|r| { let t = Instant::now(); let _ = regex::Regex::new(r).unwrap(); (t.elapsed().as_secs_f64()*1000.0, r.clone()) }).collect();
    costs.sort_by(|a,b| b.0.partial_cmp(&a.0).unwrap());
    let total: f64 = costs.iter().map(|c| c.0).sum();
    eprintln!("{} regexes, total {:.1} ms", costs.len(), total);
    for c in costs.iter().take(8) { eprintln!("{:.2} ms {}", c.0, c.1); }
    let t = Instant::now(); let _ = regex::RegexSet::new(&all).unwrap(); eprintln!("set {:?}", t.elapsed());
    let t = Instant::now(); let _ = regex::RegexBuilder::new("决策[^。]{0,60}风险评估").build().unwrap(); eprintln!("one {:?}", t.elapsed());
    let t = Instant::now(); let _ = regex::RegexBuilder::new("决策.{0,60}风险评估").build().unwrap(); eprintln!("dot {:?}", t.elapsed());
    let t = Instant::now(); let _ = regex::RegexBuilder::new("决策(?s:.){0,60}风险评估").build().unwrap(); eprintln!("sdot {:?}", t.elapsed());
}
