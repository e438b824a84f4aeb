//! `matmul`: NumPy's gufunc `(n?,k),(k,m?)->(n?,m?)`. A 1-d first operand is a row (its n
//! dropped from the result), a 1-d second operand a column (m dropped); leading dimensions
//! broadcast. Operands are cast to the computation dtype into contiguous blocks once, then
//! each output matrix is one blocked `gemm`.

use dtypes::{with_dtype, DType, Element};

use crate::error::NumrtError;
use crate::layout::broadcast_shapes;
use crate::linalg::kernel::{gemm, Dot};
use crate::view::View;

const SIGNATURE: &str = "(n?,k),(k,m?)->(n?,m?)";

/// `a @ b` with result dtype `dtype` (float16 accumulates in float32).
pub fn matmul(a: &View, b: &View, dtype: DType) -> Result<View, NumrtError> {
    let shapes = Shapes::new(&a.shape, &b.shape)?;
    let compute = if dtype == DType::Float16 { DType::Float32 } else { dtype };
    let ac = a.to_contiguous(compute)?;
    let bc = b.to_contiguous(compute)?;
    let out = View::zeros(&shapes.out_full(), compute)?;
    with_dtype!(compute, T => run::<T>(&ac, &bc, &out, &shapes));
    let out = out.reshape(&shapes.out_shape().iter().map(|&d| d as isize).collect::<Vec<_>>())?
        .ok_or_else(|| NumrtError::Internal("matmul result reshape".into()))?;
    if compute == dtype { Ok(out) } else { out.to_contiguous(dtype) }
}

/// The core and batch dimensions of one `matmul` call.
struct Shapes {
    a_batch: Vec<usize>,
    b_batch: Vec<usize>,
    batch: Vec<usize>,
    n: usize,
    k: usize,
    m: usize,
    a_vec: bool,
    b_vec: bool,
}

impl Shapes {
    fn new(a: &[usize], b: &[usize]) -> Result<Shapes, NumrtError> {
        for (i, s) in [a, b].iter().enumerate() {
            if s.is_empty() {
                return Err(NumrtError::Value(format!(
                    "matmul: Input operand {i} does not have enough dimensions (has 0, gufunc core with signature {SIGNATURE} requires 1)"
                )));
            }
        }
        let (a_vec, b_vec) = (a.len() == 1, b.len() == 1);
        let (n, k) = if a_vec { (1, a[0]) } else { (a[a.len() - 2], a[a.len() - 1]) };
        let (kb, m) = if b_vec { (b[0], 1) } else { (b[b.len() - 2], b[b.len() - 1]) };
        if k != kb {
            return Err(NumrtError::Value(format!(
                "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature {SIGNATURE} (size {kb} is different from {k})"
            )));
        }
        let a_batch = a[..a.len().saturating_sub(2)].to_vec();
        let b_batch = b[..b.len().saturating_sub(2)].to_vec();
        let batch = broadcast_shapes(&[&a_batch, &b_batch]).map_err(|_| remapped_error(a, b, n, m, a_vec, b_vec))?;
        Ok(Shapes { a_batch, b_batch, batch, n, k, m, a_vec, b_vec })
    }

    /// The output with both core dims kept (what the kernel writes).
    fn out_full(&self) -> Vec<usize> {
        let mut s = self.batch.clone();
        s.extend([self.n, self.m]);
        s
    }

    /// NumPy's output shape (n dropped for a 1-d `a`, m for a 1-d `b`).
    fn out_shape(&self) -> Vec<usize> {
        let mut s = self.batch.clone();
        if !self.a_vec {
            s.push(self.n);
        }
        if !self.b_vec {
            s.push(self.m);
        }
        s
    }
}

/// NumPy's text when the stack dimensions do not broadcast.
fn remapped_error(a: &[usize], b: &[usize], n: usize, m: usize, a_vec: bool, b_vec: bool) -> NumrtError {
    let fmt = |s: &[usize]| format!("({})", s.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(","));
    let remap = |s: &[usize], core: usize| {
        let mut parts: Vec<String> = s[..s.len() - core].iter().map(|d| d.to_string()).collect();
        parts.extend(std::iter::repeat_n("newaxis".to_string(), core));
        format!("({})", parts.join(","))
    };
    let (ca, cb) = (if a_vec { 1 } else { 2 }, if b_vec { 1 } else { 2 });
    let mut req = vec![];
    if !a_vec {
        req.push(n);
    }
    if !b_vec {
        req.push(m);
    }
    NumrtError::Value(format!(
        "operands could not be broadcast together with remapped shapes [original->remapped]: {}->{} {}->{}  and requested shape {}",
        fmt(a), remap(a, ca), fmt(b), remap(b, cb), fmt(&req)
    ))
}

/// Linear index into a batch of `shape` for an output batch multi-index (broadcast dims -> 0).
fn batch_index(out_idx: &[usize], shape: &[usize]) -> usize {
    let skip = out_idx.len() - shape.len();
    shape.iter().zip(&out_idx[skip..]).fold(0, |acc, (&d, &i)| acc * d + if d == 1 { 0 } else { i })
}

fn run<T: Element + Dot>(a: &View, b: &View, out: &View, s: &Shapes) {
    let (n, k, m) = (s.n, s.k, s.m);
    let count: usize = s.batch.iter().product();
    // SAFETY: the three views are fresh C-contiguous arrays of T with the sizes below.
    let (av, bv, cv) = unsafe {
        (
            std::slice::from_raw_parts(a.data_ptr() as *const T, a.size()),
            std::slice::from_raw_parts(b.data_ptr() as *const T, b.size()),
            std::slice::from_raw_parts_mut(out.data_ptr() as *mut T, out.size()),
        )
    };
    let mut idx = vec![0usize; s.batch.len()];
    for t in 0..count {
        let ia = batch_index(&idx, &s.a_batch);
        let ib = batch_index(&idx, &s.b_batch);
        let c = &mut cv[t * n * m..(t + 1) * n * m];
        gemm(&av[ia * n * k..(ia + 1) * n * k], &bv[ib * k * m..(ib + 1) * k * m], c, n, k, m);
        for d in (0..idx.len()).rev() {
            idx[d] += 1;
            if idx[d] < s.batch[d] {
                break;
            }
            idx[d] = 0;
        }
    }
}
