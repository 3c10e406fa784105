//! Stage 3.
