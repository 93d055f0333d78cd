// A third-party client: FreeTDS's tsql (Debian package freetds-bin) against the server over an
// embedded master: plain, login-only TLS (tsql's default "request" encryption) and full TLS
// ("require"). tsql runs as a child process (asynchronously: the server is in this process).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSelfSignedCertificate } from './certificate';
import { SA_PASSWORD, startLabServer } from './testing';

const TSQL = '/usr/bin/tsql';
const haveTsql = existsSync(TSQL);

function tsql(port: number, input: string, o: { password?: string; conf?: string } = {}): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env, TDSVER: '7.4' };
    if (o.conf) env.FREETDSCONF = o.conf;
    const p = spawn(TSQL, ['-H', '127.0.0.1', '-p', String(port), '-U', 'sa', '-P', o.password ?? SA_PASSWORD], { env });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => p.kill('SIGKILL'), 20_000);
    p.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
    p.stdin.end(input);
  });
}

const SCRIPT = "EXEC msdb.dbo.sp_help_targetserver\ngo\nEXEC msdb.dbo.sp_help_targetserver @server_name = N'NOPE'\ngo\nexit\n";

function expectTargetsAndError(out: string) {
  // the header row, then one tab-separated row per target
  expect(out).toMatch(/server_id\tserver_name\t/);
  for (const t of ['TSX1', 'TSX2', 'TSX3']) expect(out).toMatch(new RegExp(`\\d+\\t${t}\\t`));
  expect(out).toContain('(3 rows affected)');
  expect(out).toContain('Msg 14262 (severity 16, state 1) from MSX01, Procedure sp_help_targetserver');
  expect(out).toContain("The specified @server_name ('NOPE') does not exist.");
}

describe.skipIf(!haveTsql)('FreeTDS tsql (skipped when /usr/bin/tsql is absent: apt-get install freetds-bin)', () => {
  it('connects without TLS, lists the targets, and gets 14262 as an error', async () => {
    const lab = await startLabServer();
    try {
      const r = await tsql(lab.server.port, SCRIPT);
      expectTargetsAndError(r.out);
      expect(lab.logs.some((l) => l.includes("login 'sa' (TSQL), no TLS"))).toBe(true);
    } finally {
      await lab.server.close();
    }
  });

  it('with a certificate: login-only TLS by default, full TLS with "encryption = require"', async () => {
    const lab = await startLabServer({ tls: createSelfSignedCertificate() });
    try {
      expectTargetsAndError((await tsql(lab.server.port, SCRIPT)).out);
      expect(lab.logs.some((l) => l.includes('login-only TLS'))).toBe(true);
      const conf = join(mkdtempSync(join(tmpdir(), 'msx-freetds-')), 'freetds.conf');
      writeFileSync(conf, '[global]\n\tencryption = require\n');
      expectTargetsAndError((await tsql(lab.server.port, SCRIPT, { conf })).out);
      expect(lab.logs.some((l) => l.includes("login 'sa' (TSQL), TLS,"))).toBe(true);
    } finally {
      await lab.server.close();
    }
  });

  it('a wrong password: 18456 with SQL Server text, and tsql fails', async () => {
    const lab = await startLabServer();
    try {
      const r = await tsql(lab.server.port, 'exit\n', { password: 'wrong' });
      expect(r.out).toContain("Login failed for user 'sa'.");
      expect(r.out).toMatch(/Msg 18456/);
      expect(r.code).not.toBe(0);
    } finally {
      await lab.server.close();
    }
  });
});
