//! The image demos of PyPy's 2011 "Realtime image processing in Python", rebuilt on numrt:
//! `sobel` (edge magnitude) and `magnify` (a magnifying lens, nearest or bilinear).
//!
//! The algorithms (`sobel`, `magnify`) are numrt array expressions — shifted views for the
//! stencil, a coordinate map computed once with array math and a gather per frame — so they run
//! wherever numrt evaluates its graph (the portable evaluator now, the LLVM tier later). This
//! crate has no per-pixel loop in an algorithm: the only loops over pixels are the input side
//! (`synth`, the decoders in `video`), and the scalar references live in the tests.
//!
//! - `error`: `DemoError`, what the binaries report;
//! - `frame`: a frame as a numrt `uint8` array of shape (height, width), and its bytes;
//! - `synth`: the built-in generated test video;
//! - `video`: y4m / PGM / PNG input, y4m and PNG output, the `--view` player pipe;
//! - `sobel`, `magnify`: the algorithms;
//! - `cli`: the binaries' options, frame loop and fps report.

pub mod cli;
pub mod error;
mod expr;
pub mod frame;
pub mod magnify;
pub mod sobel;
pub mod synth;
pub mod video;

pub use error::DemoError;
pub use frame::Frame;
pub use magnify::{Interp, Magnify};
pub use sobel::Sobel;
