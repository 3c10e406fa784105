#![no_main]
use std::sync::OnceLock;

use fazhi::document::Document;
use fazhi::engine::{audit, CompiledPack};
use fazhi::rules::RuleSet;
use libfuzzer_sys::fuzz_target;

fn rules() -> &'static (RuleSet, CompiledPack) {
    static R: OnceLock<(RuleSet, CompiledPack)> = OnceLock::new();
    R.get_or_init(|| {
        let rules = fazhi::rules::load_builtin().unwrap();
        let pack = CompiledPack::new(rules.packs[0].clone()).unwrap();
        (rules, pack)
    })
}

fn check(text: &str, r: &std::ops::Range<usize>) {
    assert!(r.start <= r.end && r.end <= text.len(), "{r:?} outside text");
    assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end), "{r:?} off boundary");
}

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let (rules, pack) = rules();
    let doc = Document::from_text(s, &rules.profile);
    let t = &doc.text;
    for b in &doc.blocks {
        check(t, &b.range);
        b.heading.iter().chain(&b.title).for_each(|r| check(t, r));
    }
    for sec in &doc.sections {
        check(t, &sec.range);
        check(t, &sec.heading);
        check(t, &sec.title);
    }
    let mut last = 0;
    for seg in &doc.segments {
        check(t, &seg.range);
        assert!(seg.range.start >= last, "segments overlap");
        last = seg.range.end;
    }
    let a = audit(&doc, pack);
    for item in &a.items {
        item.evidence.iter().chain(&item.anchor).for_each(|r| check(t, r));
    }
});
