// The lab's known-failure faults (issue 13): each one reproduced by the simulation doing what SQL
// Server does (the Agent's channel, its download of a proxy step, msdb's procedures), never by a
// message written into a row; each with its way back.
import { describe, expect, it } from 'vitest';
import { VirtualScheduler } from '../agent/scheduler';
import { PROXY_MATCHING_DISABLED, PROXY_NOT_FOUND } from '../agent/agent';
import { SqlServerError } from '../msx/errors';
import { STATUS_BLOCKED, STATUS_OFFLINE } from '../msx/status';
import { applyFault, faultApplied, LAB_PROXY, LAB_PROXY_JOB, proxyJobTargets, tryFault, undoFault } from './faults';
import { Lab } from './lab';
import { createTestLab } from './testing';

const SECOND = 1000;
const ENCRYPTION_LOG = "The target server cannot establish an encrypted connection to the master server 'MSX01'. Make sure that the MsxEncryptChannelOptions registry subkey is set correctly on the target server.";

async function sqlError(p: Promise<unknown>): Promise<SqlServerError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(SqlServerError);
  return e as SqlServerError;
}

describe('registry values in the lab', () => {
  it('are absent on a new lab, set and deleted per value, kept in the lab file', async () => {
    const { lab, file } = await createTestLab({ file: true });
    expect(lab.targets().every((t) => t.registry.msxEncryptChannelOptions === null && t.registry.allowDownloadedJobsToMatchProxyName === null)).toBe(true);
    lab.setRegistry('SEA-SQL03', { msxEncryptChannelOptions: 1 });
    lab.setRegistry('SEA-SQL03', { allowDownloadedJobsToMatchProxyName: 1 });
    lab.setRegistry('NYC-SQL02', { msxEncryptChannelOptions: 0 });
    lab.setRegistry('NYC-SQL02', { msxEncryptChannelOptions: null });
    lab.setTrustsMasterCertificate('SEA-SQL03', false);
    lab.setProxies('SEA-SQL03', ['ETL', 'LabProxy']);
    const reopened = await Lab.open(file!, { scheduler: new VirtualScheduler() });
    const sea = reopened.describe(reopened.agent('SEA-SQL03')!);
    expect(sea).toMatchObject({ registry: { msxEncryptChannelOptions: 1, allowDownloadedJobsToMatchProxyName: 1 }, trustsMasterCertificate: false, proxies: ['ETL', 'LabProxy'] });
    expect(reopened.describe(reopened.agent('NYC-SQL02')!).registry).toEqual({ msxEncryptChannelOptions: null, allowDownloadedJobsToMatchProxyName: null });
  });

  it('a lab file saved before the registry was kept reads as absent values and a trusted certificate', async () => {
    const { lab } = await createTestLab();
    const state = lab.agent('LONDON-SQL01')!.state;
    delete state.registry;
    delete state.trustsMasterCertificate;
    expect(lab.describe(lab.agent('LONDON-SQL01')!)).toMatchObject({ registry: { msxEncryptChannelOptions: null, allowDownloadedJobsToMatchProxyName: null }, trustsMasterCertificate: true, proxies: [] });
  });

  it('refuses values the Agent does not know, and bad proxy lists, changing nothing', async () => {
    const { lab } = await createTestLab();
    lab.setRegistry('SEA-SQL03', { msxEncryptChannelOptions: 1 });
    const before = JSON.stringify(lab.document().targets);
    expect(() => lab.setRegistry('SEA-SQL03', { msxEncryptChannelOptions: 3, allowDownloadedJobsToMatchProxyName: 1 })).toThrow('MsxEncryptChannelOptions must be 0, 1, 2 or absent.');
    expect(() => lab.setRegistry('SEA-SQL03', { allowDownloadedJobsToMatchProxyName: 2 })).toThrow('AllowDownloadedJobsToMatchProxyName must be 0, 1 or absent.');
    expect(() => lab.setProxies('SEA-SQL03', ['ETL', 'etl'])).toThrow("The proxy name 'etl' is given twice.");
    expect(() => lab.setProxies('SEA-SQL03', [' '])).toThrow('A proxy name is 1 to 128 characters.');
    expect(() => lab.setProxies('SEA-SQL03', ['a\nb'])).toThrow(/characters a name cannot have/);
    expect(() => lab.setRegistry('NOPE', { msxEncryptChannelOptions: 1 })).toThrow("The lab has no target server named 'NOPE'.");
    expect(JSON.stringify(lab.document().targets)).toBe(before);
  });
});

describe('encryption: MsxEncryptChannelOptions and the master certificate', () => {
  it('with 2 (the default) and an untrusted certificate, polls fail with the Agent’s text and the target goes Offline', async () => {
    const { lab, scheduler, target } = await createTestLab();
    lab.setTrustsMasterCertificate('SYD-SQL05', false);
    await scheduler.advance(45 * SECOND); // SYD-SQL05 polls every 10 s
    const log = lab.agent('SYD-SQL05')!.state.log.map((l) => l.text);
    expect(log).toContain(`Unable to poll the MSX: ${ENCRYPTION_LOG}`);
    expect((await target('SYD-SQL05')).status & STATUS_OFFLINE).toBe(STATUS_OFFLINE);
  });

  it('0 and 1 reach the master without trusting its certificate; trusting it again brings the target back', async () => {
    const { lab, scheduler, target } = await createTestLab();
    lab.setTrustsMasterCertificate('SYD-SQL05', false);
    lab.setRegistry('SYD-SQL05', { msxEncryptChannelOptions: 1 });
    await scheduler.advance(45 * SECOND);
    expect((await target('SYD-SQL05')).status & STATUS_OFFLINE).toBe(0);
    lab.setRegistry('SYD-SQL05', { msxEncryptChannelOptions: 0 });
    await scheduler.advance(45 * SECOND);
    expect((await target('SYD-SQL05')).status & STATUS_OFFLINE).toBe(0);
    lab.setRegistry('SYD-SQL05', { msxEncryptChannelOptions: 2 });
    await scheduler.advance(45 * SECOND);
    expect((await target('SYD-SQL05')).status & STATUS_OFFLINE).toBe(STATUS_OFFLINE);
    await undoFault(lab, 'encryption', 'SYD-SQL05');
    await scheduler.advance(15 * SECOND);
    expect((await target('SYD-SQL05')).status & STATUS_OFFLINE).toBe(0);
  });

  it('an enlistment fails with 22022 naming the encrypted connection, and nothing changes on either side', async () => {
    const { lab, targets } = await createTestLab();
    lab.setTrustsMasterCertificate('BOS-SQL06', false);
    const before = (await targets()).length;
    const e = await sqlError(lab.serverExecutor('BOS-SQL06')!.exec('sp_msx_enlist', { msx_server_name: 'MSX01' }));
    expect(e.number).toBe(22022);
    // 22022's text is "SQLServerAgent Error: %s"; the reason is the target Agent's own error, as in the field reports.
    expect(e.message).toBe("SQLServerAgent Error: The enlist operation failed (reason: SQLServerAgent Error: The target server cannot establish an encrypted connection to the master server 'MSX01'). Make sure that the MsxEncryptChannelOptions registry subkey is set correctly on the target server");
    expect(lab.agent('BOS-SQL06')!.state.msxServerName).toBeNull();
    expect(await targets()).toHaveLength(before);
    lab.setRegistry('BOS-SQL06', { msxEncryptChannelOptions: 1 });
    await lab.serverExecutor('BOS-SQL06')!.exec('sp_msx_enlist', { msx_server_name: 'MSX01' });
    expect(lab.agent('BOS-SQL06')!.state.msxServerName).toBe('MSX01');
  });

  it('applyFault sets 2 back (by deleting 0 or 1) and distrusts the certificate; "Enlist again" then fails', async () => {
    const { lab } = await createTestLab();
    lab.setRegistry('NYC-SQL02', { msxEncryptChannelOptions: 0 });
    await applyFault(lab, 'encryption', 'NYC-SQL02');
    expect(lab.describe(lab.agent('NYC-SQL02')!)).toMatchObject({ registry: { msxEncryptChannelOptions: null }, trustsMasterCertificate: false });
    expect(faultApplied(lab, 'encryption', 'NYC-SQL02')).toBe(true);
    const [r] = await tryFault(lab, 'encryption', 'NYC-SQL02');
    expect(r.error).toMatchObject({ number: 22022, message: expect.stringContaining('cannot establish an encrypted connection') });
  });
});

describe('proxies: a downloaded step that runs as a proxy', () => {
  it('proxy matching off (absent): the INSERT fails with SQL Server’s text, the target is Blocked and creates nothing', async () => {
    const { lab, scheduler, target, downloads } = await createTestLab();
    await applyFault(lab, 'proxyMatching', 'SYD-SQL05');
    expect(proxyJobTargets(lab)).toEqual(['SYD-SQL05']);
    await scheduler.advance(11 * SECOND);
    const errored = (await downloads('SYD-SQL05')).filter((r) => r.error_message !== null);
    expect(errored.map((r) => r.error_message)).toEqual([PROXY_MATCHING_DISABLED]);
    expect((await target('SYD-SQL05')).status & STATUS_BLOCKED).toBe(STATUS_BLOCKED);
    expect(lab.agent('SYD-SQL05')!.state.jobs.map((j) => j.name)).not.toContain(LAB_PROXY_JOB);
  });

  it('matching on but no proxy of that name: "Proxy not found."; with the proxy, the job downloads carrying its proxy', async () => {
    const { lab, scheduler, sa, target, downloads } = await createTestLab();
    await applyFault(lab, 'proxyNotFound', 'SYD-SQL05');
    expect(lab.describe(lab.agent('SYD-SQL05')!).registry.allowDownloadedJobsToMatchProxyName).toBe(1);
    await scheduler.advance(11 * SECOND);
    expect((await downloads('SYD-SQL05')).filter((r) => r.error_message !== null).map((r) => r.error_message)).toEqual([PROXY_NOT_FOUND]);
    // The fix the diagnosis gives: a proxy of the same name on the target, then Resync.
    lab.setProxies('SYD-SQL05', [LAB_PROXY.toLowerCase()]);
    await sa.exec('sp_resync_targetserver', { server_name: 'SYD-SQL05' });
    await scheduler.advance(11 * SECOND);
    expect((await target('SYD-SQL05')).status & STATUS_BLOCKED).toBe(0);
    const copy = lab.agent('SYD-SQL05')!.state.jobs.find((j) => j.name === LAB_PROXY_JOB);
    expect(copy?.steps).toEqual([expect.objectContaining({ subsystem: 'CmdExec', proxyName: LAB_PROXY })]);
  });

  it('applying again re-posts the INSERT; Undo takes the job off the target and clears Blocked', async () => {
    const { lab, scheduler, target } = await createTestLab();
    await applyFault(lab, 'proxyMatching', 'SYD-SQL05');
    await scheduler.advance(11 * SECOND);
    await applyFault(lab, 'proxyMatching', 'SYD-SQL05');
    expect(Number(lab.master.db.value("SELECT COUNT(*) FROM sysdownloadlist WHERE target_server = 'SYD-SQL05' AND operation_code = 1 AND status = 0"))).toBeGreaterThanOrEqual(2);
    await undoFault(lab, 'proxyMatching', 'SYD-SQL05');
    expect(proxyJobTargets(lab)).toEqual([]);
    expect(faultApplied(lab, 'proxyMatching', 'SYD-SQL05')).toBe(false);
    await scheduler.advance(11 * SECOND);
    expect((await target('SYD-SQL05')).status & STATUS_BLOCKED).toBe(0);
    expect((await target('SYD-SQL05')).unread_instructions).toBe(0);
  });
});

describe('14363: the master without MSXOperator', () => {
  it('removed, an enlistment genuinely fails with 14363 through sp_enlist_tsx and changes nothing; put back, it works', async () => {
    const { lab, targets, file } = await createTestLab({ file: true });
    const id = lab.master.db.value("SELECT id FROM sysoperators WHERE name = 'MSXOperator'");
    await applyFault(lab, 'noMsxOperator', 'LONDON-SQL01');
    expect(lab.masterInfo().msxOperator).toBe(false);
    const bos = lab.serverExecutor('BOS-SQL06')!;
    const e = await sqlError(bos.exec('sp_msx_enlist', { msx_server_name: 'MSX01' }));
    expect(e.number).toBe(22022);
    expect(e.message).toContain("The MSX server is not prepared for enlistments [there must be an operator named 'MSXOperator' defined at the MSX]");
    expect(await targets()).toHaveLength(5);
    // The "Enlist again" an enlisted target does (action 2) needs it too.
    const [r] = await tryFault(lab, 'noMsxOperator', 'LONDON-SQL01');
    expect(r.error?.message).toContain('not prepared for enlistments');
    // Kept across a reopen, and put back with the id it had.
    const reopened = await Lab.open(file!, { scheduler: new VirtualScheduler() });
    expect(reopened.masterInfo().msxOperator).toBe(false);
    reopened.setMsxOperatorPresent(true);
    expect(reopened.master.db.value("SELECT id FROM sysoperators WHERE name = 'MSXOperator'")).toBe(id);
    await reopened.serverExecutor('BOS-SQL06')!.exec('sp_msx_enlist', { msx_server_name: 'MSX01' });
    expect(reopened.agent('BOS-SQL06')!.state.msxServerName).toBe('MSX01');
  });
});

describe('14364: an orphaned target', () => {
  it('the master forgets it (no DEFECT posted); its probe says bad enlistment, enlisting again fails 14364; Undo recovers', async () => {
    const { lab, scheduler, targets } = await createTestLab();
    await applyFault(lab, 'orphanedTarget', 'SYD-SQL05');
    expect((await targets()).map((t) => t.server_name)).not.toContain('SYD-SQL05');
    expect(lab.master.db.value("SELECT COUNT(*) FROM sysdownloadlist WHERE target_server = 'SYD-SQL05'")).toBe(0);
    expect(lab.agent('SYD-SQL05')!.state.msxServerName).toBe('MSX01');
    expect(lab.describe(lab.agent('SYD-SQL05')!).orphaned).toBe(true);
    expect(lab.targets().find((t) => t.name === 'SYD-SQL05')!.orphaned).toBe(true);
    await scheduler.advance(11 * SECOND);
    expect(lab.agent('SYD-SQL05')!.state.log.at(-1)!.text).toBe("This server is not enlisted at MSX 'MSX01' (no target server row and no pending defection).");
    const [r] = await tryFault(lab, 'orphanedTarget', 'SYD-SQL05');
    expect(r.error).toMatchObject({ number: 22022, message: 'SQLServerAgent Error: The enlist operation failed (reason: The TSX server is not currently enlisted)' });
    await undoFault(lab, 'orphanedTarget', 'SYD-SQL05');
    expect(lab.describe(lab.agent('SYD-SQL05')!).orphaned).toBe(false);
    expect((await targets()).map((t) => t.server_name)).toContain('SYD-SQL05');
  });
});

describe('lab.tryFault: the failing calls, run for real', () => {
  it('14296 for an enlisted target enlisting into another master; nothing changes', async () => {
    const { lab } = await createTestLab();
    const [r] = await tryFault(lab, 'alreadyEnlisted', 'TOKYO-SQL04');
    expect(r).toMatchObject({ server: 'TOKYO-SQL04', statement: "EXEC msdb.dbo.sp_msx_enlist @msx_server_name = N'BOS-SQL06';" });
    expect(r.error).toMatchObject({ number: 14296, message: "This server is already enlisted into MSX 'MSX01'.", procName: 'sp_msx_enlist' });
    expect(lab.agent('TOKYO-SQL04')!.state.msxServerName).toBe('MSX01');
  });

  it('14299 for the master itself', async () => {
    const { lab } = await createTestLab();
    const [r] = await tryFault(lab, 'masterIntoMaster', 'TOKYO-SQL04');
    expect(r.server).toBe('MSX01');
    expect(r.error).toMatchObject({ number: 14299, message: "Server 'MSX01' is an MSX. Cannot enlist one MSX into another MSX." });
  });

  it('229 and 15003 for a login without sysadmin', async () => {
    const { lab } = await createTestLab();
    const [help, resync] = await tryFault(lab, 'permission', 'TOKYO-SQL04');
    expect(help).toMatchObject({ login: 'labuser', statement: "EXEC msdb.dbo.sp_help_targetserver @server_name = N'TOKYO-SQL04';" });
    expect(help.error).toMatchObject({ number: 229, message: "The EXECUTE permission was denied on the object 'sp_help_targetserver', database 'msdb', schema 'dbo'." });
    expect(resync.error).toMatchObject({ number: 15003, message: 'Only members of the sysadmin role can execute this stored procedure.' });
  });

  it('a state fault not applied: enlisting again succeeds and changes nothing that matters', async () => {
    const { lab } = await createTestLab();
    const before = lab.describe(lab.agent('SEA-SQL03')!);
    const [r] = await tryFault(lab, 'orphanedTarget', 'SEA-SQL03');
    expect(r.error).toBeNull();
    expect(r.messages.map((m) => m.number)).toEqual([14229]);
    expect(lab.describe(lab.agent('SEA-SQL03')!)).toMatchObject({ location: before.location, msxServerName: 'MSX01', orphaned: false });
  });
});
