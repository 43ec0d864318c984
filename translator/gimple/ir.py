"""The typed IR of a GIMPLE dump: types, trees, statements, blocks, functions, units.

It mirrors what the plugin writes (translator/plugin/gimple_dump.cc) one to one: a tree keeps
GCC's code name (`component_ref`, `integer_cst` ...) and its operands; every tree that GCC
types carries its Type object.  Nothing here interprets C: that is the back end's job.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property
from typing import Optional, Union

import networkx as nx

# ---------------------------------------------------------------------------------------------
# Types


@dataclass(slots=True, eq=False)
class Field:
    """A member of a struct or union; OFFSET and SIZE are in bits."""
    name: Optional[str]
    type: "Type"
    offset: Optional[int]
    size: Optional[int]
    bitfield: bool


@dataclass(eq=False)
class Type:
    """A GCC type node.  A variant (a typedef or a qualified type) has MAIN set to its main
    variant; a variant struct, union or enum has its fields or values only there (use .base),
    other variants have their own details (`const int[6]` has `const int` elements).
    NAME is a typedef name, TAG a struct/union/enum tag."""
    id: int
    code: str                      # integer_type, pointer_type, record_type, ...
    name: Optional[str] = None
    tag: Optional[str] = None
    size: Optional[int] = None     # bits
    align: Optional[int] = None    # bits
    quals: tuple = ()
    main: Optional["Type"] = None  # None for a main variant
    precision: Optional[int] = None
    unsigned: bool = False
    values: tuple = ()             # enum: ((name, value), ...)
    elt: Optional["Type"] = None   # array, complex, vector
    to: Optional["Type"] = None    # pointer
    domain: Optional[tuple] = None  # array: (low, high); high None when unknown ("vla" if variable)
    fields: tuple = ()
    result: Optional["Type"] = None  # function
    args: tuple = ()
    varargs: bool = False
    prototyped: bool = False
    incomplete: bool = False
    unknown: bool = False          # a type code the plugin does not describe

    @property
    def base(self) -> "Type":
        """The main variant: where a variant's details live."""
        return self.main or self

    def __repr__(self) -> str:
        from .pretty import type_str
        return f"<Type {self.id} {type_str(self)}>"


# ---------------------------------------------------------------------------------------------
# Trees (operands).  Each has CODE, GCC's tree code name.


class Tree:
    __slots__ = ()
    code: str
    type: Optional[Type]


@dataclass(slots=True, eq=False)
class SsaName(Tree):
    type: Type
    version: int
    name: Optional[str]
    code = "ssa_name"


@dataclass(slots=True, eq=False)
class Decl(Tree):
    """var_decl, parm_decl, result_decl, const_decl: NAME is None for GCC's temporaries."""
    code: str
    type: Type
    name: Optional[str]
    uid: int


@dataclass(slots=True, eq=False)
class FunctionDecl(Tree):
    type: Type
    name: str
    code = "function_decl"


@dataclass(slots=True, eq=False)
class FieldDecl(Tree):
    type: Type
    name: Optional[str]
    context: Type                  # the struct or union
    bitpos: Optional[int]
    code = "field_decl"


@dataclass(slots=True, eq=False)
class LabelDecl(Tree):
    name: Optional[str]
    uid: int
    block: Optional[int]           # the basic block the label starts
    code = "label_decl"
    type = None


@dataclass(slots=True, eq=False)
class IntegerCst(Tree):
    type: Type
    value: int
    code = "integer_cst"


@dataclass(slots=True, eq=False)
class RealCst(Tree):
    """A floating constant, exactly: C99 hexadecimal notation (or Inf / NaN)."""
    type: Type
    hex: str
    code = "real_cst"

    @property
    def value(self) -> float:
        """As a Python float (a long double is rounded; a signaling NaN becomes a quiet one)."""
        h = self.hex.lower()
        if "nan" in h:
            return -math.nan if h.startswith("-") else math.nan
        if "inf" in h:
            return -math.inf if h.startswith("-") else math.inf
        return float.fromhex(h)


@dataclass(slots=True, eq=False)
class StringCst(Tree):
    type: Type
    data: bytes                    # GCC's bytes: a literal's terminating NUL included; a char
                                   # array initialized from a shorter list may have fewer bytes
    code = "string_cst"


@dataclass(slots=True, eq=False)
class ComplexCst(Tree):
    type: Type
    real: Tree
    imag: Tree
    code = "complex_cst"


@dataclass(slots=True, eq=False)
class Constructor(Tree):
    """A brace initializer; with CLOBBER set, GCC's marker that a variable's storage dies."""
    type: Type
    clobber: bool
    elts: tuple                    # ((index or None, value), ...)
    code = "constructor"


@dataclass(slots=True, eq=False)
class Expr(Tree):
    """Any other expression: component_ref, mem_ref, addr_expr, plus_expr, nop_expr, ...
    OPS are GCC's operands in order (None where GCC has none)."""
    code: str
    type: Optional[Type]
    ops: tuple


@dataclass(slots=True, eq=False)
class InternalFn(Tree):
    """The callee of a call to one of GCC's internal functions (ADD_OVERFLOW, VA_ARG ...)."""
    name: str
    code = "internal_fn"
    type = None


@dataclass(slots=True, eq=False)
class Unknown(Tree):
    """A tree code the plugin does not serialize."""
    what: str
    type: Optional[Type]
    code = "unknown"


# ---------------------------------------------------------------------------------------------
# Statements.  Each has KIND, GIMPLE's statement kind, and LINE (0 when GCC has none).


class Stmt:
    __slots__ = ()
    kind: str
    line: int


@dataclass(slots=True, eq=False)
class Assign(Stmt):
    """LHS = CODE(RHS...): one operand for a copy or unary code, two or three otherwise."""
    line: int
    code: str
    lhs: Tree
    rhs: tuple
    kind = "assign"


@dataclass(slots=True, eq=False)
class Call(Stmt):
    line: int
    lhs: Optional[Tree]
    fn: Tree                       # addr_expr of a function_decl, an ssa_name, or InternalFn
    fntype: Optional[Type]
    args: tuple
    flags: frozenset
    kind = "call"

    @property
    def callee(self) -> Optional[str]:
        """The name of the function called directly, or of the internal function."""
        fn = self.fn
        if isinstance(fn, InternalFn):
            return fn.name
        if isinstance(fn, Expr) and fn.code == "addr_expr" and isinstance(fn.ops[0], FunctionDecl):
            return fn.ops[0].name
        return None


@dataclass(slots=True, eq=False)
class Cond(Stmt):
    """if (LHS CODE RHS): the block's true_value and false_value edges say where to go."""
    line: int
    code: str
    lhs: Tree
    rhs: Tree
    kind = "cond"


@dataclass(slots=True, eq=False)
class Case:
    low: Optional[Tree]            # None for the default case, which comes first
    high: Optional[Tree]           # set for a range case `low ... high`
    label: LabelDecl


@dataclass(slots=True, eq=False)
class Switch(Stmt):
    line: int
    index: Tree
    cases: tuple
    kind = "switch"


@dataclass(slots=True, eq=False)
class Return(Stmt):
    line: int
    value: Optional[Tree]
    kind = "return"


@dataclass(slots=True, eq=False)
class Label(Stmt):
    line: int
    label: LabelDecl
    kind = "label"


@dataclass(slots=True, eq=False)
class Predict(Stmt):
    """A branch-prediction hint; no effect on what the code does."""
    line: int
    predictor: int
    taken: bool
    kind = "predict"


@dataclass(slots=True, eq=False)
class Goto(Stmt):
    """A computed goto (`goto *p`); plain gotos are edges."""
    line: int
    dest: Tree
    kind = "goto"


@dataclass(slots=True, eq=False)
class Nop(Stmt):
    line: int
    kind = "nop"


@dataclass(slots=True, eq=False)
class Asm(Stmt):
    """An asm statement: TEMPLATE, and the operands as (constraint, tree) pairs."""
    line: int
    template: str
    volatile: bool
    outputs: tuple
    inputs: tuple
    clobbers: tuple
    kind = "asm"


@dataclass(slots=True, eq=False)
class UnknownStmt(Stmt):
    line: int
    what: str                      # GIMPLE's name of the statement code
    kind = "unknown_stmt"


# ---------------------------------------------------------------------------------------------
# Functions and units

ENTRY_BLOCK, EXIT_BLOCK = 0, 1


@dataclass(slots=True, eq=False)
class Edge:
    src: int
    dest: int
    flags: frozenset               # fallthru, true_value, false_value, abnormal, ...


@dataclass(slots=True, eq=False)
class Block:
    index: int
    succs: tuple
    stmts: tuple


@dataclass(eq=False)
class Function:
    """A function body as GCC has it after pass "cfg"."""
    name: str
    file: str                      # where it is defined: "data.c", "lisp.h", ...
    line: int
    flags: frozenset               # public, static, external, inline, noreturn, artificial
    type: Type
    result: Optional[Tree]
    params: tuple
    locals: tuple
    blocks: dict                   # index -> Block, in GCC's order (entry first, exit last)
    unit: str = ""                 # the translation unit it was read from

    @property
    def in_header(self) -> bool:
        """A header inline: every unit that uses it carries a copy of its body."""
        return self.file.endswith(".h")

    @property
    def key(self) -> tuple:
        """What identifies the function across units: a static one belongs to its unit."""
        if "public" in self.flags or self.in_header:
            return (self.file, self.name)
        return (self.unit, self.name)

    @cached_property
    def cfg(self) -> nx.DiGraph:
        """Blocks as nodes (with their Block as attribute "block"), edges with their flags."""
        g = nx.DiGraph()
        for b in self.blocks.values():
            g.add_node(b.index, block=b)
        for b in self.blocks.values():
            for e in b.succs:
                g.add_edge(e.src, e.dest, flags=e.flags)
        return g

    def statements(self):
        for b in self.blocks.values():
            yield from b.stmts


@dataclass(slots=True, eq=False)
class Variable:
    """A global or static variable; CONTEXT names the function of a function-scope static."""
    name: Optional[str]
    uid: int
    file: str
    line: int
    flags: frozenset
    type: Type
    context: Optional[str]
    init: Optional[Tree]


@dataclass(slots=True, eq=False)
class Declaration:
    """A function this unit calls without defining it; BUILTIN is GCC's code for builtins."""
    name: str
    type: Type
    file: str
    line: int
    flags: frozenset
    builtin: Optional[str]


@dataclass(eq=False)
class Unit:
    """One translation unit: what the plugin wrote for one C file."""
    file: str
    gcc: str
    functions: list = field(default_factory=list)
    variables: list = field(default_factory=list)
    declarations: list = field(default_factory=list)
    types: list = field(default_factory=list)


Operand = Union[Tree, None]
