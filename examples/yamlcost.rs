use std::time::Instant;
fn main() {
    let t = Instant::now();
    let _: fazhi::rules::schema::PackDef = serde_saphyr::from_str(fazhi::rules::BUILTIN_PACKS[0].1).unwrap();
    eprintln!("pack yaml {:?} ({} bytes)", t.elapsed(), fazhi::rules::BUILTIN_PACKS[0].1.len());
    let t = Instant::now();
    let _: fazhi::rules::schema::ProfileDef = serde_saphyr::from_str(fazhi::rules::BUILTIN_PROFILE.1).unwrap();
    eprintln!("profile yaml {:?}", t.elapsed());
}
