#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = fazhi::ingest::read_bytes(data, Some("html"), &fazhi::ingest::Limits::default());
});
