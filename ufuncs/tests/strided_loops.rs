//! Property test of the inner-loop convention: running a loop's `inner` over strided buffers
//! (positive, negative and zero byte steps, unaligned elements) gives, element by element, the
//! same values and flags as `Loop::call_scalar`.

use dtypes::{c128, c64, f16, DType, Scalar};
use proptest::prelude::*;
use ufuncs::FpFlags;

/// A value of `dt` made from random bits (every bit pattern of the float types included).
fn scalar_from_bits(dt: DType, bits: u64) -> Scalar {
    match dt {
        DType::Bool => Scalar::Bool(bits & 1 == 1),
        DType::Float16 => Scalar::Float16(f16::from_bits(bits as u16)),
        DType::Float32 => Scalar::Float32(f32::from_bits(bits as u32)),
        DType::Float64 => Scalar::Float64(f64::from_bits(bits)),
        DType::Complex64 => Scalar::Complex64(c64::new(
            f32::from_bits(bits as u32),
            f32::from_bits((bits >> 32) as u32),
        )),
        DType::Complex128 => Scalar::Complex128(c128::new(
            f64::from_bits(bits),
            f64::from_bits(bits.rotate_left(23) ^ 0x5555),
        )),
        d => Scalar::UInt64(bits).cast(d),
    }
}

fn same(a: Scalar, b: Scalar) -> bool {
    let nan = |s: Scalar| match s {
        Scalar::Float16(x) => x.is_nan(),
        Scalar::Float32(x) => x.is_nan(),
        Scalar::Float64(x) => x.is_nan(),
        Scalar::Complex64(z) => z.re.is_nan() || z.im.is_nan(),
        Scalar::Complex128(z) => z.re.is_nan() || z.im.is_nan(),
        _ => false,
    };
    a == b || (nan(a) && nan(b))
}

/// Byte offset of element 0 and the byte step for `n` elements of `size` bytes laid out with
/// stride multiplier `k` (negative: reversed, zero: broadcast), one byte of misalignment.
fn layout(n: usize, size: usize, k: isize) -> (usize, isize, usize) {
    let step = k * (size as isize + 1);
    let span = (n.max(1) - 1) * step.unsigned_abs();
    let start = if step < 0 { span + 1 } else { 1 };
    (start, step, span + size + 2)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn inner_loops_match_call_scalar(
        ufunc_index in 0usize..1000,
        loop_index in 0usize..1000,
        n in 0usize..12,
        steps in proptest::collection::vec(-2isize..=2, 3),
        bits in proptest::collection::vec(any::<u64>(), 24),
    ) {
        let all = ufuncs::all();
        let uf = &all[ufunc_index % all.len()];
        let lp = &uf.loops[loop_index % uf.loops.len()];
        let nargs = lp.types.len();
        let mut bufs = Vec::new();
        let mut ptr_steps = Vec::new();
        let mut inputs = vec![Vec::new(); uf.nin];
        for (a, &dt) in lp.types.iter().enumerate() {
            // Outputs are never broadcast (a zero output step would keep only the last value).
            let k = if a >= uf.nin && steps[a] == 0 { 1 } else { steps[a] };
            let (start, step, len) = layout(n, dt.itemsize(), k);
            let mut buf = vec![0u8; len];
            for i in 0..n {
                let at = (start as isize + i as isize * step) as usize;
                if a < uf.nin {
                    let s = scalar_from_bits(dt, bits[(a * 12 + i) % bits.len()]);
                    let s = if k == 0 { inputs[a].first().copied().unwrap_or(s) } else { s };
                    unsafe { s.write_to(buf[at..].as_mut_ptr()) };
                    inputs[a].push(s);
                }
            }
            bufs.push((buf, start));
            ptr_steps.push(step);
        }
        let ptrs: Vec<*mut u8> = bufs.iter_mut().map(|(b, s)| unsafe { b.as_mut_ptr().add(*s) }).collect();
        let mut flags = FpFlags::default();
        unsafe { (lp.inner)(&ptrs, &ptr_steps, n, &mut flags) };
        let mut want_flags = FpFlags::default();
        for i in 0..n {
            let args: Vec<Scalar> = (0..uf.nin).map(|a| inputs[a][i]).collect();
            let (want, fl) = lp.call_scalar(&args);
            want_flags.merge(fl);
            for (o, w) in want.iter().enumerate() {
                let a = uf.nin + o;
                let at = ptrs[a].wrapping_offset(i as isize * ptr_steps[a]);
                let got = unsafe { Scalar::read_from(lp.types[a], at) };
                prop_assert!(same(got, *w), "{} {} element {}: {:?} vs {:?}", uf.name, lp.signature(), i, got, w);
            }
        }
        prop_assert_eq!(flags, want_flags);
        prop_assert_eq!(nargs, uf.nin + uf.nout);
    }
}
