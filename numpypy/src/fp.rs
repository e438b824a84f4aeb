//! Floating-point error reporting: turns the `ufuncs::FpFlags` a loop raised into NumPy's
//! behaviour under the active `numpypy.errstate` — a RuntimeWarning ("divide by zero encountered
//! in divide"), a FloatingPointError, a printed line, or a call of the `seterrcall` callable.
//!
//! The state itself (one mode per category, and the callable) lives in a `contextvars.ContextVar`
//! owned by `numpypy/_errstate.py`, as NumPy 2 keeps it; Python registers the variable here once.
//! Reading it costs a call, so it is only read when a loop raised a flag.

use pyo3::exceptions::{PyFloatingPointError, PyRuntimeError, PyRuntimeWarning};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyTuple;
use ufuncs::FpFlags;

static ERRSTATE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// `_core._register_errstate(var)`: the ContextVar whose value is the tuple
/// `(divide, over, under, invalid, call)` of modes (`'ignore'`, `'warn'`, `'raise'`, `'call'`,
/// `'print'`, `'log'`) and the `seterrcall` object.
#[pyfunction]
pub fn _register_errstate(py: Python<'_>, var: Py<PyAny>) -> PyResult<()> {
    ERRSTATE
        .set(py, var)
        .map_err(|_| PyRuntimeError::new_err("numpypy errstate is already registered"))
}

/// Report the errstate categories in `flags` for an operation named `context` (`"divide"` for
/// an array ufunc, `"scalar divide"` for scalar math, `"cast"` for conversions), as NumPy does:
/// every category in order divide, over, under, invalid gets its mode; the first `'raise'` raises
/// FloatingPointError; warnings already issued stay issued.
pub fn report(py: Python<'_>, flags: FpFlags, context: &str) -> PyResult<()> {
    if flags.0 & FpFlags::ERRSTATE == 0 {
        return Ok(());
    }
    let state = current_state(py)?;
    for (bit, words) in categories(flags) {
        let mode: String = state.get_item(category_slot(bit))?.extract()?;
        let msg = format!("{words} encountered in {context}");
        act(py, &mode, &msg, words, bit, &state.get_item(4)?)?;
    }
    Ok(())
}

/// `_core._report_fp_flags(flags, context)`: `report` for the Python layer (flag bits as in
/// `ufuncs::FpFlags`: divide 1, over 2, under 4, invalid 8).
#[pyfunction]
pub fn _report_fp_flags(py: Python<'_>, flags: u8, context: &str) -> PyResult<()> {
    report(py, FpFlags(flags), context)
}

fn current_state(py: Python<'_>) -> PyResult<Bound<'_, PyTuple>> {
    let var = ERRSTATE
        .get(py)
        .ok_or_else(|| PyRuntimeError::new_err("numpypy errstate is not registered"))?;
    Ok(var.bind(py).call_method0("get")?.cast_into::<PyTuple>()?)
}

/// The raised categories as (flag bit, NumPy's words), in NumPy's order.
fn categories(flags: FpFlags) -> impl Iterator<Item = (u8, &'static str)> {
    const ALL: [(u8, &str); 4] = [
        (FpFlags::DIVIDE, "divide by zero"),
        (FpFlags::OVERFLOW, "overflow"),
        (FpFlags::UNDERFLOW, "underflow"),
        (FpFlags::INVALID, "invalid value"),
    ];
    ALL.into_iter().filter(move |(bit, _)| flags.has(*bit))
}

fn category_slot(bit: u8) -> usize {
    bit.trailing_zeros() as usize
}

fn act(
    py: Python<'_>,
    mode: &str,
    msg: &str,
    words: &str,
    bit: u8,
    call: &Bound<'_, PyAny>,
) -> PyResult<()> {
    match mode {
        "ignore" => Ok(()),
        "warn" => PyErr::warn(py, &py.get_type::<PyRuntimeWarning>(), &std::ffi::CString::new(msg)?, 1),
        "raise" => Err(PyFloatingPointError::new_err(msg.to_string())),
        "print" => {
            py.import("builtins")?.call_method1("print", (format!("Warning: {msg}"),))?;
            Ok(())
        }
        "call" => call_errcall(call, msg, || call.call1((words, bit)).map(drop)),
        "log" => call_errcall(call, msg, || {
            call.call_method1("write", (format!("Warning: {msg}\n"),)).map(drop)
        }),
        other => Err(PyRuntimeError::new_err(format!("invalid error mode '{other}'"))),
    }
}

fn call_errcall(
    call: &Bound<'_, PyAny>,
    msg: &str,
    f: impl FnOnce() -> PyResult<()>,
) -> PyResult<()> {
    if call.is_none() {
        return Err(PyRuntimeError::new_err(format!(
            "errstate mode 'call' or 'log' without a seterrcall function ({msg})"
        )));
    }
    f()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::with_py;

    fn run(py: Python<'_>, code: &std::ffi::CStr) -> String {
        let globals = pyo3::types::PyDict::new(py);
        py.run(code, Some(&globals), None).unwrap();
        globals.get_item("out").unwrap().unwrap().extract().unwrap()
    }

    #[test]
    fn warnings_and_raise_follow_errstate() {
        with_py(|py| {
            let code = c"
import warnings, numpypy as np
from numpypy import _core
out = []
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('always')
    _core._report_fp_flags(1 | 8, 'scalar divide')
    out += [str(x.message) for x in w]
with np.errstate(divide='ignore', invalid='raise'):
    try:
        _core._report_fp_flags(1 | 8, 'divide')
    except FloatingPointError as e:
        out.append('raised: ' + str(e))
out = '|'.join(out)
";
            assert_eq!(
                run(py, code),
                "divide by zero encountered in scalar divide|invalid value encountered in scalar \
                 divide|raised: invalid value encountered in divide"
            );
        });
    }
}
