//! The built-in test video: deterministic moving shapes over a scrolling gradient, in integer
//! arithmetic only, so `demos/video.py` reproduces it byte for byte. Any size works (1x1 too).
//!
//! Pixel (x, y) of frame t of a w x h video, from the bottom layer up:
//! - a diagonal ramp `(x*192/w + y*64/h + 2t) % 256`, times 3/4, plus texture `hash(x+t, y) & 15`;
//! - in the bottom quarter (`4y >= 3h`), vertical stripes 8 pixels wide scrolling with t halve it;
//! - a dark box (value 30) of w/4 x h/5 bouncing from (tri(5t, w), tri(t + h/2, h));
//! - a shaded ball of radius max(1, min(w, h)/5) bouncing from (tri(3t + w/4, w), tri(2t + h/3, h)):
//!   `235 - 40*d2/r2` at squared distance d2 < r2 = radius^2;
//!
//! where `tri(p, n)` bounces p back and forth over 0..n and
//! `hash(x, y) = ((x*2654435761) ^ (y*2246822519)) >> 13`.

/// The number of frames of the built-in video when `--frames` is not given.
pub const DEFAULT_FRAMES: usize = 1000;

/// Fill `out` (w*h bytes, row by row) with frame `t`.
pub fn render(w: usize, h: usize, t: u64, out: &mut [u8]) {
    let (wu, hu) = (w as u64, h as u64);
    let radius = (w.min(h) as u64 / 5).max(1);
    let r2 = radius * radius;
    let (bx, by) = (tri(3 * t + wu / 4, wu), tri(2 * t + hu / 3, hu));
    let (rx, ry) = (tri(5 * t, wu), tri(t + hu / 2, hu));
    let (rw, rh) = (wu / 4, hu / 5);
    for (y, row) in out.chunks_exact_mut(w).enumerate().take(h) {
        let y = y as u64;
        for (x, px) in row.iter_mut().enumerate() {
            let x = x as u64;
            let mut v = (x * 192 / wu + y * 64 / hu + 2 * t) % 256 * 3 / 4 + (hash(x + t, y) & 15);
            if 4 * y >= 3 * hu && ((x + t) / 8) % 2 == 1 {
                v /= 2;
            }
            if x >= rx && x < rx + rw && y >= ry && y < ry + rh {
                v = 30;
            }
            let d2 = x.abs_diff(bx).pow(2) + y.abs_diff(by).pow(2);
            if d2 < r2 {
                v = 235 - 40 * d2 / r2;
            }
            *px = v as u8;
        }
    }
}

/// p bounced back and forth over 0..n.
fn tri(p: u64, n: u64) -> u64 {
    if n <= 1 {
        return 0;
    }
    let q = p % (2 * (n - 1));
    if q < n {
        q
    } else {
        2 * (n - 1) - q
    }
}

fn hash(x: u64, y: u64) -> u64 {
    (x.wrapping_mul(2654435761) ^ y.wrapping_mul(2246822519)) >> 13
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounces_and_covers_tiny_sizes() {
        assert_eq!(
            (0..8).map(|p| tri(p, 4)).collect::<Vec<_>>(),
            vec![0, 1, 2, 3, 2, 1, 0, 1]
        );
        let mut one = [0u8; 1];
        render(1, 1, 7, &mut one);
        let mut a = vec![0u8; 640 * 480];
        let mut b = a.clone();
        render(640, 480, 3, &mut a);
        render(640, 480, 4, &mut b);
        assert_ne!(a, b, "the video moves");
        assert!(a.iter().any(|&v| v >= 195) && a.contains(&30));
    }
}
