//! The JIT's `Host` over pyo3: conversions between Python objects and `::jit::Value` (numbers and
//! numpypy scalars unboxed, arrays with their numrt view, `@jit` and plain Python functions
//! compiled on first sight, the builtins the interpreter runs natively recognised by identity),
//! and every slow path as the real Python operation on the boxed values.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use ::jit::bytecode::{BinOp, CmpOp, GlobalRef, UnOp};
use ::jit::value::{ArrayRef, Builtin, RangeVal, BUILTINS};
use ::jit::{Exc, ExcKind, Function, Host, Obj, Res, Value};
use num_complex::Complex64;
use pyo3::exceptions::*;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyComplex, PyDict, PyFloat, PyInt, PyRange, PyString, PyTuple};

use crate::errors::IntoPyResult;
use crate::ndarray::PyNdArray;
use crate::scalars::{scalar_object, scalar_value};

thread_local! {
    /// Bumped whenever Python code may have run (the interpreter's global caches watch it).
    static GENERATION: Cell<u64> = const { Cell::new(0) };
    static BUILTIN_TABLE: RefCell<Option<HashMap<usize, Rc<Builtin>>>> = const { RefCell::new(None) };
}

pub fn bump() {
    GENERATION.with(|g| g.set(g.get().wrapping_add(1)));
}

/// A Python function's identity for the interpreter: the object calls box to (`wrapper`: the
/// `numpypy.jit` object or the plain function) and the function whose globals it reads.
pub struct PyFn {
    pub wrapper: Py<PyAny>,
    pub globals: Py<PyDict>,
    pub builtins: Py<PyAny>,
}

pub fn obj(b: Bound<'_, PyAny>) -> Obj {
    Obj(Rc::new(b.unbind()))
}

/// The Python object behind an `Obj`.
pub fn obj_py<'py>(py: Python<'py>, o: &Obj) -> Bound<'py, PyAny> {
    if let Some(p) = o.0.downcast_ref::<Py<PyAny>>() {
        return p.bind(py).clone();
    }
    if let Some(f) = o.0.downcast_ref::<PyFn>() {
        return f.wrapper.bind(py).clone();
    }
    unreachable!("every Obj holds a Python object")
}

/// Python value -> interpreter value.
pub fn to_value(v: &Bound<'_, PyAny>) -> PyResult<Value> {
    let py = v.py();
    if v.is_none() {
        return Ok(Value::None);
    }
    if let Ok(b) = v.cast_exact::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if v.is_exact_instance_of::<PyInt>() {
        return Ok(match v.extract::<i64>() {
            Ok(i) => Value::Int(i),
            Err(_) => Value::big(v.extract::<num_bigint::BigInt>()?),
        });
    }
    if let Ok(f) = v.cast_exact::<PyFloat>() {
        return Ok(Value::Float(f.value()));
    }
    if let Ok(c) = v.cast_exact::<PyComplex>() {
        return Ok(Value::Complex(Complex64::new(c.real(), c.imag())));
    }
    if let Some(s) = scalar_value(v)? {
        return Ok(Value::Np(s));
    }
    if let Ok(a) = v.cast::<PyNdArray>() {
        let view = a.get().arr.claim().py()?;
        return Ok(Value::Array(Rc::new(ArrayRef { obj: obj(v.clone()), view })));
    }
    if let Ok(t) = v.cast_exact::<PyTuple>() {
        let items: Vec<Value> = t.iter().map(|x| to_value(&x)).collect::<PyResult<_>>()?;
        return Ok(Value::tuple(items));
    }
    if let Ok(s) = v.cast_exact::<PyString>() {
        return Ok(Value::str(&s.to_cow()?));
    }
    if let Ok(r) = v.cast_exact::<PyRange>() {
        let get = |n: &str| r.getattr(n).and_then(|x| x.extract::<i64>());
        if let (Ok(start), Ok(stop), Ok(step)) = (get("start"), get("stop"), get("step")) {
            return Ok(Value::Range(RangeVal { start, stop, step }));
        }
    }
    if let Some(b) = builtin(py, v)? {
        return Ok(Value::Builtin(b));
    }
    if let Some(f) = crate::jit_fn::function_value(v)? {
        return Ok(Value::Func(f));
    }
    Ok(Value::Obj(obj(v.clone())))
}

/// The builtin `v` is, if the interpreter runs it natively.
fn builtin(py: Python<'_>, v: &Bound<'_, PyAny>) -> PyResult<Option<Rc<Builtin>>> {
    BUILTIN_TABLE.with(|t| {
        if t.borrow().is_none() {
            *t.borrow_mut() = Some(builtin_table(py)?);
        }
        Ok(t.borrow().as_ref().unwrap().get(&(v.as_ptr() as usize)).cloned())
    })
}

fn builtin_table(py: Python<'_>) -> PyResult<HashMap<usize, Rc<Builtin>>> {
    let builtins = py.import("builtins")?;
    let math = py.import("math")?;
    let mut table = HashMap::new();
    for &(id, name) in BUILTINS {
        let f = match name.strip_prefix("math.") {
            Some(m) => math.getattr(m)?,
            None => builtins.getattr(name)?,
        };
        table.insert(f.as_ptr() as usize, Rc::new(Builtin { id, obj: obj(f) }));
    }
    Ok(table)
}

/// Interpreter value -> Python value.
pub fn to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Unbound => return Err(PyRuntimeError::new_err("numpypy.jit: unbound value escaped")),
        Value::None => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Int(i) => i.into_pyobject(py)?.into_any(),
        Value::BigInt(b) => (**b).clone().into_pyobject(py)?.into_any(),
        Value::Float(f) => PyFloat::new(py, *f).into_any(),
        Value::Complex(c) => PyComplex::from_doubles(py, c.re, c.im).into_any(),
        Value::Np(s) => scalar_object(py, *s)?,
        Value::Str(s) => PyString::new(py, s).into_any(),
        Value::Tuple(t) => PyTuple::new(py, t.iter().map(|x| to_py(py, x)).collect::<PyResult<Vec<_>>>()?)?.into_any(),
        Value::Range(r) => py.import("builtins")?.getattr("range")?.call1((r.start, r.stop, r.step))?,
        Value::Array(a) => obj_py(py, &a.obj),
        Value::Func(f) => obj_py(py, &f.obj),
        Value::Builtin(b) => obj_py(py, &b.obj),
        Value::Iter(it) => match &*it.borrow() {
            ::jit::value::IterState::Host(o) => obj_py(py, o),
            _ => return Err(PyRuntimeError::new_err("numpypy.jit: a loop iterator escaped")),
        },
        Value::Obj(o) => obj_py(py, o),
    })
}

/// A Python exception as an interpreter exception.
pub fn exc_from(py: Python<'_>, e: PyErr) -> Exc {
    Exc::Host(obj(e.into_value(py).into_bound(py).into_any()))
}

/// An interpreter exception as a Python exception.
pub fn exc_to_pyerr(py: Python<'_>, e: Exc) -> PyErr {
    match e {
        Exc::Host(o) => PyErr::from_value(obj_py(py, &o)),
        Exc::Native { kind, msg } => match kind {
            ExcKind::ZeroDivisionError => PyZeroDivisionError::new_err(msg),
            ExcKind::IndexError => PyIndexError::new_err(msg),
            ExcKind::OverflowError => PyOverflowError::new_err(msg),
            ExcKind::ValueError => PyValueError::new_err(msg),
            ExcKind::TypeError => PyTypeError::new_err(msg),
            ExcKind::NameError => PyNameError::new_err(msg),
            ExcKind::UnboundLocalError => PyUnboundLocalError::new_err(msg),
            ExcKind::RecursionError => PyRecursionError::new_err(msg),
            ExcKind::StopIteration => PyStopIteration::new_err(msg),
        },
    }
}

/// The host for one call from Python into the interpreter.
pub struct PyHost<'py> {
    pub py: Python<'py>,
    room: usize,
}

impl<'py> PyHost<'py> {
    pub fn new(py: Python<'py>) -> PyResult<PyHost<'py>> {
        // Python code ran since the last call: cached globals are stale.
        bump();
        let sys = py.import("sys")?;
        let limit: usize = sys.getattr("getrecursionlimit")?.call0()?.extract()?;
        let mut depth = 0usize;
        let mut frame = sys.getattr("_getframe")?.call0()?;
        while !frame.is_none() && depth < limit {
            depth += 1;
            frame = frame.getattr("f_back")?;
        }
        Ok(PyHost { py, room: limit.saturating_sub(depth + 1) })
    }

    fn box_(&self, v: &Value) -> Res<Bound<'py, PyAny>> {
        to_py(self.py, v).map_err(|e| exc_from(self.py, e))
    }

    fn unbox(&self, r: PyResult<Bound<'py, PyAny>>) -> Res<Value> {
        r.and_then(|b| to_value(&b)).map_err(|e| exc_from(self.py, e))
    }

    fn args(&self, args: &[Value], kwnames: &[Value]) -> Res<(Bound<'py, PyTuple>, Option<Bound<'py, PyDict>>)> {
        let npos = args.len() - kwnames.len();
        let pos: Vec<Bound<'py, PyAny>> = args[..npos].iter().map(|a| self.box_(a)).collect::<Res<_>>()?;
        let tuple = PyTuple::new(self.py, pos).map_err(|e| exc_from(self.py, e))?;
        if kwnames.is_empty() {
            return Ok((tuple, None));
        }
        let kw = PyDict::new(self.py);
        for (k, v) in kwnames.iter().zip(&args[npos..]) {
            kw.set_item(self.box_(k)?, self.box_(v)?).map_err(|e| exc_from(self.py, e))?;
        }
        Ok((tuple, Some(kw)))
    }

    fn operator(&self, name: &str) -> Res<Bound<'py, PyAny>> {
        self.py.import("operator").and_then(|m| m.getattr(name)).map_err(|e| exc_from(self.py, e))
    }
}

fn binop_operator(op: BinOp, inplace: bool) -> &'static str {
    let names = ["add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "lshift", "rshift", "and_", "or_", "xor", "matmul"];
    let inames = ["iadd", "isub", "imul", "itruediv", "ifloordiv", "imod", "ipow", "ilshift", "irshift", "iand", "ior", "ixor", "imatmul"];
    if inplace { inames[op as usize] } else { names[op as usize] }
}

impl Host for PyHost<'_> {
    fn generation(&self) -> u64 {
        GENERATION.with(|g| g.get())
    }

    fn resolve_global(&mut self, func: &Function, g: &GlobalRef) -> Res<Value> {
        let py = self.py;
        let f = func.obj.0.downcast_ref::<PyFn>().expect("a jitted function's object is a PyFn");
        let globals = f.globals.bind(py);
        let mut v = match globals.get_item(&g.name).map_err(|e| exc_from(py, e))? {
            Some(v) => v,
            None => {
                let b = f.builtins.bind(py);
                let found = if let Ok(d) = b.cast::<PyDict>() { d.get_item(&g.name).ok().flatten() } else { b.getattr(g.name.as_str()).ok() };
                match found {
                    Some(v) => v,
                    None => return Err(Exc::new(ExcKind::NameError, format!("name '{}' is not defined", g.name))),
                }
            }
        };
        for a in &g.attrs {
            v = v.getattr(a.as_str()).map_err(|e| exc_from(py, e))?;
        }
        to_value(&v).map_err(|e| exc_from(py, e))
    }

    fn binary(&mut self, op: BinOp, inplace: bool, a: &Value, b: &Value) -> Res<Value> {
        bump();
        let f = self.operator(binop_operator(op, inplace))?;
        let r = f.call1((self.box_(a)?, self.box_(b)?));
        self.unbox(r)
    }

    fn unary(&mut self, op: UnOp, a: &Value) -> Res<Value> {
        bump();
        let name = match op {
            UnOp::Neg => "neg",
            UnOp::Pos => "pos",
            UnOp::Invert => "invert",
            UnOp::Not => "not_",
        };
        let f = self.operator(name)?;
        let r = f.call1((self.box_(a)?,));
        self.unbox(r)
    }

    fn compare(&mut self, op: CmpOp, a: &Value, b: &Value) -> Res<Value> {
        bump();
        let (x, y) = (self.box_(a)?, self.box_(b)?);
        use pyo3::basic::CompareOp as C;
        let r = match op {
            CmpOp::Lt => x.rich_compare(y, C::Lt),
            CmpOp::Le => x.rich_compare(y, C::Le),
            CmpOp::Eq => x.rich_compare(y, C::Eq),
            CmpOp::Ne => x.rich_compare(y, C::Ne),
            CmpOp::Gt => x.rich_compare(y, C::Gt),
            CmpOp::Ge => x.rich_compare(y, C::Ge),
            CmpOp::Is => return Ok(Value::Bool(x.is(&y))),
            CmpOp::IsNot => return Ok(Value::Bool(!x.is(&y))),
            CmpOp::In => y.contains(x).map(|b| PyBool::new(self.py, b).to_owned().into_any()),
            CmpOp::NotIn => y.contains(x).map(|b| PyBool::new(self.py, !b).to_owned().into_any()),
        };
        self.unbox(r)
    }

    fn truth(&mut self, a: &Value) -> Res<bool> {
        bump();
        self.box_(a)?.is_truthy().map_err(|e| exc_from(self.py, e))
    }

    fn getattr(&mut self, o: &Value, name: &str) -> Res<Value> {
        bump();
        let r = self.box_(o)?.getattr(name);
        self.unbox(r)
    }

    fn setattr(&mut self, o: &Value, name: &str, v: &Value) -> Res<()> {
        bump();
        self.box_(o)?.setattr(name, self.box_(v)?).map_err(|e| exc_from(self.py, e))
    }

    fn getitem(&mut self, o: &Value, idx: &Value) -> Res<Value> {
        bump();
        let r = self.box_(o)?.get_item(self.box_(idx)?);
        self.unbox(r)
    }

    fn setitem(&mut self, o: &Value, idx: &Value, v: &Value) -> Res<()> {
        bump();
        self.box_(o)?.set_item(self.box_(idx)?, self.box_(v)?).map_err(|e| exc_from(self.py, e))
    }

    fn call(&mut self, f: &Value, args: &[Value], kwnames: &[Value]) -> Res<Value> {
        bump();
        let (pos, kw) = self.args(args, kwnames)?;
        let r = self.box_(f)?.call(pos, kw.as_ref());
        self.unbox(r)
    }

    fn call_method(&mut self, o: &Value, name: &str, args: &[Value], kwnames: &[Value]) -> Res<Value> {
        bump();
        let (pos, kw) = self.args(args, kwnames)?;
        let r = self.box_(o)?.getattr(name).and_then(|m| m.call(pos, kw.as_ref()));
        self.unbox(r)
    }

    fn iter(&mut self, o: &Value) -> Res<Obj> {
        bump();
        let it = self.box_(o)?.try_iter().map_err(|e| exc_from(self.py, e))?;
        Ok(obj(it.into_any()))
    }

    fn next(&mut self, it: &Obj) -> Res<Option<Value>> {
        bump();
        let it = obj_py(self.py, it);
        let it = it.cast::<pyo3::types::PyIterator>().map_err(|e| exc_from(self.py, e.into()))?.clone();
        match it.into_iter().next() {
            None => Ok(None),
            Some(r) => self.unbox(r).map(Some),
        }
    }

    fn raise(&mut self, v: &Value) -> Exc {
        bump();
        match self.box_(v) {
            Ok(b) => {
                let err = PyErr::from_value(b);
                exc_from(self.py, err)
            }
            Err(e) => e,
        }
    }

    fn same_object(&self, a: &Obj, b: &Obj) -> bool {
        obj_py(self.py, a).is(&obj_py(self.py, b))
    }

    fn recursion_room(&self) -> usize {
        self.room
    }
}
