//! The demos' frames against the scalar references, exactly: generated frames and random ones,
//! at several sizes, odd and tiny ones included.
//!
//! What is compared: every byte of every output frame. Today both sides use the C library's
//! atan2/cos/sin (numrt's reference kernels and Rust's f64 methods), so magnify's map is bit
//! for bit the reference's and the comparison is exact for nearest and bilinear alike. When
//! the LLVM tier evaluates the map with its own vector math, a coordinate may differ in the
//! last bit: for nearest that can only move a pixel whose `sx + 0.5` lies within an ulp of an
//! integer, for bilinear it moves the value by far less than one grey level except where the
//! truncation `int(v)` crosses an integer. The issue allows bilinear output at most 1 grey
//! level apart on under 0.1% of pixels there; this test would then have to switch to that
//! bound (`assert_close` below states it) for frames computed by the LLVM tier.

mod reference;

use demos::{synth, Frame, Interp, Magnify, Sobel};

const SIZES: &[(usize, usize)] = &[
    (1, 1),
    (2, 3),
    (3, 2),
    (3, 3),
    (4, 4),
    (5, 7),
    (2, 30),
    (3, 9),
    (17, 13),
    (31, 45),
    (64, 48),
    (101, 77),
];

fn generated(w: usize, h: usize, t: u64) -> Vec<u8> {
    let mut v = vec![0; w * h];
    synth::render(w, h, t, &mut v);
    v
}

/// Deterministic pseudo-random bytes (xorshift), for frames with every kind of edge.
fn noise(w: usize, h: usize, seed: u64) -> Vec<u8> {
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..w * h)
        .map(|_| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            (s >> 24) as u8
        })
        .collect()
}

fn frames(w: usize, h: usize) -> Vec<Vec<u8>> {
    vec![
        generated(w, h, 0),
        generated(w, h, 37),
        noise(w, h, 1),
        noise(w, h, (w * h) as u64),
        vec![255; w * h],
    ]
}

#[test]
fn sobel_equals_reference() {
    for &(w, h) in SIZES {
        let mut sobel = Sobel::new(w, h).unwrap();
        for (k, img) in frames(w, h).iter().enumerate() {
            let got = sobel
                .run(&Frame::from_bytes(w, h, img).unwrap())
                .unwrap()
                .to_vec()
                .unwrap();
            assert_eq!(got, reference::sobel(w, h, img), "sobel {w}x{h}, frame {k}");
        }
    }
}

#[test]
fn magnify_equals_reference() {
    for interp in [Interp::Nearest, Interp::Bilinear] {
        for &(w, h) in SIZES {
            let mut m = Magnify::new(w, h, interp).unwrap();
            for (k, img) in frames(w, h).iter().enumerate() {
                let got = m
                    .run(&Frame::from_bytes(w, h, img).unwrap())
                    .unwrap()
                    .to_vec()
                    .unwrap();
                let want = reference::magnify(w, h, img, interp == Interp::Bilinear);
                assert_eq!(got, want, "magnify {interp:?} {w}x{h}, frame {k}");
            }
        }
    }
}

#[test]
fn full_size_frames_equal_reference() {
    let (w, h) = (640, 480);
    let img = generated(w, h, 123);
    let frame = Frame::from_bytes(w, h, &img).unwrap();
    let sobel = Sobel::new(w, h)
        .unwrap()
        .run(&frame)
        .unwrap()
        .to_vec()
        .unwrap();
    assert_eq!(sobel, reference::sobel(w, h, &img));
    assert!(
        sobel.iter().filter(|&&v| v > 20).count() > 1000,
        "the built-in video has edges"
    );
    for interp in [Interp::Nearest, Interp::Bilinear] {
        let got = Magnify::new(w, h, interp)
            .unwrap()
            .run(&frame)
            .unwrap()
            .to_vec()
            .unwrap();
        let want = reference::magnify(w, h, &img, interp == Interp::Bilinear);
        assert_eq!(got, want, "{interp:?}");
        assert_ne!(got, img, "the lens changes the frame");
    }
}

/// The float32 stencil is exact: for every value `dx*dx + dy*dy` can take (|dx|, |dy| <= 1020),
/// `int(sqrtf(n) / 4)` equals the float64 `int(sqrt(n) / 4.0)`, capped at 255 alike.
#[test]
fn float32_magnitude_equals_float64_for_every_reachable_sum() {
    let max = 2 * 1020 * 1020;
    for n in 0..=max as u32 {
        let single = ((n as f32).sqrt() / 4.0) as i64;
        let double = ((n as f64).sqrt() / 4.0) as i64;
        assert_eq!(single.min(255), double.min(255), "n = {n}");
    }
}

/// The bound the issue allows where vector math may round differently (see the module
/// comment): at most 1 grey level apart, on under 0.1% of the pixels.
#[allow(dead_code)]
fn assert_close(got: &[u8], want: &[u8]) {
    let off: Vec<u8> = got.iter().zip(want).map(|(a, b)| a.abs_diff(*b)).collect();
    assert!(off.iter().all(|&d| d <= 1), "more than 1 grey level apart");
    assert!(
        off.iter().filter(|&&d| d > 0).count() * 1000 < got.len(),
        "differs on 0.1% of pixels or more"
    );
}

#[test]
fn frames_of_another_size_are_refused() {
    let f = Frame::new(4, 4).unwrap();
    assert!(Sobel::new(5, 4).unwrap().run(&f).is_err());
    assert!(Magnify::new(4, 5, Interp::Nearest)
        .unwrap()
        .run(&f)
        .is_err());
}
