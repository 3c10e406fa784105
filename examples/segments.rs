//! Print the role segments of a report (debugging aid).
fn main() {
    let path = std::env::args().nth(1).expect("usage: segments REPORT");
    let rules = fazhi::rules::load_builtin().unwrap();
    let src = fazhi::ingest::read_path(std::path::Path::new(&path), &Default::default()).unwrap();
    let doc = fazhi::document::Document::parse(src, &rules.profile);
    for s in &doc.segments {
        let t: String = doc.text[s.range.clone()].chars().take(40).collect();
        println!("{:?} {:?} h={} {}", s.range, s.role, s.heading, t.replace('\n', "⏎"));
    }
}
