//! CPU time of each regex of the built-in pack over the scan texts of a
//! directory of reports (profiling aid).
//!
//!     cargo run --release --example rxscan DIR [N]
//!
//! Times are thread CPU times.
use std::time::Duration;

/// Thread CPU time (the machine is shared, so wall time per phase is noisy).
#[derive(Clone, Copy)]
struct Instant(Duration);

#[repr(C)]
struct Timespec {
    sec: i64,
    nsec: i64,
}

extern "C" {
    fn clock_gettime(clock: i32, ts: *mut Timespec) -> i32;
}

impl Instant {
    fn now() -> Instant {
        let mut ts = Timespec { sec: 0, nsec: 0 };
        // CLOCK_THREAD_CPUTIME_ID = 3 on Linux
        unsafe { clock_gettime(3, &mut ts) };
        Instant(Duration::new(ts.sec as u64, ts.nsec as u32))
    }
    fn elapsed(&self) -> Duration {
        Instant::now().0 - self.0
    }
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: rxscan DIR [N]");
    let n: usize = std::env::args()
        .nth(2)
        .map(|s| s.parse().unwrap())
        .unwrap_or(300);
    let rules = fazhi::rules::load_builtin().unwrap();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let texts: Vec<String> = files
        .iter()
        .take(n)
        .map(|f| {
            let src = fazhi::ingest::read_path(f, &Default::default()).unwrap();
            fazhi::document::Document::parse(src, &rules.profile)
                .scan
                .text
        })
        .collect();
    let mut seen = std::collections::HashSet::new();
    let mut rows = Vec::new();
    for item in &rules.packs[0].items {
        for (p, _) in item.all_patterns() {
            if !p.is_regex || !seen.insert(p.text.clone()) {
                continue;
            }
            let re = fazhi::rules::gap::GapRegex::new(&p.text).unwrap();
            let t = Instant::now();
            let mut hits = 0;
            for text in &texts {
                hits += re.find_all(text).len();
            }
            rows.push((
                t.elapsed().as_secs_f64() * 1e6 / texts.len() as f64,
                hits,
                p.text.clone(),
            ));
        }
    }
    let t = Instant::now();
    let mut ac_hits = 0;
    let compiled = fazhi::engine::CompiledPack::new(rules.packs[0].clone()).unwrap();
    let t0 = t.elapsed();
    let t = Instant::now();
    for text in &texts {
        ac_hits += compiled.matcher.scan(text).len();
    }
    let total_scan = t.elapsed().as_secs_f64() * 1e6 / texts.len() as f64;
    rows.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap());
    let sum: f64 = rows.iter().map(|r| r.0).sum();
    println!(
        "{} regexes: {:.1} µs/file; whole scan {:.1} µs/file ({} hits), compile {:?}",
        rows.len(),
        sum,
        total_scan,
        ac_hits,
        t0
    );
    for (us, hits, p) in rows.iter().take(40) {
        println!("{us:7.1} µs {hits:6} {p}");
    }
}
