//! NumPy's iteration order and the memory order of new arrays.
//!
//! NumPy's nditer sorts axes by the operands' strides (a stable insertion sort from smallest
//! to largest |stride|; an operand votes only on axes where both strides are non-zero, and C
//! order wins ties and conflicts). A new array (ufunc output, reduction result) is allocated
//! contiguous in that order, so `a.T + 1` is F-contiguous. Reductions iterate in that order too,
//! which decides NumPy's summation order. This file computes both; it reads no element.

/// Axes from innermost (iterated fastest) to outermost, as NumPy's nditer orders them for
/// operands with these byte strides (each already broadcast to `shape`).
pub fn iteration_order(shape: &[usize], operands: &[&[isize]]) -> Vec<usize> {
    let nd = shape.len();
    let stride = |op: &[isize], ax: usize| if shape[ax] == 1 { 0 } else { op[ax] };
    let mut perm: Vec<usize> = (0..nd).rev().collect();
    for i0 in 1..nd {
        let ax0 = perm[i0];
        let mut ipos = i0;
        for i1 in (0..i0).rev() {
            let ax1 = perm[i1];
            let (mut ambiguous, mut swap) = (true, false);
            for op in operands {
                let (s0, s1) = (stride(op, ax0), stride(op, ax1));
                if s0 != 0 && s1 != 0 {
                    if s1.unsigned_abs() <= s0.unsigned_abs() {
                        swap = false;
                    } else if ambiguous {
                        swap = true;
                    }
                    ambiguous = false;
                }
            }
            if !ambiguous {
                if swap {
                    ipos = i1;
                } else {
                    break;
                }
            }
        }
        let ax = perm.remove(i0);
        perm.insert(ipos, ax);
    }
    perm
}

/// Byte strides of a new array of `shape` laid out contiguously in `order` (innermost first).
/// Axes listed in `zero` get stride 0 (reduced axes of a reduction's accumulator). An empty array
/// gets all-zero strides, as NumPy's iterator allocates it.
pub fn strides_in_order(shape: &[usize], order: &[usize], itemsize: usize, zero: &[usize]) -> Vec<isize> {
    let mut strides = vec![0isize; shape.len()];
    if shape.contains(&0) {
        return strides;
    }
    let mut acc = itemsize as isize;
    for &ax in order {
        if zero.contains(&ax) {
            continue;
        }
        strides[ax] = acc;
        acc *= shape[ax].max(1) as isize;
    }
    strides
}

/// Strides NumPy gives the output of an elementwise operation on these operands.
pub fn output_strides(shape: &[usize], operands: &[&[isize]], itemsize: usize) -> Vec<isize> {
    strides_in_order(shape, &iteration_order(shape, operands), itemsize, &[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c_and_f_inputs() {
        // C-contiguous input: C output.
        assert_eq!(output_strides(&[3, 4], &[&[32, 8]], 8), vec![32, 8]);
        // Transposed input: F output, like NumPy's `a.T + 1`.
        assert_eq!(output_strides(&[4, 3], &[&[8, 32]], 8), vec![8, 32]);
        // Conflict between a C and an F operand: C wins.
        assert_eq!(output_strides(&[3, 4], &[&[8, 24], &[32, 8]], 8), vec![32, 8]);
        // Pure broadcasting gives no vote: C order.
        assert_eq!(output_strides(&[3, 4], &[&[8, 0], &[0, 8]], 8), vec![32, 8]);
        // Negative strides are ordered by magnitude.
        assert_eq!(iteration_order(&[3, 4], &[&[-8, 24]]), vec![0, 1]);
    }

    #[test]
    fn transposed_3d_like_numpy() {
        // np.ones((2,3,4)).transpose(2,0,1): strides (8, 96, 32) -> output (8, 96, 32).
        assert_eq!(output_strides(&[4, 2, 3], &[&[8, 96, 32]], 8), vec![8, 96, 32]);
    }
}
