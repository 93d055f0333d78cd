import { describe, expect, it } from 'vitest';
import { bracketed, diagnose, DIAGNOSES, nLiteral } from './diagnosis';

const facts = { server: 'NYC-SQL02', master: 'MSX01', login: 'CONTOSO\\svc-sqlagent' };

describe('known failures: SQL Server text or number → cause → fix script', () => {
  const table: Array<[string, { message: string; number?: number }, string, RegExp[]]> = [
    ['proxy matching disabled', { message: 'The job step requires a proxy account, however proxy matching is disabled on the target server.' }, 'proxyMatching', [/AllowDownloadedJobsToMatchProxyName', N'REG_DWORD', 1;/, /sp_resync_targetserver @server_name = N'NYC-SQL02';/]],
    ['proxy not found', { message: 'Proxy not found.' }, 'proxyNotFound', [/sp_add_proxy @proxy_name/, /AllowDownloadedJobsToMatchProxyName/, /sp_resync_targetserver @server_name = N'NYC-SQL02'/]],
    [
      'channel encryption',
      { message: "The enlist operation failed (reason: SQLServerAgent Error: The target server cannot establish an encrypted connection to the master server 'MSX01'). Make sure that the MsxEncryptChannelOptions registry subkey is set correctly on the target server." },
      'encryption',
      [/xp_instance_regread N'HKEY_LOCAL_MACHINE', N'SOFTWARE\\Microsoft\\MSSQLServer\\SQLServerAgent', N'MsxEncryptChannelOptions', @value OUTPUT;/, /0 = no encryption, 1 = encrypt without validating the certificate, 2 = encrypt and validate/],
    ],
    ['14363', { number: 14363, message: "The MSX server is not prepared for enlistments [there must be an operator named 'MSXOperator' defined at the MSX]" }, 'noMsxOperator', [/sp_add_operator @name = N'MSXOperator'/]],
    ['14364', { number: 14364, message: 'The TSX server is not currently enlisted' }, 'orphanedTarget', [/sp_msx_defect @forced_defection = 1;[\s\S]*sp_delete_targetserver @server_name = N'NYC-SQL02', @post_defection = 0;/, /sp_msx_enlist @msx_server_name = N'MSX01'/]],
    ['14299', { number: 14299, message: "Server 'MSX01' is an MSX. Cannot enlist one MSX into another MSX." }, 'masterIntoMaster', [/sp_msx_defect;/]],
    ['14296', { number: 14296, message: "This server is already enlisted into MSX 'OLDMSX'." }, 'alreadyEnlisted', [/sp_msx_defect;\nEXEC msdb.dbo.sp_msx_enlist @msx_server_name = N'MSX01';/]],
    ['15003', { number: 15003, message: 'Only members of the TargetServersRole role can execute this stored procedure.' }, 'permission', [/ALTER ROLE TargetServersRole ADD MEMBER \[CONTOSO\\svc-sqlagent\];/]],
    ['229', { number: 229, message: "The EXECUTE permission was denied on the object 'sp_help_targetserver', database 'msdb', schema 'dbo'." }, 'permission', [/CREATE USER \[CONTOSO\\svc-sqlagent\] FOR LOGIN/]],
  ];

  for (const [name, f, id, script] of table) {
    it(`${name} → ${id}`, () => {
      const d = diagnose({ ...f, ...facts });
      expect(d?.id).toBe(id);
      for (const re of script) expect(d!.script).toMatch(re);
    });
  }

  it('the text alone is enough (an error_message has no number), and the number alone too', () => {
    expect(diagnose({ message: 'The TSX server is not currently enlisted' })?.id).toBe('orphanedTarget');
    expect(diagnose({ number: 14296, message: '' })?.id).toBe('alreadyEnlisted');
  });

  it('an unknown failure has no diagnosis (no guess)', () => {
    expect(diagnose({ message: 'Simulated failure: disk full.' })).toBeUndefined();
    expect(diagnose({ number: 14262, message: "The specified @server_name ('X') does not exist." })).toBeUndefined();
  });

  it('names in scripts are quoted literals, never live T-SQL; missing ones are placeholders', () => {
    const d = diagnose({ number: 14364, message: '', server: "EVIL'; DROP TABLE x; --", master: 'M' })!;
    expect(d.script).toContain("@server_name = N'EVIL''; DROP TABLE x; --'");
    expect(diagnose({ number: 15003, message: '', login: 'a]b' })!.script).toContain('[a]]b]');
    expect(diagnose({ number: 14364, message: '' })!.script).toContain("N'<target server>'");
    expect(nLiteral("O'B")).toBe("N'O''B'");
    expect(bracketed('x]')).toBe('[x]]]');
    // Every comment line is one line: no name goes into a comment.
    for (const line of d.script.split('\n')) if (line.startsWith('--')) expect(line).not.toContain('EVIL');
  });

  it('every entry of the table is reachable', () => {
    const seen = new Set(table.map((r) => r[2]));
    expect(DIAGNOSES.filter((id) => !seen.has(id))).toEqual([]);
  });
});
