//! The binaries end to end: default run, outputs (y4m and PNG) equal to the library's frames,
//! the inputs they read, and clear errors with a non-zero status (never a panic) for bad
//! arguments and files.

mod reference;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use demos::synth;

fn run(bin: &str, args: &[&str], env: &[(&str, &str)]) -> Output {
    let exe = match bin {
        "sobel" => env!("CARGO_BIN_EXE_sobel"),
        _ => env!("CARGO_BIN_EXE_magnify"),
    };
    let mut cmd = Command::new(exe);
    cmd.args(args)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("demos-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// The luma planes of a y4m file written by the demos (C420jpeg).
fn y4m_frames(path: &Path, w: usize, h: usize) -> Vec<Vec<u8>> {
    let bytes = std::fs::read(path).unwrap();
    let header_end = bytes.iter().position(|&b| b == b'\n').unwrap() + 1;
    let header = String::from_utf8_lossy(&bytes[..header_end]).into_owned();
    assert!(
        header.starts_with(&format!("YUV4MPEG2 W{w} H{h} ")),
        "{header}"
    );
    let frame = 6 + w * h + 2 * w.div_ceil(2) * h.div_ceil(2);
    bytes[header_end..]
        .chunks(frame)
        .map(|f| f[6..6 + w * h].to_vec())
        .collect()
}

fn generated(w: usize, h: usize, t: u64) -> Vec<u8> {
    let mut v = vec![0; w * h];
    synth::render(w, h, t, &mut v);
    v
}

#[test]
fn default_runs_print_fps() {
    for (bin, args) in [
        ("sobel", vec![]),
        ("magnify", vec![]),
        ("magnify", vec!["-b"]),
    ] {
        let mut a = args.clone();
        a.extend(["--frames", "3", "--size", "64x48"]);
        let o = run(bin, &a, &[]);
        assert!(o.status.success(), "{bin}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.contains("(built-in video)")
                && err.contains("3 frames, mean ")
                && err.contains(" fps, "),
            "{err}"
        );
    }
}

#[test]
fn y4m_output_equals_the_reference_and_reads_back() {
    let (w, h) = (33, 21);
    let out = tmp("sobel.y4m");
    let o = run(
        "sobel",
        &[
            "--frames",
            "4",
            "--size",
            "33x21",
            "--out",
            out.to_str().unwrap(),
            "-q",
        ],
        &[],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let frames = y4m_frames(&out, w, h);
    assert_eq!(frames.len(), 4);
    for (t, f) in frames.iter().enumerate() {
        assert_eq!(
            *f,
            reference::sobel(w, h, &generated(w, h, t as u64)),
            "frame {t}"
        );
    }
    // The video written is a valid input: magnify -b it and compare.
    let out2 = tmp("mag.y4m");
    let o = run(
        "magnify",
        &[
            out.to_str().unwrap(),
            "-b",
            "--out",
            out2.to_str().unwrap(),
            "-q",
        ],
        &[],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let mag = y4m_frames(&out2, w, h);
    assert_eq!(mag.len(), 4, "a y4m input runs to its end");
    for (t, f) in mag.iter().enumerate() {
        assert_eq!(*f, reference::magnify(w, h, &frames[t], true), "frame {t}");
    }
}

#[test]
fn png_frames_and_pgm_input() {
    let (w, h) = (9, 7);
    let img = generated(w, h, 5);
    let pgm = tmp("in.pgm");
    let mut bytes = format!("P5\n{w} {h}\n255\n").into_bytes();
    bytes.extend_from_slice(&img);
    std::fs::write(&pgm, bytes).unwrap();
    let png = tmp("still.png");
    let o = run(
        "magnify",
        &[
            pgm.to_str().unwrap(),
            "--frames",
            "5",
            "--out",
            png.to_str().unwrap(),
            "--png-every",
            "2",
            "-q",
        ],
        &[],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    for k in [0, 2, 4] {
        let p = tmp(&format!("still-{k:06}.png"));
        let file = std::io::BufReader::new(std::fs::File::open(&p).unwrap());
        let (pw, ph, luma) = demos::video::image::read_png(file, "x").unwrap();
        assert_eq!((pw, ph), (w, h));
        assert_eq!(luma, reference::magnify(w, h, &img, false));
    }
    assert!(!tmp("still-000001.png").exists());
    // A PNG is an input too.
    let last = tmp("last.png");
    let p0 = tmp("still-000000.png");
    let o = run(
        "sobel",
        &[
            p0.to_str().unwrap(),
            "--frames",
            "1",
            "--out",
            last.to_str().unwrap(),
            "-q",
        ],
        &[],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(last.exists());
}

#[test]
fn y4m_on_stdin() {
    let (w, h) = (12, 10);
    let src = tmp("stdin-src.y4m");
    let o = run(
        "magnify",
        &[
            "--size",
            "12x10",
            "--frames",
            "2",
            "--out",
            src.to_str().unwrap(),
            "-q",
        ],
        &[],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let mut child = Command::new(env!("CARGO_BIN_EXE_sobel"))
        .args(["-", "--out", "-", "-q"])
        .stdin(std::fs::File::open(&src).unwrap())
        .output()
        .unwrap();
    assert!(child.status.success(), "{}", stderr(&child));
    let out = tmp("stdin-out.y4m");
    std::fs::write(&out, std::mem::take(&mut child.stdout)).unwrap();
    let input = y4m_frames(&src, w, h);
    let frames = y4m_frames(&out, w, h);
    assert_eq!(frames.len(), 2);
    for (f, i) in frames.iter().zip(&input) {
        assert_eq!(*f, reference::sobel(w, h, i));
    }
}

#[test]
fn help_prints_usage() {
    let o = run("magnify", &["--help"], &[]);
    assert!(o.status.success());
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.starts_with("usage: magnify [INPUT] [-b]") && out.contains("--png-every N"),
        "{out}"
    );
}

#[test]
fn bad_arguments_and_files_are_clear_errors() {
    let cases: &[(&str, &[&str], i32, &str)] = &[
        (
            "sobel",
            &["--frames", "0"],
            2,
            "--frames: expected a positive integer, got '0'",
        ),
        ("sobel", &["--size", "640"], 2, "--size: expected WxH"),
        ("sobel", &["--bogus"], 2, "unknown option '--bogus'"),
        ("sobel", &["-b"], 2, "unknown option '-b'"),
        ("sobel", &["--out", "x.jpg"], 2, "must end in .y4m or .png"),
        (
            "sobel",
            &["--png-every", "3"],
            2,
            "--png-every needs a --out path ending in .png",
        ),
        (
            "magnify",
            &["/nonexistent/video.y4m"],
            1,
            "/nonexistent/video.y4m: No such file",
        ),
        (
            "magnify",
            &["Cargo.toml"],
            1,
            "not a YUV4MPEG2 video, a PGM (P5/P2) or a PNG image",
        ),
        (
            "sobel",
            &["--view", "--frames", "1"],
            1,
            "--view needs a display",
        ),
        (
            "sobel",
            &["--out", "/nonexistent/dir/o.y4m"],
            1,
            "/nonexistent/dir/o.y4m",
        ),
    ];
    for (bin, args, code, text) in cases {
        let o = run(bin, args, &[]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(*code), "{bin} {args:?}: {err}");
        assert!(
            err.contains(text) && !err.contains("panicked"),
            "{bin} {args:?}: {err}"
        );
    }
    let truncated = tmp("cut.y4m");
    std::fs::write(&truncated, b"YUV4MPEG2 W4 H4 C420jpeg\nFRAME\n\x01\x02").unwrap();
    let o = run("sobel", &[truncated.to_str().unwrap()], &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("truncated frame"), "{}", stderr(&o));
}
