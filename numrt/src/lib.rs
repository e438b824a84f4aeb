//! numrt: numpypy's array runtime — buffers, strided views, broadcasting, indexing, the lazy
//! expression graph, forcing, the portable blocked evaluator and reductions.
//!
//! It owns array memory and laziness; it does not decide promotion (that is `dtypes`) or what an
//! op computes (that is `ufuncs`' reference kernels).

pub mod array;
pub mod buffer;
pub mod copy;
pub mod creation;
pub mod error;
pub mod eval;
pub mod format;
pub mod graph;
pub mod index;
pub mod iter;
pub mod layout;
pub mod linalg;
pub mod nested;
pub mod ops;
pub mod reduce;
pub mod view;

pub use array::{Array, ArrayOrScalar};
pub use buffer::Buffer;
pub use copy::copy_into;
pub use error::NumrtError;
pub use index::IndexItem;
pub use reduce::{Axes, ReduceKind};
pub use nested::{from_nested, Nested, PyScalar};
pub use view::{Flags, View};
