//! The binaries' shared front: options, the frame loop, the live fps line and the summary.
//!
//! ```text
//! sobel   [INPUT] [options]
//! magnify [INPUT] [-b] [options]
//! ```
//!
//! The frame loop reads a frame, runs the demo step, and hands the result to the sinks. Only the
//! demo step is timed for the fps figures ("processing"); the summary also gives the rate with
//! input and output included.

use std::time::{Duration, Instant};

use crate::error::DemoError;
use crate::frame::Frame;
use crate::magnify::{Interp, Magnify};
use crate::sobel::Sobel;
use crate::synth::DEFAULT_FRAMES;
use crate::video::{
    self, player::Player, FrameSink, FrameSource, Generated, PngFrames, STILL_FRAMES,
};

/// `println!` / `eprintln!` that do not panic when the reader has gone (`sobel --help | head`).
macro_rules! say {
    ($stream:ident, $($arg:tt)*) => {{
        use std::io::Write;
        let _ = writeln!(std::io::$stream(), $($arg)*);
    }};
}

/// Which demo a binary runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Demo {
    Sobel,
    Magnify,
}

impl Demo {
    fn name(self) -> &'static str {
        match self {
            Demo::Sobel => "sobel",
            Demo::Magnify => "magnify",
        }
    }
}

/// Parsed command-line options.
#[derive(Debug, Default)]
pub struct Options {
    pub input: Option<String>,
    pub outs: Vec<String>,
    pub png_every: usize,
    pub frames: Option<usize>,
    pub size: Option<(usize, usize)>,
    pub threads: Option<usize>,
    pub view: bool,
    pub bilinear: bool,
    pub quiet: bool,
    pub help: bool,
}

fn usage(demo: Demo) -> String {
    let extra = if demo == Demo::Magnify { " [-b]" } else { "" };
    format!(
        "usage: {name} [INPUT]{extra} [--out PATH]... [--png-every N] [--frames N] [--size WxH] [--threads N] [--view] [--quiet]

INPUT        a .y4m video (the luma plane is used), a PGM or PNG image (shown as a still
             video), or - for y4m on stdin (ffmpeg ... -f yuv4mpegpipe - | {name} -);
             without INPUT, a built-in generated test video (640x480); unless --frames is
             given, the built-in video runs {DEFAULT_FRAMES} frames and an image {STILL_FRAMES}
{bil}--out PATH   write the output: PATH.y4m as a video (- for stdout), PATH.png as PNG
             (the last frame, or every N-th frame with --png-every N, numbered PATH-000010.png)
--png-every N  with a .png --out, write every N-th frame
--frames N   stop after N frames
--size WxH   size of the built-in video (default 640x480)
--threads N  evaluation threads (default: all cores)
--view       show the output in a window (pipes y4m to mpv, ffplay or mplayer)
--quiet      no live fps line",
        name = demo.name(),
        bil = if demo == Demo::Magnify { "-b, --bilinear  bilinear interpolation (default: nearest neighbour)\n" } else { "" },
    )
}

fn number(flag: &str, value: Option<String>) -> Result<usize, DemoError> {
    let value = value.ok_or_else(|| DemoError::Usage(format!("{flag} needs a value")))?;
    match value.parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(DemoError::Usage(format!(
            "{flag}: expected a positive integer, got '{value}'"
        ))),
    }
}

fn size(value: Option<String>) -> Result<(usize, usize), DemoError> {
    let value = value.ok_or_else(|| DemoError::Usage("--size needs a value".into()))?;
    let bad = || {
        DemoError::Usage(format!(
            "--size: expected WxH with both between 1 and 16384 (like 640x480), got '{value}'"
        ))
    };
    let (w, h) = value.split_once(['x', 'X']).ok_or_else(bad)?;
    let dim = |s: &str| {
        s.parse::<usize>()
            .ok()
            .filter(|&n| (1..=16384).contains(&n))
            .ok_or_else(bad)
    };
    Ok((dim(w)?, dim(h)?))
}

/// Parse the arguments after the program name.
pub fn parse(demo: Demo, args: impl IntoIterator<Item = String>) -> Result<Options, DemoError> {
    let mut o = Options::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => o.help = true,
            "-b" | "--bilinear" if demo == Demo::Magnify => o.bilinear = true,
            "--out" | "-o" => o.outs.push(
                args.next()
                    .ok_or_else(|| DemoError::Usage("--out needs a path".into()))?,
            ),
            "--png-every" => o.png_every = number(&arg, args.next())?,
            "--frames" => o.frames = Some(number(&arg, args.next())?),
            "--size" => o.size = Some(size(args.next())?),
            "--threads" => o.threads = Some(number(&arg, args.next())?),
            "--view" => o.view = true,
            "--quiet" | "-q" => o.quiet = true,
            s if s.starts_with('-') && s != "-" => {
                return Err(DemoError::Usage(format!(
                    "unknown option '{s}' (try --help)"
                )))
            }
            _ if o.input.is_some() => {
                return Err(DemoError::Usage(format!("more than one input ('{arg}')")))
            }
            _ => o.input = Some(arg),
        }
    }
    if o.size.is_some() && o.input.is_some() {
        return Err(DemoError::Usage(
            "--size applies to the built-in video only, not to an input file".into(),
        ));
    }
    for out in &o.outs {
        if !(out.ends_with(".y4m") || out.ends_with(".png") || out == "-") {
            return Err(DemoError::Usage(format!(
                "--out {out}: the name must end in .y4m or .png (or be - for y4m on stdout)"
            )));
        }
    }
    if o.png_every > 0 && !o.outs.iter().any(|p| p.ends_with(".png")) {
        return Err(DemoError::Usage(
            "--png-every needs a --out path ending in .png".into(),
        ));
    }
    Ok(o)
}

/// The demo step, for either binary.
enum Step {
    Sobel(Sobel),
    Magnify(Magnify),
}

impl Step {
    fn run(&mut self, frame: &Frame) -> Result<&Frame, DemoError> {
        Ok(match self {
            Step::Sobel(s) => s.run(frame)?,
            Step::Magnify(m) => m.run(frame)?,
        })
    }
}

/// Entry point of a binary: parse, run, report; returns the exit status.
pub fn main(demo: Demo) -> i32 {
    let result = parse(demo, std::env::args().skip(1)).and_then(|o| {
        if o.help {
            say!(stdout, "{}", usage(demo));
            return Ok(());
        }
        run(demo, &o)
    });
    match result {
        Ok(()) => 0,
        Err(e) => {
            say!(stderr, "{}: error: {e}", demo.name());
            if matches!(e, DemoError::Usage(_)) {
                say!(stderr, "{}", usage(demo).lines().next().unwrap_or_default());
            }
            e.exit_code()
        }
    }
}

/// Run a demo with parsed options.
pub fn run(demo: Demo, o: &Options) -> Result<(), DemoError> {
    if let Some(n) = o.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .map_err(|e| DemoError::Usage(format!("--threads {n}: {e}")))?;
    }
    let mut source: Box<dyn FrameSource> = match &o.input {
        Some(path) => video::open_input(path)?,
        None => {
            let (w, h) = o.size.unwrap_or((640, 480));
            Box::new(Generated::new(w, h))
        }
    };
    let (w, h) = (source.width(), source.height());
    let limit = o.frames.or(source.default_frames());
    let mut sinks = open_sinks(o, w, h, &source.rate())?;
    let mut step = match demo {
        Demo::Sobel => Step::Sobel(Sobel::new(w, h)?),
        Demo::Magnify => Step::Magnify(Magnify::new(
            w,
            h,
            if o.bilinear {
                Interp::Bilinear
            } else {
                Interp::Nearest
            },
        )?),
    };
    let label = format!(
        "{}{} {w}x{h} ({}), {} thread{}",
        demo.name(),
        if o.bilinear { " -b" } else { "" },
        source.describe(),
        rayon::current_num_threads(),
        if rayon::current_num_threads() == 1 {
            ""
        } else {
            "s"
        }
    );
    let stats = frame_loop(&mut *source, &mut step, &mut sinks, limit, !o.quiet, &label)?;
    say!(stderr, "{label}: {}", stats.summary());
    Ok(())
}

fn open_sinks(
    o: &Options,
    w: usize,
    h: usize,
    rate: &str,
) -> Result<Vec<Box<dyn FrameSink>>, DemoError> {
    let mut sinks: Vec<Box<dyn FrameSink>> = Vec::new();
    for out in &o.outs {
        if out.ends_with(".png") {
            sinks.push(Box::new(PngFrames::new(out, w, h, o.png_every)));
        } else {
            sinks.push(video::y4m_sink(out, w, h, rate)?);
        }
    }
    if o.view {
        sinks.push(Box::new(Player::open(w, h, rate)?));
    }
    Ok(sinks)
}

/// Frame counts and times of a run.
pub struct Stats {
    pub frames: usize,
    /// Time in the demo step only.
    pub processing: Duration,
    /// Time of the whole loop (input, step, output).
    pub wall: Duration,
}

impl Stats {
    pub fn summary(&self) -> String {
        let secs = self.processing.as_secs_f64().max(1e-9);
        let fps = self.frames as f64 / secs;
        let overall = self.frames as f64 / self.wall.as_secs_f64().max(1e-9);
        format!(
            "{} frames, mean {fps:.1} fps, {:.3} ms/frame (processing; {overall:.1} fps with input and output)",
            self.frames,
            1e3 * secs / self.frames.max(1) as f64
        )
    }
}

fn frame_loop(
    source: &mut dyn FrameSource,
    step: &mut Step,
    sinks: &mut [Box<dyn FrameSink>],
    limit: Option<usize>,
    live: bool,
    label: &str,
) -> Result<Stats, DemoError> {
    let mut frame = Frame::new(source.width(), source.height())?;
    let (start, mut processing) = (Instant::now(), Duration::ZERO);
    let (mut frames, mut last_report, mut since) = (0usize, start, (0usize, Duration::ZERO));
    let mut last: Option<Vec<u8>> = None;
    'frames: while limit.is_none_or(|n| frames < n) {
        if !frame.write(|luma| source.read_frame(luma))?? {
            break;
        }
        let t = Instant::now();
        let out = step.run(&frame)?;
        let dt = t.elapsed();
        processing += dt;
        since = (since.0 + 1, since.1 + dt);
        let closed = out.read(|luma| -> Result<bool, DemoError> {
            for sink in sinks.iter_mut() {
                match sink.write_frame(frames, luma) {
                    Err(DemoError::Closed(_)) => return Ok(true),
                    other => other?,
                }
            }
            last = Some(luma.to_vec()).filter(|_| !sinks.is_empty());
            Ok(false)
        })??;
        frames += 1;
        if closed {
            break 'frames;
        }
        if live && last_report.elapsed() >= Duration::from_secs(1) {
            let fps = since.0 as f64 / since.1.as_secs_f64().max(1e-9);
            say!(
                stderr,
                "{label}: frame {frames}: {fps:.1} fps ({:.3} ms/frame)",
                1e3 / fps
            );
            (last_report, since) = (Instant::now(), (0, Duration::ZERO));
        }
    }
    for sink in sinks.iter_mut() {
        match sink.finish(last.as_deref().map(|l| (frames.saturating_sub(1), l))) {
            Err(DemoError::Closed(_)) => {}
            other => other?,
        }
    }
    Ok(Stats {
        frames,
        processing,
        wall: start.elapsed(),
    })
}
