//! Still images: PGM (binary P5 and ASCII P2, 8-bit; other maxvals scaled to 0..255) and PNG
//! (any colour type, converted to luma with BT.601 integer weights) in; 8-bit grey PNG out.

use std::fs::File;
use std::io::{BufRead, BufWriter, Read};

use crate::error::DemoError;

/// Luma of an RGB pixel: BT.601 weights in 8-bit fixed point, rounded.
fn luma(r: u8, g: u8, b: u8) -> u8 {
    ((77 * r as u32 + 150 * g as u32 + 29 * b as u32 + 128) >> 8) as u8
}

/// A PNG image as (width, height, luma).
pub fn read_png(
    input: impl BufRead + std::io::Seek,
    path: &str,
) -> Result<(usize, usize, Vec<u8>), DemoError> {
    let bad = |e: png::DecodingError| DemoError::format(path, format!("bad PNG: {e}"));
    let mut decoder = png::Decoder::new(input);
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(bad)?;
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).map_err(bad)?;
    let (w, h) = (info.width as usize, info.height as usize);
    let channels = info.color_type.samples();
    let pixels = buf[..info.buffer_size()]
        .chunks_exact(info.line_size)
        .flat_map(|row| row[..w * channels].chunks_exact(channels));
    let grey: Vec<u8> = match channels {
        1 | 2 => pixels.map(|p| p[0]).collect(),
        _ => pixels.map(|p| luma(p[0], p[1], p[2])).collect(),
    };
    Ok((w, h, grey))
}

/// Write an 8-bit grey PNG.
pub fn write_png(path: &str, w: usize, h: usize, luma: &[u8]) -> Result<(), DemoError> {
    let file = BufWriter::new(File::create(path).map_err(|e| DemoError::io(path, e))?);
    let fail = |e: png::EncodingError| DemoError::format(path, format!("writing PNG: {e}"));
    let mut enc = png::Encoder::new(file, w as u32, h as u32);
    enc.set_color(png::ColorType::Grayscale);
    enc.set_depth(png::BitDepth::Eight);
    let mut writer = enc.write_header().map_err(fail)?;
    writer.write_image_data(luma).map_err(fail)?;
    writer.finish().map_err(fail)
}

/// A PGM image (P5 or P2) as (width, height, luma).
pub fn read_pgm(mut input: impl Read, path: &str) -> Result<(usize, usize, Vec<u8>), DemoError> {
    let mut bytes = Vec::new();
    input
        .read_to_end(&mut bytes)
        .map_err(|e| DemoError::io(path, e))?;
    let bad = |msg: &str| DemoError::format(path, msg.to_string());
    let mut pos = 2;
    let mut header = [0usize; 3];
    for value in header.iter_mut() {
        *value = pgm_number(&bytes, &mut pos)
            .ok_or_else(|| bad("bad PGM header (expected width, height and maxval)"))?;
    }
    let [w, h, maxval] = header;
    if w == 0 || h == 0 || w > 1 << 15 || h > 1 << 15 {
        return Err(bad("PGM width and height must be between 1 and 32768"));
    }
    if maxval == 0 || maxval > 255 {
        return Err(bad("only 8-bit PGM images are supported (maxval 1..255)"));
    }
    let n = w * h;
    let raw: Vec<usize> = if bytes[1] == b'5' {
        let data = bytes
            .get(pos + 1..pos + 1 + n)
            .ok_or_else(|| bad("truncated PGM pixel data"))?;
        data.iter().map(|&b| b as usize).collect()
    } else {
        (0..n)
            .map(|_| pgm_number(&bytes, &mut pos))
            .collect::<Option<_>>()
            .ok_or_else(|| bad("truncated PGM pixel data"))?
    };
    if raw.iter().any(|&v| v > maxval) {
        return Err(bad("PGM pixel value above maxval"));
    }
    Ok((
        w,
        h,
        raw.iter()
            .map(|&v| ((v * 255 + maxval / 2) / maxval) as u8)
            .collect(),
    ))
}

/// The next decimal number of a PNM header at `pos`, skipping whitespace and `#` comments;
/// leaves `pos` on the byte after it.
fn pgm_number(bytes: &[u8], pos: &mut usize) -> Option<usize> {
    loop {
        match bytes.get(*pos)? {
            b'#' => {
                while *bytes.get(*pos)? != b'\n' {
                    *pos += 1;
                }
            }
            c if c.is_ascii_whitespace() => *pos += 1,
            _ => break,
        }
    }
    let start = *pos;
    while bytes.get(*pos).is_some_and(u8::is_ascii_digit) {
        *pos += 1;
    }
    std::str::from_utf8(&bytes[start..*pos]).ok()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pgm_binary_ascii_and_errors() {
        let mut p5 = b"P5\n# comment\n3 2\n255\n".to_vec();
        p5.extend_from_slice(&[0, 1, 2, 253, 254, 255]);
        assert_eq!(
            read_pgm(&p5[..], "a").unwrap(),
            (3, 2, vec![0, 1, 2, 253, 254, 255])
        );
        assert_eq!(
            read_pgm(&b"P2 2 1 15 0 15"[..], "b").unwrap(),
            (2, 1, vec![0, 255])
        );
        assert!(read_pgm(&b"P5 2 2 255\n\x01"[..], "c")
            .unwrap_err()
            .to_string()
            .contains("truncated"));
        assert!(read_pgm(&b"P5 2 2 65535\n"[..], "d")
            .unwrap_err()
            .to_string()
            .contains("8-bit"));
        assert!(read_pgm(&b"P5 x"[..], "e")
            .unwrap_err()
            .to_string()
            .contains("bad PGM header"));
    }

    #[test]
    fn png_round_trip() {
        let dir = std::env::temp_dir().join(format!("demos-png-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("t.png").to_string_lossy().into_owned();
        write_png(&path, 3, 2, &[0, 50, 100, 150, 200, 250]).unwrap();
        let file = std::io::BufReader::new(File::open(&path).unwrap());
        assert_eq!(
            read_png(file, &path).unwrap(),
            (3, 2, vec![0, 50, 100, 150, 200, 250])
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
