"""Calls: direct, indirect, to functions the rules replace, to GCC's builtins and internal
functions, and to the C library."""
from __future__ import annotations

from ..gimple import ir
from . import lisp
from .booleans import bool_value
from .ctypes import ComplexKind, FnPtrKind, IntKind, LispKind, PtrKind, StructKind, Untranslatable
from .setjmp import SETJMP
from .operators import quote
from .outparams import out_entry_name

G, R = lisp.cl, lisp.rt

# C library functions and GCC builtins the runtime implements, by C name.  A call to another
# function that no unit defines goes through `rt-call-external`, which names it when the
# runtime lacks it: the translation stays complete and the gap shows at run time.
LIBC = {
    "memcpy": "rt-memcpy", "__builtin_memcpy": "rt-memcpy", "memmove": "rt-memmove",
    "__builtin_memmove": "rt-memmove", "memset": "rt-memset", "__builtin_memset": "rt-memset",
    "memcmp": "rt-memcmp", "__builtin_memcmp": "rt-memcmp", "memchr": "rt-memchr",
    "strlen": "rt-strlen", "__builtin_strlen": "rt-strlen", "strcmp": "rt-strcmp",
    "strncmp": "rt-strncmp", "strchr": "rt-strchr", "strrchr": "rt-strrchr",
    "strcpy": "rt-strcpy", "stpcpy": "rt-stpcpy", "strnlen": "rt-strnlen",
    "__builtin_unreachable": "rt-unreachable", "abort": "rt-abort",
    "__builtin_signbit": "rt-signbit", "__builtin_isnan": "rt-isnan",
    "__builtin_va_start": "rt-va-start", "__builtin_va_end": "rt-va-end", "__builtin_va_copy": "rt-va-copy",
    "__builtin_expect": "rt-expect",
}

OVERFLOW = {"ADD_OVERFLOW": "+", "SUB_OVERFLOW": "-", "MUL_OVERFLOW": "*"}
ALLOCA = ("__builtin_alloca", "__builtin_alloca_with_align")
# The local holding the blocks a function took from alloca's pools (pooled_alloca).
ALLOCA_BLOCKS = lisp.c("$alloca#")


class CallsMixin:

    def call(self, s: ir.Call):
        """The form of call statement S, storing its value in its lhs if it has one."""
        form = self.call_value(s)
        if s.lhs is None:
            return form
        if self.takes_returned_struct(s):
            # A translated function returns a struct in an instance of its own (its result
            # variable, a copy): the local takes that instance, as no pointer holds its own
            # (SYMBOL_FWD's struct lispfwd at each specbind).
            return [G("setq"), self.locals.decl(s.lhs), form]
        return self.store(s.lhs, form, s.line)

    def takes_returned_struct(self, s: ir.Call) -> bool:
        """True if call S of a translated function stores its struct value into a local struct
        whose address is never taken."""
        lhs, name = s.lhs, s.callee
        return isinstance(lhs, ir.Decl) and lhs.uid in self.local_uids and lhs.uid not in self.addressed_structs \
            and lhs.uid not in self.boxed and isinstance(self.types.kind(lhs.type), StructKind) \
            and not self.rules.shared_struct(lhs.type) and name is not None \
            and not isinstance(s.fn, ir.InternalFn) and self.ctx.translated_callee(name)

    def call_value(self, s: ir.Call):
        fn = s.fn
        if isinstance(fn, ir.InternalFn):
            return self.internal_call(s)
        name = s.callee
        if name is not None and self.ctx.translated_callee(name):
            outs = self.out_call_entry(s)
            if outs:
                return self.out_call(s, outs)
            return [self.ctx.function_symbol(name, self.unit), *(self.argument(a, True) for a in s.args)]
        args = [self.argument(a) for a in s.args]
        if name is not None:
            repl = self.rules.replacement(name)
            if repl is not None:
                form = self.rules.instantiate_call(repl, args)
                if isinstance(form, list) and len(form) == 2 and form[0] == R("rt-builtin-symbol") \
                        and isinstance(form[1], int):
                    return self.ctx.builtin_symbol(form[1])
                if isinstance(form, list) and len(form) == 2 and form[0] == R("rt-bool"):
                    # Made as `(if x 1 0)` here, where a test can take x back out (booleans.py):
                    # inline rt-bool's parameter makes SBCL materialize x as T or NIL first.
                    return bool_value(form[1])
                return form
            if name in self.ctx.skipped_functions:
                raise Untranslatable(f"call to {name} of skipped file {self.ctx.skipped_functions[name]}, "
                                     f"which no rule replaces", s.line)
            if name in SETJMP:
                return self.setjmp_call(s, args)
            if name == "__builtin_va_start":
                return [R("rt-va-start"), args[0], lisp.c("$varargs")]   # the &rest list
            if name in ALLOCA and s.lhs is not None and self.holds_words(s.lhs.type):
                # A block of Lisp objects or pointers (SAFE_ALLOCA_LISP's arguments): words
                # from the start, as its first use would make it.
                return [R("rt-alloca-words"), args[0]]
            if name in ALLOCA:
                return self.pooled_alloca(args[0])
            if name in LIBC:
                return [R(LIBC[name]), *args]
            if name == "__builtin_frame_address":
                raise Untranslatable("__builtin_frame_address", s.line)
            return [R("rt-call-external"), name, *args]
        return [G("funcall"), self.value(fn), *args]

    def out_call_entry(self, s: ir.Call) -> tuple | None:
        """The out parameters of the callee of call S if S calls its out entry (out_call): each
        argument at one is `&x` of a plain out local; else None."""
        outs = self.ctx.callee_out_entry(s.callee, self.unit) if self.plain_outs else None
        if outs and len(outs) == len(s.args) and all(k is None or self.plain_out_argument(a) for a, k in zip(s.args, outs)):
            return outs
        return None

    def pooled_alloca(self, size):
        """alloca (SIZE) from the pool of its call site, the block given back when the function
        exits (docs/data-model.md): the blocks taken are kept in ALLOCA_BLOCKS."""
        self.alloca_blocks = True
        site = [G("load-time-value"), [R("rt-make-alloca-site")]]
        return [R("rt-alloca-at"), site, size, ALLOCA_BLOCKS]

    def plain_out_argument(self, a: ir.Tree) -> bool:
        """True if argument A is `&x` of a local passed only to out parameters (outparams.py)."""
        return isinstance(a, ir.Expr) and a.code == "addr_expr" and isinstance(a.ops[0], ir.Decl) \
            and a.ops[0].uid in self.plain_outs

    def out_call(self, s: ir.Call, outs: tuple):
        """Call S through its callee's out entry: each `&x` at an out parameter passes x's
        value, and x takes the value the entry returns for it; a byte pointer the entry takes
        as its parts (split_parameters) is passed as its base and offset, and returned so when
        x is one; the form's value is the C result."""
        result = lisp.c("$result#")
        parts = self.ctx.callee_out_parts(s.callee, self.unit)
        args, received, stores, splits = [], [], [], []
        for i, (a, k) in enumerate(zip(s.args, outs)):
            split = parts is not None and parts.params[i]
            if split and k is not None:
                # A byte pointer out parameter, taken and returned as its parts: a split local's
                # variables are passed and set, a whole one's parts are made and it is made again.
                d = a.ops[0]
                key = ("decl", d.uid)
                vb, vo = lisp.c(f"$out#{len(received)}"), lisp.c(f"$out#{len(received) + 1}")
                received += [vb, vo]
                if key in self.split:
                    self.split_seen.add(key)
                    args += self.split[key]
                    stores.append([G("setq"), self.split[key][0], vb, self.split[key][1], vo])
                else:
                    place = self.decl_place(d)
                    b, o = lisp.c(f"$arg#{i}.base"), lisp.c(f"$arg#{i}.off")
                    splits.append(([b, o], [R("rt-ptr-parts"), place.read]))
                    args += [b, o]
                    stores.append(place.write([R("rt-ptr-of"), vb, vo]))
            elif split:
                b, o = lisp.c(f"$arg#{i}.base"), lisp.c(f"$arg#{i}.off")
                splits.append(([b, o], [R("rt-ptr-parts"), self.argument(a, True)]))
                args += [b, o]
            elif k is None:
                args.append(self.argument(a, True))
            else:
                d = a.ops[0]
                place = self.decl_place(d)
                v = lisp.c(f"$out#{len(received)}")
                args.append(place.read)
                received.append(v)
                stores.append(place.write(v))
        call = [out_entry_name(self.ctx.function_symbol(s.callee, self.unit)), *args]
        form = [G("multiple-value-bind"), [result, *received], call, *stores, result]
        for parts_vars, parts_form in reversed(splits):
            form = [G("multiple-value-bind"), parts_vars, parts_form, form]
        return form

    def holds_words(self, t: ir.Type) -> bool:
        """True if T is a pointer to Lisp objects or to pointers: what it points to is words."""
        k = self.types.kind(t)
        return isinstance(k, PtrKind) and k.target is not None \
            and isinstance(self.types.kind(k.target), (LispKind, PtrKind, FnPtrKind))

    def argument(self, a: ir.Tree, translated_callee: bool = False):
        """The form passing A.  C passes structs by value: a copy, except to a translated
        function of a local struct whose address this function never takes, which nothing can
        change while the callee runs (the callee copies a struct parameter it changes:
        changed_struct_variables)."""
        v = self.value(a)
        if self.by_value_struct(a.type):
            if translated_callee and isinstance(a, ir.Decl) and a.uid in self.local_uids \
                    and a.uid not in self.addressed_structs:
                return v
            return [R("rt-copy"), v]
        return v

    def internal_call(self, s: ir.Call):
        name = s.fn.name
        args = [self.value(a) for a in s.args]
        if name in OVERFLOW:
            k = self.types.kind(s.lhs.type) if s.lhs is not None else None
            if not isinstance(k, ComplexKind) or not isinstance(k.part, IntKind):
                raise Untranslatable(f"{name} without an integer result", s.line)
            return [R("rt-overflow"), quote(lisp.Sym(OVERFLOW[name])), k.part.bits, 1 if k.part.signed else 0, *args]
        if name == "VA_ARG":
            return [R("rt-va-arg"), args[0]]
        if name == "BUILTIN_EXPECT":
            return args[0]
        raise Untranslatable(f"internal function {name}", s.line)
