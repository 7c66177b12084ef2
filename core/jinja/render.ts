/**
 * Jinja rendering for dbt-style models and pipeline SQL, over @huggingface/jinja.
 *
 * Why this library: it is an interpreter (no `new Function`/`eval`), so it runs under the app's CSP,
 * in a Web Worker and in Node alike. Why not its `Template` class: that turns on `lstrip_blocks` and
 * `trim_blocks`, which Python Jinja (and so dbt) leaves off; we tokenize with both off.
 *
 * Differences from Python Jinja that are handled here (checked by tests/core/jinja/render.spec.ts
 * against goldens rendered by Python's jinja2):
 * - `{% raw %}...{% endraw %}` is not supported by the library: raw blocks are cut out before
 *   tokenizing and rendered back verbatim (whitespace control on the raw tags honoured).
 * - `{{ true }}` renders `true` in the library and `True` in Python: booleans render as Python does.
 * - `{{ none }}` renders `None` and `'a' ~ none` gives `aNone`, as in Python (the library renders
 *   nothing and refuses `~` with none); an undefined value is '' in `~` as in Python.
 * - Comparisons: the library refuses `<`, `<=`, `>`, `>=` between strings (`ds >= '2025-06-01'`) and
 *   between booleans and numbers, and its `==` is JavaScript's loose one (`'1' == 1` is true there).
 *   These operators are evaluated here with Python's rules instead (see pyBinary).
 * - The library's errors carry no position: a syntax error is located by parsing each tag alone and
 *   then checking block nesting; a runtime error is located at the tag whose evaluation raised it
 *   (the AST is matched to the source's tags once, after parsing), and in a macro of another file at
 *   the tag of this file that called it.
 */
import { Environment, Interpreter, parse, tokenize } from '@huggingface/jinja';

/** Keyword arguments of a call from a template, given as the last argument to a context function. */
export class Kwargs {
  readonly values: Record<string, unknown>;
  constructor(values: Record<string, unknown>) {
    this.values = values;
  }
}

/** A value that renders as `text` in `{{ }}` and whose fields can be read (`this.name`), like dbt's Relation. */
export class Renderable {
  readonly text: string;
  readonly fields: Record<string, unknown>;
  constructor(text: string, fields: Record<string, unknown> = {}) {
    this.text = text;
    this.fields = fields;
  }
}

/** A template error with the 1-based line (and column) in the source where it could be found. */
export class TemplateError extends Error {
  readonly line: number | undefined;
  readonly column: number | undefined;
  /** The error a context function threw (e.g. a missing ref), when the error came from one. */
  readonly original: unknown;
  constructor(message: string, line?: number, column?: number, original?: unknown) {
    super(message);
    this.name = 'TemplateError';
    this.line = line;
    this.column = column;
    this.original = original;
  }
}

/** Splits a context function's arguments into positional ones and keyword ones. */
export function splitArgs(args: unknown[]): { positional: unknown[]; kwargs: Record<string, unknown> } {
  const last = args.at(-1);
  if (last instanceof Kwargs) return { positional: args.slice(0, -1), kwargs: last.values };
  return { positional: args, kwargs: {} };
}

/**
 * Binds arguments as Python does for `def f(a, b=...)`: positional first, then by keyword. Unknown
 * keywords are an error (as in dbt's `ref`, `var`, ...).
 */
export function bindArgs(fn: string, args: unknown[], names: readonly string[]): Record<string, unknown> {
  const { positional, kwargs } = splitArgs(args);
  if (positional.length > names.length) {
    throw new Error(`${fn}() takes at most ${names.length} arguments (${positional.length} given)`);
  }
  const bound: Record<string, unknown> = {};
  names.forEach((n, i) => {
    if (i < positional.length) bound[n] = positional[i];
  });
  for (const [k, v] of Object.entries(kwargs)) {
    if (!names.includes(k)) throw new Error(`${fn}() got an unexpected keyword argument '${k}'`);
    bound[k] = v;
  }
  return bound;
}

// The library exports no runtime value classes; take them from values it makes itself.
type RuntimeValue = { type: string; value: unknown; toString(): string };
const scratch = (v: unknown): RuntimeValue => new Environment().set('v', v) as RuntimeValue;
const FunctionValueCtor = (new Environment().variables.get('namespace') as object).constructor as new (
  fn: (args: RuntimeValue[], scope: Environment) => RuntimeValue,
) => RuntimeValue;
const BooleanProto = Object.getPrototypeOf(scratch(true)) as { toString(): string; value: boolean };
// Python prints True/False; the library prints true/false.
BooleanProto.toString = function (this: { value: boolean }) {
  return this.value ? 'True' : 'False';
};
// Python prints None; an undefined value prints '' (jinja2's default Undefined), also inside `~`.
(Object.getPrototypeOf(scratch(null)) as { toString(): string }).toString = () => 'None';
(Object.getPrototypeOf(scratch(undefined)) as { toString(): string }).toString = () => '';
const StringValueCtor = scratch('').constructor as new (v: string) => RuntimeValue;
const BooleanValueCtor = scratch(true).constructor as new (v: boolean) => RuntimeValue;

/** An AST node as the interpreter sees it (the library types its internals as private). */
type AstNode = { type: string; [field: string]: unknown };
// Expressions (as opposed to statements like set/macro/comment) are what `{{ }}` outputs.
const ExpressionCtor = Object.getPrototypeOf(
  (parse(tokenize('{{ x }}')).body[0] as object).constructor.prototype as object,
).constructor as abstract new () => object;

/** Python's name of a value's type, for its error messages. */
function pyType(v: RuntimeValue): string {
  const names: Record<string, string> = {
    StringValue: 'str',
    IntegerValue: 'int',
    FloatValue: 'float',
    BooleanValue: 'bool',
    NullValue: 'NoneType',
    ArrayValue: 'list',
    TupleValue: 'tuple',
    ObjectValue: 'dict',
    KeywordArgumentsValue: 'dict',
    FunctionValue: 'function',
    UndefinedValue: 'Undefined',
  };
  return names[v.type] ?? v.type;
}

const NUMERIC = new Set(['IntegerValue', 'FloatValue', 'BooleanValue']);

function numberOf(v: RuntimeValue): number {
  return v.type === 'BooleanValue' ? Number(v.value) : (v.value as number);
}

/** Python's string order: by code point (JS `<` compares UTF-16 units, which differs past U+FFFF). */
function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i] as string).codePointAt(0)! - (y[i] as string).codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** Python's `==`: numbers (and bools) by value, strings, None, lists/tuples and dicts item by item. */
function pyEquals(a: RuntimeValue, b: RuntimeValue): boolean {
  if (NUMERIC.has(a.type) && NUMERIC.has(b.type)) return numberOf(a) === numberOf(b);
  if (a.type !== b.type) {
    const dict = (t: string) => t === 'ObjectValue' || t === 'KeywordArgumentsValue';
    if (!(dict(a.type) && dict(b.type))) return false;
  }
  switch (a.type) {
    case 'NullValue':
    case 'UndefinedValue':
      return true;
    case 'ArrayValue':
    case 'TupleValue': {
      const x = a.value as RuntimeValue[];
      const y = b.value as RuntimeValue[];
      return x.length === y.length && x.every((v, i) => pyEquals(v, y[i] as RuntimeValue));
    }
    case 'ObjectValue':
    case 'KeywordArgumentsValue': {
      const x = a.value as Map<string, RuntimeValue>;
      const y = b.value as Map<string, RuntimeValue>;
      if (x.size !== y.size) return false;
      for (const [k, v] of x) {
        const w = y.get(k);
        if (w === undefined || !pyEquals(v, w)) return false;
      }
      return true;
    }
    default:
      return a.value === b.value;
  }
}

const PY_OPERATORS = new Set(['==', '!=', '<', '<=', '>', '>=', '~']);

/** `left op right` with Python's rules, for the operators in PY_OPERATORS. */
function pyBinary(op: string, left: RuntimeValue, right: RuntimeValue, node: AstNode): RuntimeValue {
  if (op === '==') return new BooleanValueCtor(pyEquals(left, right));
  if (op === '!=') return new BooleanValueCtor(!pyEquals(left, right));
  if (op === '~') return new StringValueCtor(left.toString() + right.toString());
  for (const [side, v] of [
    ['left', left],
    ['right', right],
  ] as const) {
    const operand = node[side] as AstNode;
    if (v.type === 'UndefinedValue' && operand.type === 'Identifier') throw new Error(`'${String(operand.value)}' is undefined`);
  }
  let order: number;
  if (NUMERIC.has(left.type) && NUMERIC.has(right.type)) order = numberOf(left) - numberOf(right);
  else if (left.type === 'StringValue' && right.type === 'StringValue') order = compareCodePoints(left.value as string, right.value as string);
  else throw new TypeError(`'${op}' not supported between instances of '${pyType(left)}' and '${pyType(right)}'`);
  const result = op === '<' ? order < 0 : op === '<=' ? order <= 0 : op === '>' ? order > 0 : order >= 0;
  return new BooleanValueCtor(result);
}

/** Where a node's tag is: the program (template) it belongs to, and the tag's line and column. */
interface NodeWhere {
  program: object;
  line: number;
  column: number;
}

/** Each statement or `{{ }}` expression node to its tag in the source (filled by mapNodesToTags). */
const nodeWhere = new WeakMap<object, NodeWhere>();
/** The tags (innermost first) a runtime error passed through on its way out. */
const errorTrail = new WeakMap<object, NodeWhere[]>();

// The library's break/continue are thrown errors: they are control flow, not failures.
const controlErrors: (new () => unknown)[] = ['Break', 'Continue'].flatMap((type) => {
  try {
    new Interpreter().evaluate({ type } as never, new Environment());
  } catch (e) {
    return [(e as object).constructor as new () => unknown];
  }
  return [];
});

interface InterpreterInternals {
  evaluate(node: AstNode | undefined, env: Environment): RuntimeValue;
  evaluateBinaryExpression(node: AstNode, env: Environment): RuntimeValue;
  evaluateBlock(statements: AstNode[], env: Environment): RuntimeValue;
}
const interpreterProto = Interpreter.prototype as unknown as InterpreterInternals;
const libraryEvaluate = interpreterProto.evaluate;
const libraryBinary = interpreterProto.evaluateBinaryExpression;
// Patched on the prototype (its methods are private in the library's types, so no subclass):
// only this module uses the library. Each patch keeps the library's behaviour for everything else.
interpreterProto.evaluate = function (this: InterpreterInternals, node, env) {
  try {
    return libraryEvaluate.call(this, node, env);
  } catch (e) {
    const where = node === undefined ? undefined : nodeWhere.get(node);
    if (where !== undefined && typeof e === 'object' && e !== null && !controlErrors.some((c) => e instanceof c)) {
      const trail = errorTrail.get(e) ?? [];
      trail.push(where);
      errorTrail.set(e, trail);
    }
    throw e;
  }
};
interpreterProto.evaluateBinaryExpression = function (this: InterpreterInternals, node, env) {
  const op = (node.operator as { value: string }).value;
  if (!PY_OPERATORS.has(op)) return libraryBinary.call(this, node, env);
  const left = this.evaluate(node.left as AstNode, env);
  const right = this.evaluate(node.right as AstNode, env);
  return pyBinary(op, left, right, node);
};
// As the library's, except that an expression giving None renders `None` (statements such as
// set, macro and comments also give None and still render nothing).
interpreterProto.evaluateBlock = function (this: InterpreterInternals, statements, env) {
  let out = '';
  for (const statement of statements) {
    const value = this.evaluate(statement, env);
    if (value.type === 'UndefinedValue') continue;
    if (value.type === 'NullValue' && !(statement instanceof ExpressionCtor)) continue;
    out += value.toString();
  }
  return new StringValueCtor(out);
};

/** Runtime value (from the interpreter) to a plain JS value for a context function. */
function toJs(v: RuntimeValue, env: Environment): unknown {
  switch (v.type) {
    case 'KeywordArgumentsValue': {
      const out: Record<string, unknown> = {};
      for (const [k, x] of v.value as Map<string, RuntimeValue>) out[k] = toJs(x, env);
      return new Kwargs(out);
    }
    case 'ObjectValue':
    case 'NamespaceValue': {
      const out: Record<string, unknown> = {};
      for (const [k, x] of v.value as Map<string, RuntimeValue>) out[k] = toJs(x, env);
      return out;
    }
    case 'ArrayValue':
    case 'TupleValue':
      return (v.value as RuntimeValue[]).map((x) => toJs(x, env));
    case 'FunctionValue': {
      const fn = v.value as (args: RuntimeValue[], scope: Environment) => RuntimeValue;
      return (...args: unknown[]) => toJs(fn(args.map(toRuntime), env), env);
    }
    case 'UndefinedValue':
      return undefined;
    default:
      return v.value;
  }
}

/** Plain JS value (from a context function) to a runtime value. */
function toRuntime(v: unknown): RuntimeValue {
  if (v instanceof Renderable) {
    const obj = scratch({});
    const map = obj.value as Map<string, RuntimeValue>;
    for (const [k, x] of Object.entries(v.fields)) map.set(k, toRuntime(x));
    const text = v.text;
    obj.toString = () => text;
    return obj;
  }
  if (typeof v === 'function') return wrapFunction(v as (...a: unknown[]) => unknown);
  if (Array.isArray(v)) {
    const arr = scratch([]);
    (arr.value as RuntimeValue[]).push(...v.map(toRuntime));
    return arr;
  }
  if (v !== null && typeof v === 'object') {
    const obj = scratch({});
    const map = obj.value as Map<string, RuntimeValue>;
    for (const [k, x] of Object.entries(v)) map.set(k, toRuntime(x));
    return obj;
  }
  return scratch(v);
}

/** The function that failed last, so its call can be found in the source. */
interface FailedCall {
  name: string;
  firstArg: unknown;
  error: unknown;
}

let failedCall: FailedCall | undefined;

function takeFailedCall(): FailedCall | undefined {
  const call = failedCall;
  failedCall = undefined;
  return call;
}

function wrapFunction(fn: (...a: unknown[]) => unknown, name?: string): RuntimeValue {
  return new FunctionValueCtor((args, scope) => {
    const jsArgs = args.map((a) => toJs(a, scope));
    try {
      return toRuntime(fn(...jsArgs));
    } catch (error) {
      if (name !== undefined && failedCall === undefined) failedCall = { name, firstArg: jsArgs[0], error };
      throw error;
    }
  });
}

interface RawBlock {
  text: string;
}

/** Cuts `{% raw %}` blocks out (the library has no raw), leaving `{{ __datalit_raw_N }}` placeholders. */
function cutRawBlocks(source: string): { source: string; raws: RawBlock[] } {
  const raws: RawBlock[] = [];
  const re = /\{%(-?)\s*raw\s*(-?)%\}([\s\S]*?)\{%(-?)\s*endraw\s*(-?)%\}/g;
  const out = source.replace(re, (_m, l1: string, r1: string, body: string, l2: string, r2: string) => {
    let text = body;
    if (r1 === '-') text = text.trimStart();
    if (l2 === '-') text = text.trimEnd();
    raws.push({ text });
    // Keep the line count so later error lines stay right.
    const newlines = '\n'.repeat((body.match(/\n/g) ?? []).length);
    return `{{${l1} __datalit_raw_${raws.length - 1} ${r2}}}${newlines ? `{#${newlines}#}` : ''}`;
  });
  return { source: out, raws };
}

/** 1-based line and column of an offset. */
function position(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset);
  const line = (before.match(/\n/g) ?? []).length + 1;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

const BLOCKS: Record<string, string> = {
  if: 'endif',
  for: 'endfor',
  macro: 'endmacro',
  call: 'endcall',
  filter: 'endfilter',
  set: 'endset',
};

function tryParse(text: string): string | undefined {
  try {
    parse(tokenize(text, { lstrip_blocks: false, trim_blocks: false }));
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** Finds where a syntax error is: first a tag that does not parse on its own, then block nesting. */
function locateSyntaxError(source: string): { line: number; column: number } | undefined {
  const tagRe = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|\{#[\s\S]*?#\}/g;
  const stack: { keyword: string; offset: number }[] = [];
  let m: RegExpExecArray | null;
  let lastEnd = 0;
  while ((m = tagRe.exec(source)) !== null) {
    const tag = m[0];
    const offset = m.index;
    // An opening `{{`/`{%` inside the text between tags has no closer of its own.
    const gap = source.slice(lastEnd, offset);
    const stray = gap.search(/\{\{|\{%/);
    if (stray >= 0) return position(source, lastEnd + stray);
    lastEnd = offset + tag.length;
    if (tag.startsWith('{#')) continue;
    if (tag.startsWith('{{')) {
      if (tryParse(tag) !== undefined) return position(source, offset);
      continue;
    }
    const inner = tag.slice(2, -2).replace(/^-/, '').replace(/-$/, '').trim();
    const keyword = /^\w+/.exec(inner)?.[0] ?? '';
    let probe: string | undefined;
    if (keyword === 'set') {
      probe = inner.includes('=') ? tag : `${tag}{% endset %}`;
      if (!inner.includes('=')) stack.push({ keyword, offset });
    } else if (BLOCKS[keyword] !== undefined) {
      probe = `${tag}{% ${BLOCKS[keyword]} %}`;
      stack.push({ keyword, offset });
    } else if (keyword === 'elif' || keyword === 'else') {
      probe = `{% if true %}${tag}{% endif %}`;
      const top = stack.at(-1);
      if (top === undefined || (top.keyword !== 'if' && !(keyword === 'else' && top.keyword === 'for'))) {
        return position(source, offset);
      }
    } else if (keyword.startsWith('end')) {
      const top = stack.pop();
      if (top === undefined || BLOCKS[top.keyword] !== keyword) return position(source, offset);
    } else if (keyword === 'break' || keyword === 'continue') {
      probe = undefined;
    } else {
      probe = tag;
    }
    if (probe !== undefined && tryParse(probe) !== undefined) return position(source, offset);
  }
  const stray = source.slice(lastEnd).search(/\{\{|\{%/);
  if (stray >= 0) return position(source, lastEnd + stray);
  const open = stack.at(-1);
  return open === undefined ? undefined : position(source, open.offset);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Where a context function was called with this first argument (a missing ref's line). */
function locateCall(source: string, call: FailedCall): { line: number; column: number } | undefined {
  const arg = typeof call.firstArg === 'string' ? `\\s*['"]${escapeRegExp(call.firstArg)}['"]` : '';
  const re = new RegExp(`\\b${escapeRegExp(call.name)}\\s*\\(${arg}`);
  const found = re.exec(source);
  return found === null ? undefined : position(source, found.index);
}

/** One tag of the token stream (or a text run), in source order. */
type TagItem = { kind: 'text' } | { kind: 'comment' | 'expr'; tag: number } | { kind: 'stmt'; tag: number; keyword: string };

/**
 * Records, for every statement and `{{ }}` node of a parsed program, the position of its tag, so a
 * runtime error can be reported where it happened. The library's tokens and nodes carry no
 * positions, but the parser turns tags into nodes in order: walk the AST's bodies alongside the
 * token stream's tags and the tags found in the source. If anything does not line up (a `}}`
 * inside a string literal, say), nothing is recorded and errors simply have no line.
 */
function mapNodesToTags(source: string, tokens: { type: string; value: string }[], program: { body: AstNode[] }): void {
  const tagStarts: number[] = [];
  const tagRe = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|\{#[\s\S]*?#\}/g;
  for (let m = tagRe.exec(source); m !== null; m = tagRe.exec(source)) tagStarts.push(m.index);
  const items: TagItem[] = [];
  let tags = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as { type: string; value: string };
    if (t.type === 'Text') items.push({ kind: 'text' });
    else if (t.type === 'Comment') items.push({ kind: 'comment', tag: tags++ });
    else if (t.type === 'OpenExpression' || t.type === 'OpenStatement') {
      const close = t.type === 'OpenExpression' ? 'CloseExpression' : 'CloseStatement';
      if (t.type === 'OpenExpression') items.push({ kind: 'expr', tag: tags++ });
      else items.push({ kind: 'stmt', tag: tags++, keyword: tokens[i + 1]?.value ?? '' });
      while (i < tokens.length && tokens[i]?.type !== close) i++;
    }
  }
  if (tags !== tagStarts.length) return;
  const found = new Map<object, number>();
  let pos = 0;
  const next = (): TagItem => {
    const item = items[pos++];
    if (item === undefined) throw new Error('tags and nodes do not line up');
    return item;
  };
  const expectEnd = (keyword: string): void => {
    const item = next();
    if (item.kind !== 'stmt' || item.keyword !== keyword) throw new Error('tags and nodes do not line up');
  };
  const walkIf = (node: AstNode): void => {
    walkBody(node.body as AstNode[]);
    const item = next();
    if (item.kind !== 'stmt') throw new Error('tags and nodes do not line up');
    if (item.keyword === 'elif') {
      const inner = (node.alternate as AstNode[])[0] as AstNode;
      found.set(inner, item.tag);
      walkIf(inner); // the inner if reads the one endif
    } else if (item.keyword === 'else') {
      walkBody(node.alternate as AstNode[]);
      expectEnd('endif');
    } else if (item.keyword !== 'endif') throw new Error('tags and nodes do not line up');
  };
  const walkBody = (body: AstNode[]): void => {
    for (const node of body) {
      const item = next();
      if (item.kind === 'text') continue;
      found.set(node, item.tag);
      if (item.kind !== 'stmt') continue;
      switch (item.keyword) {
        case 'if':
          walkIf(node);
          break;
        case 'for':
          walkBody(node.body as AstNode[]);
          if (items[pos]?.kind === 'stmt' && (items[pos] as { keyword: string }).keyword === 'else') {
            pos++;
            walkBody(node.defaultBlock as AstNode[]);
          }
          expectEnd('endfor');
          break;
        case 'set':
          if (node.value === null) {
            walkBody(node.body as AstNode[]);
            expectEnd('endset');
          }
          break;
        case 'macro':
        case 'call':
        case 'filter':
          walkBody(node.body as AstNode[]);
          expectEnd(`end${item.keyword}`);
          break;
      }
    }
  };
  try {
    walkBody(program.body);
    if (pos !== items.length) return;
  } catch {
    return;
  }
  for (const [node, tag] of found) nodeWhere.set(node, { program, ...position(source, tagStarts[tag] as number) });
}

/** A template parsed once, to render many times (macros files, models compiled again). */
export interface ParsedTemplate {
  readonly source: string;
  readonly program: ReturnType<typeof parse>;
  readonly raws: readonly RawBlock[];
}

/** Parses a template; throws TemplateError with a line when the syntax is wrong. */
export function parseTemplate(source: string): ParsedTemplate {
  const cut = cutRawBlocks(source);
  try {
    const tokens = tokenize(cut.source, { lstrip_blocks: false, trim_blocks: false });
    const program = parse(tokens);
    mapNodesToTags(cut.source, tokens, program as unknown as { body: AstNode[] });
    return { source, program, raws: cut.raws };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const where = locateSyntaxError(cut.source);
    throw new TemplateError(message, where?.line, where?.column, e);
  }
}

/** Options for a render: macros (from other templates) to make available as if defined here. */
export interface RenderOptions {
  /** Templates whose `{% macro %}`s become callable in this one (dbt's global macros/). */
  macros?: readonly ParsedTemplate[];
}

/**
 * Renders a Jinja template with Python Jinja's defaults (no trim/lstrip blocks, one trailing
 * newline dropped). Context functions are called with JS values: positional arguments, then a
 * `Kwargs` as last argument when the call had keyword arguments (`config(materialized='table')`).
 * Throws TemplateError with the line where the problem is, when it can be found.
 */
export function renderTemplate(
  source: string | ParsedTemplate,
  context: Record<string, unknown>,
  options: RenderOptions = {},
): string {
  const template = typeof source === 'string' ? parseTemplate(source) : source;
  const globals = new Environment();
  for (const [k, v] of Object.entries({ true: true, false: false, none: null, True: true, False: false, None: null })) {
    globals.set(k, v);
  }
  for (const [k, v] of Object.entries(context)) {
    const value = typeof v === 'function' ? wrapFunction(v as (...a: unknown[]) => unknown, k) : toRuntime(v);
    globals.setVariable(k, value as never);
  }
  template.raws.forEach((raw, i) => globals.setVariable(`__datalit_raw_${i}`, scratch(raw.text) as never));
  // Macros of other files: run each (their output is dropped) in a scope under the globals, and
  // copy the macros they define into the globals so every template can call them.
  for (const macroFile of options.macros ?? []) {
    const scope = new Environment(globals);
    macroFile.raws.forEach((raw, i) => scope.setVariable(`__datalit_raw_${i}`, scratch(raw.text) as never));
    runLocated(macroFile, () => new Interpreter(scope).run(macroFile.program));
    for (const [name, value] of scope.variables) {
      if ((value as RuntimeValue).type === 'FunctionValue' && name !== 'namespace') globals.setVariable(name, value);
    }
  }
  const env = new Environment(globals);
  return runLocated(template, () => (new Interpreter(env).run(template.program) as RuntimeValue).value as string);
}

function runLocated<T>(template: ParsedTemplate, run: () => T): T {
  failedCall = undefined;
  try {
    return run();
  } catch (e) {
    if (e instanceof TemplateError) throw e;
    const message = e instanceof Error ? e.message : String(e);
    const call = takeFailedCall();
    // The tag of this template the error came out of (a macro of another file: the tag calling it).
    const tag = typeof e === 'object' && e !== null ? errorTrail.get(e)?.find((w) => w.program === template.program) : undefined;
    const called = call === undefined ? undefined : locateCall(template.source, call);
    // The call's own column when it is on the tag's line (the tag gives the line a search may miss).
    const where = tag === undefined ? called : called !== undefined && called.line === tag.line ? called : tag;
    throw new TemplateError(message, where?.line, where?.column, call?.error ?? e);
  }
}
