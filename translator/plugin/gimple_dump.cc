// gimple_dump: a GCC 12 plugin that serializes what GCC knows about a translation unit
// as S-expressions, and nothing more.  Every decision about translation is made in Python.
//
// For each function it sees the body right after pass "cfg": basic blocks, edges with their
// flags, and every statement with its operands as full trees carrying type ids.  When the
// IPA passes are about to start every function has been seen, so it writes the global
// variables (with initializers), the declarations of called functions and the type table,
// renames the output into place and exits: IPA, RTL and assembly are not needed.
//
// Output grammar (one top-level form per line, in this order):
//   (unit :version N :file "data.c" :gcc "12.2.0")
//   (function "name" :file F :line L :flags (...) :type TID :result TREE
//             :params (TREE ...) :locals (TREE ...) :blocks (BLOCK ...))
//     BLOCK = (block INDEX :succs ((DEST (FLAG ...)) ...) :stmts (STMT ...))
//     STMT  = (KIND LINE ...), KIND in assign call cond switch return label predict goto nop,
//             or (unknown_stmt LINE "gimple code")
//   (variable "name" :uid U :file F :line L :flags (...) :type TID :context "fn" :init TREE)
//   (declaration "name" :type TID :flags (...) :builtin "BUILT_IN_X")
//   (type ID CODE :name "typedef" :tag "struct tag" :size BITS :align BITS :quals (...) :main ID ...)
//   (end :functions N :variables N :types N)
// A TREE is (CODE TYPE-ID ...) with the tree code's own name; codes this plugin does not know
// are written as (unknown "code" TYPE-ID). nil stands for an absent tree.
#include "gcc-plugin.h"
#include "plugin-version.h"
#include "tree.h"
#include "tree-pass.h"
#include "context.h"
#include "function.h"
#include "basic-block.h"
#include "cfg.h"
#include "gimple.h"
#include "gimple-iterator.h"
#include "gimple-predict.h"
#include "cgraph.h"
#include "internal-fn.h"
#include "diagnostic-core.h"
#include "real.h"
#include "stringpool.h"
#include "tree-cfg.h"
#include "stor-layout.h"

int plugin_is_GPL_compatible;

static const int FORMAT_VERSION = 1;

static const char *out_path;      // final output file
static char *tmp_path;            // written first, renamed at the end
static FILE *out;
static int n_functions;
static hash_map<tree, int> *type_ids;
static vec<tree> types_to_write;  // indexed by id
static hash_set<tree> *fns_defined;
static hash_set<tree> *fns_referenced;
static function *cur_fun;         // the function being written, for label -> block
static hash_map<tree, int> *label_blocks;  // every label seen, for `&&label` in initializers

// Edge flag names, in lower case as they are written.
static const struct { const char *name; int flag; } edge_flags[] = {
#define DEF_EDGE_FLAG(NAME, IDX) { #NAME, EDGE_##NAME },
#define DEF_BASIC_BLOCK_FLAG(NAME, IDX)
#include "cfg-flags.def"
#undef DEF_EDGE_FLAG
#undef DEF_BASIC_BLOCK_FLAG
};

// ---------------------------------------------------------------------------------------
// Low-level writers.

static void put(const char *s) { fputs(s, out); }
static void putch(char c) { putc(c, out); }
static void put_int(HOST_WIDE_INT v) { fprintf(out, HOST_WIDE_INT_PRINT_DEC, v); }

static void put_string(const char *s) {
  if (!s) { put("nil"); return; }
  putch('"');
  for (; *s; s++) {
    switch (*s) {
      case '"': case '\\': putch('\\'); putch(*s); break;
      case '\n': put("\\n"); break;
      case '\t': put("\\t"); break;
      case '\r': put("\\r"); break;
      default: putch(*s); break;
    }
  }
  putch('"');
}

static void put_hex_bytes(const char *p, int len) {
  static const char digits[] = "0123456789abcdef";
  putch('"');
  for (int i = 0; i < len; i++) {
    unsigned char c = p[i];
    putch(digits[c >> 4]);
    putch(digits[c & 15]);
  }
  putch('"');
}

static const char *decl_name(tree decl) {
  if (!decl) return NULL;
  tree id = DECL_NAME(decl);
  return id ? IDENTIFIER_POINTER(id) : NULL;
}

static void put_line(location_t loc) {
  put_int(loc == UNKNOWN_LOCATION ? 0 : LOCATION_LINE(loc));
}

// An integer constant in decimal, whatever its width (print_dec switches to hexadecimal past
// 64 bits, which an S-expression reader takes for a symbol).
static void put_integer_cst(tree cst) {
  widest_int w = wi::to_widest(cst);
  if (wi::fits_shwi_p(w)) { put_int(w.to_shwi()); return; }
  if (wi::neg_p(w)) { putch('-'); w = -w; }
  const widest_int chunk = (HOST_WIDE_INT) 1000000000000000000LL;  // 10^18
  unsigned HOST_WIDE_INT parts[40];
  int n = 0;
  while (w != 0 && n < 40) {
    widest_int rem;
    w = wi::divmod_trunc(w, chunk, SIGNED, &rem);
    parts[n++] = rem.to_uhwi();
  }
  fprintf(out, HOST_WIDE_INT_PRINT_UNSIGNED, parts[n - 1]);
  for (int i = n - 2; i >= 0; i--) fprintf(out, "%018" HOST_WIDE_INT_PRINT "u", parts[i]);
}

// ---------------------------------------------------------------------------------------
// Types: each distinct type node gets an id; the table is written at the end.

static int type_id(tree t) {
  if (!t) return -1;
  bool existed;
  int &slot = type_ids->get_or_insert(t, &existed);
  if (!existed) {
    slot = types_to_write.length();
    types_to_write.safe_push(t);
  }
  return slot;
}

static void put_type_ref(tree t) {
  if (!t) put("nil"); else put_int(type_id(t));
}

static bool fits(tree size) { return size && TREE_CODE(size) == INTEGER_CST && tree_fits_shwi_p(size); }

static void put_bound(tree v) {
  if (!v) put("nil");
  else if (TREE_CODE(v) == INTEGER_CST) put_integer_cst(v);
  else put("vla");
}

static void write_type(int id, tree t) {
  fprintf(out, "(type %d %s", id, get_tree_code_name(TREE_CODE(t)));
  tree name = TYPE_NAME(t);
  if (name && TREE_CODE(name) == TYPE_DECL) { put(" :name "); put_string(decl_name(name)); }
  else if (name && TREE_CODE(name) == IDENTIFIER_NODE) { put(" :tag "); put_string(IDENTIFIER_POINTER(name)); }
  tree main = TYPE_MAIN_VARIANT(t);
  if (main != t) { put(" :main "); put_type_ref(main); }
  int q = TYPE_QUALS(t);
  if (q) {
    put(" :quals (");
    if (q & TYPE_QUAL_CONST) put(" const");
    if (q & TYPE_QUAL_VOLATILE) put(" volatile");
    if (q & TYPE_QUAL_RESTRICT) put(" restrict");
    if (q & TYPE_QUAL_ATOMIC) put(" atomic");
    put(")");
  }
  if (fits(TYPE_SIZE(t))) { put(" :size "); put_int(tree_to_shwi(TYPE_SIZE(t))); }
  if (COMPLETE_TYPE_P(t)) { put(" :align "); put_int(TYPE_ALIGN(t)); }
  // A variant (typedef or qualified type) of a struct, union or enum shares its fields or values
  // with the main variant; other variants can differ in what they point to or contain
  // (`const int[6]` has `const int` elements), so their details are written.
  if (main != t && (RECORD_OR_UNION_TYPE_P(t) || TREE_CODE(t) == ENUMERAL_TYPE)) { put(")\n"); return; }
  switch (TREE_CODE(t)) {
    case INTEGER_TYPE: case BOOLEAN_TYPE: case ENUMERAL_TYPE:
      fprintf(out, " :precision %d :unsigned %d", TYPE_PRECISION(t), TYPE_UNSIGNED(t) ? 1 : 0);
      if (TREE_CODE(t) == ENUMERAL_TYPE) {
        put(" :values (");
        for (tree v = TYPE_VALUES(t); v; v = TREE_CHAIN(v)) {
          tree val = TREE_VALUE(v);
          if (val && TREE_CODE(val) == CONST_DECL) val = DECL_INITIAL(val);
          put("(");
          put_string(IDENTIFIER_POINTER(TREE_PURPOSE(v)));
          putch(' ');
          put_bound(val);
          put(")");
        }
        put(")");
      }
      break;
    case REAL_TYPE:
      fprintf(out, " :precision %d", TYPE_PRECISION(t));
      break;
    case COMPLEX_TYPE: case VECTOR_TYPE:
      put(" :elt "); put_type_ref(TREE_TYPE(t));
      break;
    case POINTER_TYPE: case REFERENCE_TYPE:
      put(" :to "); put_type_ref(TREE_TYPE(t));
      break;
    case ARRAY_TYPE: {
      put(" :elt "); put_type_ref(TREE_TYPE(t));
      tree dom = TYPE_DOMAIN(t);
      if (dom) {
        put(" :domain ("); put_bound(TYPE_MIN_VALUE(dom)); putch(' ');
        put_bound(TYPE_MAX_VALUE(dom)); put(")");
      }
      break;
    }
    case RECORD_TYPE: case UNION_TYPE: case QUAL_UNION_TYPE:
      if (!COMPLETE_TYPE_P(t)) { put(" :incomplete 1"); break; }
      put(" :fields (");
      for (tree f = TYPE_FIELDS(t); f; f = DECL_CHAIN(f)) {
        if (TREE_CODE(f) != FIELD_DECL) continue;
        put("(");
        put_string(decl_name(f));
        putch(' '); put_type_ref(TREE_TYPE(f));
        putch(' ');
        if (fits(bit_position(f))) put_int(int_bit_position(f)); else put("nil");
        putch(' ');
        if (fits(DECL_SIZE(f))) put_int(tree_to_shwi(DECL_SIZE(f))); else put("nil");
        put(DECL_BIT_FIELD(f) ? " bitfield)" : " nil)");
      }
      put(")");
      break;
    case FUNCTION_TYPE: case METHOD_TYPE: {
      put(" :result "); put_type_ref(TREE_TYPE(t));
      put(" :args (");
      for (tree a = TYPE_ARG_TYPES(t); a && a != void_list_node; a = TREE_CHAIN(a)) {
        putch(' '); put_type_ref(TREE_VALUE(a));
      }
      put(")");
      fprintf(out, " :varargs %d :prototyped %d", stdarg_p(t) ? 1 : 0, prototype_p(t) ? 1 : 0);
      break;
    }
    case VOID_TYPE:
      break;
    default:
      put(" :unknown 1");
      break;
  }
  put(")\n");
}

// ---------------------------------------------------------------------------------------
// Trees.

static void write_tree(tree t);

static bool known_expression_code(enum tree_code code) {
  switch (TREE_CODE_CLASS(code)) {
    case tcc_reference: case tcc_comparison: case tcc_unary: case tcc_binary:
      return true;
    case tcc_expression:
      // Codes that can stand in an operand or a static initializer.
      switch (code) {
        case ADDR_EXPR: case COND_EXPR: case TRUTH_ANDIF_EXPR: case TRUTH_ORIF_EXPR:
        case TRUTH_AND_EXPR: case TRUTH_OR_EXPR: case TRUTH_XOR_EXPR: case TRUTH_NOT_EXPR:
        case COMPOUND_EXPR: case RANGE_EXPR: case CASE_LABEL_EXPR: case NON_LVALUE_EXPR:
        case SAVE_EXPR:
          return true;
        default:
          return false;
      }
    default:
      return false;
  }
}

static void write_label(tree label) {
  put("(label_decl nil ");
  put_string(decl_name(label));
  putch(' '); put_int(DECL_UID(label));
  putch(' ');
  basic_block bb = cur_fun ? label_to_block(cur_fun, label) : NULL;
  int *seen = bb ? NULL : label_blocks->get(label);
  if (bb) put_int(bb->index);
  else if (seen) put_int(*seen);
  else put("nil");
  putch(')');
}

static void write_constructor(tree t) {
  put("(constructor "); put_type_ref(TREE_TYPE(t));
  put(TREE_CLOBBER_P(t) ? " (clobber) (" : " () (");
  unsigned HOST_WIDE_INT ix;
  tree idx, val;
  FOR_EACH_CONSTRUCTOR_ELT(CONSTRUCTOR_ELTS(t), ix, idx, val) {
    put("(");
    write_tree(idx);
    putch(' ');
    write_tree(val);
    put(")");
  }
  put("))");
}

static void write_tree(tree t) {
  if (!t) { put("nil"); return; }
  enum tree_code code = TREE_CODE(t);
  const char *cname = get_tree_code_name(code);
  switch (code) {
    case SSA_NAME:
      put("(ssa_name "); put_type_ref(TREE_TYPE(t));
      putch(' '); put_int(SSA_NAME_VERSION(t));
      putch(' ');
      put_string(SSA_NAME_IDENTIFIER(t) ? IDENTIFIER_POINTER(SSA_NAME_IDENTIFIER(t)) : NULL);
      putch(')');
      return;
    case VAR_DECL: case PARM_DECL: case RESULT_DECL: case CONST_DECL:
      fprintf(out, "(%s ", cname); put_type_ref(TREE_TYPE(t));
      putch(' '); put_string(decl_name(t));
      putch(' '); put_int(DECL_UID(t));
      putch(')');
      return;
    case FUNCTION_DECL:
      fns_referenced->add(t);
      put("(function_decl "); put_type_ref(TREE_TYPE(t));
      putch(' '); put_string(decl_name(t));
      putch(')');
      return;
    case FIELD_DECL:
      put("(field_decl "); put_type_ref(TREE_TYPE(t));
      putch(' '); put_string(decl_name(t));
      putch(' '); put_type_ref(DECL_CONTEXT(t));
      putch(' ');
      if (fits(bit_position(t))) put_int(int_bit_position(t)); else put("nil");
      putch(')');
      return;
    case LABEL_DECL:
      write_label(t);
      return;
    case INTEGER_CST:
      put("(integer_cst "); put_type_ref(TREE_TYPE(t)); putch(' ');
      put_integer_cst(t);
      putch(')');
      return;
    case REAL_CST: {
      char buf[128];
      real_to_hexadecimal(buf, TREE_REAL_CST_PTR(t), sizeof buf, 0, 1);
      put("(real_cst "); put_type_ref(TREE_TYPE(t)); putch(' ');
      put_string(buf);
      putch(')');
      return;
    }
    case COMPLEX_CST:
      put("(complex_cst "); put_type_ref(TREE_TYPE(t)); putch(' ');
      write_tree(TREE_REALPART(t)); putch(' ');
      write_tree(TREE_IMAGPART(t));
      putch(')');
      return;
    case STRING_CST:
      put("(string_cst "); put_type_ref(TREE_TYPE(t)); putch(' ');
      put_hex_bytes(TREE_STRING_POINTER(t), TREE_STRING_LENGTH(t));
      putch(')');
      return;
    case CONSTRUCTOR:
      write_constructor(t);
      return;
    default:
      break;
  }
  if (!known_expression_code(code)) {
    fprintf(out, "(unknown \"%s\" ", cname); put_type_ref(TREE_TYPE(t)); putch(')');
    return;
  }
  fprintf(out, "(%s ", cname); put_type_ref(TREE_TYPE(t));
  int n = TREE_OPERAND_LENGTH(t);
  for (int i = 0; i < n; i++) { putch(' '); write_tree(TREE_OPERAND(t, i)); }
  putch(')');
}

// ---------------------------------------------------------------------------------------
// Statements.

static void write_stmt(gimple *g) {
  enum gimple_code gc = gimple_code(g);
  switch (gc) {
    case GIMPLE_ASSIGN: {
      put("(assign "); put_line(gimple_location(g));
      fprintf(out, " %s ", get_tree_code_name(gimple_assign_rhs_code(g)));
      write_tree(gimple_assign_lhs(g));
      for (unsigned i = 1; i < gimple_num_ops(g); i++) { putch(' '); write_tree(gimple_op(g, i)); }
      put(")");
      return;
    }
    case GIMPLE_CALL: {
      gcall *c = as_a<gcall *>(g);
      put("(call "); put_line(gimple_location(g)); putch(' ');
      write_tree(gimple_call_lhs(c)); putch(' ');
      if (gimple_call_internal_p(c)) {
        put("(internal_fn nil "); put_string(internal_fn_name(gimple_call_internal_fn(c))); put(")");
      } else {
        write_tree(gimple_call_fn(c));
      }
      putch(' '); put_type_ref(gimple_call_fntype(c));
      put(" (");
      for (unsigned i = 0; i < gimple_call_num_args(c); i++) {
        if (i) putch(' ');
        write_tree(gimple_call_arg(c, i));
      }
      put(") (");
      if (gimple_call_noreturn_p(c)) put(" noreturn");
      if (gimple_call_nothrow_p(c)) put(" nothrow");
      if (gimple_call_va_arg_pack_p(c)) put(" va_arg_pack");
      if (gimple_call_alloca_for_var_p(c)) put(" alloca_for_var");
      if (gimple_call_return_slot_opt_p(c)) put(" return_slot_opt");
      put("))");
      return;
    }
    case GIMPLE_COND: {
      gcond *c = as_a<gcond *>(g);
      put("(cond "); put_line(gimple_location(g));
      fprintf(out, " %s ", get_tree_code_name(gimple_cond_code(c)));
      write_tree(gimple_cond_lhs(c)); putch(' ');
      write_tree(gimple_cond_rhs(c));
      put(")");
      return;
    }
    case GIMPLE_SWITCH: {
      gswitch *s = as_a<gswitch *>(g);
      put("(switch "); put_line(gimple_location(g)); putch(' ');
      write_tree(gimple_switch_index(s));
      put(" (");
      for (unsigned i = 0; i < gimple_switch_num_labels(s); i++) {
        tree cl = gimple_switch_label(s, i);
        put("(");
        write_tree(CASE_LOW(cl)); putch(' ');
        write_tree(CASE_HIGH(cl)); putch(' ');
        write_label(CASE_LABEL(cl));
        put(")");
      }
      put("))");
      return;
    }
    case GIMPLE_RETURN:
      put("(return "); put_line(gimple_location(g)); putch(' ');
      write_tree(gimple_return_retval(as_a<greturn *>(g)));
      put(")");
      return;
    case GIMPLE_LABEL:
      put("(label "); put_line(gimple_location(g)); putch(' ');
      write_label(gimple_label_label(as_a<glabel *>(g)));
      put(")");
      return;
    case GIMPLE_PREDICT:
      put("(predict "); put_line(gimple_location(g));
      fprintf(out, " %d %s)", (int) gimple_predict_predictor(g),
              gimple_predict_outcome(g) == TAKEN ? "taken" : "not_taken");
      return;
    case GIMPLE_GOTO:
      put("(goto "); put_line(gimple_location(g)); putch(' ');
      write_tree(gimple_goto_dest(g));
      put(")");
      return;
    case GIMPLE_NOP:
      put("(nop "); put_line(gimple_location(g)); put(")");
      return;
    case GIMPLE_ASM: {
      // (asm LINE "template" VOLATILE ((CONSTRAINT TREE) ...outputs) (...inputs) ("clobber" ...))
      gasm *a = as_a<gasm *>(g);
      put("(asm "); put_line(gimple_location(g)); putch(' ');
      put_string(gimple_asm_string(a));
      fprintf(out, " %d (", gimple_asm_volatile_p(a) ? 1 : 0);
      for (unsigned i = 0; i < gimple_asm_noutputs(a); i++) {
        tree op = gimple_asm_output_op(a, i);
        put("("); put_string(TREE_STRING_POINTER(TREE_VALUE(TREE_PURPOSE(op)))); putch(' ');
        write_tree(TREE_VALUE(op)); put(")");
      }
      put(") (");
      for (unsigned i = 0; i < gimple_asm_ninputs(a); i++) {
        tree op = gimple_asm_input_op(a, i);
        put("("); put_string(TREE_STRING_POINTER(TREE_VALUE(TREE_PURPOSE(op)))); putch(' ');
        write_tree(TREE_VALUE(op)); put(")");
      }
      put(") (");
      for (unsigned i = 0; i < gimple_asm_nclobbers(a); i++) {
        if (i) putch(' ');
        put_string(TREE_STRING_POINTER(TREE_VALUE(gimple_asm_clobber_op(a, i))));
      }
      put("))");
      return;
    }
    default:
      put("(unknown_stmt "); put_line(gimple_location(g));
      fprintf(out, " \"%s\")", gimple_code_name[gc]);
      return;
  }
}

static void put_decl_flags(tree decl) {
  put(" :flags (");
  if (TREE_PUBLIC(decl)) put(" public");
  if (DECL_EXTERNAL(decl)) put(" external");
  if (TREE_STATIC(decl)) put(" static");
  if (DECL_ARTIFICIAL(decl)) put(" artificial");
  if (TREE_CODE(decl) == FUNCTION_DECL) {
    if (DECL_DECLARED_INLINE_P(decl)) put(" inline");
    if (TREE_THIS_VOLATILE(decl)) put(" noreturn");
  } else {
    if (TREE_ADDRESSABLE(decl)) put(" addressable");
    if (TREE_READONLY(decl)) put(" readonly");
    if (TREE_THIS_VOLATILE(decl)) put(" volatile");
    if (DECL_REGISTER(decl)) put(" register");
  }
  put(")");
}

static void put_source(tree decl) {
  put(" :file "); put_string(DECL_SOURCE_FILE(decl));
  put(" :line "); put_int(DECL_SOURCE_LINE(decl));
}

static void write_function(function *fun) {
  tree fndecl = fun->decl;
  cur_fun = fun;
  fns_defined->add(fndecl);
  put("(function "); put_string(decl_name(fndecl));
  put_source(fndecl);
  put_decl_flags(fndecl);
  put(" :type "); put_type_ref(TREE_TYPE(fndecl));
  put(" :result "); write_tree(DECL_RESULT(fndecl));
  put("\n :params (");
  for (tree p = DECL_ARGUMENTS(fndecl); p; p = DECL_CHAIN(p)) { putch(' '); write_tree(p); }
  put(")\n :locals (");
  unsigned ix;
  tree var;
  FOR_EACH_LOCAL_DECL(fun, ix, var) {
    putch(' '); write_tree(var);
  }
  put(")\n :blocks (");
  basic_block bb;
  FOR_ALL_BB_FN(bb, fun) {
    fprintf(out, "\n  (block %d :succs (", bb->index);
    edge e;
    edge_iterator ei;
    FOR_EACH_EDGE(e, ei, bb->succs) {
      fprintf(out, "(%d (", e->dest->index);
      for (unsigned i = 0; i < sizeof edge_flags / sizeof edge_flags[0]; i++)
        if (e->flags & edge_flags[i].flag) {
          putch(' ');
          for (const char *c = edge_flags[i].name; *c; c++) putch(TOLOWER(*c));
        }
      put("))");
    }
    put(") :stmts (");
    if (bb->index >= NUM_FIXED_BLOCKS)
      for (gimple_stmt_iterator gsi = gsi_start_bb(bb); !gsi_end_p(gsi); gsi_next(&gsi))
        if (glabel *l = dyn_cast<glabel *>(gsi_stmt(gsi)))
          label_blocks->put(gimple_label_label(l), bb->index);
    if (bb->index >= NUM_FIXED_BLOCKS)
      for (gimple_stmt_iterator gsi = gsi_start_bb(bb); !gsi_end_p(gsi); gsi_next(&gsi)) {
        put("\n   ");
        write_stmt(gsi_stmt(gsi));
      }
    put("))");
  }
  put("))\n");
  cur_fun = NULL;
  n_functions++;
}

// ---------------------------------------------------------------------------------------
// The pass, and the end of the unit.

static void open_output() {
  if (out) return;
  if (!out_path) {
    // main_input_filename is not set yet in plugin_init: the default is chosen here.
    static char buf[4096];
    snprintf(buf, sizeof buf, "%s.gimple.sx", main_input_filename);
    out_path = buf;
  }
  tmp_path = concat(out_path, ".tmp", NULL);
  out = fopen(tmp_path, "w");
  if (!out) fatal_error(UNKNOWN_LOCATION, "gimple_dump: cannot write %s", tmp_path);
  setvbuf(out, NULL, _IOFBF, 1 << 20);
  fprintf(out, "(unit :version %d :file ", FORMAT_VERSION);
  put_string(main_input_filename);
  put(" :gcc "); put_string(gcc_version.basever);
  put(")\n");
}

namespace {
const pass_data dump_pass_data = {
  GIMPLE_PASS, "gimple_dump", OPTGROUP_NONE, TV_NONE, PROP_cfg, 0, 0, 0, 0,
};

struct dump_pass : gimple_opt_pass {
  dump_pass(gcc::context *ctx) : gimple_opt_pass(dump_pass_data, ctx) {}
  unsigned int execute(function *fun) final override {
    if (seen_error()) return 0;
    open_output();
    write_function(fun);
    return 0;
  }
};
}  // namespace

static void write_variable(tree decl) {
  put("(variable "); put_string(decl_name(decl));
  put(" :uid "); put_int(DECL_UID(decl));
  put_source(decl);
  put_decl_flags(decl);
  put(" :type "); put_type_ref(TREE_TYPE(decl));
  tree ctx = DECL_CONTEXT(decl);
  if (ctx && TREE_CODE(ctx) == FUNCTION_DECL) { put(" :context "); put_string(decl_name(ctx)); }
  tree init = DECL_INITIAL(decl);
  if (init && init != error_mark_node) { put("\n :init "); write_tree(init); }
  put(")\n");
}

static void write_declaration(tree decl) {
  put("(declaration "); put_string(decl_name(decl));
  put(" :type "); put_type_ref(TREE_TYPE(decl));
  put_source(decl);
  put_decl_flags(decl);
  if (fndecl_built_in_p(decl)) {
    put(" :builtin ");
    if (DECL_BUILT_IN_CLASS(decl) == BUILT_IN_NORMAL) put_string(built_in_names[DECL_FUNCTION_CODE(decl)]);
    else put("\"target\"");
  }
  put(")\n");
}

static int compare_decl_names(const void *a, const void *b) {
  const char *x = decl_name(*(const tree *) a), *y = decl_name(*(const tree *) b);
  return strcmp(x ? x : "", y ? y : "");
}

static void finish_unit(void *, void *) {
  if (seen_error()) return;
  open_output();
  int n_variables = 0;
  varpool_node *vnode;
  FOR_EACH_VARIABLE(vnode) { write_variable(vnode->decl); n_variables++; }
  // Called functions that have no body here: their types and builtin codes.
  auto_vec<tree> decls;
  for (hash_set<tree>::iterator it = fns_referenced->begin(); it != fns_referenced->end(); ++it)
    if (!fns_defined->contains(*it)) decls.safe_push(*it);
  decls.qsort(compare_decl_names);  // hash-set order is address order
  for (tree d : decls) write_declaration(d);
  // The type table grows while it is written (a pointer names its target type).
  for (unsigned i = 0; i < types_to_write.length(); i++) write_type(i, types_to_write[i]);
  fprintf(out, "(end :functions %d :variables %d :types %u)\n", n_functions, n_variables,
          types_to_write.length());
  if (fclose(out) != 0 || rename(tmp_path, out_path) != 0)
    fatal_error(UNKNOWN_LOCATION, "gimple_dump: cannot write %s", out_path);
  out = NULL;
  // Everything is written: skip IPA, RTL and assembly.
  exit(0);
}

static void cleanup(void *, void *) {
  // Reached only when the unit did not finish (GCC reported errors): leave no partial file.
  if (out) { fclose(out); out = NULL; unlink(tmp_path); }
}

int plugin_init(struct plugin_name_args *info, struct plugin_gcc_version *version) {
  if (!plugin_default_version_check(version, &gcc_version)) {
    error("gimple_dump: built for GCC %s, loaded by GCC %s", gcc_version.basever, version->basever);
    return 1;
  }
  for (int i = 0; i < info->argc; i++)
    if (!strcmp(info->argv[i].key, "out")) out_path = info->argv[i].value;
  type_ids = new hash_map<tree, int>;
  label_blocks = new hash_map<tree, int>;
  fns_defined = new hash_set<tree>;
  fns_referenced = new hash_set<tree>;
  types_to_write = vNULL;

  struct register_pass_info pass_info;
  pass_info.pass = new dump_pass(g);
  pass_info.reference_pass_name = "cfg";
  pass_info.ref_pass_instance_number = 1;
  pass_info.pos_op = PASS_POS_INSERT_AFTER;
  register_callback(info->base_name, PLUGIN_PASS_MANAGER_SETUP, NULL, &pass_info);
  register_callback(info->base_name, PLUGIN_ALL_IPA_PASSES_START, finish_unit, NULL);
  register_callback(info->base_name, PLUGIN_FINISH, cleanup, NULL);
  return 0;
}
