import { describe, expect, it } from 'vitest';
import { call } from './calls';
import { commentText, renderCall, renderScript, sqlComment, sqlLiteral } from './script';

describe('script: the T-SQL behind the Script buttons', () => {
  it('renders a SET-POLL post exactly as a DBA would type it', () => {
    const c = call('sp_post_msx_operation', { operation: 'SET-POLL', object_type: 'SERVER', specific_target_server: 'TSX1', value: 120 });
    expect(renderCall(c)).toBe(
      "EXEC msdb.dbo.sp_post_msx_operation @operation = N'SET-POLL', @object_type = N'SERVER', @specific_target_server = N'TSX1', @value = 120;",
    );
  });

  it('doubles quotes, writes NULL, bits, dates, binary and bare numbers', () => {
    expect(sqlLiteral("O'Brien's rack")).toBe("N'O''Brien''s rack'");
    expect(sqlLiteral(null)).toBe('NULL');
    expect(sqlLiteral(-60)).toBe('-60');
    expect(sqlLiteral(true)).toBe('1');
    expect(sqlLiteral(false)).toBe('0');
    expect(sqlLiteral(new Date(Date.UTC(2026, 10, 2, 10, 0, 5, 250)))).toBe("'2026-11-02T10:00:05.250'");
    expect(sqlLiteral(new Uint8Array([0, 0xab]))).toBe('0x00AB');
    expect(() => sqlLiteral(Number.NaN)).toThrow(RangeError);
  });

  it('names the procedure msdb.dbo.<name> however it was given, and leaves out undefined parameters', () => {
    expect(renderCall({ proc: 'MSDB.dbo.SP_HELP_TARGETSERVER', params: {} })).toBe('EXEC msdb.dbo.sp_help_targetserver;');
    expect(renderCall(call('sp_help_targetserver', { server_name: undefined }))).toBe('EXEC msdb.dbo.sp_help_targetserver;');
    expect(renderCall({ proc: 'sp_help_downloadlist', params: { '@status': 0 } })).toBe('EXEC msdb.dbo.sp_help_downloadlist @status = 0;');
  });

  it('labels where each run of calls executes when some run on a target', () => {
    const script = renderScript([
      call('sp_post_msx_operation', { operation: 'SET-POLL', object_type: 'SERVER', specific_target_server: 'A', value: 60 }),
      call('sp_sqlagent_notify', { op_type: 'P' }, 'A'),
      call('sp_sqlagent_notify', { op_type: 'P' }, 'B'),
    ], 'MSX01');
    expect(script).toBe([
      '-- On MSX01:',
      "EXEC msdb.dbo.sp_post_msx_operation @operation = N'SET-POLL', @object_type = N'SERVER', @specific_target_server = N'A', @value = 60;",
      '',
      '-- On target server A:',
      "EXEC msdb.dbo.sp_sqlagent_notify @op_type = N'P';",
      '',
      '-- On target server B:',
      "EXEC msdb.dbo.sp_sqlagent_notify @op_type = N'P';",
    ].join('\n'));
    expect(renderScript([call('sp_resync_targetserver', { server_name: 'ALL' })])).toBe("EXEC msdb.dbo.sp_resync_targetserver @server_name = N'ALL';");
  });

  it('a target name with a line break never ends the comment: the rest cannot become live T-SQL', () => {
    for (const name of ['EVIL\nDROP DATABASE x', 'EVIL\rDROP DATABASE x', 'EVIL\r\nGO\r\nDROP DATABASE x', 'EVIL\u2028x', 'EVIL\u0085x', 'EVIL\u000bx', 'EVIL\tx']) {
      const script = renderScript([call('sp_sqlagent_notify', { op_type: 'P' }, name)], 'MSX01');
      const lines = script.split(/\r\n|\r|\n|\u2028|\u2029|\u0085/);
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^-- On target server EVIL\\u[0-9A-F]{4}/);
      expect(lines[1]).toBe("EXEC msdb.dbo.sp_sqlagent_notify @op_type = N'P';");
    }
    expect(sqlComment('A\r\nGO\r\nB')).toBe('-- A\\u000D\\u000AGO\\u000D\\u000AB');
    expect(commentText('Zürich 😀')).toBe('Zürich 😀');
    expect(commentText('x\ud800y')).toBe('x\\uD800y');
    // eslint-disable-next-line no-control-regex
    expect(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(commentText(String.fromCharCode(...Array.from({ length: 0xa0 }, (_, i) => i))))).toBe(false);
  });
});
