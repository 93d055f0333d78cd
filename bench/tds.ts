// `npm run bench:tds`: the lab on the wire, on fleets of 1,000 and 10,000 targets (real clock).
//   - sp_help_targetserver over TDS through the project's mssql executor vs in process: p50, p90,
//     and bytes (TDS: bytes received on the socket, counted by a loopback relay; in process: the
//     recordset as JSON, what the app's API would carry)
//   - one Force Poll through the real-master path: the post on the master over TDS, the signal
//     (sp_sqlagent_notify) on the target over its own TDS endpoint, until Last Polled moves in
//     sp_help_targetserver over TDS
//   - connections per second with TLS (Encrypt Mandatory, trusted certificate): connect, log in,
//     the connect batch, close
// Options: --sizes 1000,10000  --runs 20  --seconds 5  --interval 60 (the fleet's poll interval)
import { createServer, connect as tcpConnect, type AddressInfo, type Server, type Socket } from 'node:net';
import { parseArgs } from 'node:util';
import { forcePoll } from '../src/admin/forcePoll';
import { RealScheduler } from '../src/agent/scheduler';
import { Lab } from '../src/lab/lab';
import { fleetScenario } from '../src/lab/scenario';
import { LabTds } from '../src/lab/tds';
import { connectSqlServer, type SqlServerSession } from '../src/msdb/sqlserver/connector';
import { createSelfSignedCertificate } from '../src/tds';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000' },
    runs: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '5' },
    interval: { type: 'string', default: '60' },
  },
});
const sizes = values.sizes!.split(',').map(Number);
const runs = Number(values.runs);
const seconds = Number(values.seconds);
const interval = Number(values.interval);
const PASSWORD = 'Bench-Tds-pw1';
const TLS = createSelfSignedCertificate();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (x: number) => `${x.toFixed(1)} ms`;
const kb = (x: number) => `${(x / 1024).toFixed(0)} KiB`;

/** A loopback relay in front of a TDS port that counts the bytes the server sends. */
async function countingRelay(port: number): Promise<{ port: number; received: () => number; close(): Promise<void> }> {
  let received = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = tcpConnect(port, '127.0.0.1');
    sockets.add(client).add(upstream);
    upstream.on('data', (d: Buffer) => {
      received += d.length;
    });
    client.pipe(upstream);
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    received: () => received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function open(port: number, login = 'sa', encrypt: 'Mandatory' | 'Optional' = 'Mandatory'): Promise<SqlServerSession> {
  return connectSqlServer({
    server: `127.0.0.1,${port}`,
    authentication: { type: 'sql', login, password: PASSWORD },
    encrypt,
    trustServerCertificate: true,
    requestTimeoutMs: 120_000,
  });
}

async function run(count: number) {
  const scheduler = new RealScheduler();
  const t0 = performance.now();
  const lab = await Lab.create(fleetScenario(count, interval), { scheduler });
  const buildMs = performance.now() - t0;
  const tds = await LabTds.start(lab, { port: 0, password: PASSWORD, generated: false, tls: TLS });
  const masterPort = tds.status.endpoints[0].port;
  console.log(`\nFleet of ${count.toLocaleString('en')} targets (poll interval ${interval} s; lab built in ${(buildMs / 1000).toFixed(1)} s; ${tds.status.endpoints.length} TDS endpoints)`);

  // sp_help_targetserver: in process, then over TDS (TLS, through the counting relay).
  const inProcess: number[] = [];
  let jsonBytes = 0;
  const sa = lab.executor();
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    const r = await sa.exec('sp_help_targetserver');
    inProcess.push(performance.now() - s);
    if (i === 0) jsonBytes = Buffer.byteLength(JSON.stringify(r.recordsets[0]));
  }
  const relay = await countingRelay(masterPort);
  const session = await open(relay.port);
  const overTds: number[] = [];
  const bytes: number[] = [];
  let rows = 0;
  for (let i = 0; i < runs; i++) {
    const before = relay.received();
    const s = performance.now();
    const r = await session.executor.exec('sp_help_targetserver');
    overTds.push(performance.now() - s);
    bytes.push(relay.received() - before);
    rows = r.recordsets[0].length;
  }
  console.log(`  sp_help_targetserver (${rows.toLocaleString('en')} rows, ${runs} runs each)`);
  console.log(`    in process          p50 ${ms(pct(inProcess, 50))}  p90 ${ms(pct(inProcess, 90))}  (${kb(jsonBytes)} as JSON)`);
  console.log(`    over TDS (mssql)    p50 ${ms(pct(overTds, 50))}  p90 ${ms(pct(overTds, 90))}  (${kb(pct(bytes, 50))} on the wire, TLS)`);

  // Force Poll through the real-master path: post on the master, signal the target on its own port.
  const targetName = tds.status.endpoints[1].server;
  const targetSession = await open(tds.status.endpoints[1].port);
  const lastPoll = async () =>
    ((await session.executor.exec('sp_help_targetserver', { server_name: targetName })).recordsets[0][0].last_poll_date as Date).getTime();
  const forceTimes: number[] = [];
  for (let i = 0; i < 3; i++) {
    await sleep(1100); // Last Polled has whole seconds in it: let one go by.
    const before = await lastPoll();
    const s = performance.now();
    const [result] = await forcePoll(session.executor, [targetName], async () => targetSession.executor);
    if (result.signal !== 'signalled') throw new Error(`${targetName} was not signalled: ${result.signal}`);
    while ((await lastPoll()) === before) {
      if (performance.now() - s > 30_000) throw new Error('Last Polled did not move within 30 s');
    }
    forceTimes.push(performance.now() - s);
  }
  console.log(`  Force Poll of ${targetName} over TDS (post + sp_sqlagent_notify) to Last Polled moved: ${forceTimes.map(ms).join(', ')}`);

  // Connections per second with TLS: sequential, and 4 at a time.
  for (const parallel of [1, 4]) {
    let made = 0;
    const end = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        while (performance.now() < end) {
          const c = await open(masterPort);
          await c.close();
          made++;
        }
      }),
    );
    console.log(`  connections/s with TLS (connect, login, connect batch, close), ${parallel} at a time: ${(made / seconds).toFixed(1)}`);
  }

  await targetSession.close();
  await session.close();
  await relay.close();
  await tds.close();
  lab.close();
  scheduler.dispose();
}

for (const n of sizes) await run(n);
