//! Scalar reference kernels: one generic function per (operation, element category), turned
//! into NumPy-convention inner loops per element type by the `unary_op!`/`binary_op!` macros.
//!
//! A kernel is a marker type (`Add`, `Sqrt`, ...) implementing `Unary<T>` or `Binary<A, B>` for
//! the element types NumPy has loops for. The macros also generate `lookup`, which maps a loop's
//! dtypes to the monomorphised inner loop; `lookup` below maps ufunc names to kernels. Which
//! loops exist is decided by the generated table, never here.
//!
//! These kernels are the oracle every faster path is tested against: they favour NumPy's exact
//! semantics (results and errstate flags) over speed. A kernel group may also name a *screen*
//! (`quiet = f`): then contiguous loops compute values with the same function, vectorised,
//! and fall back to the reference loop only for tiles the screen cannot clear (`screened`).

mod arith;
mod bits;
mod compare;
mod elem;
mod fenv;
mod ieee;
mod libm;
mod math;
mod parts;
mod screened;

use dtypes::{c128, c64, DType, Element};

use crate::{FpFlags, InnerLoop, RegroupCheck};

/// A one-input kernel for element type `T`.
pub(crate) trait Unary<T: Element> {
    type Out: Element;
    fn call(x: T, fl: &mut FpFlags) -> Self::Out;
    /// The kernel has a screen (`quiet`), so contiguous loops take the vectorised path.
    const SCREENED: bool = false;
    /// True only if `call(x)` (giving `r`) raises no flag; cheap and branch-free.
    #[inline(always)]
    fn quiet(_x: T, _r: Self::Out) -> bool {
        false
    }
}

/// A two-input kernel for element types `A`, `B`.
pub(crate) trait Binary<A: Element, B: Element> {
    type Out: Element;
    fn call(a: A, b: B, fl: &mut FpFlags) -> Self::Out;
    /// The kernel has a screen (`quiet`), so contiguous loops take the vectorised path.
    const SCREENED: bool = false;
    /// True only if `call(a, b)` (giving `r`) raises no flag; cheap and branch-free.
    #[inline(always)]
    fn quiet(_a: A, _b: B, _r: Self::Out) -> bool {
        false
    }
    /// The kernel raises no flag and a reduction with it may combine values in any grouping
    /// and order, provided `fold_ok` accepts the result (`r` is then the in-order result).
    const ORDER_FREE: bool = false;
    #[inline(always)]
    fn fold_ok(_r: Self::Out) -> bool {
        false
    }
    /// For an order-free kernel: a reduction cut into consecutive chunks whose results are
    /// combined in order (associativity only) gives the in-order result `r` when this accepts
    /// it. By default as strict as `fold_ok`.
    #[inline(always)]
    fn chunks_ok(r: Self::Out) -> bool {
        Self::fold_ok(r)
    }
}

/// Output type markers used by the macros: the input type, bool, or a complex type's real type.
pub(crate) struct Same;
pub(crate) struct Bool;
pub(crate) struct Real;

pub(crate) trait OutSpec<S> {
    type Ty: Element;
}
impl<T: Element> OutSpec<Same> for T {
    type Ty = T;
}
impl<T: Element> OutSpec<Bool> for T {
    type Ty = bool;
}
impl OutSpec<Real> for c64 {
    type Ty = f32;
}
impl OutSpec<Real> for c128 {
    type Ty = f64;
}

/// NumPy's inner-loop convention for one input and one output: the vectorised path of a
/// screened kernel where the layout allows it (`screened`), else the reference loop.
///
/// # Safety
/// `args` holds 2 pointers and `steps` 2 byte steps, valid for `n` elements of the loop types.
pub(crate) unsafe fn unary_loop<T: Element, K: Unary<T>>(
    args: &[*mut u8],
    steps: &[isize],
    n: usize,
    fl: &mut FpFlags,
) {
    if K::SCREENED && n >= screened::MIN_LEN && screened::unary::<T, K>(args, steps, n, fl) {
        return;
    }
    unary_reference::<T, K>(args, steps, n, fl)
}

/// The reference loop: one element at a time, any steps, unaligned elements allowed.
///
/// # Safety
/// As for `unary_loop`.
pub(crate) unsafe fn unary_reference<T: Element, K: Unary<T>>(
    args: &[*mut u8],
    steps: &[isize],
    n: usize,
    fl: &mut FpFlags,
) {
    let (ip, op) = (args[0], args[1]);
    let (is, os) = (steps[0], steps[1]);
    for i in 0..n as isize {
        let x = (ip.offset(i * is) as *const T).read_unaligned();
        (op.offset(i * os) as *mut K::Out).write_unaligned(K::call(x, fl));
    }
}

/// NumPy's inner-loop convention for two inputs and one output: the vectorised path of a
/// screened kernel where the layout allows it (`screened`), else the reference loop.
///
/// # Safety
/// `args` holds 3 pointers and `steps` 3 byte steps, valid for `n` elements of the loop types.
pub(crate) unsafe fn binary_loop<A: Element, B: Element, K: Binary<A, B>>(
    args: &[*mut u8],
    steps: &[isize],
    n: usize,
    fl: &mut FpFlags,
) {
    if K::SCREENED && n >= screened::MIN_LEN && screened::binary::<A, B, K>(args, steps, n, fl) {
        return;
    }
    if n > 1 && folds_into_first::<A, B, K::Out>(args, steps, n) {
        return binary_fold::<A, B, K>(args, steps, n, fl);
    }
    if n > 1 && scans::<A, B, K::Out>(args, steps) {
        return binary_scan::<A, B, K>(args, steps, n, fl);
    }
    binary_reference::<A, B, K>(args, steps, n, fl)
}

/// NumPy's accumulate convention: the output is the second input, and the first input is the
/// output one step back (`out[i] = K(out[i-1], x[i])`, written in place).
fn scans<A: Element, B: Element, O: Element>(args: &[*mut u8], steps: &[isize]) -> bool {
    let s = steps[2];
    A::DTYPE == O::DTYPE
        && B::DTYPE == O::DTYPE
        && s != 0
        && steps[0] == s
        && steps[1] == s
        && args[1] == args[2]
        && (args[0] as isize).wrapping_add(s) == args[2] as isize
}

/// The accumulate convention with the running value in a register: the same `K(prev, x[i])`
/// sequence, values and flags as the reference loop reading `prev` back from memory.
///
/// # Safety
/// As for `binary_loop`, and `scans` holds.
unsafe fn binary_scan<A: Element, B: Element, K: Binary<A, B>>(args: &[*mut u8], steps: &[isize], n: usize, fl: &mut FpFlags) {
    let (cur, s) = (args[2], steps[2]);
    let mut acc = (args[0] as *const A).read_unaligned();
    for i in 0..n as isize {
        let p = cur.offset(i * s);
        let x = (p as *const B).read_unaligned();
        let r = K::call(acc, x, fl);
        (p as *mut K::Out).write_unaligned(r);
        // The output dtype is A's (checked by `scans`).
        acc = std::mem::transmute_copy::<K::Out, A>(&r);
    }
}

/// NumPy's reduce convention: the output is the first input, both with step 0, and the second
/// input's elements do not include it (so the running value can stay in a register).
fn folds_into_first<A: Element, B: Element, O: Element>(args: &[*mut u8], steps: &[isize], n: usize) -> bool {
    if A::DTYPE != O::DTYPE || steps[0] != 0 || steps[2] != 0 || args[0] != args[2] {
        return false;
    }
    let (acc, b, bs) = (args[0] as isize, args[1] as isize, steps[1]);
    let last = b + (n as isize - 1) * bs;
    let (lo, hi) = (b.min(last), b.max(last) + std::mem::size_of::<B>() as isize);
    acc + std::mem::size_of::<A>() as isize <= lo || hi <= acc
}

/// The reduce convention run with the running value in a register: `acc = K(acc, b[i])` for
/// each element in order, exactly as the reference loop computes it through memory.
///
/// # Safety
/// As for `binary_loop`, and `folds_into_first` holds.
unsafe fn binary_fold<A: Element, B: Element, K: Binary<A, B>>(
    args: &[*mut u8],
    steps: &[isize],
    n: usize,
    fl: &mut FpFlags,
) {
    let (bp, bs) = (args[1], steps[1]);
    let mut acc = (args[0] as *const A).read_unaligned();
    if K::ORDER_FREE && A::DTYPE == B::DTYPE && bs == std::mem::size_of::<B>() as isize {
        if let Some(r) = screened::fold_lanes::<A, B, K>(acc, bp as *const B, n) {
            return (args[2] as *mut A).write_unaligned(r);
        }
    }
    for i in 0..n as isize {
        let b = (bp.offset(i * bs) as *const B).read_unaligned();
        // The output dtype is A's (checked by `folds_into_first`).
        acc = std::mem::transmute_copy::<K::Out, A>(&K::call(acc, b, fl));
    }
    (args[2] as *mut A).write_unaligned(acc);
}

/// The reference loop: one element at a time, any steps, unaligned elements allowed.
///
/// # Safety
/// As for `binary_loop`.
pub(crate) unsafe fn binary_reference<A: Element, B: Element, K: Binary<A, B>>(
    args: &[*mut u8],
    steps: &[isize],
    n: usize,
    fl: &mut FpFlags,
) {
    let (ap, bp, op) = (args[0], args[1], args[2]);
    let (as_, bs, os) = (steps[0], steps[1], steps[2]);
    for i in 0..n as isize {
        let a = (ap.offset(i * as_) as *const A).read_unaligned();
        let b = (bp.offset(i * bs) as *const B).read_unaligned();
        (op.offset(i * os) as *mut K::Out).write_unaligned(K::call(a, b, fl));
    }
}

/// Declare a one-input kernel: per group of element types, the output marker, the generic
/// function computing one element and optionally its screen (`quiet = f`, see `screened`).
macro_rules! unary_op {
    ($(#[$m:meta])* $op:ident { $( [$($t:ty),+ $(,)?] -> $spec:ident => $f:expr $(, $key:ident = $val:expr)*; )+ }) => {
        $(#[$m])*
        pub(crate) struct $op;
        $(
            $crate::kernels::unary_impls!($op, $spec, $f, [$($t),+], { $($key = $val),* });
        )+
        impl $op {
            pub(crate) fn lookup(types: &[dtypes::DType]) -> Option<$crate::kernels::LoopFns> {
                use dtypes::Element;
                $($(
                    if types == [<$t as Element>::DTYPE,
                        <<$op as $crate::kernels::Unary<$t>>::Out as Element>::DTYPE] {
                        return Some($crate::kernels::LoopFns { inner: $crate::kernels::unary_loop::<$t, $op>, regroup: None });
                    }
                )+)+
                None
            }
        }
    };
}

/// The `Unary` impls of one group of `unary_op!`.
macro_rules! unary_impls {
    ($op:ident, $spec:ident, $f:expr, [$($t:ty),+], $attrs:tt) => {$(
        impl $crate::kernels::Unary<$t> for $op {
            type Out = <$t as $crate::kernels::OutSpec<$crate::kernels::$spec>>::Ty;
            #[inline(always)]
            fn call(x: $t, fl: &mut $crate::FpFlags) -> Self::Out {
                ($f)(x, fl)
            }
            $crate::kernels::kernel_attrs!(unary $t, $attrs);
        }
    )+};
}

/// Declare a two-input kernel with both inputs of the same element type (groups as in
/// `unary_op!`).
macro_rules! binary_op {
    ($(#[$m:meta])* $op:ident { $( [$($t:ty),+ $(,)?] -> $spec:ident => $f:expr $(, $key:ident = $val:expr)*; )+ }) => {
        $(#[$m])*
        pub(crate) struct $op;
        $(
            $crate::kernels::binary_impls!($op, $spec, $f, [$($t),+], { $($key = $val),* });
        )+
        impl $op {
            pub(crate) fn lookup(types: &[dtypes::DType]) -> Option<$crate::kernels::LoopFns> {
                use dtypes::Element;
                $($(
                    if types == [<$t as Element>::DTYPE, <$t as Element>::DTYPE,
                        <<$op as $crate::kernels::Binary<$t, $t>>::Out as Element>::DTYPE] {
                        return Some($crate::kernels::LoopFns::binary::<$t, $t, $op>());
                    }
                )+)+
                None
            }
        }
    };
}

/// The `Binary` impls of one group of `binary_op!`.
macro_rules! binary_impls {
    ($op:ident, $spec:ident, $f:expr, [$($t:ty),+], $attrs:tt) => {$(
        impl $crate::kernels::Binary<$t, $t> for $op {
            type Out = <$t as $crate::kernels::OutSpec<$crate::kernels::$spec>>::Ty;
            #[inline(always)]
            fn call(a: $t, b: $t, fl: &mut $crate::FpFlags) -> Self::Out {
                ($f)(a, b, fl)
            }
            $crate::kernels::kernel_attrs!(binary $t, $attrs);
        }
    )+};
}

/// The optional items of a kernel impl named by its group: `quiet = f` (`SCREENED`, `quiet`),
/// `fold = f` (`ORDER_FREE`, `fold_ok`), `chunks = f` (`chunks_ok`).
macro_rules! kernel_attrs {
    ($arity:ident $t:ty, { $($key:ident = $val:expr),* }) => {
        $( $crate::kernels::kernel_attr!($arity $t, $key, $val); )*
    };
}

macro_rules! kernel_attr {
    (unary $t:ty, quiet, $q:expr) => {
        const SCREENED: bool = true;
        #[inline(always)]
        fn quiet(x: $t, r: Self::Out) -> bool {
            ($q)(x, r)
        }
    };
    (binary $t:ty, quiet, $q:expr) => {
        const SCREENED: bool = true;
        #[inline(always)]
        fn quiet(a: $t, b: $t, r: Self::Out) -> bool {
            ($q)(a, b, r)
        }
    };
    (binary $t:ty, fold, $f:expr) => {
        const ORDER_FREE: bool = true;
        #[inline(always)]
        fn fold_ok(r: Self::Out) -> bool {
            ($f)(r)
        }
    };
    (binary $t:ty, chunks, $f:expr) => {
        #[inline(always)]
        fn chunks_ok(r: Self::Out) -> bool {
            ($f)(r)
        }
    };
}

pub(crate) use {binary_impls, binary_op, kernel_attr, kernel_attrs, unary_impls, unary_op};

/// What the table attaches to a loop: its inner loop, and for a loop a reduction may regroup,
/// the check of a regrouped result (see `Loop::regroup`).
pub(crate) struct LoopFns {
    pub inner: InnerLoop,
    pub regroup: Option<RegroupCheck>,
}

impl LoopFns {
    pub(crate) fn binary<A: Element, B: Element, K: Binary<A, B>>() -> LoopFns {
        let same = A::DTYPE == B::DTYPE && A::DTYPE == <K::Out as Element>::DTYPE;
        LoopFns { inner: binary_loop::<A, B, K>, regroup: (K::ORDER_FREE && same).then_some(regroup_ok::<A, B, K>) }
    }
}

/// `chunks_ok` of a reduction result given as bytes.
///
/// # Safety
/// `r` points to one (possibly unaligned) value of the loop's output dtype.
unsafe fn regroup_ok<A: Element, B: Element, K: Binary<A, B>>(r: *const u8) -> bool {
    K::chunks_ok((r as *const K::Out).read_unaligned())
}

/// The int64/uint64 mixed comparison loops (`qQ->?`, `Qq->?`).
fn mixed_int<K>(types: &[DType]) -> Option<LoopFns>
where
    K: Binary<i64, u64, Out = bool> + Binary<u64, i64, Out = bool>,
{
    match types {
        [DType::Int64, DType::UInt64, DType::Bool] => Some(LoopFns::binary::<i64, u64, K>()),
        [DType::UInt64, DType::Int64, DType::Bool] => Some(LoopFns::binary::<u64, i64, K>()),
        _ => None,
    }
}

/// The reference inner loop of ufunc `name` for the loop dtypes `types` (inputs then outputs),
/// or `None` when there is no kernel for that loop.
pub(crate) fn lookup(name: &str, types: &[DType]) -> Option<LoopFns> {
    use arith::*;
    use bits::*;
    use compare::*;
    use math::*;
    use parts::*;
    let t = types;
    match name {
        "add" => Add::lookup(t),
        "subtract" => Subtract::lookup(t),
        "multiply" => Multiply::lookup(t),
        "divide" => TrueDivide::lookup(t),
        "floor_divide" => FloorDivide::lookup(t),
        "remainder" => Remainder::lookup(t),
        "fmod" => Fmod::lookup(t),
        "power" => Power::lookup(t),
        "negative" => Negative::lookup(t),
        "positive" => Positive::lookup(t),
        "absolute" => Absolute::lookup(t),
        "sign" => Sign::lookup(t),
        "square" => Square::lookup(t),
        "reciprocal" => Reciprocal::lookup(t),
        "sqrt" => Sqrt::lookup(t),
        "exp" => Exp::lookup(t),
        "exp2" => Exp2::lookup(t),
        "expm1" => Expm1::lookup(t),
        "log" => Log::lookup(t),
        "log2" => Log2::lookup(t),
        "log10" => Log10::lookup(t),
        "log1p" => Log1p::lookup(t),
        "sin" => Sin::lookup(t),
        "cos" => Cos::lookup(t),
        "tan" => Tan::lookup(t),
        "arcsin" => Arcsin::lookup(t),
        "arccos" => Arccos::lookup(t),
        "arctan" => Arctan::lookup(t),
        "sinh" => Sinh::lookup(t),
        "cosh" => Cosh::lookup(t),
        "tanh" => Tanh::lookup(t),
        "arcsinh" => Arcsinh::lookup(t),
        "arccosh" => Arccosh::lookup(t),
        "arctanh" => Arctanh::lookup(t),
        "arctan2" => Arctan2::lookup(t),
        "hypot" => Hypot::lookup(t),
        "floor" => Floor::lookup(t),
        "ceil" => Ceil::lookup(t),
        "trunc" => Trunc::lookup(t),
        "rint" => Rint::lookup(t),
        "copysign" => Copysign::lookup(t),
        "minimum" => Minimum::lookup(t),
        "maximum" => Maximum::lookup(t),
        "fmin" => Fmin::lookup(t),
        "fmax" => Fmax::lookup(t),
        "equal" => Equal::lookup(t).or_else(|| mixed_int::<Equal>(t)),
        "not_equal" => NotEqual::lookup(t).or_else(|| mixed_int::<NotEqual>(t)),
        "less" => Less::lookup(t).or_else(|| mixed_int::<Less>(t)),
        "less_equal" => LessEqual::lookup(t).or_else(|| mixed_int::<LessEqual>(t)),
        "greater" => Greater::lookup(t).or_else(|| mixed_int::<Greater>(t)),
        "greater_equal" => GreaterEqual::lookup(t).or_else(|| mixed_int::<GreaterEqual>(t)),
        "logical_and" => LogicalAnd::lookup(t),
        "logical_or" => LogicalOr::lookup(t),
        "logical_xor" => LogicalXor::lookup(t),
        "logical_not" => LogicalNot::lookup(t),
        "isnan" => IsNan::lookup(t),
        "isinf" => IsInf::lookup(t),
        "isfinite" => IsFinite::lookup(t),
        "signbit" => Signbit::lookup(t),
        "bitwise_and" => BitwiseAnd::lookup(t),
        "bitwise_or" => BitwiseOr::lookup(t),
        "bitwise_xor" => BitwiseXor::lookup(t),
        "invert" => Invert::lookup(t),
        "left_shift" => LeftShift::lookup(t),
        "right_shift" => RightShift::lookup(t),
        "conjugate" => Conjugate::lookup(t),
        "real" => RealPart::lookup(t),
        "imag" => ImagPart::lookup(t),
        "angle" => Angle::lookup(t),
        _ => None,
    }
}
