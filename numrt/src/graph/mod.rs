//! The lazy expression graph (placeholder: being written).
pub struct Node;
