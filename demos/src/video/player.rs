//! `--view`: show the output live in a window by piping it as y4m to a video player — mpv,
//! ffplay or mplayer, whichever is installed (the 2011 demo also played through mplayer). No
//! windowing library is linked, so building the demos needs no system development packages.
//! Without a display, or without a player, a clear error says so.

use std::process::{Child, Command, Stdio};

use super::y4m;
use super::FrameSink;
use crate::error::DemoError;

/// The players tried, in order, with the arguments that make them read y4m from stdin.
const PLAYERS: &[(&str, &[&str])] = &[
    ("mpv", &["--really-quiet", "--no-terminal", "-"]),
    ("ffplay", &["-loglevel", "error", "-autoexit", "-i", "-"]),
    ("mplayer", &["-really-quiet", "-demuxer", "y4m", "-"]),
];

/// A running player reading our y4m on its stdin.
pub struct Player {
    child: Child,
    writer: y4m::Writer,
}

impl Player {
    pub fn open(w: usize, h: usize, rate: &str) -> Result<Player, DemoError> {
        let has = |v: &str| std::env::var_os(v).is_some_and(|s| !s.is_empty());
        if !has("DISPLAY") && !has("WAYLAND_DISPLAY") {
            return Err(DemoError::View(
                "--view needs a display, and neither DISPLAY nor WAYLAND_DISPLAY is set; write frames with --out instead".into(),
            ));
        }
        for (name, args) in PLAYERS {
            let spawned = Command::new(name)
                .args(*args)
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .spawn();
            if let Ok(mut child) = spawned {
                let stdin = child
                    .stdin
                    .take()
                    .ok_or_else(|| DemoError::View(format!("{name}: no stdin pipe")))?;
                let writer = y4m::Writer::new(Box::new(stdin), name, w, h, rate)?;
                return Ok(Player { child, writer });
            }
        }
        Err(DemoError::View(
            "--view pipes the video to mpv, ffplay or mplayer, and none of them is installed (apt-get install mpv)".into(),
        ))
    }
}

impl FrameSink for Player {
    fn write_frame(&mut self, index: usize, luma: &[u8]) -> Result<(), DemoError> {
        self.writer.write_frame(index, luma)
    }

    fn finish(&mut self, last: Option<(usize, &[u8])>) -> Result<(), DemoError> {
        let flushed = self.writer.finish(last);
        // Closing stdin lets the player play out what it has and exit.
        drop(std::mem::replace(
            &mut self.writer,
            y4m::Writer::new(Box::new(std::io::sink()), "-", 1, 1, "30:1")?,
        ));
        let _ = self.child.wait();
        flushed
    }
}
