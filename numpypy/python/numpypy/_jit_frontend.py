"""The JIT frontend: a Python function's source (``inspect.getsource`` + ``ast``) lowered to the
register bytecode of the Rust ``jit`` crate.

The instruction set is declared once, in ``jit/src/bytecode.rs``; this module reads it from
``_core._jit_spec()`` and checks every emitted instruction's operand count against it (Rust's
``Code::verify`` checks the rest). Constructs it cannot lower raise ``Unsupported`` naming the
construct and its source line; the caller then runs the function as plain Python.

Registers: parameters first, then the other locals, then temporaries (a stack per statement).
Reads of locals that may be unassigned get a ``CheckBound`` (CPython's UnboundLocalError).
"""

import ast
import inspect
import textwrap
import types

from . import _core

_SPEC = _core._jit_spec()
_OPCODES = _SPEC["opcodes"]
_NO_KW = _SPEC["no_kw"]

_BINOPS = {name: i for i, name in enumerate(_SPEC["binops"])}
_UNOPS = {name: i for i, name in enumerate(_SPEC["unops"])}
_CMPOPS = {name: i for i, name in enumerate(_SPEC["cmpops"])}

_AST_BINOP = {
    ast.Add: "Add", ast.Sub: "Sub", ast.Mult: "Mul", ast.Div: "TrueDiv",
    ast.FloorDiv: "FloorDiv", ast.Mod: "Mod", ast.Pow: "Pow", ast.LShift: "LShift",
    ast.RShift: "RShift", ast.BitAnd: "BitAnd", ast.BitOr: "BitOr", ast.BitXor: "BitXor",
    ast.MatMult: "MatMul",
}
_AST_UNOP = {ast.USub: "Neg", ast.UAdd: "Pos", ast.Invert: "Invert", ast.Not: "Not"}
_AST_CMPOP = {
    ast.Lt: "Lt", ast.LtE: "Le", ast.Eq: "Eq", ast.NotEq: "Ne", ast.Gt: "Gt", ast.GtE: "Ge",
    ast.Is: "Is", ast.IsNot: "IsNot", ast.In: "In", ast.NotIn: "NotIn",
}

# Closure cell contents that are treated as constants of the function.
_CONSTANT_CELL_TYPES = (int, float, complex, bool, str, type(None), tuple, types.ModuleType,
                        types.FunctionType, types.BuiltinFunctionType, type)


class Unsupported(Exception):
    """A construct the JIT does not lower: ``construct`` names it, ``lineno`` is its line."""

    def __init__(self, construct, lineno):
        super().__init__(f"{construct} (line {lineno})")
        self.construct = construct
        self.lineno = lineno


def lower(func):
    """Lower ``func`` to a dict the Rust side decodes (see ``numpypy/src/jit.rs``)."""
    return _Lowerer(func).run()


class _Label:
    __slots__ = ("pc",)

    def __init__(self):
        self.pc = None


class _Lowerer:
    def __init__(self, func):
        self.func = func
        code = func.__code__
        self.firstlineno = code.co_firstlineno
        self.filename = code.co_filename
        self.lineno = self.firstlineno
        try:
            lines, _ = inspect.getsourcelines(func)
        except (OSError, TypeError) as e:
            raise Unsupported(f"a function without source ({e})", self.firstlineno) from None
        self.source = [line.rstrip("\n") for line in lines]
        tree = ast.parse(textwrap.dedent("".join(lines)))
        fdef = tree.body[0]
        if not isinstance(fdef, ast.FunctionDef):
            raise Unsupported(f"{type(fdef).__name__} (only plain def functions)", self.firstlineno)
        self.fdef = fdef
        self.consts, self.const_keys = [], {}
        self.globals, self.global_keys = [], {}
        self.code = []
        self.nloops = 0
        self.loops = []  # (continue label, break label)
        self.cells = {}
        if code.co_freevars:
            for name, cell in zip(code.co_freevars, func.__closure__ or ()):
                try:
                    value = cell.cell_contents
                except ValueError:
                    raise Unsupported(f"closure over unassigned variable '{name}'", self.firstlineno) from None
                if not isinstance(value, _CONSTANT_CELL_TYPES):
                    raise Unsupported(f"closure over non-constant variable '{name}' "
                                      f"({type(value).__name__})", self.firstlineno)
                self.cells[name] = value

    # --- helpers -----------------------------------------------------------------------------

    def line(self, node):
        return getattr(node, "lineno", 1) - 1 + self.firstlineno

    def unsupported(self, what, node):
        raise Unsupported(what, self.line(node))

    def emit(self, opname, *operands):
        fields = _OPCODES[opname]
        if len(fields) != len(operands):
            raise AssertionError(f"{opname} takes {fields}, got {operands}")
        self.code.append([opname, self.lineno, list(operands)])
        return len(self.code) - 1

    def emit_jump(self, opname, label, *operands):
        """Emit a jump whose last operand (its target) is ``label``, patched in ``run``."""
        self.emit(opname, *operands, label)

    def place(self, label):
        label.pc = len(self.code)

    def const(self, value):
        key = (type(value), repr(value)) if not isinstance(value, tuple) else (tuple, repr(value))
        try:
            hash(value)
        except TypeError:
            key = (type(value), id(value))
        if key not in self.const_keys:
            self.const_keys[key] = len(self.consts)
            self.consts.append(value)
        return self.const_keys[key]

    def global_ref(self, name, attrs=()):
        key = (name, tuple(attrs))
        if key not in self.global_keys:
            self.global_keys[key] = len(self.globals)
            self.globals.append([name, list(attrs)])
        return self.global_keys[key]

    def temp(self):
        r = self.next_temp
        self.next_temp += 1
        self.max_regs = max(self.max_regs, self.next_temp)
        return r

    def temps(self, n):
        first = self.next_temp
        self.next_temp += n
        self.max_regs = max(self.max_regs, self.next_temp)
        return first

    # --- the function --------------------------------------------------------------------------

    def run(self):
        f = self.fdef
        a = f.args
        if a.vararg or a.kwarg or a.kwonlyargs:
            self.unsupported("*args, **kwargs or keyword-only parameters", f)
        params = [p.arg for p in a.posonlyargs + a.args]
        scope = _Scope(f)
        if scope.declared:
            self.unsupported(f"global/nonlocal statement ({', '.join(sorted(scope.declared))})", scope.declared_node)
        names = params + sorted(scope.assigned - set(params))
        self.localnames = names
        self.reg = {n: i for i, n in enumerate(names)}
        self.next_temp = self.max_regs = len(names)
        self.assigned = set(params)
        body = f.body
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                and isinstance(body[0].value.value, str):
            body = body[1:]
        self.block(body)
        self.lineno = self.line(f.body[-1]) if f.body else self.lineno
        r = self.temp()
        self.emit("LoadConst", r, self.const(None))
        self.emit("Return", r)
        for op in self.code:
            target = op[2][-1]
            if isinstance(target, _Label):
                op[2][-1] = target.pc
        return {
            "name": self.func.__qualname__, "filename": self.filename,
            "firstlineno": self.firstlineno, "argnames": params, "localnames": names,
            "nregs": self.max_regs, "nloops": self.nloops, "consts": self.consts,
            "globals": self.globals, "code": self.code, "source": self.source,
            "cells": self.cells,
        }

    # --- statements ----------------------------------------------------------------------------

    def block(self, stmts):
        for s in stmts:
            self.stmt(s)

    def stmt(self, s):
        self.lineno = self.line(s)
        saved = self.next_temp
        method = getattr(self, "stmt_" + type(s).__name__, None)
        if method is None:
            self.unsupported(_describe(s), s)
        method(s)
        self.next_temp = saved

    def stmt_Pass(self, s):
        pass

    def stmt_Expr(self, s):
        self.expr(s.value)

    def stmt_Assign(self, s):
        value = self.expr(s.value)
        for t in s.targets:
            self.store(t, value)

    def stmt_AnnAssign(self, s):
        if s.value is None:
            return
        self.store(s.target, self.expr(s.value))

    def stmt_AugAssign(self, s):
        op = _BINOPS[self.binop_name(s.op, s)]
        t = s.target
        if isinstance(t, ast.Name):
            cur = self.load_name(t.id, t)
            if t.id in self.reg:
                value = self.expr(s.value)
                self.emit("Inplace", self.reg[t.id], cur, value, op)
                self.assigned.add(t.id)
            else:
                self.unsupported(f"assignment to global '{t.id}'", t)
        elif isinstance(t, ast.Subscript):
            obj = self.expr(t.value)
            first, n = self.index_regs(t.slice)
            cur = self.temp()
            self.getitem(cur, obj, first, n)
            value = self.expr(s.value)
            self.emit("Inplace", cur, cur, value, op)
            self.setitem(obj, first, n, cur)
        elif isinstance(t, ast.Attribute):
            obj = self.expr(t.value)
            cur = self.temp()
            self.emit("GetAttr", cur, obj, self.const(t.attr))
            value = self.expr(s.value)
            self.emit("Inplace", cur, cur, value, op)
            self.emit("SetAttr", obj, self.const(t.attr), cur)
        else:
            self.unsupported(_describe(t), t)

    def stmt_Return(self, s):
        if s.value is None:
            r = self.temp()
            self.emit("LoadConst", r, self.const(None))
        else:
            r = self.expr(s.value)
        self.emit("Return", r)

    def stmt_If(self, s):
        orelse, end = _Label(), _Label()
        self.cond_jump(s.test, False, orelse)
        before = set(self.assigned)
        self.block(s.body)
        after_body = self.assigned
        self.emit_jump("Jump", end)
        self.place(orelse)
        self.assigned = set(before)
        self.block(s.orelse)
        self.assigned = after_body & self.assigned
        self.place(end)

    def cond_jump(self, test, when, label):
        """Jump to ``label`` when bool(test) is ``when``."""
        c = self.expr(test)
        self.emit_jump("JumpIfTrue" if when else "JumpIfFalse", label, c)

    def new_loop(self):
        self.nloops += 1
        return self.nloops - 1

    def stmt_While(self, s):
        head, orelse, end = _Label(), _Label(), _Label()
        self.place(head)
        self.emit("LoopHead", self.new_loop())
        saved = self.next_temp
        self.cond_jump(s.test, False, orelse)
        self.next_temp = saved
        before = set(self.assigned)
        self.loops.append((head, end))
        self.block(s.body)
        self.loops.pop()
        self.emit_jump("Jump", head)
        self.place(orelse)
        self.assigned = set(before)
        self.block(s.orelse)
        self.assigned = before
        self.place(end)

    def stmt_For(self, s):
        iterable = self.expr(s.iter)
        it = self.temp()
        self.emit("GetIter", it, iterable)
        head, orelse, end = _Label(), _Label(), _Label()
        self.place(head)
        self.emit("LoopHead", self.new_loop())
        direct = isinstance(s.target, ast.Name) and s.target.id in self.reg
        item = self.reg[s.target.id] if direct else self.temp()
        self.emit_jump("ForIter", orelse, item, it)
        before = set(self.assigned)
        if direct:
            self.assigned.add(s.target.id)
        else:
            self.store(s.target, item)
        self.loops.append((head, end))
        self.block(s.body)
        self.loops.pop()
        self.emit_jump("Jump", head)
        self.place(orelse)
        self.assigned = set(before)
        self.block(s.orelse)
        self.assigned = before
        self.place(end)

    def stmt_Break(self, s):
        self.emit_jump("Jump", self.loops[-1][1])

    def stmt_Continue(self, s):
        self.emit_jump("Jump", self.loops[-1][0])

    def stmt_Raise(self, s):
        if s.exc is None or s.cause is not None:
            self.unsupported("bare raise or raise ... from ...", s)
        self.emit("Raise", self.expr(s.exc))

    def stmt_Assert(self, s):
        ok = _Label()
        self.cond_jump(s.test, True, ok)
        f = self.temp()
        self.emit("LoadConst", f, self.const(AssertionError))
        if s.msg is None:
            self.emit("Raise", f)
        else:
            first = self.temps(1)
            self.expr(s.msg, first)
            exc = self.temp()
            self.emit("Call", exc, f, first, 1, _NO_KW)
            self.emit("Raise", exc)
        self.place(ok)

    # --- stores --------------------------------------------------------------------------------

    def store(self, target, value):
        if isinstance(target, ast.Name):
            if target.id not in self.reg:
                self.unsupported(f"assignment to global '{target.id}'", target)
            r = self.reg[target.id]
            if r != value:
                self.emit("Move", r, value)
            self.assigned.add(target.id)
        elif isinstance(target, (ast.Tuple, ast.List)):
            if any(isinstance(e, ast.Starred) for e in target.elts):
                self.unsupported("starred assignment", target)
            n = len(target.elts)
            first = self.temps(n)
            self.emit("Unpack", first, n, value)
            for i, e in enumerate(target.elts):
                self.store(e, first + i)
        elif isinstance(target, ast.Subscript):
            obj = self.expr(target.value)
            first, n = self.index_regs(target.slice)
            self.setitem(obj, first, n, value)
        elif isinstance(target, ast.Attribute):
            obj = self.expr(target.value)
            self.emit("SetAttr", obj, self.const(target.attr), value)
        else:
            self.unsupported(_describe(target), target)

    def index_regs(self, index):
        """The index of a subscript as a run of registers (one per tuple element)."""
        elts = index.elts if isinstance(index, ast.Tuple) else None
        if elts is not None and not any(isinstance(e, ast.Starred) for e in elts) and elts:
            first = self.temps(len(elts))
            for i, e in enumerate(elts):
                self.expr(e, first + i)
            return first, -len(elts)
        first = self.temps(1)
        self.expr(index, first)
        return first, 1

    def getitem(self, dst, obj, first, n):
        if n < 0:
            self.emit("GetItemN", dst, obj, first, -n)
        else:
            self.emit("GetItem", dst, obj, first)

    def setitem(self, obj, first, n, value):
        if n < 0:
            self.emit("SetItemN", obj, first, -n, value)
        else:
            self.emit("SetItem", obj, first, value)

    # --- expressions -----------------------------------------------------------------------------

    def expr(self, e, dst=None):
        """Evaluate ``e``; return the register holding it (``dst`` when given)."""
        method = getattr(self, "expr_" + type(e).__name__, None)
        if method is None:
            self.unsupported(_describe(e), e)
        r = method(e, dst)
        if dst is not None and r != dst:
            self.emit("Move", dst, r)
            return dst
        return r

    def out(self, dst):
        return self.temp() if dst is None else dst

    def expr_Constant(self, e, dst):
        r = self.out(dst)
        self.emit("LoadConst", r, self.const(e.value))
        return r

    def load_name(self, name, node):
        if name in self.reg:
            r = self.reg[name]
            if name not in self.assigned:
                self.emit("CheckBound", r, self.const(name))
            return r
        if name in self.cells:
            r = self.temp()
            self.emit("LoadConst", r, self.const(self.cells[name]))
            return r
        r = self.temp()
        self.emit("LoadGlobal", r, self.global_ref(name))
        return r

    def expr_Name(self, e, dst):
        return self.load_name(e.id, e)

    def module_path(self, e):
        """``mod.a.b`` as (global name, [attrs]) when ``mod`` is a global module now."""
        attrs = []
        while isinstance(e, ast.Attribute):
            attrs.append(e.attr)
            e = e.value
        if not isinstance(e, ast.Name) or e.id in self.reg or e.id in self.cells:
            return None
        base = self.func.__globals__.get(e.id)
        if not isinstance(base, types.ModuleType):
            return None
        attrs.reverse()
        # Fold only through submodules; the last attribute may be anything.
        obj = base
        for a in attrs[:-1]:
            obj = getattr(obj, a, None)
            if not isinstance(obj, types.ModuleType):
                return None
        return e.id, attrs

    def expr_Attribute(self, e, dst):
        path = self.module_path(e)
        r = self.out(dst)
        if path is not None:
            self.emit("LoadGlobal", r, self.global_ref(*path))
            return r
        obj = self.expr(e.value)
        self.emit("GetAttr", r, obj, self.const(e.attr))
        return r

    def binop_name(self, op, node):
        name = _AST_BINOP.get(type(op))
        if name is None:
            self.unsupported(type(op).__name__, node)
        return name

    def expr_BinOp(self, e, dst):
        a = self.expr(e.left)
        b = self.expr(e.right)
        r = self.out(dst)
        self.emit("Binary", r, a, b, _BINOPS[self.binop_name(e.op, e)])
        return r

    def expr_UnaryOp(self, e, dst):
        a = self.expr(e.operand)
        r = self.out(dst)
        self.emit("Unary", r, a, _UNOPS[_AST_UNOP[type(e.op)]])
        return r

    def expr_BoolOp(self, e, dst):
        r = self.out(dst)
        end = _Label()
        jump = "JumpIfFalse" if isinstance(e.op, ast.And) else "JumpIfTrue"
        for i, v in enumerate(e.values):
            saved = self.next_temp
            self.expr(v, r)
            self.next_temp = saved
            if i < len(e.values) - 1:
                self.emit_jump(jump, end, r)
        self.place(end)
        return r

    def expr_Compare(self, e, dst):
        r = self.out(dst)
        end = _Label()
        left = self.expr(e.left)
        for i, (op, comp) in enumerate(zip(e.ops, e.comparators)):
            right = self.expr(comp)
            if i < len(e.ops) - 1 and right in self.reg.values():
                # The middle operand is evaluated once; keep it even if a local changes.
                t = self.temp()
                self.emit("Move", t, right)
                right = t
            self.emit("Compare", r, left, right, _CMPOPS[_AST_CMPOP[type(op)]])
            if i < len(e.ops) - 1:
                self.emit_jump("JumpIfFalse", end, r)
            left = right
        self.place(end)
        return r

    def expr_IfExp(self, e, dst):
        r = self.out(dst)
        orelse, end = _Label(), _Label()
        self.cond_jump(e.test, False, orelse)
        saved = self.next_temp
        self.expr(e.body, r)
        self.next_temp = saved
        self.emit_jump("Jump", end)
        self.place(orelse)
        self.expr(e.orelse, r)
        self.next_temp = saved
        self.place(end)
        return r

    def expr_Tuple(self, e, dst):
        if any(isinstance(x, ast.Starred) for x in e.elts):
            self.unsupported("starred tuple element", e)
        n = len(e.elts)
        first = self.temps(n)
        for i, x in enumerate(e.elts):
            self.expr(x, first + i)
        r = self.out(dst)
        self.emit("BuildTuple", r, first, n)
        return r

    def expr_Subscript(self, e, dst):
        obj = self.expr(e.value)
        first, n = self.index_regs(e.slice)
        r = self.out(dst)
        self.getitem(r, obj, first, n)
        return r

    def expr_Slice(self, e, dst):
        first = self.temps(3)
        for i, part in enumerate((e.lower, e.upper, e.step)):
            if part is None:
                self.emit("LoadConst", first + i, self.const(None))
            else:
                self.expr(part, first + i)
        f = self.temp()
        self.emit("LoadConst", f, self.const(slice))
        r = self.out(dst)
        self.emit("Call", r, f, first, 3, _NO_KW)
        return r

    def call_args(self, e):
        if any(isinstance(a, ast.Starred) for a in e.args) or any(k.arg is None for k in e.keywords):
            self.unsupported("*args or **kwargs in a call", e)
        n = len(e.args) + len(e.keywords)
        first = self.temps(n)
        for i, a in enumerate(e.args):
            self.expr(a, first + i)
        for i, k in enumerate(e.keywords):
            self.expr(k.value, first + len(e.args) + i)
        kw = self.const(tuple(k.arg for k in e.keywords)) if e.keywords else _NO_KW
        return first, n, kw

    def expr_Call(self, e, dst):
        f = e.func
        if isinstance(f, ast.Attribute) and self.module_path(f) is None:
            if isinstance(f.value, ast.Constant) and isinstance(f.value.value, (str, bytes)):
                self.unsupported(f"a str method ('{f.attr}')", e)
            obj = self.expr(f.value)
            first, n, kw = self.call_args(e)
            r = self.out(dst)
            self.emit("CallMethod", r, obj, self.const(f.attr), first, n, kw)
            return r
        fn = self.expr(f)
        first, n, kw = self.call_args(e)
        r = self.out(dst)
        self.emit("Call", r, fn, first, n, kw)
        return r


def _describe(node):
    names = {
        "Dict": "a dict display", "DictComp": "a dict comprehension", "List": "a list display",
        "ListComp": "a list comprehension", "Set": "a set display", "SetComp": "a set comprehension",
        "GeneratorExp": "a generator expression", "Lambda": "a lambda", "Yield": "yield (a generator)",
        "YieldFrom": "yield from (a generator)", "Await": "await", "JoinedStr": "an f-string",
        "NamedExpr": "an assignment expression (:=)", "Try": "try/except", "With": "a with statement",
        "FunctionDef": "a nested function", "ClassDef": "a class definition", "Delete": "del",
        "Import": "import inside the function", "ImportFrom": "import inside the function",
        "Global": "global", "Nonlocal": "nonlocal", "Match": "a match statement",
        "AsyncFor": "async for", "AsyncWith": "async with", "Starred": "a starred expression",
        "TryStar": "try/except*",
    }
    return names.get(type(node).__name__, type(node).__name__)


class _Scope(ast.NodeVisitor):
    """The names a function assigns (its locals) and any global/nonlocal declarations."""

    def __init__(self, fdef):
        self.assigned = set()
        self.declared = set()
        self.declared_node = None
        for s in fdef.body:
            self.visit(s)

    def visit_Name(self, node):
        if isinstance(node.ctx, (ast.Store, ast.Del)):
            self.assigned.add(node.id)

    def visit_Global(self, node):
        self.declared.update(node.names)
        self.declared_node = self.declared_node or node

    visit_Nonlocal = visit_Global

    def visit_FunctionDef(self, node):
        self.assigned.add(node.name)  # lowering rejects it with its line

    visit_AsyncFunctionDef = visit_ClassDef = visit_FunctionDef

    def visit_Lambda(self, node):
        pass

    def visit_ListComp(self, node):
        pass

    visit_SetComp = visit_DictComp = visit_GeneratorExp = visit_ListComp
