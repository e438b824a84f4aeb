//! `Function`: one lowered Python function with its defaults, its Python object, the cache of
//! its resolved globals and its JIT state (loop counters, traces, statistics). Argument binding
//! with CPython's TypeError texts lives here too.

use std::cell::RefCell;
use std::rc::Rc;

use crate::bytecode::Code;
use crate::host::Host;
use crate::trace::LoopTraces;
use crate::value::{Exc, ExcKind, Obj, Res, Value};

/// Counters reported by `numpypy.jit.stats(f)`.
#[derive(Clone, Debug, Default)]
pub struct Stats {
    pub calls: u64,
    /// Times any loop header of this function ran in the interpreter.
    pub loop_iterations: u64,
    pub traces_recorded: u64,
    pub trace_aborts: u64,
    pub trace_entries: u64,
    pub guard_failures: u64,
    pub last_abort: Option<String>,
}

/// Mutable per-function state.
#[derive(Default)]
pub struct FnState {
    globals: Vec<Option<Value>>,
    globals_generation: u64,
    pub stats: Stats,
    pub loops: Vec<LoopTraces>,
}

pub struct Function {
    pub code: Rc<Code>,
    /// Values of the trailing parameters' defaults.
    pub defaults: Vec<Value>,
    /// The Python function (or the `numpypy.jit` wrapper) this is.
    pub obj: Obj,
    pub state: RefCell<FnState>,
}

impl std::fmt::Debug for Function {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<function {}>", self.code.name)
    }
}

impl Function {
    pub fn new(code: Rc<Code>, defaults: Vec<Value>, obj: Obj) -> Function {
        let nloops = code.nloops as usize;
        let state = FnState {
            globals: vec![None; code.globals.len()],
            globals_generation: u64::MAX,
            loops: (0..nloops).map(|_| LoopTraces::default()).collect(),
            ..FnState::default()
        };
        Function { code, defaults, obj, state: RefCell::new(state) }
    }

    /// Global `g`'s value, cached until Python code may have run.
    pub fn global(&self, g: u32, host: &mut dyn Host) -> Res<Value> {
        let generation = host.generation();
        {
            let mut st = self.state.borrow_mut();
            if st.globals_generation != generation {
                st.globals.iter_mut().for_each(|v| *v = None);
                st.globals_generation = generation;
            }
            if let Some(v) = &st.globals[g as usize] {
                return Ok(v.clone());
            }
        }
        let v = host.resolve_global(self, &self.code.globals[g as usize])?;
        let mut st = self.state.borrow_mut();
        if st.globals_generation == host.generation() {
            st.globals[g as usize] = Some(v.clone());
        }
        Ok(v)
    }

    /// The register file for a call: parameters bound from positional and keyword arguments
    /// (the last `kwnames.len()` of `args`) and defaults, with CPython's errors.
    pub fn bind(&self, args: &[Value], kwnames: &[Value]) -> Res<Vec<Value>> {
        let code = &self.code;
        let nparams = code.argnames.len();
        let npos = args.len() - kwnames.len();
        let mut regs = vec![Value::Unbound; code.nregs as usize];
        if npos > nparams {
            return Err(self.too_many(npos));
        }
        regs[..npos].clone_from_slice(&args[..npos]);
        for (name, v) in kwnames.iter().zip(&args[npos..]) {
            let Value::Str(name) = name else { unreachable!("verified kw names") };
            let Some(i) = code.argnames.iter().position(|a| **a == **name) else {
                return Err(type_error(format!("{}() got an unexpected keyword argument '{name}'", code.name)));
            };
            if !matches!(regs[i], Value::Unbound) {
                return Err(type_error(format!("{}() got multiple values for argument '{name}'", code.name)));
            }
            regs[i] = v.clone();
        }
        let first_default = nparams - self.defaults.len();
        let mut missing = vec![];
        for i in 0..nparams {
            if matches!(regs[i], Value::Unbound) {
                if i >= first_default {
                    regs[i] = self.defaults[i - first_default].clone();
                } else {
                    missing.push(code.argnames[i].clone());
                }
            }
        }
        if !missing.is_empty() {
            return Err(self.missing(&missing));
        }
        Ok(regs)
    }

    fn too_many(&self, given: usize) -> Exc {
        let n = self.code.argnames.len();
        let lo = n - self.defaults.len();
        let takes = if lo == n {
            format!("{n} positional argument{}", if n == 1 { "" } else { "s" })
        } else {
            format!("from {lo} to {n} positional arguments")
        };
        let were = if given == 1 { "was" } else { "were" };
        type_error(format!("{}() takes {takes} but {given} {were} given", self.code.name))
    }

    fn missing(&self, names: &[String]) -> Exc {
        let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
        let list = match quoted.as_slice() {
            [one] => one.clone(),
            [a, b] => format!("{a} and {b}"),
            [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
            [] => String::new(),
        };
        let s = if names.len() == 1 { "" } else { "s" };
        type_error(format!("{}() missing {} required positional argument{s}: {list}", self.code.name, names.len()))
    }
}

fn type_error(msg: String) -> Exc {
    Exc::new(ExcKind::TypeError, msg)
}
