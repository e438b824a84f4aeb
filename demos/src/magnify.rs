//! The magnify demo: a magnifying lens in the centre of the frame.
//!
//! The 2011 definition: with `cx = w // 2`, `cy = h // 2` and `maxr = h // 3`, every output
//! pixel (x, y) with `dx = x - cx`, `dy = y - cy`, `r = sqrt(dx*dx + dy*dy) < maxr` takes the
//! input at radius `nr = r*r / maxr` along the same angle `a = atan2(dy, dx)`:
//! `(sx, sy) = (nr*cos(a) + cx, nr*sin(a) + cy)`; every other pixel is copied. Sampling:
//!
//! - nearest: the pixel `(floor(sx + 0.5), floor(sy + 0.5))`;
//! - bilinear (`-b`): with `x0 = floor(sx)`, `xo = sx - x0` (likewise y) and `x1 = x0 + 1`,
//!   `(1-xo)*(1-yo)*p[x0,y0] + (1-xo)*yo*p[x0,y1] + xo*(1-yo)*p[x1,y0] + xo*yo*p[x1,y1]`,
//!   summed left to right in float64, stored as `min(int(v), 255)`;
//!
//! coordinates clamped into the frame (only frames narrower than two thirds of their height
//! reach outside it). The 2011 loop visits the square `[cx-maxr, cx+maxr) x [cy-maxr, cy+maxr)`;
//! so does this, clipped to the frame.
//!
//! Here the map is computed once per frame size with array math (arange, arctan2, cos, sin,
//! floor, where) into flat source indices (and, for bilinear, four weights); every frame is
//! then a copy of the input, a gather (`Array::take`) into the lens square of the output and,
//! for bilinear, one fused expression `w00*g00 + w01*g01 + w10*g10 + w11*g11` evaluated into
//! that square. Pixels of the square outside the lens map to themselves with weights (1, 0, 0,
//! 0), which reproduces them exactly.

use dtypes::DType;
use numrt::{Array, NumrtError, PyScalar};

use crate::expr::{a, call, computed, f, i, into, window};
use crate::frame::Frame;

/// How the lens samples the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Interp {
    Nearest,
    Bilinear,
}

/// A magnifier for frames of one size: the map (computed once) and the output frame.
pub struct Magnify {
    out: Frame,
    lens: Option<Lens>,
}

/// The lens square of the output and what each of its pixels reads.
struct Lens {
    /// The square's view of the output frame.
    square: Array,
    /// Flat source indices: one array (nearest) or four (bilinear: 00, 01, 10, 11).
    indices: Vec<Array>,
    /// Bilinear weights matching `indices` (empty for nearest).
    weights: Vec<Array>,
    /// Preallocated gather targets for bilinear (one per index array).
    gathered: Vec<Array>,
}

impl Magnify {
    pub fn new(width: usize, height: usize, interp: Interp) -> Result<Magnify, NumrtError> {
        let out = Frame::new(width, height)?;
        let lens = Lens::new(&out, interp)?;
        Ok(Magnify { out, lens })
    }

    /// Magnify `input` (of this magnifier's size); the result is the returned frame.
    pub fn run(&mut self, input: &Frame) -> Result<&Frame, NumrtError> {
        if (input.width, input.height) != (self.out.width, self.out.height) {
            return Err(NumrtError::Value(format!(
                "magnify: frame is {}x{}, the lens was made for {}x{}",
                input.width, input.height, self.out.width, self.out.height
            )));
        }
        // The frame is copied whole (one memcpy), then the lens square is overwritten.
        numrt::copy_into(&self.out.array().view_for_write()?, &input.array().force()?)?;
        if let Some(lens) = &self.lens {
            lens.apply(input.array())?;
        }
        Ok(&self.out)
    }
}

/// The frame geometry of the lens.
struct Geometry {
    w: usize,
    cx: usize,
    cy: usize,
    maxr: usize,
    /// The square, clipped: rows `y0..y1`, columns `x0..x1`.
    rows: (usize, usize),
    cols: (usize, usize),
}

impl Geometry {
    fn new(w: usize, h: usize) -> Option<Geometry> {
        let (cx, cy, maxr) = (w / 2, h / 2, h / 3);
        let rows = (cy - maxr, cy + maxr);
        let cols = (cx.saturating_sub(maxr), (cx + maxr).min(w));
        (maxr > 0 && cols.1 > cols.0).then_some(Geometry {
            w,
            cx,
            cy,
            maxr,
            rows,
            cols,
        })
    }
}

impl Lens {
    fn new(out: &Frame, interp: Interp) -> Result<Option<Lens>, NumrtError> {
        let Some(g) = Geometry::new(out.width, out.height) else {
            return Ok(None);
        };
        let square = window(out.array(), g.rows, g.cols)?;
        let (h, w) = (out.height as f64, out.width as f64);
        let c = Coords::new(&g)?;
        let (sx, sy) = c.source(&g)?;
        let clamp = |v: &Array, hi: f64| {
            call(
                "minimum",
                &[a(&call("maximum", &[a(v), f(0.0)])?), f(hi - 1.0)],
            )
        };
        let flat = |col: &Array, row: &Array| -> Result<Array, NumrtError> {
            let (col, row) = (
                clamp(col, w)?.astype(DType::Int64)?,
                clamp(row, h)?.astype(DType::Int64)?,
            );
            let index = call(
                "add",
                &[a(&call("multiply", &[a(&row), i(g.w as i64)])?), a(&col)],
            )?;
            computed(index.astype(index_dtype(out))?)
        };
        let floor = |v: &Array| call("floor", &[a(v)]);
        let lens = match interp {
            Interp::Nearest => {
                let near = |v: &Array| floor(&call("add", &[a(v), f(0.5)])?);
                Lens {
                    square,
                    indices: vec![flat(&near(&sx)?, &near(&sy)?)?],
                    weights: vec![],
                    gathered: vec![],
                }
            }
            Interp::Bilinear => {
                let (fx, fy) = (floor(&sx)?, floor(&sy)?);
                let (xo, yo) = (
                    call("subtract", &[a(&sx), a(&fx)])?,
                    call("subtract", &[a(&sy), a(&fy)])?,
                );
                let (x1, y1) = (
                    call("add", &[a(&fx), f(1.0)])?,
                    call("add", &[a(&fy), f(1.0)])?,
                );
                let one_minus = |v: &Array| call("subtract", &[f(1.0), a(v)]);
                let (xm, ym) = (one_minus(&xo)?, one_minus(&yo)?);
                let weight = |p: &Array, q: &Array| computed(call("multiply", &[a(p), a(q)])?);
                let indices = vec![
                    flat(&fx, &fy)?,
                    flat(&fx, &y1)?,
                    flat(&x1, &fy)?,
                    flat(&x1, &y1)?,
                ];
                let weights = vec![
                    weight(&xm, &ym)?,
                    weight(&xm, &yo)?,
                    weight(&xo, &ym)?,
                    weight(&xo, &yo)?,
                ];
                let shape = indices[0].shape();
                let gathered = (0..4)
                    .map(|_| Ok(Array::from_view(numrt::View::zeros(&shape, DType::UInt8)?)))
                    .collect::<Result<_, NumrtError>>()?;
                Lens {
                    square,
                    indices,
                    weights,
                    gathered,
                }
            }
        };
        Ok(Some(lens))
    }

    /// Write the lens square of the output from `input` (the rest was copied already).
    fn apply(&self, input: &Array) -> Result<(), NumrtError> {
        if self.weights.is_empty() {
            input.take(&self.indices[0], Some(&self.square))?;
            return Ok(());
        }
        for (idx, g) in self.indices.iter().zip(&self.gathered) {
            input.take(idx, Some(g))?;
        }
        let term = |k: usize| call("multiply", &[a(&self.weights[k]), a(&self.gathered[k])]);
        let mut sum = term(0)?;
        for k in 1..4 {
            sum = call("add", &[a(&sum), a(&term(k)?)])?;
        }
        into("minimum", &[a(&sum), f(255.0)], &self.square)
    }
}

/// Index dtype of the maps: int32 while every flat index fits, else int64.
fn index_dtype(frame: &Frame) -> DType {
    if frame.width * frame.height <= i32::MAX as usize {
        DType::Int32
    } else {
        DType::Int64
    }
}

/// The square's pixel coordinates as float64 arrays: x of shape (1, n), y of shape (m, 1).
struct Coords {
    x: Array,
    y: Array,
}

impl Coords {
    fn new(g: &Geometry) -> Result<Coords, NumrtError> {
        let range = |(lo, hi): (usize, usize), shape: [isize; 2]| -> Result<Array, NumrtError> {
            let (lo, hi) = (PyScalar::Int(lo as i128), PyScalar::Int(hi as i128));
            let v = numrt::creation::arange(lo, Some(hi), None, Some(DType::Float64))?;
            Array::from_view(v).reshape(&shape)
        };
        Ok(Coords {
            x: range(g.cols, [1, -1])?,
            y: range(g.rows, [-1, 1])?,
        })
    }

    /// The source coordinates of every pixel of the square: the lens map inside the circle,
    /// the pixel itself outside.
    fn source(&self, g: &Geometry) -> Result<(Array, Array), NumrtError> {
        let dx = call("subtract", &[a(&self.x), f(g.cx as f64)])?;
        let dy = call("subtract", &[a(&self.y), f(g.cy as f64)])?;
        let sq = |v: &Array| call("multiply", &[a(v), a(v)]);
        let r = computed(call(
            "sqrt",
            &[a(&call("add", &[a(&sq(&dx)?), a(&sq(&dy)?)])?)],
        )?)?;
        let inside = call("less", &[a(&r), f(g.maxr as f64)])?;
        let angle = call("arctan2", &[a(&dy), a(&dx)])?;
        let nr = computed(call("divide", &[a(&sq(&r)?), f(g.maxr as f64)])?)?;
        let along = |trig: &str, centre: usize| -> Result<Array, NumrtError> {
            call(
                "add",
                &[
                    a(&call("multiply", &[a(&nr), a(&call(trig, &[a(&angle)])?)])?),
                    f(centre as f64),
                ],
            )
        };
        let (mx, my) = (along("cos", g.cx)?, along("sin", g.cy)?);
        let sx = computed(Array::where_(&inside, a(&mx), a(&self.x))?)?;
        let sy = computed(Array::where_(&inside, a(&my), a(&self.y))?)?;
        Ok((sx, sy))
    }
}
