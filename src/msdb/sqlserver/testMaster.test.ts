import { describe, expect, it } from 'vitest';
import { testMasterFromEnv } from './testMaster';

describe('MSX_TEST_MASTER', () => {
  it('unset: disabled, with a message that says how to enable it', () => {
    const t = testMasterFromEnv({});
    expect(t.enabled).toBe(false);
    if (!t.enabled) expect(t.skipReason).toMatch(/MSX_TEST_MASTER is not set.*Server=host,1433/);
  });

  it('set: parsed options and a description without the password', () => {
    const t = testMasterFromEnv({ MSX_TEST_MASTER: 'Server=msx01,1433;User Id=sa;Password=hunter2;Encrypt=Mandatory;TrustServerCertificate=true' });
    expect(t.enabled).toBe(true);
    if (t.enabled) {
      expect(t.options).toMatchObject({ server: 'msx01,1433', encrypt: 'Mandatory', trustServerCertificate: true });
      expect(t.description).toBe('msx01,1433 (sql, sa)');
      expect(t.description).not.toContain('hunter2');
    }
  });

  it('malformed: fails loudly, without repeating the string', () => {
    expect(() => testMasterFromEnv({ MSX_TEST_MASTER: 'Server=msx01;Password=hunter2' })).toThrow(/MSX_TEST_MASTER is not a usable connection string: .*User Id/);
    try {
      testMasterFromEnv({ MSX_TEST_MASTER: 'Server=msx01;Password=hunter2' });
    } catch (e) {
      expect((e as Error).message).not.toContain('hunter2');
    }
  });
});
