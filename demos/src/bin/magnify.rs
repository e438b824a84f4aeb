//! `magnify`: a magnifying lens over a video, live; `-b` for bilinear (see `demos::cli`).

fn main() {
    std::process::exit(demos::cli::main(demos::cli::Demo::Magnify));
}
