// The T-SQL recognizer: what drivers send on connect, EXEC with literals, and refusals.
import { describe, expect, it } from 'vitest';
import { parseBatch, UNSUPPORTED_NUMBER } from './batch';

const ok = (sql: string, vars?: Map<string, string | number | null>) => {
  const r = parseBatch(sql, vars);
  if (!r.ok) throw new Error(r.failure.message);
  return r.statements;
};
const failure = (sql: string) => {
  const r = parseBatch(sql);
  if (r.ok) throw new Error('parsed');
  return r.failure;
};

describe('parseBatch', () => {
  it("tedious' initial SQL and FreeTDS' settings: SET statements without separators", () => {
    const sql = 'set textsize 2147483647\nset quoted_identifier on\nset arithabort off\nset numeric_roundabort off\nset ansi_warnings on\nset ansi_padding on\nset ansi_nulls on\nset concat_null_yields_null on\nset cursor_close_on_commit off\nset implicit_transactions off\nset language us_english\nset dateformat mdy\nset datefirst 7\nset transaction isolation level read committed';
    expect(ok(sql)).toHaveLength(14);
    expect(ok(sql).every((s) => s.kind === 'set')).toBe(true);
  });

  it('SELECT items with aliases in every spelling', () => {
    expect(ok("SELECT 1; select @@spid spid, SERVERPROPERTY(N'ProductVersion') AS [pv], v = @@VERSION, IS_SRVROLEMEMBER('sysadmin') 'sa', -2.5 AS neg")).toEqual([
      { kind: 'select', items: [{ alias: '', expr: { kind: 'literal', value: 1 } }] },
      {
        kind: 'select',
        items: [
          { alias: 'spid', expr: { kind: 'global', name: '@@spid' } },
          { alias: 'pv', expr: { kind: 'serverproperty', property: 'ProductVersion' } },
          { alias: 'v', expr: { kind: 'global', name: '@@version' } },
          { alias: 'sa', expr: { kind: 'function', name: 'is_srvrolemember', arg: 'sysadmin' } },
          { alias: 'neg', expr: { kind: 'literal', value: -2.5 } },
        ],
      },
    ]);
  });

  it("EXEC: named and positional literals, '' escapes, NULL, DEFAULT, 0x.., bare words, OUTPUT, @rc =", () => {
    expect(ok("EXEC @rc = [msdb]..sp_x @a = N'it''s', @b = -1, @c = NULL, @d = DEFAULT, @e = 0x0A0b, @f = TSX1, @g = 'x' OUTPUT")).toEqual([
      {
        kind: 'exec',
        proc: 'msdb.dbo.sp_x',
        args: [
          { name: 'a', value: "it's" },
          { name: 'b', value: -1 },
          { name: 'c', value: null },
          { name: 'd', value: undefined },
          { name: 'e', value: Buffer.from([0x0a, 0x0b]) },
          { name: 'f', value: 'TSX1' },
          { name: 'g', value: 'x' },
        ],
      },
    ]);
    expect(ok("execute msdb.dbo.sp_help_targetserver N'TSX1' /* positional */")).toEqual([{ kind: 'exec', proc: 'msdb.dbo.sp_help_targetserver', args: [{ value: 'TSX1' }] }]);
  });

  it('sp_executesql variables are bound as values', () => {
    expect(ok('EXEC sp_x @name = @p1', new Map([['@p1', "x'; DROP TABLE t --"]]))).toEqual([{ kind: 'exec', proc: 'sp_x', args: [{ name: 'name', value: "x'; DROP TABLE t --" }] }]);
    expect(failure('EXEC sp_x @name = @nope')).toMatchObject({ number: 137, message: 'Must declare the scalar variable "@nope".' });
  });

  it('SQL Server errors for what SQL Server would refuse', () => {
    expect(failure("EXEC sp_x N'abc")).toMatchObject({ number: 105, class: 15 });
    expect(failure('EXEC sp_x /* open')).toMatchObject({ number: 113 });
    expect(failure("EXEC sp_x @a = 1, 'b'")).toMatchObject({ number: 119 });
  });

  it.each(['SELECT * FROM msdb.dbo.systargetservers', 'DELETE FROM t', 'DECLARE @x int', "EXEC('SELECT 1')", 'SET @x = 1', 'BEGIN TRAN', 'SELECT name FROM sys.databases', 'WAITFOR DELAY \'00:01\''])(
    'refuses %s with the lab error, naming the statement',
    (sql) => {
      const f = failure(sql);
      expect(f.number).toBe(UNSUPPORTED_NUMBER);
      expect(f.class).toBe(16);
      expect(f.message).toMatch(/does not run arbitrary T-SQL \(statement: /);
    },
  );

  it('USE', () => {
    expect(ok('USE [msdb]')).toEqual([{ kind: 'use', database: 'msdb' }]);
  });
});
