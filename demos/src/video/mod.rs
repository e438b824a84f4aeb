//! Frames in and out: sources (the built-in video, y4m files or stdin, still PGM/PNG images)
//! and sinks (a y4m file or stdout, PNG frames, a player window for `--view`).
//!
//! - `y4m.rs`: YUV4MPEG2 reading (the luma plane of 8-bit 4:2:0, 4:2:2, 4:4:4 and mono) and
//!   writing (4:2:0 with neutral chroma);
//! - `image.rs`: PGM (P5, P2) and PNG reading, PNG writing;
//! - `player.rs`: `--view`, piping y4m to mpv, ffplay or mplayer where a display exists.

pub mod image;
pub mod player;
pub mod y4m;

use std::fs::File;
use std::io::{BufReader, BufWriter, Write};

use crate::error::DemoError;
use crate::synth;

/// A sequence of grey frames of one size.
pub trait FrameSource {
    fn width(&self) -> usize;
    fn height(&self) -> usize;
    /// Frame rate as y4m's `F` parameter (`30:1`).
    fn rate(&self) -> String {
        "30:1".into()
    }
    /// How many frames to run when `--frames` is not given: `None` for a video (to its end),
    /// a count for the endless sources (the built-in video, a still image).
    fn default_frames(&self) -> Option<usize> {
        None
    }
    /// A short description for the summary line.
    fn describe(&self) -> String;
    /// Fill `luma` (width*height bytes) with the next frame; `Ok(false)` at the end.
    fn read_frame(&mut self, luma: &mut [u8]) -> Result<bool, DemoError>;
}

/// The built-in generated video (endless; the caller counts frames).
pub struct Generated {
    w: usize,
    h: usize,
    t: u64,
}

impl Generated {
    pub fn new(w: usize, h: usize) -> Generated {
        Generated { w, h, t: 0 }
    }
}

impl FrameSource for Generated {
    fn width(&self) -> usize {
        self.w
    }
    fn height(&self) -> usize {
        self.h
    }
    fn describe(&self) -> String {
        "built-in video".into()
    }
    fn default_frames(&self) -> Option<usize> {
        Some(synth::DEFAULT_FRAMES)
    }
    fn read_frame(&mut self, luma: &mut [u8]) -> Result<bool, DemoError> {
        synth::render(self.w, self.h, self.t, luma);
        self.t += 1;
        Ok(true)
    }
}

/// Frames a still image runs for when `--frames` is not given.
pub const STILL_FRAMES: usize = 100;

/// One image shown as an endless still video.
pub struct Still {
    w: usize,
    h: usize,
    luma: Vec<u8>,
    path: String,
}

impl FrameSource for Still {
    fn width(&self) -> usize {
        self.w
    }
    fn height(&self) -> usize {
        self.h
    }
    fn describe(&self) -> String {
        self.path.clone()
    }
    fn default_frames(&self) -> Option<usize> {
        Some(STILL_FRAMES)
    }
    fn read_frame(&mut self, luma: &mut [u8]) -> Result<bool, DemoError> {
        luma.copy_from_slice(&self.luma);
        Ok(true)
    }
}

/// Open an input by name: `-` is y4m on stdin; `.y4m`, `.pgm`/`.pnm` and `.png` files by
/// extension (or, for other names, by their first bytes).
pub fn open_input(path: &str) -> Result<Box<dyn FrameSource>, DemoError> {
    if path == "-" {
        return Ok(Box::new(y4m::Reader::new(
            Box::new(BufReader::new(std::io::stdin())),
            "<stdin>",
        )?));
    }
    let mut file = BufReader::new(File::open(path).map_err(|e| DemoError::io(path, e))?);
    let magic = {
        use std::io::BufRead;
        file.fill_buf()
            .map_err(|e| DemoError::io(path, e))?
            .get(..4)
            .map(|m| m.to_vec())
            .unwrap_or_default()
    };
    let still = |(w, h, luma): (usize, usize, Vec<u8>)| -> Box<dyn FrameSource> {
        Box::new(Still {
            w,
            h,
            luma,
            path: path.to_string(),
        })
    };
    match magic.as_slice() {
        [b'Y', b'U', b'V', b'4'] => Ok(Box::new(y4m::Reader::new(Box::new(file), path)?)),
        [0x89, b'P', b'N', b'G'] => Ok(still(image::read_png(file, path)?)),
        [b'P', b'5' | b'2', ..] => Ok(still(image::read_pgm(file, path)?)),
        _ => Err(DemoError::format(
            path,
            "not a YUV4MPEG2 video, a PGM (P5/P2) or a PNG image",
        )),
    }
}

/// Where output frames go.
pub trait FrameSink {
    fn write_frame(&mut self, index: usize, luma: &[u8]) -> Result<(), DemoError>;
    /// Called once after the last frame with its index.
    fn finish(&mut self, _last: Option<(usize, &[u8])>) -> Result<(), DemoError> {
        Ok(())
    }
}

/// A y4m video written to a file or to stdout (`-`).
pub fn y4m_sink(
    path: &str,
    w: usize,
    h: usize,
    rate: &str,
) -> Result<Box<dyn FrameSink>, DemoError> {
    let out: Box<dyn Write> = if path == "-" {
        Box::new(BufWriter::new(std::io::stdout()))
    } else {
        Box::new(BufWriter::new(
            File::create(path).map_err(|e| DemoError::io(path, e))?,
        ))
    };
    Ok(Box::new(y4m::Writer::new(out, path, w, h, rate)?))
}

/// PNG frames: every `every`-th frame to `path` with the frame number inserted before `.png`
/// (`out.png` -> `out-000010.png`), or with `every == 0` only the last frame, to `path` itself.
pub struct PngFrames {
    path: String,
    w: usize,
    h: usize,
    every: usize,
}

impl PngFrames {
    pub fn new(path: &str, w: usize, h: usize, every: usize) -> PngFrames {
        PngFrames {
            path: path.to_string(),
            w,
            h,
            every,
        }
    }

    fn numbered(&self, index: usize) -> String {
        let stem = self.path.strip_suffix(".png").unwrap_or(&self.path);
        format!("{stem}-{index:06}.png")
    }
}

impl FrameSink for PngFrames {
    fn write_frame(&mut self, index: usize, luma: &[u8]) -> Result<(), DemoError> {
        if self.every > 0 && index.is_multiple_of(self.every) {
            image::write_png(&self.numbered(index), self.w, self.h, luma)?;
        }
        Ok(())
    }

    fn finish(&mut self, last: Option<(usize, &[u8])>) -> Result<(), DemoError> {
        match last {
            Some((_, luma)) if self.every == 0 => {
                image::write_png(&self.path, self.w, self.h, luma)
            }
            _ => Ok(()),
        }
    }
}
