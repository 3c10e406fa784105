//! Time each stage of `fazhi check --format json` over a directory, on one
//! thread, to see where the per-file CPU goes (a profiling aid; the figures
//! in docs/benchmarks.md come from hyperfine over the release binary).
//!
//!     cargo run --release --example batchphases DIR
//!
//! Times are thread CPU times, not wall times.
use std::time::Duration;

#[path = "support/cpu_time.rs"]
mod cpu_time;
use cpu_time::Instant;

use fazhi::rules::checks::Checks;

fn main() {
    let dir = std::env::args().nth(1).expect("usage: batchphases DIR");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let t = Instant::now();
    let rules = fazhi::rules::load_builtin().unwrap();
    let load = t.elapsed();
    let t = Instant::now();
    let pack = std::sync::Arc::new(fazhi::engine::CompiledPack::new(rules.packs[0].clone()).unwrap());
    let compile = t.elapsed();
    // One configuration per check, to time them one by one.
    let c = &rules.checks;
    let single: Vec<(&str, Checks)> = vec![
        ("unknown_year", Checks { unknown_year: c.unknown_year.clone(), ..Default::default() }),
        ("deadline", Checks { publication_deadline: c.publication_deadline.clone(), ..Default::default() }),
        ("shortcomings", Checks { shortcomings_thin: c.shortcomings_thin.clone(), ..Default::default() }),
        ("next_year", Checks { next_year_mismatch: c.next_year_mismatch.clone(), ..Default::default() }),
        ("duplicate", Checks { duplicate_sentence: c.duplicate_sentence.clone(), ..Default::default() }),
        ("formulation", Checks { formulation: c.formulation.clone(), ..Default::default() }),
        ("privacy", Checks { personal_data: c.personal_data.clone(), ..Default::default() }),
        ("empty_section", Checks { empty_section: c.empty_section.clone(), ..Default::default() }),
    ];
    let mut phase: Vec<(&str, Duration)> = vec![
        ("read+decode", Duration::ZERO),
        ("chrome mask", Duration::ZERO),
        ("scantext", Duration::ZERO),
        ("document parse (all)", Duration::ZERO),
        ("matcher scan", Duration::ZERO),
        ("audit (all)", Duration::ZERO),
        ("json render", Duration::ZERO),
        ("json serialise", Duration::ZERO),
    ];
    let mut checks_t = vec![Duration::ZERO; single.len()];
    let mut bytes = 0usize;
    for f in &files {
        let t = Instant::now();
        let src = fazhi::ingest::read_path(f, &Default::default()).unwrap();
        phase[0].1 += t.elapsed();
        bytes += src.text.len();
        let t = Instant::now();
        let _ = rules.profile.chrome.mask(&src.text);
        phase[1].1 += t.elapsed();
        let t = Instant::now();
        let doc = fazhi::document::Document::parse(src, &rules.profile);
        phase[3].1 += t.elapsed();
        let t = Instant::now();
        let _ = fazhi::document::scantext::ScanText::new(&doc.text, &doc.blocks, &doc.furniture);
        phase[2].1 += t.elapsed();
        let t = Instant::now();
        let _ = pack.matcher().scan(&doc.scan.text);
        phase[4].1 += t.elapsed();
        let t = Instant::now();
        let mut audit = fazhi::engine::audit(&doc, &pack);
        phase[5].1 += t.elapsed();
        for (i, (_, c)) in single.iter().enumerate() {
            let t = Instant::now();
            let _ = fazhi::engine::checks::run(&doc, c);
            checks_t[i] += t.elapsed();
        }
        audit.findings = fazhi::engine::checks::run(&doc, &rules.checks);
        let outcome = fazhi::report::Outcome::Audited(Box::new(fazhi::report::Audited {
            path: f.display().to_string(),
            doc,
            pack: pack.clone(),
            audit,
            notes: Vec::new(),
        }));
        let t = Instant::now();
        let v = fazhi::report::json::report(&outcome);
        phase[6].1 += t.elapsed();
        let t = Instant::now();
        let s = serde_json::to_string_pretty(&v).unwrap();
        phase[7].1 += t.elapsed();
        std::hint::black_box(s);
    }
    let n = files.len() as f64;
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("{} files, {:.1} MB text; load {:.1} ms, compile pack {:.1} ms", files.len(), bytes as f64 / 1e6, ms(load), ms(compile));
    for (name, d) in &phase {
        println!("{name:>22} {:8.1} ms total {:7.3} ms/file", ms(*d), ms(*d) / n);
    }
    for ((name, _), d) in single.iter().zip(&checks_t) {
        println!("{:>22} {:8.1} ms total {:7.3} ms/file", format!("check {name}"), ms(*d), ms(*d) / n);
    }
}
