//! `numpypy.jit`: the `JitFunction` wrapper the decorator returns, lowering through the Python
//! frontend (`numpypy/_jit_frontend.py`) into `::jit::Code`, the plain-Python fallback with its
//! one-time warning, `_jit_spec` (the bytecode definition the frontend emits against) and
//! `stats`.
//!
//! A call binds its arguments, checks that each is a kind the interpreter handles (numbers,
//! numpypy scalars and arrays, tuples, strings, functions, types, modules, dtypes) and runs
//! `::jit::interp::call` with a `PyHost`; anything else runs the original function.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use ::jit::bytecode::{Code, GlobalRef, Op, BINOPS, CMPOPS, NO_KW, OPCODES, UNOPS};
use ::jit::{Function, Value};
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyModule, PyTuple, PyType};

use crate::jit_host::{exc_to_pyerr, to_py, to_value, PyFn, PyHost};

/// Lowering state of one Python function.
enum Compiled {
    NotYet,
    Ready(Rc<Function>),
    /// Runs as plain Python; the reason was warned once.
    Fallback,
}

thread_local! {
    /// Plain (undecorated) Python functions called from jitted code, by object address: the
    /// compiled function, or None when they cannot be lowered (then they are called as Python).
    static PLAIN: RefCell<HashMap<usize, (Py<PyAny>, Option<Rc<Function>>)>> = RefCell::new(HashMap::new());
}

#[pyclass(name = "JitFunction", module = "numpypy", unsendable, dict)]
pub struct JitFunction {
    pyfunc: Py<PyAny>,
    #[pyo3(get)]
    cache: bool,
    compiled: RefCell<Compiled>,
    /// Closure cells read as constants, with the values lowering saw.
    cells: RefCell<Vec<(Py<PyAny>, Py<PyAny>)>>,
    warned: RefCell<HashSet<String>>,
}

#[pymethods]
impl JitFunction {
    #[new]
    #[pyo3(signature = (func, cache=false))]
    fn new(func: Py<PyAny>, cache: bool) -> JitFunction {
        JitFunction { pyfunc: func, cache, compiled: RefCell::new(Compiled::NotYet), cells: RefCell::new(vec![]), warned: RefCell::new(HashSet::new()) }
    }

    #[pyo3(signature = (*args, **kwargs))]
    fn __call__(slf: &Bound<'_, Self>, args: &Bound<'_, PyTuple>, kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        let me = slf.borrow();
        let Some(func) = me.ensure(slf)? else {
            return Ok(me.pyfunc.bind(py).call(args, kwargs)?.unbind());
        };
        let mut vals = Vec::with_capacity(args.len());
        let mut kwnames = vec![];
        for a in args.iter() {
            vals.push(to_value(&a)?);
        }
        if let Some(kw) = kwargs {
            for (k, v) in kw.iter() {
                kwnames.push(to_value(&k)?);
                vals.push(to_value(&v)?);
            }
        }
        let npos = args.len();
        if let Some(reason) = unsupported_argument(&func, &vals, &kwnames, npos, args, kwargs)? {
            me.warn_once(py, &reason)?;
            return Ok(me.pyfunc.bind(py).call(args, kwargs)?.unbind());
        }
        let mut host = PyHost::new(py)?;
        let r = ::jit::interp::call(&mut host, &func, &vals, &kwnames);
        match r {
            Ok(v) => Ok(to_py(py, &v)?.unbind()),
            Err(e) => Err(exc_to_pyerr(py, e)),
        }
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!("<numpypy.jit {}>", self.pyfunc.bind(py).getattr("__qualname__")?))
    }

    /// `numpypy.jit.stats(f)`.
    fn _stats<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyDict>> {
        let py = slf.py();
        let d = PyDict::new(py);
        let me = slf.borrow();
        let compiled = me.compiled.borrow();
        let state = match &*compiled {
            Compiled::NotYet => "not compiled (not called yet)",
            Compiled::Fallback => "plain Python (fallback)",
            Compiled::Ready(f) if f.state.borrow().loops.iter().any(|l| l.trace.is_some()) => "traced",
            Compiled::Ready(_) => "interpreted",
        };
        d.set_item("mode", state)?;
        if let Compiled::Ready(f) = &*compiled {
            let st = f.state.borrow();
            let s = &st.stats;
            d.set_item("calls", s.calls)?;
            d.set_item("loop_iterations", s.loop_iterations)?;
            d.set_item("traces_recorded", s.traces_recorded)?;
            d.set_item("trace_aborts", s.trace_aborts)?;
            d.set_item("trace_entries", s.trace_entries)?;
            d.set_item("guard_failures", s.guard_failures)?;
            d.set_item("last_abort", s.last_abort.clone())?;
            d.set_item("loops", f.code.nloops)?;
            d.set_item("loops_traced", st.loops.iter().filter(|l| l.trace.is_some()).count())?;
            d.set_item("loops_blacklisted", st.loops.iter().filter(|l| l.blacklisted).count())?;
            let traces: Vec<String> = st.loops.iter().filter_map(|l| l.trace.as_ref().map(|t| t.dump())).collect();
            d.set_item("traces", traces)?;
            d.set_item("bridges", 0)?;
            d.set_item("compile_ms", 0.0)?;
            d.set_item("bytecode", PyList::new(py, (0..f.code.ops.len()).map(|pc| f.code.disassemble(pc)))?)?;
        }
        Ok(d)
    }
}

impl JitFunction {
    /// The compiled function, lowering it on first use; None when it runs as plain Python.
    fn ensure(&self, slf: &Bound<'_, Self>) -> PyResult<Option<Rc<Function>>> {
        let py = slf.py();
        if !self.cells_unchanged(py)? {
            *self.compiled.borrow_mut() = Compiled::NotYet;
        }
        if let Compiled::Ready(f) = &*self.compiled.borrow() {
            return Ok(Some(f.clone()));
        }
        if let Compiled::Fallback = &*self.compiled.borrow() {
            return Ok(None);
        }
        let pyfunc = self.pyfunc.bind(py);
        match lower(pyfunc, slf.as_any())? {
            Ok((f, cells)) => {
                *self.cells.borrow_mut() = cells;
                *self.compiled.borrow_mut() = Compiled::Ready(f.clone());
                Ok(Some(f))
            }
            Err(reason) => {
                *self.compiled.borrow_mut() = Compiled::Fallback;
                self.warn_once(py, &reason)?;
                Ok(None)
            }
        }
    }

    fn cells_unchanged(&self, py: Python<'_>) -> PyResult<bool> {
        for (cell, seen) in self.cells.borrow().iter() {
            if !cell.bind(py).getattr("cell_contents")?.is(seen.bind(py)) {
                return Ok(false);
            }
        }
        Ok(true)
    }

    fn warn_once(&self, py: Python<'_>, reason: &str) -> PyResult<()> {
        if !self.warned.borrow_mut().insert(reason.to_string()) {
            return Ok(());
        }
        let name = self.pyfunc.bind(py).getattr("__qualname__")?;
        let msg = format!("numpypy.jit: {name}() runs as plain Python: {reason}");
        let category = py.import("numpypy._jit")?.getattr("JitFallbackWarning")?;
        let category = category.cast::<PyType>()?;
        PyErr::warn(py, category, &std::ffi::CString::new(msg)?, 1)
    }
}

/// The reason the call cannot run in the interpreter, if an argument is of an unsupported kind.
fn unsupported_argument(
    func: &Function,
    vals: &[Value],
    kwnames: &[Value],
    npos: usize,
    args: &Bound<'_, PyTuple>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<Option<String>> {
    for (i, v) in vals.iter().enumerate() {
        if !matches!(v, Value::Obj(_) | Value::Str(_)) {
            continue;
        }
        let obj = if i < npos { args.get_item(i)? } else { kwargs.unwrap().get_item(to_py(args.py(), &kwnames[i - npos])?)?.unwrap() };
        if supported_object(&obj)? {
            continue;
        }
        let name = if i < npos { func.code.argnames.get(i).cloned().unwrap_or_else(|| format!("#{i}")) } else { format!("{:?}", kwnames[i - npos]) };
        let tname = obj.get_type().name()?;
        return Ok(Some(format!("argument '{name}' is a {tname} object, which numpypy.jit does not support")));
    }
    Ok(None)
}

/// Opaque objects a call may pass in: types, modules, callables, dtypes (not strings: their
/// methods are outside what the JIT supports).
fn supported_object(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    let py = obj.py();
    let types = py.import("types")?;
    Ok(obj.is_instance_of::<PyType>()
        || obj.is_instance_of::<PyModule>()
        || obj.is_instance(&types.getattr("BuiltinFunctionType")?)?
        || obj.is_instance(&types.getattr("FunctionType")?)?
        || obj.is_instance_of::<crate::dtype::PyDType>())
}

/// A jitted function for `v` if it is a `numpypy.jit` function or a plain Python function that
/// lowers; None otherwise (then it is called through Python).
pub fn function_value(v: &Bound<'_, PyAny>) -> PyResult<Option<Rc<Function>>> {
    let py = v.py();
    if let Ok(j) = v.cast::<JitFunction>() {
        return j.borrow().ensure(j);
    }
    let types = py.import("types")?;
    if !v.get_type().is(&types.getattr("FunctionType")?) {
        return Ok(None);
    }
    let key = v.as_ptr() as usize;
    if let Some((_, f)) = PLAIN.with(|p| p.borrow().get(&key).map(|(o, f)| (o.clone_ref(py), f.clone()))) {
        return Ok(f);
    }
    // Mark first (recursion reaches here again while lowering resolves nothing, but be safe).
    PLAIN.with(|p| p.borrow_mut().insert(key, (v.clone().unbind(), None)));
    let f = match lower(v, v)? {
        Ok((f, cells)) if cells.is_empty() => Some(f),
        _ => None,
    };
    PLAIN.with(|p| p.borrow_mut().insert(key, (v.clone().unbind(), f.clone())));
    Ok(f)
}

type Lowered = (Rc<Function>, Vec<(Py<PyAny>, Py<PyAny>)>);

/// Lower `pyfunc` through the frontend: Ok(Err(reason)) when it cannot be.
fn lower(pyfunc: &Bound<'_, PyAny>, wrapper: &Bound<'_, PyAny>) -> PyResult<Result<Lowered, String>> {
    let py = pyfunc.py();
    let frontend = py.import("numpypy._jit_frontend")?;
    let d = match frontend.getattr("lower")?.call1((pyfunc,)) {
        Ok(d) => d,
        Err(e) if e.is_instance(py, &frontend.getattr("Unsupported")?) => {
            let v = e.value(py);
            let construct: String = v.getattr("construct")?.extract()?;
            let line: u32 = v.getattr("lineno")?.extract()?;
            let file: String = pyfunc.getattr("__code__")?.getattr("co_filename")?.extract()?;
            return Ok(Err(format!("{construct} is not supported ({file}, line {line})")));
        }
        Err(e) => return Err(e),
    };
    let code = match decode(&d) {
        Ok(c) => c,
        Err(msg) => return Ok(Err(format!("internal error lowering it: {msg}"))),
    };
    if let Err(e) = code.verify() {
        return Ok(Err(format!("internal error lowering it: {}", e.0)));
    }
    let defaults = match pyfunc.getattr("__defaults__")? {
        d if d.is_none() => vec![],
        d => d.cast::<PyTuple>()?.iter().map(|x| to_value(&x)).collect::<PyResult<_>>()?,
    };
    let globals = pyfunc.getattr("__globals__")?.cast_into::<PyDict>()?;
    let builtins = match globals.get_item("__builtins__")? {
        Some(b) => b,
        None => py.import("builtins")?.into_any(),
    };
    let obj = ::jit::Obj(Rc::new(PyFn { wrapper: wrapper.clone().unbind(), globals: globals.unbind(), builtins: builtins.unbind() }));
    let mut cells = vec![];
    let closure = pyfunc.getattr("__closure__")?;
    if !closure.is_none() {
        for cell in closure.try_iter()? {
            let cell = cell?;
            let seen = cell.getattr("cell_contents")?;
            cells.push((cell.unbind(), seen.unbind()));
        }
    }
    Ok(Ok((Rc::new(Function::new(Rc::new(code), defaults, obj)), cells)))
}

/// The frontend's dict -> `Code`.
fn decode(d: &Bound<'_, PyAny>) -> PyResult<Code> {
    let get = |k: &str| d.get_item(k);
    let mut ops = vec![];
    let mut lines = vec![];
    for ins in get("code")?.try_iter()? {
        let ins = ins?;
        let name: String = ins.get_item(0)?.extract()?;
        let line: u32 = ins.get_item(1)?.extract()?;
        let operands: Vec<i64> = ins.get_item(2)?.extract()?;
        let operands: Vec<u32> = operands.iter().map(|&v| if v == -1 { NO_KW } else { v as u32 }).collect();
        ops.push(Op::decode(&name, &operands).map_err(PyRuntimeError::new_err)?);
        lines.push(line);
    }
    let consts = get("consts")?.try_iter()?.map(|c| to_value(&c?)).collect::<PyResult<_>>()?;
    let mut globals = vec![];
    for g in get("globals")?.try_iter()? {
        let g = g?;
        globals.push(GlobalRef { name: g.get_item(0)?.extract()?, attrs: g.get_item(1)?.extract()? });
    }
    Ok(Code {
        name: get("name")?.extract()?,
        filename: get("filename")?.extract()?,
        firstlineno: get("firstlineno")?.extract()?,
        argnames: get("argnames")?.extract()?,
        nregs: get("nregs")?.extract()?,
        localnames: get("localnames")?.extract()?,
        consts,
        globals,
        ops,
        lines,
        nloops: get("nloops")?.extract()?,
        source: get("source")?.extract()?,
    })
}

/// `_core._jit_set_threshold(n)`: loop iterations before tracing (0: never); returns the old.
#[pyfunction]
pub fn _jit_set_threshold(n: u32) -> u32 {
    let old = ::jit::trace::threshold();
    ::jit::trace::set_threshold(n);
    old
}

/// `_core._jit_spec()`: the bytecode definition for the frontend.
#[pyfunction]
pub fn _jit_spec(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let d = PyDict::new(py);
    let ops = PyDict::new(py);
    for (name, fields) in OPCODES {
        ops.set_item(name, PyTuple::new(py, fields.iter())?)?;
    }
    d.set_item("opcodes", ops)?;
    d.set_item("binops", BINOPS.iter().map(|o| format!("{o:?}")).collect::<Vec<_>>())?;
    d.set_item("unops", UNOPS.iter().map(|o| format!("{o:?}")).collect::<Vec<_>>())?;
    d.set_item("cmpops", CMPOPS.iter().map(|o| format!("{o:?}")).collect::<Vec<_>>())?;
    d.set_item("no_kw", -1)?;
    Ok(d)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<JitFunction>()?;
    m.add_function(wrap_pyfunction!(_jit_spec, m)?)?;
    m.add_function(wrap_pyfunction!(_jit_set_threshold, m)?)?;
    Ok(())
}
