//! Plain scalar reference implementations of the demos — the 2011 pixel loops, written the
//! obvious way in float64 — that the numrt array versions must match exactly.

#![allow(clippy::neg_multiply)] // the 2011 formula, written as it was
/// Sobel: the 2011 formula, pixel by pixel, border left at 0.
pub fn sobel(w: usize, h: usize, img: &[u8]) -> Vec<u8> {
    let mut out = vec![0u8; w * h];
    let p = |x: usize, y: usize| img[y * w + x] as f64;
    for y in 1..h.saturating_sub(1) {
        for x in 1..w.saturating_sub(1) {
            let dx = -1.0 * p(x - 1, y - 1) + 1.0 * p(x + 1, y - 1) - 2.0 * p(x - 1, y)
                + 2.0 * p(x + 1, y)
                - 1.0 * p(x - 1, y + 1)
                + 1.0 * p(x + 1, y + 1);
            let dy = -1.0 * p(x - 1, y - 1) - 2.0 * p(x, y - 1) - 1.0 * p(x + 1, y - 1)
                + 1.0 * p(x - 1, y + 1)
                + 2.0 * p(x, y + 1)
                + 1.0 * p(x + 1, y + 1);
            out[y * w + x] = (((dx * dx + dy * dy).sqrt() / 4.0) as i64).min(255) as u8;
        }
    }
    out
}

/// Magnify: the 2011 loop over the lens square, with the map computed per pixel by the same
/// math functions (Rust's f64 atan2/cos/sin call the C library, as numrt's reference kernels
/// and CPython's math module do).
pub fn magnify(w: usize, h: usize, img: &[u8], bilinear: bool) -> Vec<u8> {
    let mut out = img.to_vec();
    let (cx, cy, maxr) = (w / 2, h / 2, h / 3);
    let px = |x: f64, y: f64| {
        let xi = x.clamp(0.0, w as f64 - 1.0) as usize;
        let yi = y.clamp(0.0, h as f64 - 1.0) as usize;
        img[yi * w + xi] as f64
    };
    for y in cy - maxr..cy + maxr {
        for x in cx.saturating_sub(maxr)..(cx + maxr).min(w) {
            let (dx, dy) = (x as f64 - cx as f64, y as f64 - cy as f64);
            let r = (dx * dx + dy * dy).sqrt();
            if r >= maxr as f64 {
                continue;
            }
            let a = dy.atan2(dx);
            let nr = r * r / maxr as f64;
            let (sx, sy) = (nr * a.cos() + cx as f64, nr * a.sin() + cy as f64);
            let v = if bilinear {
                let (x0, y0) = (sx.floor(), sy.floor());
                let (xo, yo) = (sx - x0, sy - y0);
                (1.0 - xo) * (1.0 - yo) * px(x0, y0)
                    + (1.0 - xo) * yo * px(x0, y0 + 1.0)
                    + xo * (1.0 - yo) * px(x0 + 1.0, y0)
                    + xo * yo * px(x0 + 1.0, y0 + 1.0)
            } else {
                px((sx + 0.5).floor(), (sy + 0.5).floor())
            };
            out[y * w + x] = (v as i64).min(255) as u8;
        }
    }
    out
}
