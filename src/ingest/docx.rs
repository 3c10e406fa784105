//! Reader for .docx reports. (Being built in a parallel branch.)

use super::{IngestError, Source};

#[allow(unused_variables)]
pub fn read(bytes: &[u8], limits: &super::Limits) -> Result<Source, IngestError> {
    Err(IngestError::Unsupported("docx".into()))
}
