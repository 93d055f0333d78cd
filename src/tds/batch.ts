// The T-SQL this server understands: not a SQL engine, a small recognizer for what clients send
// on connect and for procedure calls with literal arguments. Everything else is refused with an
// error that says so (see UNSUPPORTED below), never guessed at.
//
// Statements:
//   SET <option> ...                       -> nothing to do (drivers' session settings)
//   USE msdb | USE master                  -> database change
//   SELECT <item>, ...                     -> one row; items: literals, @@SPID, @@VERSION,
//                                             @@SERVERNAME, @@TRANCOUNT, @@LANGUAGE,
//                                             SERVERPROPERTY('...'), SUSER_SNAME(), DB_NAME(),
//                                             IS_SRVROLEMEMBER('sysadmin'), each with an alias
//   EXEC[UTE] [@rc =] [msdb.][dbo.]sp_... [@p =] value, ...   (and master.dbo.xp_instance_reg{read,write}, registryXp.ts)
//                                          -> the procedure through the executor; values:
//                                             N'..' / '..' ('' escapes), numbers, NULL, DEFAULT,
//                                             0x.., bare words (as SQL Server takes them: text),
//                                             @variables bound by sp_executesql
import type { SqlValue } from '../msdb/executor';

/** A refusal with SQL Server's number, class and text where one exists. */
export interface SqlFailure {
  number: number;
  class: number;
  state: number;
  message: string;
}

/**
 * The lab's own refusal of a statement it does not run. 50000 is the number SQL Server gives an
 * error raised with text rather than a catalogued number (RAISERROR('text', 16, 1)): this is the
 * lab speaking, not an engine error, so it does not borrow one (102 "Incorrect syntax" would
 * tell the user the statement is wrong when it is only not supported here).
 */
export const UNSUPPORTED_NUMBER = 50000;

function unsupported(what: string): SqlFailure {
  return {
    number: UNSUPPORTED_NUMBER,
    class: 16,
    state: 1,
    message:
      `The MSX Studio lab does not run arbitrary T-SQL (${what}). It runs msdb's MSX procedures ` +
      `(EXEC msdb.dbo.sp_... with literal arguments, or as RPC calls) and the statements drivers send on connect.`,
  };
}

export type SelectExpr =
  | { kind: 'literal'; value: SqlValue }
  | { kind: 'global'; name: string }
  | { kind: 'serverproperty'; property: string }
  | { kind: 'function'; name: string; arg?: string };

export interface SelectItem {
  alias: string;
  expr: SelectExpr;
}

export type ExecArg = { name?: string; value: SqlValue | undefined };

export type Statement =
  | { kind: 'set' }
  | { kind: 'use'; database: string }
  | { kind: 'select'; items: SelectItem[] }
  | { kind: 'exec'; proc: string; args: ExecArg[] };

// ---------------------------------------------------------------------------------------------
// Tokenizer.

type Tok =
  | { t: 'word'; v: string; quoted: boolean }
  | { t: 'str'; v: string }
  | { t: 'num'; v: number }
  | { t: 'bin'; v: Buffer }
  | { t: 'var'; v: string }
  | { t: 'punct'; v: string };

class Failure extends Error {
  constructor(readonly failure: SqlFailure) {
    super(failure.message);
  }
}

const fail = (f: SqlFailure): never => {
  throw new Failure(f);
};

function tokenize(sql: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '-' && sql[i + 1] === '-') {
      while (i < n && sql[i] !== '\n') i++;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      if (end < 0) fail({ number: 113, class: 15, state: 1, message: "Missing end comment mark '*/'." });
      i = end + 2;
    } else if (c === "'" || ((c === 'N' || c === 'n') && sql[i + 1] === "'")) {
      let j = c === "'" ? i + 1 : i + 2;
      let s = '';
      for (;;) {
        if (j >= n) fail({ number: 105, class: 15, state: 1, message: `Unclosed quotation mark after the character string '${s}'.` });
        if (sql[j] === "'") {
          if (sql[j + 1] === "'") {
            s += "'";
            j += 2;
            continue;
          }
          j++;
          break;
        }
        s += sql[j++];
      }
      out.push({ t: 'str', v: s });
      i = j;
    } else if (c === '[') {
      let j = i + 1;
      let s = '';
      for (;;) {
        if (j >= n) fail({ number: 105, class: 15, state: 1, message: `Unclosed quotation mark after the character string '${s}'.` });
        if (sql[j] === ']') {
          if (sql[j + 1] === ']') {
            s += ']';
            j += 2;
            continue;
          }
          j++;
          break;
        }
        s += sql[j++];
      }
      out.push({ t: 'word', v: s, quoted: true });
      i = j;
    } else if (c === '"') {
      const end = sql.indexOf('"', i + 1);
      if (end < 0) fail({ number: 105, class: 15, state: 1, message: `Unclosed quotation mark after the character string '${sql.slice(i + 1)}'.` });
      out.push({ t: 'word', v: sql.slice(i + 1, end), quoted: true });
      i = end + 1;
    } else if (c === '0' && (sql[i + 1] === 'x' || sql[i + 1] === 'X')) {
      const m = /^0x([0-9a-fA-F]*)/.exec(sql.slice(i, i + 2 + 16_000))!;
      const hex = m[1].length % 2 === 1 ? `0${m[1]}` : m[1];
      out.push({ t: 'bin', v: Buffer.from(hex, 'hex') });
      i += m[0].length;
    } else if (/[0-9.]/.test(c) && /[0-9]/.test(c === '.' ? (sql[i + 1] ?? '') : c)) {
      const m = /^(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/.exec(sql.slice(i, i + 400))!;
      out.push({ t: 'num', v: Number(m[0]) });
      i += m[0].length;
    } else if (c === '@') {
      const m = /^@@?[A-Za-z0-9_#$@]*/.exec(sql.slice(i, i + 200))!;
      out.push({ t: 'var', v: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z_#]/.test(c) || c.charCodeAt(0) > 127) {
      const m = /^[^\s,;()=.'"[\]+\-*/<>!]+/.exec(sql.slice(i, i + 300))!;
      out.push({ t: 'word', v: m[0], quoted: false });
      i += m[0].length;
    } else {
      out.push({ t: 'punct', v: c });
      i++;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Parser.

const STATEMENT_START = new Set(['set', 'select', 'exec', 'execute', 'use']);
const GLOBALS = new Set(['@@spid', '@@version', '@@servername', '@@trancount', '@@language', '@@max_precision', '@@textsize', '@@options']);
const FUNCTIONS = new Set(['suser_sname', 'suser_name', 'system_user', 'db_name', 'is_srvrolemember', 'original_login']);

const kw = (tok: Tok | undefined): string | undefined => (tok && tok.t === 'word' && !tok.quoted ? tok.v.toLowerCase() : undefined);

function describe(toks: Tok[], from: number): string {
  const parts: string[] = [];
  for (let i = from; i < toks.length && parts.length < 6; i++) {
    const t = toks[i];
    if (t.t === 'punct' && t.v === ';') break;
    parts.push(t.t === 'str' ? `'${t.v}'` : t.t === 'bin' ? '0x…' : String(t.v));
  }
  const text = parts.join(' ');
  return `statement: ${text.length > 80 ? text.slice(0, 80) + '…' : text}`;
}

class Parser {
  i = 0;
  constructor(
    readonly toks: Tok[],
    readonly vars: ReadonlyMap<string, SqlValue>,
  ) {}

  peek(k = 0): Tok | undefined {
    return this.toks[this.i + k];
  }

  isPunct(v: string, k = 0): boolean {
    const t = this.peek(k);
    return t !== undefined && t.t === 'punct' && t.v === v;
  }

  atStatementEnd(): boolean {
    const t = this.peek();
    return t === undefined || (t.t === 'punct' && t.v === ';') || STATEMENT_START.has(kw(t) ?? '');
  }

  statements(): Statement[] {
    const out: Statement[] = [];
    while (this.i < this.toks.length) {
      if (this.isPunct(';')) {
        this.i++;
        continue;
      }
      const start = this.i;
      const k = kw(this.peek());
      if (k === 'set') out.push(this.set(start));
      else if (k === 'use') out.push(this.use(start));
      else if (k === 'select') out.push(this.select(start));
      else if (k === 'exec' || k === 'execute') out.push(this.exec(start));
      else fail(unsupported(describe(this.toks, start)));
    }
    return out;
  }

  set(start: number): Statement {
    this.i++;
    const first = this.peek();
    if (!first || first.t !== 'word') fail(unsupported(describe(this.toks, start)));
    while (!this.atStatementEnd()) {
      const t = this.peek()!;
      // SET @v = ..., SET x = (subquery): assignments are not session options.
      if (t.t === 'var' || (t.t === 'punct' && (t.v === '(' || t.v === '='))) fail(unsupported(describe(this.toks, start)));
      this.i++;
    }
    return { kind: 'set' };
  }

  use(start: number): Statement {
    this.i++;
    const t = this.peek();
    if (!t || t.t !== 'word') fail(unsupported(describe(this.toks, start)));
    this.i++;
    if (!this.atStatementEnd()) fail(unsupported(describe(this.toks, start)));
    return { kind: 'use', database: (t as { v: string }).v };
  }

  select(start: number): Statement {
    this.i++;
    const items: SelectItem[] = [];
    for (;;) {
      items.push(this.selectItem(start));
      if (this.isPunct(',')) {
        this.i++;
        continue;
      }
      break;
    }
    if (!this.atStatementEnd()) fail(unsupported(describe(this.toks, start)));
    return { kind: 'select', items };
  }

  selectItem(start: number): SelectItem {
    // alias = expr
    const t = this.peek();
    if (t && t.t === 'word' && this.isPunct('=', 1) && !FUNCTIONS.has(t.v.toLowerCase())) {
      this.i += 2;
      return { alias: t.v, expr: this.expr(start) };
    }
    const expr = this.expr(start);
    let alias = '';
    if (kw(this.peek()) === 'as') {
      this.i++;
      const a = this.peek();
      if (!a || (a.t !== 'word' && a.t !== 'str')) fail(unsupported(describe(this.toks, start)));
      alias = String((a as { v: string }).v);
      this.i++;
    } else {
      const a = this.peek();
      if ((a && a.t === 'str') || (a && a.t === 'word' && !STATEMENT_START.has(kw(a) ?? '') && kw(a) !== 'from')) {
        alias = String(a.v);
        this.i++;
      }
    }
    return { alias, expr };
  }

  expr(start: number): SelectExpr {
    const t = this.peek();
    if (!t) return fail(unsupported(describe(this.toks, start)));
    if (t.t === 'punct' && (t.v === '-' || t.v === '+') && this.peek(1)?.t === 'num') {
      this.i += 2;
      const n = (this.peek(-1) as { v: number }).v;
      return { kind: 'literal', value: t.v === '-' ? -n : n };
    }
    if (t.t === 'num' || t.t === 'str') {
      this.i++;
      return { kind: 'literal', value: t.v };
    }
    if (t.t === 'bin') {
      this.i++;
      return { kind: 'literal', value: t.v };
    }
    if (kw(t) === 'null') {
      this.i++;
      return { kind: 'literal', value: null };
    }
    if (t.t === 'var' && GLOBALS.has(t.v.toLowerCase())) {
      this.i++;
      return { kind: 'global', name: t.v.toLowerCase() };
    }
    if (t.t === 'var' && this.vars.has(t.v.toLowerCase())) {
      this.i++;
      return { kind: 'literal', value: this.vars.get(t.v.toLowerCase())! };
    }
    const name = kw(t);
    if (name === 'system_user') {
      this.i++;
      return { kind: 'function', name };
    }
    if (name && this.isPunct('(', 1)) {
      this.i += 2;
      let arg: string | undefined;
      const a = this.peek();
      if (a && a.t === 'str') {
        arg = a.v;
        this.i++;
      }
      if (!this.isPunct(')')) fail(unsupported(describe(this.toks, start)));
      this.i++;
      if (name === 'serverproperty' && arg !== undefined) return { kind: 'serverproperty', property: arg };
      if (FUNCTIONS.has(name)) return { kind: 'function', name, arg };
    }
    return fail(unsupported(describe(this.toks, start)));
  }

  exec(start: number): Statement {
    this.i++;
    // EXEC @rc = proc ...: the return code variable is not kept (there are no variables).
    if (this.peek()?.t === 'var' && this.isPunct('=', 1)) this.i += 2;
    const parts: string[] = [];
    for (;;) {
      const t = this.peek();
      if (t && t.t === 'word') {
        parts.push(t.v);
        this.i++;
      } else if (this.isPunct('.')) {
        parts.push(''); // msdb..sp_x: the empty schema is dbo
      } else {
        break;
      }
      if (this.isPunct('.')) {
        this.i++;
        if (this.isPunct('.')) {
          parts.push('dbo');
          this.i++;
        }
        continue;
      }
      break;
    }
    const proc = parts.filter((p) => p !== '').join('.');
    if (proc === '') fail(unsupported(describe(this.toks, start)));
    const args: ExecArg[] = [];
    let named = false;
    while (!this.atStatementEnd() || (args.length === 0 && false)) {
      let name: string | undefined;
      const t = this.peek()!;
      if (t.t === 'var' && this.isPunct('=', 1)) {
        name = t.v.replace(/^@/, '');
        this.i += 2;
        named = true;
      } else if (named) {
        fail({
          number: 119,
          class: 15,
          state: 1,
          message: `Must pass parameter number ${args.length + 1} and subsequent parameters as '@name = value'. After the form '@name = value' has been used, all subsequent parameters must be passed in the form '@name = value'.`,
        });
      }
      const value = this.argValue(start);
      const out = kw(this.peek());
      if (out === 'output' || out === 'out') this.i++;
      args.push(name === undefined ? { value } : { name, value });
      if (this.isPunct(',')) {
        this.i++;
        continue;
      }
      if (!this.atStatementEnd()) fail(unsupported(describe(this.toks, start)));
    }
    return { kind: 'exec', proc, args };
  }

  argValue(start: number): SqlValue | undefined {
    const t = this.peek();
    if (!t) return fail(unsupported(describe(this.toks, start)));
    this.i++;
    switch (t.t) {
      case 'str':
      case 'num':
      case 'bin':
        return t.v;
      case 'var': {
        const v = this.vars.get(t.v.toLowerCase());
        if (v === undefined) fail({ number: 137, class: 15, state: 2, message: `Must declare the scalar variable "${t.v}".` });
        return v;
      }
      case 'punct':
        if ((t.v === '-' || t.v === '+') && this.peek()?.t === 'num') {
          const n = (this.peek() as { v: number }).v;
          this.i++;
          return t.v === '-' ? -n : n;
        }
        return fail(unsupported(describe(this.toks, start)));
      case 'word': {
        const k = t.quoted ? undefined : t.v.toLowerCase();
        if (k === 'null') return null;
        if (k === 'default') return undefined;
        // A bare word is a character string to SQL Server (EXEC sp_x @server_name = TSX1).
        return t.v;
      }
    }
  }
}

export type ParseResult = { ok: true; statements: Statement[] } | { ok: false; failure: SqlFailure };

/** Parses a batch; `vars` are sp_executesql's parameters, keyed by lower-case `@name`. */
export function parseBatch(sql: string, vars: ReadonlyMap<string, SqlValue> = new Map()): ParseResult {
  try {
    const statements = new Parser(tokenize(sql), vars).statements();
    if (statements.length === 0) return { ok: true, statements: [] };
    return { ok: true, statements };
  } catch (e) {
    if (e instanceof Failure) return { ok: false, failure: e.failure };
    throw e;
  }
}

/** Whitespace-insensitive text equality, for recognizing a known constant batch. */
export function sameBatchText(a: string, b: string): boolean {
  return a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();
}
