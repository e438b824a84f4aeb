//! `DemoError`: every failure the demo binaries report — bad usage (exit status 2), unreadable
//! or malformed input, output that cannot be written, and numrt errors (exit status 1).

use numrt::NumrtError;

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// Bad command-line arguments.
    #[error("{0}")]
    Usage(String),
    /// A file that cannot be opened, read or written.
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    /// Input whose content is not what its format promises.
    #[error("{path}: {msg}")]
    Format { path: String, msg: String },
    /// `--view` cannot open a window here.
    #[error("{0}")]
    View(String),
    /// The reader of our output went away (a closed player window, `| head`): a normal end.
    #[error("{0}: the reader closed the pipe")]
    Closed(String),
    /// The array runtime refused an operation.
    #[error("numrt: {0}")]
    Numrt(#[from] NumrtError),
}

impl DemoError {
    pub fn io(path: &str, source: std::io::Error) -> DemoError {
        DemoError::Io {
            path: path.to_string(),
            source,
        }
    }

    /// An error writing to `path`; a broken pipe is `Closed`.
    pub fn write(path: &str, source: std::io::Error) -> DemoError {
        match source.kind() {
            std::io::ErrorKind::BrokenPipe => DemoError::Closed(path.to_string()),
            _ => DemoError::io(path, source),
        }
    }

    pub fn format(path: &str, msg: impl Into<String>) -> DemoError {
        DemoError::Format {
            path: path.to_string(),
            msg: msg.into(),
        }
    }

    /// The process exit status for this error: 2 for usage, 1 otherwise.
    pub fn exit_code(&self) -> i32 {
        match self {
            DemoError::Usage(_) => 2,
            _ => 1,
        }
    }
}
