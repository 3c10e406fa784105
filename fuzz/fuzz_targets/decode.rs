#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(d) = fazhi::ingest::decode::decode_text(data) {
        let _ = fazhi::ingest::decode::normalize_newlines(d.text);
    }
});
