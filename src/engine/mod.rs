//! Stage 4.
