import { describe, expect, it } from 'vitest';
import { createTestMaster, snapshot } from '../testing';

describe('sp_help_operator', () => {
  it('lists every operator, MSXOperator among them', async () => {
    const { exec } = await createTestMaster(['TSX1']);
    const r = await exec.exec('sp_help_operator');
    expect(r.recordsets[0]).toEqual([expect.objectContaining({ name: 'MSXOperator', email_address: 'dba@contoso.com', enabled: 1 })]);
  });

  it('an unknown operator fails 14262 and changes nothing', async () => {
    const { msdb, exec } = await createTestMaster(['TSX1']);
    const before = snapshot(msdb);
    await expect(exec.exec('sp_help_operator', { operator_name: 'Nobody' })).rejects.toMatchObject({
      number: 14262,
      message: "The specified @operator_name ('Nobody') does not exist.",
    });
    expect(snapshot(msdb).equals(before)).toBe(true);
  });
});
