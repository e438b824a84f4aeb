//! numpypy's ufunc table (placeholder: being written).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum UfuncError {
    #[error("{0}")]
    Type(String),
}
