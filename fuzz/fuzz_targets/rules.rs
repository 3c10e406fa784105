#![no_main]
use libfuzzer_sys::fuzz_target;

// No public "parse a YAML string" entry point: write the bytes to a temp dir and
// load it as a pack (first byte chooses pack / document profile / checks file).
fuzz_target!(|data: &[u8]| {
    let Some((&which, rest)) = data.split_first() else { return };
    let name = match which % 3 {
        0 => "pack.yaml",
        1 => "document.yaml",
        _ => "checks.yaml",
    };
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), rest).unwrap();
    let _ = fazhi::rules::load(&[dir.path()]);
});
