//! Array algorithms that build new arrays from materialised views: joining (`concatenate`),
//! sorting (`sort`, `argsort`), searching (`searchsorted`) and `repeat`.
//!
//! - `order.rs`: NumPy's sort order per element type (NaN last, complex lexicographic);
//! - `join.rs`: concatenate along an axis with NumPy's shape checks and messages;
//! - `sort.rs`: stable sort/argsort along an axis, searchsorted;
//! - `repeat.rs`: repeat along an axis.
//!
//! Everything here works on `View`s (the Python layer forces first) and is generic over the
//! element type through `dtypes::with_dtype!`.

mod order;
pub mod join;
pub mod repeat;
pub mod sort;

pub use join::concatenate;
pub use repeat::repeat;
pub use sort::{argsort, searchsorted, sort};
