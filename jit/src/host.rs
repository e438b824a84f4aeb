//! The `Host` trait: everything the interpreter cannot do without Python. numpypy implements it
//! with pyo3 (`numpypy/src/jit_host.rs`); Rust tests use a host that refuses everything.
//!
//! Contract: each method does exactly what CPython does for the operation on the boxed values
//! (it is the exact slow path the native fast paths fall back to), and `generation` changes
//! whenever Python code may have run, so that cached globals are looked up again.

use crate::bytecode::{BinOp, CmpOp, GlobalRef, UnOp};
use crate::function::Function;
use crate::value::{Exc, ExcKind, Obj, Res, Value};

pub trait Host {
    /// Changes whenever Python code may have run since the last call.
    fn generation(&self) -> u64;
    /// The current value of global `g` of `func` (NameError when it is not defined).
    fn resolve_global(&mut self, func: &Function, g: &GlobalRef) -> Res<Value>;
    fn binary(&mut self, op: BinOp, inplace: bool, a: &Value, b: &Value) -> Res<Value>;
    fn unary(&mut self, op: UnOp, a: &Value) -> Res<Value>;
    fn compare(&mut self, op: CmpOp, a: &Value, b: &Value) -> Res<Value>;
    fn truth(&mut self, a: &Value) -> Res<bool>;
    fn getattr(&mut self, obj: &Value, name: &str) -> Res<Value>;
    fn setattr(&mut self, obj: &Value, name: &str, v: &Value) -> Res<()>;
    fn getitem(&mut self, obj: &Value, idx: &Value) -> Res<Value>;
    fn setitem(&mut self, obj: &Value, idx: &Value, v: &Value) -> Res<()>;
    /// `f(*args[..n-k], **dict(zip(kwnames, args[n-k..])))`.
    fn call(&mut self, f: &Value, args: &[Value], kwnames: &[Value]) -> Res<Value>;
    fn call_method(&mut self, obj: &Value, name: &str, args: &[Value], kwnames: &[Value]) -> Res<Value>;
    /// `iter(obj)` as a host iterator.
    fn iter(&mut self, obj: &Value) -> Res<Obj>;
    /// `next(it)`, `None` when exhausted.
    fn next(&mut self, it: &Obj) -> Res<Option<Value>>;
    /// The exception `raise v` raises (TypeError when v is no exception).
    fn raise(&mut self, v: &Value) -> Exc;
    fn same_object(&self, a: &Obj, b: &Obj) -> bool;
    /// `sys.getrecursionlimit()` less the Python frames already in use.
    fn recursion_room(&self) -> usize;
}

/// A host with no Python behind it: every slow path raises TypeError. For Rust tests of the
/// native paths.
#[derive(Default)]
pub struct NoHost;

fn refuse<T>(what: &str) -> Res<T> {
    Err(Exc::new(ExcKind::TypeError, format!("no host for {what}")))
}

impl Host for NoHost {
    fn generation(&self) -> u64 {
        0
    }
    fn resolve_global(&mut self, _: &Function, g: &GlobalRef) -> Res<Value> {
        Err(Exc::new(ExcKind::NameError, format!("name '{}' is not defined", g.name)))
    }
    fn binary(&mut self, op: BinOp, _: bool, _: &Value, _: &Value) -> Res<Value> {
        refuse(op.symbol())
    }
    fn unary(&mut self, _: UnOp, _: &Value) -> Res<Value> {
        refuse("unary")
    }
    fn compare(&mut self, op: CmpOp, _: &Value, _: &Value) -> Res<Value> {
        refuse(op.symbol())
    }
    fn truth(&mut self, _: &Value) -> Res<bool> {
        refuse("truth")
    }
    fn getattr(&mut self, _: &Value, name: &str) -> Res<Value> {
        refuse(name)
    }
    fn setattr(&mut self, _: &Value, name: &str, _: &Value) -> Res<()> {
        refuse(name)
    }
    fn getitem(&mut self, _: &Value, _: &Value) -> Res<Value> {
        refuse("getitem")
    }
    fn setitem(&mut self, _: &Value, _: &Value, _: &Value) -> Res<()> {
        refuse("setitem")
    }
    fn call(&mut self, _: &Value, _: &[Value], _: &[Value]) -> Res<Value> {
        refuse("call")
    }
    fn call_method(&mut self, _: &Value, name: &str, _: &[Value], _: &[Value]) -> Res<Value> {
        refuse(name)
    }
    fn iter(&mut self, _: &Value) -> Res<Obj> {
        refuse("iter")
    }
    fn next(&mut self, _: &Obj) -> Res<Option<Value>> {
        refuse("next")
    }
    fn raise(&mut self, _: &Value) -> Exc {
        Exc::new(ExcKind::TypeError, "no host for raise")
    }
    fn same_object(&self, a: &Obj, b: &Obj) -> bool {
        std::rc::Rc::ptr_eq(&a.0, &b.0)
    }
    fn recursion_room(&self) -> usize {
        1000
    }
}
