import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ shell: { openExternal: vi.fn(async () => {}) } }));

const { shell } = await import('electron');
const { isSafeExternalUrl, openExternalSafely } = await import('./openExternal');

describe('openExternalSafely', () => {
  beforeEach(() => vi.mocked(shell.openExternal).mockClear());

  it('opens https links', async () => {
    expect(await openExternalSafely('https://learn.microsoft.com/en-us/sql/')).toBe(true);
    expect(await openExternalSafely('HTTPS://Intranet.Contoso.com/runbook')).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledTimes(2);
    expect(shell.openExternal).toHaveBeenCalledWith('https://learn.microsoft.com/en-us/sql/');
    expect(shell.openExternal).toHaveBeenCalledWith('https://intranet.contoso.com/runbook');
  });

  it('refuses http:, file:, javascript: and every other scheme without calling the OS', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const refused = [
      'http://intranet.contoso.com/runbook',
      'http://learn.microsoft.com/',
      'file:///etc/passwd',
      'file://C:/Windows/System32/calc.exe',
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'smb://attacker/share',
      'ms-msdt:/id PCWDiagnostic',
      'app://msx-studio/index.html',
      'mailto:dba@contoso.com',
      'https://user:pass@evil.example/',
      'not a url',
      '',
      undefined,
      42,
      `https://example.com/${'a'.repeat(3000)}`,
    ];
    for (const url of refused) expect(await openExternalSafely(url), String(url)).toBe(false);
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('is the check the other guards use', () => {
    expect(isSafeExternalUrl('https://example.com')).toBe(true);
    expect(isSafeExternalUrl('http://example.com')).toBe(false);
    expect(isSafeExternalUrl('file:///x')).toBe(false);
  });
});
