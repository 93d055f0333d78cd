// A TDS 7.4 / 8.0 server over any MsdbExecutor: SQL Server's wire protocol on loopback, so any
// SQL Server client (the project's mssql executor, tedious, FreeTDS tsql, sqlcmd...) can talk to
// the simulated msdb. It knows nothing of the lab, agents, admin or api.
//
// Usage:
//   const server = await createTdsServer({
//     port: 0,                                   // 127.0.0.1 only; 0 = any free port
//     logins: [
//       { name: 'sa', password: pw, executor: msdb.executor(), database: 'msdb' },
//       { name: 'operator', password: pw, executor: msdb.executor({ login: 'operator', isSysadmin: false }) },
//     ],                                        // or resolveLogin: (req) => grant | undefined
//     tls: await loadOrCreateCertificate(dir),  // optional: in-band TLS, login-only, TDS 8.0 strict
//     log: (line) => console.log(line),
//   });
//   console.log(`TDS at 127.0.0.1,${server.port}`);
//   ...
//   await server.close();
export { createTdsServer, type TdsLogin, type TdsServer, type TdsServerOptions } from './server';
export type { LoginGrant, LoginRequest, LoginResolver } from './session';
export type { TlsCredentials } from './tls';
export { createSelfSignedCertificate, loadOrCreateCertificate, CERTIFICATE_FILE, KEY_FILE, type StoredCertificate, type CertificateOptions } from './certificate';
