//! jit: numpypy's tracing JIT for Python functions (`@numpypy.jit`).
//!
//! - `bytecode`: the register bytecode the Python frontend (`numpypy/_jit_frontend.py`) lowers
//!   function ASTs to, declared once with its `verify()`;
//! - `value`, `num`, `ops`, `builtins`, `array`: values and their operations with CPython's and
//!   NumPy's exact semantics (native fast paths, the `host` for everything else);
//! - `function`, `interp`: functions, argument binding, the frame-stack interpreter;
//! - `trace`: loop counters, trace IR, recorder, optimiser passes and the trace executor.
//!
//! It knows nothing of pyo3: Python is behind the `Host` trait, implemented by `numpypy`.

pub mod array;
pub mod builtins;
pub mod bytecode;
pub mod function;
pub mod host;
pub mod interp;
pub mod num;
pub mod ops;
pub mod trace;
pub mod value;

pub use bytecode::{Code, GlobalRef, Op};
pub use function::{Function, Stats};
pub use host::Host;
pub use value::{Exc, ExcKind, Obj, Res, Value};
