//! The Sobel demo: the edge magnitude of a grey frame, as one fused numrt expression.
//!
//! The 2011 definition, for every pixel not on the 1-pixel border (which stays 0):
//!
//! ```text
//! dx = -p[x-1,y-1] + p[x+1,y-1] - 2 p[x-1,y] + 2 p[x+1,y] - p[x-1,y+1] + p[x+1,y+1]
//! dy = -p[x-1,y-1] - 2 p[x,y-1] - p[x+1,y-1] + p[x-1,y+1] + 2 p[x,y+1] + p[x+1,y+1]
//! out[x,y] = min(int(sqrt(dx*dx + dy*dy) / 4.0), 255)
//! ```
//!
//! Here the nine neighbours are shifted views of the frame (`a[r:r+h-2, c:c+w-2]`), and the
//! whole right-hand side is one lazy expression evaluated into the interior of a preallocated
//! output frame. It computes in float32: dx and dy are integers of magnitude at most 1020, so
//! every sum and square is exact in float32 (below 2^24) as in the 2011 float64, and the
//! float32 square root gives the same `int(... / 4.0)` as float64 for every reachable
//! `dx*dx + dy*dy` (checked exhaustively by `tests/frames.rs`). Float32 halves the bytes per
//! element the evaluator moves and doubles the lanes of a vector kernel.

use dtypes::DType;
use numrt::{Array, NumrtError};

use crate::expr::{a, call, call_as, f, into, window};
use crate::frame::Frame;

/// The dtype the stencil is computed in (see the module comment for why it is exact).
pub const COMPUTE: DType = DType::Float32;

/// A Sobel filter for frames of one size, holding its output frame (border kept at 0).
pub struct Sobel {
    out: Frame,
    /// The output's interior view, `None` when the frame is smaller than 3x3.
    interior: Option<Array>,
}

impl Sobel {
    pub fn new(width: usize, height: usize) -> Result<Sobel, NumrtError> {
        let out = Frame::new(width, height)?;
        let interior = if width >= 3 && height >= 3 {
            Some(window(out.array(), (1, height - 1), (1, width - 1))?)
        } else {
            None
        };
        Ok(Sobel { out, interior })
    }

    /// Filter `input` (of this filter's size); the result is the returned frame.
    pub fn run(&mut self, input: &Frame) -> Result<&Frame, NumrtError> {
        if (input.width, input.height) != (self.out.width, self.out.height) {
            return Err(NumrtError::Value(format!(
                "sobel: frame is {}x{}, the filter was made for {}x{}",
                input.width, input.height, self.out.width, self.out.height
            )));
        }
        if let Some(interior) = &self.interior {
            magnitude_into(input.array(), input.width, input.height, interior)?;
        }
        Ok(&self.out)
    }
}

/// `out = min(sqrt(dx*dx + dy*dy) / 4, 255)` cast to uint8 (truncating, as `int()`), over the
/// interior, from the frame `img` of `w` x `h` (both at least 3).
fn magnitude_into(img: &Array, w: usize, h: usize, out: &Array) -> Result<(), NumrtError> {
    // p(r, c): the neighbour at row offset r, column offset c (0..3) of every interior pixel.
    let p = |r: usize, c: usize| window(img, (r, r + h - 2), (c, c + w - 2));
    let diff = |x: &Array, y: &Array| call_as("subtract", &[a(x), a(y)], COMPUTE);
    let (p00, p01, p02) = (p(0, 0)?, p(0, 1)?, p(0, 2)?);
    let (p10, p12) = (p(1, 0)?, p(1, 2)?);
    let (p20, p21, p22) = (p(2, 0)?, p(2, 1)?, p(2, 2)?);
    // dx = (p02 - p00) + 2 (p12 - p10) + (p22 - p20); dy likewise down the columns.
    let gradient = |d0: Array, d1: Array, d2: Array| -> Result<Array, NumrtError> {
        let twice = call("multiply", &[f(2.0), a(&d1)])?;
        call("add", &[a(&call("add", &[a(&d0), a(&twice)])?), a(&d2)])
    };
    let dx = gradient(diff(&p02, &p00)?, diff(&p12, &p10)?, diff(&p22, &p20)?)?;
    let dy = gradient(diff(&p20, &p00)?, diff(&p21, &p01)?, diff(&p22, &p02)?)?;
    let sq = call(
        "add",
        &[
            a(&call("multiply", &[a(&dx), a(&dx)])?),
            a(&call("multiply", &[a(&dy), a(&dy)])?),
        ],
    )?;
    let scaled = call("divide", &[a(&call("sqrt", &[a(&sq)])?), f(4.0)])?;
    into("minimum", &[a(&scaled), f(255.0)], out)
}
