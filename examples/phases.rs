use std::time::Instant;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let t = Instant::now();
    let rules = fazhi::rules::load_builtin().unwrap();
    eprintln!("load rules {:?}", t.elapsed());
    let t = Instant::now();
    let pack = fazhi::engine::CompiledPack::new(rules.packs[0].clone()).unwrap();
    eprintln!("compile pack {:?}", t.elapsed());
    let t = Instant::now();
    let src = fazhi::ingest::read_path(std::path::Path::new(&path), &Default::default()).unwrap();
    eprintln!("read {:?}", t.elapsed());
    let t = Instant::now();
    let doc = fazhi::document::Document::parse(src, &rules.profile);
    eprintln!("parse {:?}", t.elapsed());
    let t = Instant::now();
    let a = fazhi::engine::audit(&doc, &pack);
    eprintln!("audit {:?} score {}", t.elapsed(), a.score);
    let t = Instant::now();
    let a = fazhi::engine::audit(&doc, &pack);
    eprintln!("audit again {:?} score {}", t.elapsed(), a.score);
}
