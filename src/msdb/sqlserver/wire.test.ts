// The typed parameters against the real driver: tedious must accept every one of them (its
// parameter validation runs before anything is written to the wire). A value it refused would
// fail client-side with a message no DBA has seen, instead of reaching SQL Server.
import { describe, expect, it } from 'vitest';
import * as tedious from 'tedious';
import { Collation } from 'tedious/lib/collation';
import type { SqlValue } from '../executor';
import { PROC_SIGNATURES, type SqlParamType } from '../signatures';
import { bindRpcParameters, type RpcParameter } from './params';

// Latin1_General_CI_AS, what a server announces at login and varchar parameters are encoded with.
const COLLATION = Collation.fromBuffer(Buffer.from([0x09, 0x04, 0xd0, 0x00, 0x34]));

function sample(t: SqlParamType): SqlValue {
  switch (t.kind) {
    case 'sysname':
      return 'TSX1';
    case 'varchar':
      return 'SET-POLL';
    case 'nvarchar':
      return 'Building 7 — rack 3';
    case 'nchar':
      return 'P';
    case 'char':
      return '>';
    case 'int':
      return 120;
    case 'tinyint':
      return 1;
    case 'bit':
      return 1;
    case 'uniqueidentifier':
      return '6f1b8c2e-0a41-4c3b-9d5e-1a2b3c4d5e6f';
    case 'datetime':
      return new Date(Date.UTC(2026, 10, 2, 10, 0, 0));
  }
}

function validate(params: RpcParameter[]): Array<[string, string, unknown]> {
  const req = new tedious.Request('msdb.dbo.sp_x', () => undefined);
  for (const p of params) {
    const name = (p.type.type as unknown as { name: string }).name;
    const type = (tedious.TYPES as Record<string, unknown>)[name];
    expect(type, name).toBeDefined();
    req.addParameter(p.name, type as never, p.value, { length: (p.type as { length?: number }).length });
  }
  const internal = req as unknown as { validateParameters(c: unknown): void; parameters: Array<{ name: string; type: { name: string }; value: unknown }> };
  internal.validateParameters(COLLATION);
  return internal.parameters.map((p) => [p.name, p.type.name, p.value]);
}

describe('typed parameters are ones tedious accepts', () => {
  it.each(Object.entries(PROC_SIGNATURES).filter(([, decls]) => decls.length > 0))('%s: every parameter, and NULL for each', (proc, decls) => {
    const values = Object.fromEntries(decls.map((d) => [d.name, sample(d.type)]));
    expect(() => validate(bindRpcParameters(proc, values))).not.toThrow();
    const nulls = Object.fromEntries(decls.map((d) => [d.name, null]));
    expect(() => validate(bindRpcParameters(proc, nulls))).not.toThrow();
  });

  it('after validation the values are what SQL Server will receive', () => {
    const out = validate(bindRpcParameters('sp_post_msx_operation', { operation: 'SET-POLL', object_type: 'SERVER', job_id: '0x00', specific_target_server: 'TSX1', value: 120 }));
    expect(out).toEqual([
      ['operation', 'VarChar', Buffer.from('SET-POLL', 'latin1')],
      ['object_type', 'VarChar', Buffer.from('SERVER', 'latin1')],
      ['job_id', 'UniqueIdentifier', '00000000-0000-0000-0000-000000000000'],
      ['specific_target_server', 'NVarChar', 'TSX1'],
      ['value', 'Int', 120],
    ]);
  });

  it('the fallbacks left for SQL Server to convert are accepted too', () => {
    expect(() => validate(bindRpcParameters('sp_help_downloadlist', { status: 300, job_id: 'not-a-guid', date_posted: new Date(Date.UTC(1600, 0, 1)), has_error: 'yes' }))).not.toThrow();
    expect(() => validate(bindRpcParameters('sp_help_category', { big: 2 ** 40, ratio: 1.5, raw: new Uint8Array([1, 2, 3]) }))).not.toThrow();
  });
});
