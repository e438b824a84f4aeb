//! Bitwise kernels: bitwise_and/or/xor, invert, left_shift, right_shift.
//!
//! Shifts follow NumPy's `npy_lshift`/`npy_rshift`: the shift count is taken as C's `size_t`
//! (so negative counts are huge), a count of at least the bit width gives 0, or -1 for a
//! negative value shifted right.

use super::elem::Int;
use super::screened::{any_order, no_flags, no_flags1};
use super::{binary_op, unary_op};
use crate::FpFlags;

fn b_and(a: bool, b: bool, _: &mut FpFlags) -> bool {
    a & b
}
fn b_or(a: bool, b: bool, _: &mut FpFlags) -> bool {
    a | b
}
fn b_xor(a: bool, b: bool, _: &mut FpFlags) -> bool {
    a ^ b
}
fn b_not(x: bool, _: &mut FpFlags) -> bool {
    !x
}
fn i_and<T: Int>(a: T, b: T, _: &mut FpFlags) -> T {
    a.and(b)
}
fn i_or<T: Int>(a: T, b: T, _: &mut FpFlags) -> T {
    a.or(b)
}
fn i_xor<T: Int>(a: T, b: T, _: &mut FpFlags) -> T {
    a.xor(b)
}
fn i_not<T: Int>(x: T, _: &mut FpFlags) -> T {
    x.not()
}

fn i_left_shift<T: Int>(a: T, b: T, _: &mut FpFlags) -> T {
    let n = b.as_size();
    if n < T::BITS as u64 {
        a.shl(n as u32)
    } else {
        T::ZERO
    }
}

fn i_right_shift<T: Int>(a: T, b: T, _: &mut FpFlags) -> T {
    let n = b.as_size();
    if n < T::BITS as u64 {
        a.shr(n as u32)
    } else if a.is_negative() {
        T::ONE.wneg()
    } else {
        T::ZERO
    }
}

binary_op!(BitwiseAnd {
    [bool] -> Same => b_and, quiet = no_flags, fold = any_order;
    [i8, u8, i16, u16, i32, u32, i64, u64] -> Same => i_and, quiet = no_flags, fold = any_order;
});

binary_op!(BitwiseOr {
    [bool] -> Same => b_or, quiet = no_flags, fold = any_order;
    [i8, u8, i16, u16, i32, u32, i64, u64] -> Same => i_or, quiet = no_flags, fold = any_order;
});

binary_op!(BitwiseXor {
    [bool] -> Same => b_xor, quiet = no_flags, fold = any_order;
    [i8, u8, i16, u16, i32, u32, i64, u64] -> Same => i_xor, quiet = no_flags, fold = any_order;
});

unary_op!(Invert {
    [bool] -> Same => b_not, quiet = no_flags1;
    [i8, u8, i16, u16, i32, u32, i64, u64] -> Same => i_not, quiet = no_flags1;
});

binary_op!(LeftShift {
    [i8, u8, i16, u16, i32, u32, i64, u64] -> Same => i_left_shift, quiet = no_flags;
});

binary_op!(RightShift {
    [i8, u8, i16, u16, i32, u32, i64, u64] -> Same => i_right_shift, quiet = no_flags;
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernels::Binary;

    fn sh<K: Binary<i8, i8, Out = i8>>(a: i8, b: i8) -> i8 {
        K::call(a, b, &mut FpFlags::default())
    }

    #[test]
    fn shifts_past_the_width() {
        assert_eq!(sh::<LeftShift>(1, 7), -128);
        assert_eq!(sh::<LeftShift>(1, 8), 0);
        assert_eq!(sh::<LeftShift>(1, -1), 0);
        assert_eq!(sh::<RightShift>(-5, 100), -1);
        assert_eq!(sh::<RightShift>(5, 100), 0);
        assert_eq!(sh::<RightShift>(-8, 1), -4);
    }
}
