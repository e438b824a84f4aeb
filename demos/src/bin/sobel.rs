//! `sobel`: edge magnitude of a video, live (see `demos::cli` for the options).

fn main() {
    std::process::exit(demos::cli::main(demos::cli::Demo::Sobel));
}
