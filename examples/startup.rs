//! Where the time of `fazhi check ONE-REPORT` goes: each start-up step and the
//! audit of one report, in process CPU time (all threads), first run and the
//! mean of later runs in the same process (a profiling aid).
//!
//!     cargo run --release --example startup REPORT
use std::time::Duration;

#[path = "support/cpu_time.rs"]
mod cpu_time;
use cpu_time::process as cpu;

fn main() {
    let path = std::env::args().nth(1).expect("usage: startup REPORT");
    let runs = 20;
    let mut rows: Vec<(&str, Vec<Duration>)> = Vec::new();
    let mut record = |name: &'static str, d: Duration| match rows.iter_mut().find(|r| r.0 == name) {
        Some(r) => r.1.push(d),
        None => rows.push((name, vec![d])),
    };
    for _ in 0..runs {
        let (name, yaml) = fazhi::rules::BUILTIN_PACKS[0];
        let pack_file = fazhi::rules::load::RuleFile {
            name: name.into(),
            source: yaml.into(),
            builtin: true,
        };
        let t = cpu();
        let _: fazhi::rules::schema::PackDef = serde_saphyr::from_str(yaml).unwrap();
        record("pack: YAML (unused)", cpu() - t);
        let t = cpu();
        let _: fazhi::rules::schema::PackDef = pack_file.parse().unwrap();
        record("pack: pre-parsed", cpu() - t);
        let t = cpu();
        let rules = fazhi::rules::load_builtin().unwrap();
        record("load_builtin (all)", cpu() - t);
        let t = cpu();
        let pack =
            std::sync::Arc::new(fazhi::engine::CompiledPack::new(rules.packs[0].clone()).unwrap());
        pack.compile().unwrap();
        record("compile pack", cpu() - t);
        let t = cpu();
        let src =
            fazhi::ingest::read_path(std::path::Path::new(&path), &Default::default()).unwrap();
        record("read", cpu() - t);
        let t = cpu();
        let doc = fazhi::document::Document::parse(src, &rules.profile);
        record("parse", cpu() - t);
        let t = cpu();
        let mut audit = fazhi::engine::audit(&doc, &pack);
        record("audit", cpu() - t);
        let t = cpu();
        audit.findings = fazhi::engine::checks::run(&doc, &rules.checks);
        record("checks", cpu() - t);
        let outcome = fazhi::report::Outcome::Audited(Box::new(fazhi::report::Audited {
            path: path.clone(),
            doc,
            pack,
            audit,
            notes: Vec::new(),
        }));
        let t = cpu();
        let s = fazhi::report::human::outcome(
            &outcome,
            fazhi::report::human::Style {
                color: false,
                width: 100,
            },
        );
        record("render human", cpu() - t);
        std::hint::black_box(s);
        let t = cpu();
        drop(outcome);
        drop(rules);
        record("drop", cpu() - t);
    }
    let ms = |d: &Duration| d.as_secs_f64() * 1000.0;
    println!("{:>20} {:>9} {:>9}", "step", "first ms", "later ms");
    for (name, ds) in &rows {
        let later: f64 = ds[1..].iter().map(ms).sum::<f64>() / (ds.len() - 1) as f64;
        println!("{name:>20} {:9.2} {:9.2}", ms(&ds[0]), later);
    }
}
