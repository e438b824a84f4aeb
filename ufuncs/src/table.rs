//! The ufunc table: `Ufunc` and `Loop`, built once from the generated rows (`table_data.rs`)
//! with a reference kernel attached to every loop (`kernels::lookup`).
//!
//! Which loops exist, in which order, is data generated from NumPy; this module only parses it
//! and records, per ufunc, which of NumPy's type-resolution rules applies (`Resolver`).

use std::fmt;
use std::sync::OnceLock;

use dtypes::{DType, Scalar};

use crate::table_data::{UfuncRow, ALIASES, ROWS};
use crate::{kernels, FpFlags};

/// NumPy's inner-loop convention: `args` holds the nin input pointers then the nout output
/// pointers, each advanced by its byte step (`steps`, same order) `n` times. Elements may be
/// unaligned. Flags raised are merged into `flags`.
///
/// # Safety
/// Every pointer must be valid for `n` elements of its loop dtype at its step.
pub type InnerLoop = unsafe fn(args: &[*mut u8], steps: &[isize], n: usize, flags: &mut FpFlags);

/// Checks a reduction result computed with values regrouped (see `Loop::regroup`).
///
/// # Safety
/// The pointer addresses one (possibly unaligned) value of the loop's output dtype.
pub type RegroupCheck = unsafe fn(result: *const u8) -> bool;

/// One typed loop of a ufunc.
pub struct Loop {
    /// The nin input dtypes then the nout output dtypes.
    pub types: Vec<DType>,
    /// The reference kernel.
    pub inner: InnerLoop,
    /// `Some` when a reduction with this loop may be cut into consecutive chunks reduced on
    /// their own (e.g. on threads) whose results are combined in order: the result is NumPy's
    /// whenever the check accepts it, else the reduction must run in order. Such loops raise
    /// no flags. (Integer add, multiply, min, max, bitwise and logical loops always; float
    /// min/max/fmin/fmax unless the result is NaN.)
    pub regroup: Option<RegroupCheck>,
    nin: usize,
}

impl Loop {
    pub fn inputs(&self) -> &[DType] {
        &self.types[..self.nin]
    }

    pub fn outputs(&self) -> &[DType] {
        &self.types[self.nin..]
    }

    /// NumPy's spelling of the loop, e.g. `"dd->d"`.
    pub fn signature(&self) -> String {
        let chars = |ds: &[DType]| ds.iter().map(|d| d.char()).collect::<String>();
        format!("{}->{}", chars(self.inputs()), chars(self.outputs()))
    }

    /// Run the reference kernel on one element. Inputs are cast to the loop's input dtypes
    /// (NumPy's unsafe value cast) when they differ; a missing input counts as zero.
    pub fn call_scalar(&self, inputs: &[Scalar]) -> (Vec<Scalar>, FpFlags) {
        let mut bufs = vec![[0u8; 16]; self.types.len()];
        for (i, &dt) in self.inputs().iter().enumerate() {
            let v = inputs.get(i).copied().unwrap_or_else(|| Scalar::zero(dt)).cast(dt);
            // SAFETY: every buffer holds 16 bytes, the largest itemsize.
            unsafe { v.write_to(bufs[i].as_mut_ptr()) };
        }
        let ptrs: Vec<*mut u8> = bufs.iter_mut().map(|b| b.as_mut_ptr()).collect();
        let steps = vec![0isize; ptrs.len()];
        let mut flags = FpFlags::default();
        // SAFETY: one element per pointer, each buffer large enough for its dtype.
        unsafe { (self.inner)(&ptrs, &steps, 1, &mut flags) };
        let outs = self
            .outputs()
            .iter()
            .enumerate()
            .map(|(k, &dt)| unsafe { Scalar::read_from(dt, bufs[self.nin + k].as_ptr()) })
            .collect();
        (outs, flags)
    }
}

impl fmt::Debug for Loop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Loop({})", self.signature())
    }
}

/// Which of NumPy's type-resolution rules a ufunc follows when no loop matches the operand
/// dtypes exactly (NumPy's per-ufunc type resolvers and promoters).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolver {
    /// The first loop all inputs cast to safely (`linear_search_type_resolver`).
    Default,
    /// All operands take `result_type` of the inputs, or the requested dtype
    /// (`SimpleUniformOperationTypeResolver`): add, multiply, positive, sign, minimum, maximum,
    /// fmin, fmax.
    Uniform,
    /// `Uniform`, and a bool result is a TypeError (negative).
    Negative,
    /// `Uniform` for real inputs, `Default` for complex ones.
    Absolute,
    /// `Uniform`, and a bool result is a TypeError (subtract).
    Subtract,
    /// Integer and bool inputs use the float64 loop.
    TrueDivide,
    /// `Default`, plus NumPy 2's exact comparison of integer arrays with Python ints.
    Comparison,
    /// Inputs that match no loop exactly are cast to bool, without a casting check.
    Logical,
    /// A NumPy function given a table row (real, imag): Python scalars become arrays first.
    Function,
    /// np.angle: complex inputs take their loop; real ones are resolved as `arctan2(0, x)`.
    Angle,
}

fn resolver_of(name: &str) -> Resolver {
    match name {
        "add" | "multiply" | "positive" | "sign" | "minimum" | "maximum" | "fmin" | "fmax" => {
            Resolver::Uniform
        }
        "negative" => Resolver::Negative,
        "absolute" => Resolver::Absolute,
        "subtract" => Resolver::Subtract,
        "divide" => Resolver::TrueDivide,
        "equal" | "not_equal" | "less" | "less_equal" | "greater" | "greater_equal" => {
            Resolver::Comparison
        }
        "logical_and" | "logical_or" | "logical_xor" => Resolver::Logical,
        "real" | "imag" => Resolver::Function,
        "angle" => Resolver::Angle,
        _ => Resolver::Default,
    }
}

/// A universal function: its typed loops in NumPy's order, each with a reference kernel.
pub struct Ufunc {
    pub name: &'static str,
    pub nin: usize,
    pub nout: usize,
    /// The identity for reductions, to be cast to the loop dtype (`bitwise_and` is -1, the
    /// logical functions use 1 for True and 0 for False); `None` when NumPy has none.
    pub identity: Option<i64>,
    /// NumPy's loops, in NumPy's order (the order decides type resolution).
    pub loops: Vec<Loop>,
    /// The type-resolution rule NumPy applies to this ufunc.
    pub resolver: Resolver,
}

impl Ufunc {
    /// True for equal, not_equal, less, less_equal, greater, greater_equal.
    pub fn is_comparison(&self) -> bool {
        self.resolver == Resolver::Comparison
    }

    /// The identity as a value of `dtype`, if the ufunc has one.
    pub fn identity_for(&self, dtype: DType) -> Option<Scalar> {
        self.identity.map(|v| Scalar::Int64(v).cast(dtype))
    }

    /// The loop with exactly these dtypes (inputs then outputs).
    pub fn loop_for(&self, types: &[DType]) -> Option<&Loop> {
        self.loops.iter().find(|lp| lp.types == types)
    }
}

impl fmt::Debug for Ufunc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<ufunc '{}'>", self.name)
    }
}

fn parse_loop(name: &str, spelling: &str, nin: usize) -> Loop {
    let types: Vec<DType> = spelling
        .chars()
        .filter(|&c| c != '-' && c != '>')
        .map(|c| DType::from_name(&c.to_string()).expect("generated loop dtype char"))
        .collect();
    let fns = kernels::lookup(name, &types).unwrap_or_else(|| panic!("no reference kernel for {name} {spelling}"));
    Loop { types, inner: fns.inner, regroup: fns.regroup, nin }
}

fn build(row: &UfuncRow) -> Ufunc {
    Ufunc {
        name: row.name,
        nin: row.nin,
        nout: row.nout,
        identity: row.identity,
        loops: row.loops.iter().map(|s| parse_loop(row.name, s, row.nin)).collect(),
        resolver: resolver_of(row.name),
    }
}

static TABLE: OnceLock<Vec<Ufunc>> = OnceLock::new();

/// Every ufunc of the table (built on first use; the kernels are checked by the crate's tests
/// to cover every generated loop).
pub fn all() -> &'static [Ufunc] {
    TABLE.get_or_init(|| ROWS.iter().map(build).collect())
}

/// The ufunc NumPy calls `name` (aliases such as `divide`, `mod`, `abs` included).
pub fn get(name: &str) -> Option<&'static Ufunc> {
    let name = ALIASES.iter().find(|(a, _)| *a == name).map_or(name, |(_, target)| target);
    all().iter().find(|u| u.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_generated_loop_has_a_kernel() {
        for row in ROWS {
            for spelling in row.loops {
                let lp = parse_loop(row.name, spelling, row.nin);
                assert_eq!(lp.signature(), *spelling);
            }
        }
        assert_eq!(all().len(), ROWS.len());
    }

    #[test]
    fn aliases_and_identities() {
        assert_eq!(get("true_divide").unwrap().name, "divide");
        assert_eq!(get("mod").unwrap().name, "remainder");
        assert!(get("nonexistent").is_none());
        assert_eq!(get("bitwise_and").unwrap().identity_for(DType::UInt8), Some(Scalar::UInt8(255)));
        assert_eq!(get("add").unwrap().identity, Some(0));
        assert_eq!(get("maximum").unwrap().identity, None);
    }

    #[test]
    fn regroupable_loops() {
        let lp = |name: &str, dt: DType| get(name).unwrap().loop_for(&[dt; 3]).unwrap();
        for (name, dt) in [("add", DType::Int64), ("maximum", DType::Float64), ("logical_and", DType::Bool), ("bitwise_or", DType::UInt8)] {
            assert!(lp(name, dt).regroup.is_some(), "{name} {dt}");
        }
        for (name, dt) in [("add", DType::Float64), ("subtract", DType::Int64), ("multiply", DType::Float32)] {
            assert!(lp(name, dt).regroup.is_none(), "{name} {dt}");
        }
        let check = lp("maximum", DType::Float64).regroup.unwrap();
        unsafe {
            assert!(check(2.5f64.to_ne_bytes().as_ptr()));
            assert!(check((-0.0f64).to_ne_bytes().as_ptr()));
            assert!(!check(f64::NAN.to_ne_bytes().as_ptr()));
        }
    }

    #[test]
    fn call_scalar_runs_the_kernel() {
        let add = get("add").unwrap();
        let lp = add.loop_for(&[DType::Int8, DType::Int8, DType::Int8]).unwrap();
        let (out, fl) = lp.call_scalar(&[Scalar::Int8(127), Scalar::Int8(1)]);
        assert_eq!(out, vec![Scalar::Int8(-128)]);
        assert!(fl.is_empty());
        let div = get("divide").unwrap();
        let lp = div.loop_for(&[DType::Float64; 3]).unwrap();
        let (out, fl) = lp.call_scalar(&[Scalar::Float64(1.0), Scalar::Float64(0.0)]);
        assert_eq!(out, vec![Scalar::Float64(f64::INFINITY)]);
        assert!(fl.has(FpFlags::DIVIDE));
    }
}
