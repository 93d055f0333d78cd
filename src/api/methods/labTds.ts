// The lab panel's switch for SQL Server connections: the lab's master and first targets accept
// TDS on loopback (lab/tds.ts). Off by default; the answer lists each server's port and the logins.
import { z } from 'zod';
import { checkTdsPassword, newTdsPassword } from '../../lab/tdsOptions';
import type { LabTdsStatus } from '../../lab/tds';
import { ApiFailure } from '../errors';
import { method } from '../table';
import type { Core } from './core';

export type LabTdsAnswer = { enabled: false } | ({ enabled: true } & LabTdsStatus);

const answer = (s: LabTdsStatus | null): LabTdsAnswer => (s ? { enabled: true, ...s } : { enabled: false });

export function labTdsMethods(core: Core) {
  const tds = () => {
    if (!core.labTds) throw new ApiFailure('BAD_REQUEST', 'This host does not offer SQL Server connections to the lab.');
    return core.labTds;
  };
  return [
    method('lab.tds', "Whether the lab accepts SQL Server (TDS) connections, and each server's port and the logins.", z.strictObject({}), async () =>
      answer(core.labTds?.status() ?? null),
    ),
    method(
      'lab.serveTds',
      'Turns SQL Server (TDS) connections to the lab on (master on port, each target on the ports after it) or off.',
      z.strictObject({
        enabled: z.boolean(),
        port: z.int().min(1).max(65535).optional(),
        password: z.string().max(128).optional(),
      }),
      async (p) => {
        if (!p.enabled) {
          await tds().stop();
          return answer(null);
        }
        if (p.port === undefined) throw new ApiFailure('INVALID_PARAMS', 'A port is required.', [{ path: 'port', message: 'Required.' }]);
        let password: string;
        try {
          password = p.password ? checkTdsPassword(p.password) : newTdsPassword();
        } catch {
          throw new ApiFailure('INVALID_PARAMS', 'The password must be 1 to 128 visible ASCII characters without spaces.', [
            { path: 'password', message: '1 to 128 visible ASCII characters without spaces.' },
          ]);
        }
        try {
          return answer(await tds().start({ port: p.port, password, generated: !p.password }));
        } catch (e) {
          if (e instanceof ApiFailure) throw e;
          throw new ApiFailure('BAD_REQUEST', e instanceof Error ? e.message : String(e));
        }
      },
    ),
  ];
}
