//! Reader for .pdf reports. (Being built in a parallel branch.)

use super::{IngestError, Source};

#[allow(unused_variables)]
pub fn read(bytes: &[u8], limits: &super::Limits) -> Result<Source, IngestError> {
    Err(IngestError::Unsupported("pdf".into()))
}

/// Set by the binary: the executable to re-run as an isolated PDF extractor.
pub fn set_child_exe(_path: std::path::PathBuf) {}

/// Entry point of `fazhi __extract-pdf`.
pub fn child_main() -> i32 {
    2
}
