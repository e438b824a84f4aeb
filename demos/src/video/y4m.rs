//! YUV4MPEG2 (`.y4m`), the raw video format mplayer and ffmpeg write to a pipe: a header line
//! `YUV4MPEG2 W<w> H<h> F<n>:<d> ... C<colorspace>`, then per frame a line starting `FRAME` and
//! the planes. The demos use the luma (Y) plane; chroma is skipped on input and written as
//! neutral grey (128) on output.

use std::io::{BufRead, Read, Write};

use super::{FrameSink, FrameSource};
use crate::error::DemoError;

/// Longest header or frame-header line accepted.
const MAX_LINE: usize = 4096;

pub struct Reader {
    input: Box<dyn BufRead>,
    path: String,
    w: usize,
    h: usize,
    rate: String,
    /// Room for the chroma (and alpha) planes after the luma plane of each frame, skipped.
    skip: Vec<u8>,
}

impl Reader {
    pub fn new(mut input: Box<dyn BufRead>, path: &str) -> Result<Reader, DemoError> {
        let line = read_line(&mut input, path)?
            .ok_or_else(|| DemoError::format(path, "empty input, expected a YUV4MPEG2 header"))?;
        let mut fields = line.split(' ');
        if fields.next() != Some("YUV4MPEG2") {
            return Err(DemoError::format(
                path,
                "not a YUV4MPEG2 stream (missing the 'YUV4MPEG2' header)",
            ));
        }
        let (mut w, mut h, mut rate, mut colour) =
            (0usize, 0usize, "30:1".to_string(), "420jpeg".to_string());
        for field in fields.filter(|f| !f.is_empty()) {
            let (tag, value) = field.split_at(1);
            match tag {
                "W" => w = parse_dim(value, path, "width")?,
                "H" => h = parse_dim(value, path, "height")?,
                "F" => rate = value.to_string(),
                "C" => colour = value.to_string(),
                _ => {}
            }
        }
        if w == 0 || h == 0 {
            return Err(DemoError::format(
                path,
                "the YUV4MPEG2 header has no W (width) or H (height)",
            ));
        }
        let extra = chroma_bytes(&colour, w, h).ok_or_else(|| {
            DemoError::format(path, format!("colour space C{colour} is not supported (8-bit 420*, 422, 444, 444alpha or mono)"))
        })?;
        Ok(Reader {
            input,
            path: path.to_string(),
            w,
            h,
            rate,
            skip: vec![0; extra],
        })
    }
}

fn parse_dim(value: &str, path: &str, what: &str) -> Result<usize, DemoError> {
    match value.parse::<usize>() {
        Ok(n) if n > 0 && n <= 1 << 15 => Ok(n),
        _ => Err(DemoError::format(
            path,
            format!("bad {what} '{value}' in the YUV4MPEG2 header"),
        )),
    }
}

/// Bytes per frame after the luma plane, for an 8-bit colour space.
fn chroma_bytes(colour: &str, w: usize, h: usize) -> Option<usize> {
    let (cw, ch) = (w.div_ceil(2), h.div_ceil(2));
    match colour {
        "420" | "420jpeg" | "420paldv" | "420mpeg2" => Some(2 * cw * ch),
        "422" => Some(2 * cw * h),
        "444" => Some(2 * w * h),
        "444alpha" => Some(3 * w * h),
        "mono" => Some(0),
        _ => None,
    }
}

/// One `\n`-terminated ASCII line, `None` at a clean end of input.
fn read_line(input: &mut dyn BufRead, path: &str) -> Result<Option<String>, DemoError> {
    let mut line = Vec::new();
    let n = (&mut *input)
        .take(MAX_LINE as u64)
        .read_until(b'\n', &mut line)
        .map_err(|e| DemoError::io(path, e))?;
    if n == 0 {
        return Ok(None);
    }
    if line.pop() != Some(b'\n') {
        return Err(DemoError::format(
            path,
            "truncated or overlong YUV4MPEG2 header line",
        ));
    }
    String::from_utf8(line)
        .map(Some)
        .map_err(|_| DemoError::format(path, "YUV4MPEG2 header line is not text"))
}

impl FrameSource for Reader {
    fn width(&self) -> usize {
        self.w
    }
    fn height(&self) -> usize {
        self.h
    }
    fn rate(&self) -> String {
        self.rate.clone()
    }
    fn describe(&self) -> String {
        self.path.clone()
    }

    fn read_frame(&mut self, luma: &mut [u8]) -> Result<bool, DemoError> {
        let Some(line) = read_line(&mut self.input, &self.path)? else {
            return Ok(false);
        };
        if !line.starts_with("FRAME") {
            return Err(DemoError::format(
                &self.path,
                "expected a FRAME header between frames",
            ));
        }
        let truncated = |e: std::io::Error| match e.kind() {
            std::io::ErrorKind::UnexpectedEof => {
                DemoError::format(&self.path, "truncated frame at the end of the video")
            }
            _ => DemoError::io(&self.path, e),
        };
        self.input.read_exact(luma).map_err(truncated)?;
        self.input.read_exact(&mut self.skip).map_err(truncated)?;
        Ok(true)
    }
}

pub struct Writer {
    out: Box<dyn Write>,
    path: String,
    chroma: Vec<u8>,
}

impl Writer {
    pub fn new(
        mut out: Box<dyn Write>,
        path: &str,
        w: usize,
        h: usize,
        rate: &str,
    ) -> Result<Writer, DemoError> {
        let header = format!("YUV4MPEG2 W{w} H{h} F{rate} Ip A1:1 C420jpeg\n");
        out.write_all(header.as_bytes())
            .map_err(|e| DemoError::write(path, e))?;
        let chroma = vec![128u8; chroma_bytes("420jpeg", w, h).unwrap_or(0)];
        Ok(Writer {
            out,
            path: path.to_string(),
            chroma,
        })
    }
}

impl FrameSink for Writer {
    fn write_frame(&mut self, _index: usize, luma: &[u8]) -> Result<(), DemoError> {
        let io = |e| DemoError::write(&self.path, e);
        self.out.write_all(b"FRAME\n").map_err(io)?;
        self.out.write_all(luma).map_err(io)?;
        self.out.write_all(&self.chroma).map_err(io)
    }

    fn finish(&mut self, _last: Option<(usize, &[u8])>) -> Result<(), DemoError> {
        self.out
            .flush()
            .map_err(|e| DemoError::write(&self.path, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_errors() {
        let path = std::env::temp_dir().join(format!("demos-y4m-{}.y4m", std::process::id()));
        {
            let file = std::fs::File::create(&path).unwrap();
            let mut w = Writer::new(Box::new(file), "mem", 3, 2, "25:1").unwrap();
            w.write_frame(0, &[1, 2, 3, 4, 5, 6]).unwrap();
            w.write_frame(1, &[7; 6]).unwrap();
            w.finish(None).unwrap();
        }
        let bytes = std::fs::read(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        let mut r = Reader::new(Box::new(std::io::Cursor::new(bytes.clone())), "mem").unwrap();
        assert_eq!(
            (r.width(), r.height(), r.rate()),
            (3, 2, "25:1".to_string())
        );
        let mut luma = [0u8; 6];
        assert!(r.read_frame(&mut luma).unwrap());
        assert_eq!(luma, [1, 2, 3, 4, 5, 6]);
        assert!(r.read_frame(&mut luma).unwrap());
        assert!(!r.read_frame(&mut luma).unwrap());
        let cut = bytes[..bytes.len() - 1].to_vec();
        let mut r = Reader::new(Box::new(std::io::Cursor::new(cut)), "mem").unwrap();
        r.read_frame(&mut luma).unwrap();
        assert!(r
            .read_frame(&mut luma)
            .unwrap_err()
            .to_string()
            .contains("truncated frame"));
        let bad = |s: &str| {
            Reader::new(Box::new(std::io::Cursor::new(s.as_bytes().to_vec())), "x")
                .err()
                .unwrap()
                .to_string()
        };
        assert!(bad("P5 1 1 255\n").contains("not a YUV4MPEG2"));
        assert!(bad("YUV4MPEG2 W3\n").contains("no W"));
        assert!(bad("YUV4MPEG2 W3 H2 C420p10\n").contains("not supported"));
    }
}
