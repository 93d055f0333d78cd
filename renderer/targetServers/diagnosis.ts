// Known failures, diagnosed: SQL Server's text or number → the likely cause → the fix as a
// script. From what DBAs run into (shared/research/dba-field-notes.md §1): proxies on targets,
// the master–target channel's encryption, MSXOperator, orphaned targets, enlisting a master,
// enlisting twice, and permissions. The cause and fix read as i18n keys (health.diag.<id>.*);
// the script is T-SQL, the same in every language, with every name as a quoted N'' literal.

export type DiagnosisId = 'proxyMatching' | 'proxyNotFound' | 'encryption' | 'noMsxOperator' | 'orphanedTarget' | 'masterIntoMaster' | 'alreadyEnlisted' | 'permission';

export interface FailureFacts {
  /** SQL Server's message text (error_message of a download instruction, or an error's text). */
  message: string;
  /** SQL Server's message number, when there is one. */
  number?: number;
  /** The target server concerned. */
  server?: string;
  /** The master server. */
  master?: string;
  /** The login that ran the call (for permission fixes). */
  login?: string;
}

export interface Diagnosis {
  id: DiagnosisId;
  /** Where the script runs: on the target, on the master, or first one then the other. */
  runsOn: 'target' | 'master' | 'targetThenMaster';
  script: string;
}

/** A T-SQL Unicode literal: quotes doubled. */
export const nLiteral = (s: string) => `N'${s.replace(/'/g, "''")}'`;
/** A bracketed identifier: ] doubled. */
export const bracketed = (s: string) => `[${s.replace(/\]/g, ']]')}]`;

const AGENT_KEY = "N'HKEY_LOCAL_MACHINE', N'SOFTWARE\\Microsoft\\MSSQLServer\\SQLServerAgent'";

interface Rule {
  id: DiagnosisId;
  matches: (f: FailureFacts) => boolean;
  runsOn: Diagnosis['runsOn'];
  script: (f: Required<Pick<FailureFacts, 'server' | 'master' | 'login'>>) => string;
}

const RULES: readonly Rule[] = [
  {
    id: 'proxyMatching',
    matches: (f) => /requires a proxy account, however proxy matching is disabled/i.test(f.message),
    runsOn: 'targetThenMaster',
    script: (f) =>
      [
        '-- On the target server: let downloaded job steps use a proxy of the same name.',
        `EXEC master.dbo.xp_instance_regwrite ${AGENT_KEY}, N'AllowDownloadedJobsToMatchProxyName', N'REG_DWORD', 1;`,
        '-- Create the proxy the step names (same name as on the master), then restart SQL Server Agent.',
        "-- EXEC msdb.dbo.sp_add_proxy @proxy_name = N'<proxy name>', @credential_name = N'<credential>';",
        '-- On the master server: post the jobs again, which clears Blocked.',
        `EXEC msdb.dbo.sp_resync_targetserver @server_name = ${nLiteral(f.server)};`,
      ].join('\n'),
  },
  {
    id: 'proxyNotFound',
    matches: (f) => /^\s*Proxy not found/i.test(f.message),
    runsOn: 'targetThenMaster',
    script: (f) =>
      [
        '-- On the target server: a proxy with the same name as the one the job step uses on the master.',
        "EXEC msdb.dbo.sp_add_proxy @proxy_name = N'<proxy name>', @credential_name = N'<credential>', @enabled = 1;",
        "EXEC msdb.dbo.sp_grant_proxy_to_subsystem @proxy_name = N'<proxy name>', @subsystem_name = N'<subsystem, e.g. CmdExec>';",
        '-- Proxy matching must be on as well (1):',
        `EXEC master.dbo.xp_instance_regwrite ${AGENT_KEY}, N'AllowDownloadedJobsToMatchProxyName', N'REG_DWORD', 1;`,
        '-- On the master server: post the jobs again, which clears Blocked.',
        `EXEC msdb.dbo.sp_resync_targetserver @server_name = ${nLiteral(f.server)};`,
      ].join('\n'),
  },
  {
    id: 'encryption',
    matches: (f) => /cannot establish an encrypted connection|MsxEncryptChannelOptions/i.test(f.message),
    runsOn: 'target',
    script: () =>
      [
        '-- On the target server: what the Agent uses for its channel to the master',
        '-- (0 = no encryption, 1 = encrypt without validating the certificate, 2 = encrypt and validate; 2 is the default).',
        'DECLARE @value int;',
        `EXEC master.dbo.xp_instance_regread ${AGENT_KEY}, N'MsxEncryptChannelOptions', @value OUTPUT;`,
        'SELECT MsxEncryptChannelOptions = @value;',
        "-- Best: keep 2 and give the master a certificate the target trusts (issued to the master's name, CA trusted on the target).",
        '-- Until then, 1 encrypts without validating the certificate; restart SQL Server Agent after changing it:',
        `-- EXEC master.dbo.xp_instance_regwrite ${AGENT_KEY}, N'MsxEncryptChannelOptions', N'REG_DWORD', 1;`,
      ].join('\n'),
  },
  {
    id: 'noMsxOperator',
    matches: (f) => f.number === 14363 || /not prepared for enlistments/i.test(f.message),
    runsOn: 'master',
    script: () =>
      [
        "-- On the master server: the operator enlistment needs (multiserver jobs' notifications go to it).",
        "EXEC msdb.dbo.sp_add_operator @name = N'MSXOperator', @enabled = 1, @email_address = N'<dba team address>';",
      ].join('\n'),
  },
  {
    id: 'orphanedTarget',
    matches: (f) => f.number === 14364 || /TSX server is not currently enlisted/i.test(f.message),
    runsOn: 'targetThenMaster',
    script: (f) =>
      [
        '-- The target still believes it is enlisted, the master has no record of it (orphaned).',
        '-- 1. On the target server: defect without asking the master.',
        'EXEC msdb.dbo.sp_msx_defect @forced_defection = 1;',
        '-- 2. On the master server: remove what is left of it, posting no DEFECT instruction.',
        `EXEC msdb.dbo.sp_delete_targetserver @server_name = ${nLiteral(f.server)}, @post_defection = 0;`,
        '-- 3. On the target server: enlist again.',
        `EXEC msdb.dbo.sp_msx_enlist @msx_server_name = ${nLiteral(f.master)};`,
      ].join('\n'),
  },
  {
    id: 'masterIntoMaster',
    matches: (f) => f.number === 14299 || /is an MSX\. Cannot enlist one MSX into another MSX/i.test(f.message),
    runsOn: 'target',
    script: (f) =>
      [
        '-- A master cannot be a target. Either enlist a server that is not a master, or first make this server stop being one:',
        '-- defect each of its targets (on each target server):',
        'EXEC msdb.dbo.sp_msx_defect;',
        '-- then, on this server, enlist into the master:',
        `EXEC msdb.dbo.sp_msx_enlist @msx_server_name = ${nLiteral(f.master)};`,
      ].join('\n'),
  },
  {
    id: 'alreadyEnlisted',
    matches: (f) => f.number === 14296 || /already enlisted into MSX/i.test(f.message),
    runsOn: 'target',
    script: (f) =>
      [
        '-- On the target server: leave the master it is enlisted into, then enlist into this one.',
        'EXEC msdb.dbo.sp_msx_defect;',
        `EXEC msdb.dbo.sp_msx_enlist @msx_server_name = ${nLiteral(f.master)};`,
      ].join('\n'),
  },
  {
    id: 'permission',
    matches: (f) => f.number === 15003 || f.number === 229 || /Only members of the .* role can execute|EXECUTE permission was denied/i.test(f.message),
    runsOn: 'master',
    script: (f) =>
      [
        "-- On the master server: the target's SQL Server Agent account (or this login) in msdb's TargetServersRole.",
        'USE msdb;',
        `IF USER_ID(${nLiteral(f.login)}) IS NULL CREATE USER ${bracketed(f.login)} FOR LOGIN ${bracketed(f.login)};`,
        `ALTER ROLE TargetServersRole ADD MEMBER ${bracketed(f.login)};`,
        '-- Posting instructions, Force Poll and Resync need sysadmin (msdb posts nothing otherwise).',
      ].join('\n'),
  },
];

/** The diagnosis for a failure, or undefined when it is not one of the known ones. */
export function diagnose(f: FailureFacts): Diagnosis | undefined {
  const rule = RULES.find((r) => r.matches(f));
  if (!rule) return undefined;
  const filled = { server: f.server ?? '<target server>', master: f.master ?? '<master server>', login: f.login ?? '<login>' };
  return { id: rule.id, runsOn: rule.runsOn, script: rule.script(filled) };
}

/** Every diagnosis id, in table order (the i18n parity test and the docs list them). */
export const DIAGNOSES: readonly DiagnosisId[] = RULES.map((r) => r.id);
