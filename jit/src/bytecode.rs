//! The JIT's register bytecode: every instruction is declared once, in `opcodes!` below, with its
//! named operands. The Python frontend (`numpypy/_jit_frontend.py`) emits instructions by name
//! against `OPCODES` (exported through `numpypy._core._jit_opcodes`), `Op::decode` reads them
//! back, and `Code::verify` checks every operand against its role before anything runs.
//!
//! Operand roles follow from operand names: `dst`/`src`/`a`/`b`/`obj`/`idx`/`cond`/`iter`/`func`
//! are registers; `first` starts a run of `n` consecutive registers; `k` and `name` index the
//! constant table (`name` must hold a string); `kw` is a constant tuple of keyword names or
//! `NO_KW`; `g` indexes the global table; `target`/`exit` are instruction indexes; `op` is a
//! `BinOp`/`UnOp`/`CmpOp` number; `loop_id` numbers the loop headers.
//!
//! This module owns the instruction set and its validity; what instructions do is `interp`.

use crate::value::Value;

/// `kw` operand meaning "no keyword arguments".
pub const NO_KW: u32 = u32::MAX;

macro_rules! opcodes {
    ($( $(#[$doc:meta])* $name:ident { $($field:ident),* } ),* $(,)?) => {
        /// One bytecode instruction.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Op { $( $(#[$doc])* $name { $($field: u32),* } ),* }

        /// Every opcode's name and operand names, in declaration order.
        pub const OPCODES: &[(&str, &[&str])] = &[ $( (stringify!($name), &[$(stringify!($field)),*]) ),* ];

        impl Op {
            /// The instruction `name` with `args` in declared operand order.
            pub fn decode(name: &str, args: &[u32]) -> Result<Op, String> {
                match name {
                    $( stringify!($name) => {
                        let want: usize = 0 $(+ { let _ = stringify!($field); 1 })*;
                        if args.len() != want {
                            return Err(format!("{} takes {} operands, got {}", name, want, args.len()));
                        }
                        #[allow(unused_mut, unused_variables)]
                        let mut it = args.iter().copied();
                        Ok(Op::$name { $($field: it.next().unwrap()),* })
                    } )*
                    _ => Err(format!("unknown opcode {name}")),
                }
            }

            pub fn name(&self) -> &'static str {
                match self { $( Op::$name { .. } => stringify!($name) ),* }
            }

            /// `(operand name, value)` pairs in declared order.
            pub fn operands(&self) -> Vec<(&'static str, u32)> {
                match *self { $( Op::$name { $($field),* } => vec![$((stringify!($field), $field)),*] ),* }
            }
        }
    };
}

opcodes! {
    Nop {},
    /// dst = consts[k]
    LoadConst { dst, k },
    /// dst = src
    Move { dst, src },
    /// dst = the global (or builtin, or module attribute path) `g`, looked up when it runs.
    LoadGlobal { dst, g },
    /// Raise UnboundLocalError naming consts[name] when register `src` holds no value.
    CheckBound { src, name },
    /// dst = a <op> b
    Binary { dst, a, b, op },
    /// dst = a <op>= b (in-place: arrays update themselves)
    Inplace { dst, a, b, op },
    /// dst = <op> a
    Unary { dst, a, op },
    /// dst = a <op> b
    Compare { dst, a, b, op },
    Jump { target },
    /// Jump when bool(cond) is true.
    JumpIfTrue { cond, target },
    /// Jump when bool(cond) is false.
    JumpIfFalse { cond, target },
    /// A loop header (the target of the loop's back edge): counts iterations for tracing.
    LoopHead { loop_id },
    /// iter = iter(src)
    GetIter { iter, src },
    /// dst = next(iter), or jump to `exit` when exhausted.
    ForIter { dst, iter, exit },
    /// dst = obj[idx]
    GetItem { dst, obj, idx },
    /// dst = obj[r(first), ..., r(first+n-1)] (a tuple index, no tuple built)
    GetItemN { dst, obj, first, n },
    /// obj[idx] = src
    SetItem { obj, idx, src },
    /// obj[r(first), ..., r(first+n-1)] = src
    SetItemN { obj, first, n, src },
    /// dst = obj.<consts[name]>
    GetAttr { dst, obj, name },
    /// obj.<consts[name]> = src
    SetAttr { obj, name, src },
    /// dst = (r(first), ..., r(first+n-1))
    BuildTuple { dst, first, n },
    /// r(first), ..., r(first+n-1) = src (sequence unpacking)
    Unpack { first, n, src },
    /// dst = func(r(first) .. r(first+n-1)); the last len(consts[kw]) are keyword arguments.
    Call { dst, func, first, n, kw },
    /// dst = obj.<consts[name]>(r(first) .. r(first+n-1), keywords as for Call)
    CallMethod { dst, obj, name, first, n, kw },
    Return { src },
    /// raise src (an exception class or instance)
    Raise { src },
}

/// Binary operators, numbered in this order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinOp {
    Add, Sub, Mul, TrueDiv, FloorDiv, Mod, Pow, LShift, RShift, BitAnd, BitOr, BitXor, MatMul,
}

/// Unary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnOp {
    Neg, Pos, Invert, Not,
}

/// Comparison operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CmpOp {
    Lt, Le, Eq, Ne, Gt, Ge, Is, IsNot, In, NotIn,
}

pub const BINOPS: &[BinOp] = &[
    BinOp::Add, BinOp::Sub, BinOp::Mul, BinOp::TrueDiv, BinOp::FloorDiv, BinOp::Mod, BinOp::Pow,
    BinOp::LShift, BinOp::RShift, BinOp::BitAnd, BinOp::BitOr, BinOp::BitXor, BinOp::MatMul,
];
pub const UNOPS: &[UnOp] = &[UnOp::Neg, UnOp::Pos, UnOp::Invert, UnOp::Not];
pub const CMPOPS: &[CmpOp] = &[
    CmpOp::Lt, CmpOp::Le, CmpOp::Eq, CmpOp::Ne, CmpOp::Gt, CmpOp::Ge, CmpOp::Is, CmpOp::IsNot,
    CmpOp::In, CmpOp::NotIn,
];

impl BinOp {
    pub fn from_u32(i: u32) -> Option<BinOp> {
        BINOPS.get(i as usize).copied()
    }
    /// Python's operator symbol.
    pub fn symbol(self) -> &'static str {
        ["+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^", "@"][self as usize]
    }
    /// The ufunc NumPy runs for this operator.
    pub fn ufunc(self) -> &'static str {
        [
            "add", "subtract", "multiply", "divide", "floor_divide", "remainder", "power",
            "left_shift", "right_shift", "bitwise_and", "bitwise_or", "bitwise_xor", "matmul",
        ][self as usize]
    }
}

impl UnOp {
    pub fn from_u32(i: u32) -> Option<UnOp> {
        UNOPS.get(i as usize).copied()
    }
}

impl CmpOp {
    pub fn from_u32(i: u32) -> Option<CmpOp> {
        CMPOPS.get(i as usize).copied()
    }
    pub fn symbol(self) -> &'static str {
        ["<", "<=", "==", "!=", ">", ">=", "is", "is not", "in", "not in"][self as usize]
    }
    /// The comparison ufunc for the rich comparisons.
    pub fn ufunc(self) -> Option<&'static str> {
        Some(match self {
            CmpOp::Lt => "less",
            CmpOp::Le => "less_equal",
            CmpOp::Eq => "equal",
            CmpOp::Ne => "not_equal",
            CmpOp::Gt => "greater",
            CmpOp::Ge => "greater_equal",
            _ => return None,
        })
    }
    /// `b op a` for `a op b` (Python's reflected comparison).
    pub fn swapped(self) -> CmpOp {
        match self {
            CmpOp::Lt => CmpOp::Gt,
            CmpOp::Le => CmpOp::Ge,
            CmpOp::Gt => CmpOp::Lt,
            CmpOp::Ge => CmpOp::Le,
            other => other,
        }
    }
}

/// A global name as the function reads it: `name`, then attributes of it looked up once per
/// resolution (`math.sqrt` is `GlobalRef { name: "math", attrs: ["sqrt"] }`, folded by the
/// frontend only when `math` is a module).
#[derive(Clone, Debug, PartialEq)]
pub struct GlobalRef {
    pub name: String,
    pub attrs: Vec<String>,
}

impl GlobalRef {
    pub fn dotted(&self) -> String {
        let mut s = self.name.clone();
        for a in &self.attrs {
            s.push('.');
            s.push_str(a);
        }
        s
    }
}

/// One lowered function.
#[derive(Debug)]
pub struct Code {
    pub name: String,
    pub filename: String,
    pub firstlineno: u32,
    /// Parameter names; parameter i lives in register i.
    pub argnames: Vec<String>,
    /// Register count (locals first, then temporaries).
    pub nregs: u32,
    /// Names of the local-variable registers (`localnames[r]` for r < localnames.len()).
    pub localnames: Vec<String>,
    pub consts: Vec<Value>,
    pub globals: Vec<GlobalRef>,
    pub ops: Vec<Op>,
    /// Source line of each instruction.
    pub lines: Vec<u32>,
    /// Number of `LoopHead` ids.
    pub nloops: u32,
    /// The function's source lines (for the JIT log).
    pub source: Vec<String>,
}

/// What is wrong with a `Code`.
#[derive(Debug, Clone, PartialEq)]
pub struct VerifyError(pub String);

impl Code {
    /// Check every operand against its role, jump targets, constant kinds and the line table.
    pub fn verify(&self) -> Result<(), VerifyError> {
        let err = |pc: usize, msg: String| VerifyError(format!("{}: instruction {pc}: {msg}", self.name));
        if self.lines.len() != self.ops.len() {
            return Err(VerifyError(format!("{}: {} lines for {} instructions", self.name, self.lines.len(), self.ops.len())));
        }
        if self.argnames.len() > self.localnames.len() || self.localnames.len() > self.nregs as usize {
            return Err(VerifyError(format!("{}: register layout inconsistent", self.name)));
        }
        if !matches!(self.ops.last(), Some(Op::Return { .. } | Op::Raise { .. } | Op::Jump { .. })) {
            return Err(VerifyError(format!("{}: code can run off its end", self.name)));
        }
        for (pc, op) in self.ops.iter().enumerate() {
            let ops = op.operands();
            let n = ops.iter().find(|(f, _)| *f == "n").map(|(_, v)| *v);
            for (field, v) in ops {
                self.check_operand(op, field, v, n).map_err(|m| err(pc, m))?;
            }
        }
        Ok(())
    }

    fn check_operand(&self, op: &Op, field: &str, v: u32, n: Option<u32>) -> Result<(), String> {
        let reg = |r: u32| if r < self.nregs { Ok(()) } else { Err(format!("{} register {r} out of range", op.name())) };
        match field {
            "dst" | "src" | "a" | "b" | "obj" | "idx" | "cond" | "iter" | "func" => reg(v),
            "first" => {
                let count = n.unwrap_or(0);
                if count == 0 { Ok(()) } else { reg(v).and(reg(v + count - 1)) }
            }
            "n" => Ok(()),
            "k" => self.consts.get(v as usize).map(|_| ()).ok_or(format!("constant {v} out of range")),
            "name" => match self.consts.get(v as usize) {
                Some(Value::Str(_)) => Ok(()),
                _ => Err(format!("name operand {v} is not a string constant")),
            },
            "kw" => self.check_kw(op, v, n),
            "g" => if (v as usize) < self.globals.len() { Ok(()) } else { Err(format!("global {v} out of range")) },
            "target" | "exit" => if (v as usize) < self.ops.len() { Ok(()) } else { Err(format!("jump target {v} out of range")) },
            "loop_id" => if v < self.nloops { Ok(()) } else { Err(format!("loop id {v} out of range")) },
            "op" => self.check_subop(op, v),
            other => Err(format!("unknown operand role {other}")),
        }
    }

    fn check_kw(&self, op: &Op, v: u32, n: Option<u32>) -> Result<(), String> {
        if v == NO_KW {
            return Ok(());
        }
        match self.consts.get(v as usize) {
            Some(Value::Tuple(t)) if t.iter().all(|x| matches!(x, Value::Str(_))) => {
                if t.len() as u32 > n.unwrap_or(0) {
                    Err(format!("{}: more keyword names than arguments", op.name()))
                } else {
                    Ok(())
                }
            }
            _ => Err(format!("{}: kw operand {v} is not a tuple of names", op.name())),
        }
    }

    fn check_subop(&self, op: &Op, v: u32) -> Result<(), String> {
        let ok = match op {
            Op::Binary { .. } | Op::Inplace { .. } => BinOp::from_u32(v).is_some(),
            Op::Unary { .. } => UnOp::from_u32(v).is_some(),
            Op::Compare { .. } => CmpOp::from_u32(v).is_some(),
            _ => false,
        };
        if ok { Ok(()) } else { Err(format!("{}: bad operator number {v}", op.name())) }
    }

    /// The keyword names of a call's `kw` operand.
    pub fn kwnames(&self, kw: u32) -> &[Value] {
        match self.consts.get(kw as usize) {
            Some(Value::Tuple(t)) if kw != NO_KW => t,
            _ => &[],
        }
    }

    /// One instruction as text, for the JIT log and debugging.
    pub fn disassemble(&self, pc: usize) -> String {
        let op = self.ops[pc];
        let args: Vec<String> = op.operands().iter().map(|(f, v)| format!("{f}={}", self.operand_text(&op, f, *v))).collect();
        format!("{pc:4} L{:<4} {} {}", self.lines[pc], op.name(), args.join(" "))
    }

    fn operand_text(&self, op: &Op, field: &str, v: u32) -> String {
        match field {
            "k" | "name" => format!("{:?}", self.consts[v as usize]),
            "g" => self.globals[v as usize].dotted(),
            "op" => match op {
                Op::Binary { .. } | Op::Inplace { .. } => BinOp::from_u32(v).map_or("?", |o| o.symbol()).to_string(),
                Op::Compare { .. } => CmpOp::from_u32(v).map_or("?", |o| o.symbol()).to_string(),
                _ => format!("{:?}", UnOp::from_u32(v)),
            },
            "kw" if v == NO_KW => "-".into(),
            _ => match self.localnames.get(v as usize) {
                Some(name) if is_register(field) => format!("r{v}({name})"),
                _ if is_register(field) => format!("r{v}"),
                _ => v.to_string(),
            },
        }
    }
}

fn is_register(field: &str) -> bool {
    matches!(field, "dst" | "src" | "a" | "b" | "obj" | "idx" | "cond" | "iter" | "func" | "first")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(ops: Vec<Op>, consts: Vec<Value>) -> Code {
        let lines = vec![1; ops.len()];
        Code {
            name: "t".into(), filename: "t.py".into(), firstlineno: 1, argnames: vec!["x".into()],
            nregs: 3, localnames: vec!["x".into()], consts, globals: vec![], ops, lines, nloops: 0,
            source: vec![],
        }
    }

    #[test]
    fn decode_round_trips_names_and_operands() {
        for (name, fields) in OPCODES {
            let args: Vec<u32> = (0..fields.len() as u32).collect();
            let op = Op::decode(name, &args).unwrap();
            assert_eq!(op.name(), *name);
            assert_eq!(op.operands().iter().map(|(_, v)| *v).collect::<Vec<_>>(), args);
        }
        assert!(Op::decode("Move", &[1]).is_err());
        assert!(Op::decode("Frobnicate", &[]).is_err());
    }

    #[test]
    fn verify_rejects_bad_registers_targets_and_constants() {
        let ok = code(vec![Op::Binary { dst: 1, a: 0, b: 0, op: 0 }, Op::Return { src: 1 }], vec![]);
        assert!(ok.verify().is_ok());
        let bad_reg = code(vec![Op::Move { dst: 7, src: 0 }, Op::Return { src: 0 }], vec![]);
        assert!(bad_reg.verify().is_err());
        let bad_jump = code(vec![Op::Jump { target: 9 }], vec![]);
        assert!(bad_jump.verify().is_err());
        let bad_name = code(vec![Op::GetAttr { dst: 1, obj: 0, name: 0 }, Op::Return { src: 1 }], vec![Value::Int(1)]);
        assert!(bad_name.verify().is_err());
        let off_end = code(vec![Op::Move { dst: 1, src: 0 }], vec![]);
        assert!(off_end.verify().is_err());
        let bad_op = code(vec![Op::Binary { dst: 1, a: 0, b: 0, op: 99 }, Op::Return { src: 1 }], vec![]);
        assert!(bad_op.verify().is_err());
    }
}
