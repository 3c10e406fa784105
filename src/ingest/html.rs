//! Reader for .html reports. (Being built in a parallel branch.)

use super::{IngestError, Source};

#[allow(unused_variables)]
pub fn read(bytes: &[u8]) -> Result<Source, IngestError> {
    Err(IngestError::Unsupported("html".into()))
}
