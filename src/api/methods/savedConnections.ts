// The Connect dialog's Test button and the saved connections (connections.json in the data
// folder, passwords through the SecretStore: savedConnections.ts).
import { z } from 'zod';
import { checkConnectFields, connectFields, connectFieldsShape, connectOptionsOf, needsSecret, refineConnectFields, withSecret } from '../connectFields';
import { ApiFailure } from '../errors';
import { method } from '../table';
import { saveFields } from './connections';
import type { Core } from './core';

const savedId = z.string().trim().min(1, 'Required.').max(200);

const save = z.strictObject({ ...connectFieldsShape, ...saveFields }).superRefine(refineConnectFields);

export function savedConnectionMethods(core: Core) {
  return [
    method(
      'connections.test',
      "The Connect dialog's Test button: connects, reads the server's identity (one round trip), disconnects. Opens nothing.",
      connectFields,
      (p) => core.testSqlServer(connectOptionsOf(p)),
    ),
    method('connections.saved', 'The saved connections, without their passwords; passwordStorage says where a password is kept.', z.strictObject({}), () =>
      core.saved.list(),
    ),
    method(
      'connections.save',
      'Saves (or updates) a connection without connecting. rememberPassword keeps the password: encrypted by the OS in the desktop app; in browser mode for this session only, or in the file unencrypted with rememberPasswordUnencrypted (the result then warns).',
      save,
      async (p) => {
        const options = connectOptionsOf(p);
        // Checked with the executor's own rules before anything is written.
        checkConnectFields(options);
        return core.saved.save({
          ...(p.id === undefined ? {} : { id: p.id }),
          ...(p.name === undefined ? {} : { name: p.name }),
          options,
          rememberPassword: p.rememberPassword ?? false,
          rememberPasswordUnencrypted: p.rememberPasswordUnencrypted ?? false,
        });
      },
    ),
    method('connections.forget', 'Removes a saved connection and its saved password.', z.strictObject({ id: savedId }), async (p) => {
      await core.saved.forget(p.id);
      return { id: p.id, forgotten: true as const };
    }),
    method(
      'connections.connectSaved',
      'Connects with a saved connection; password (or clientSecret) when none is saved, or to use another.',
      z.strictObject({ id: savedId, password: z.string().max(256).optional(), clientSecret: z.string().max(1024).optional() }),
      async (p) => {
        const { fields, secret } = await core.saved.load(p.id);
        const given = fields.authentication === 'entra-service-principal' ? (p.clientSecret ?? p.password) : p.password;
        const use = given ?? secret;
        if (use === undefined && needsSecret(fields.authentication)) {
          const path = fields.authentication === 'entra-service-principal' ? 'clientSecret' : 'password';
          throw new ApiFailure('INVALID_PARAMS', `No password is saved for this connection: enter it.`, [{ path, message: 'Enter the password.' }]);
        }
        return core.connectSqlServer(withSecret(fields, use));
      },
    ),
  ];
}
