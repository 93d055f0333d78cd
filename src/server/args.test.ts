import { describe, expect, it } from 'vitest';
import { parseServerArgs } from './args';
import { defaultLabFile } from './paths';

describe('browser mode command line', () => {
  it('defaults to a random port and token', () => {
    expect(parseServerArgs([])).toEqual({ port: 0, token: undefined, host: undefined, lab: undefined, fresh: false, scenario: undefined, help: false });
  });

  it('takes --port, --token, --lab and --fresh', () => {
    expect(parseServerArgs(['--port', '4719', '--token', 'e2e-token-1', '--lab', '/tmp/x.msxlab', '--fresh'])).toMatchObject({
      port: 4719,
      token: 'e2e-token-1',
      lab: '/tmp/x.msxlab',
      fresh: true,
    });
    expect(parseServerArgs(['--port=5000']).port).toBe(5000);
  });

  it('takes --scenario for a fleet to test or benchmark against', () => {
    expect(parseServerArgs(['--scenario', 'fleet-10000-10', '--fresh']).scenario).toBe('fleet-10000-10');
    expect(parseServerArgs(['--scenario=default']).scenario).toBe('default');
    expect(() => parseServerArgs(['--scenario', 'huge'])).toThrow(/--scenario/);
  });

  it('refuses bad values with a message fit to print', () => {
    expect(() => parseServerArgs(['--port', 'http'])).toThrow(/--port must be a number/);
    expect(() => parseServerArgs(['--port', '70000'])).toThrow(/--port/);
    expect(() => parseServerArgs(['--token', 'short'])).toThrow(/--token/);
    expect(() => parseServerArgs(['--token', 'has space in it'])).toThrow(/--token/);
    expect(() => parseServerArgs(['--bogus'])).toThrow();
  });
});

describe('default lab file', () => {
  it("lives in each OS's user data folder", () => {
    expect(defaultLabFile('linux', {}, '/home/dba')).toBe('/home/dba/.local/share/msx-studio/lab.msxlab');
    expect(defaultLabFile('linux', { XDG_DATA_HOME: '/data' }, '/home/dba')).toBe('/data/msx-studio/lab.msxlab');
    expect(defaultLabFile('linux', { XDG_DATA_HOME: 'relative' }, '/home/dba')).toBe('/home/dba/.local/share/msx-studio/lab.msxlab');
    expect(defaultLabFile('darwin', {}, '/Users/dba')).toBe('/Users/dba/Library/Application Support/MSX Studio/lab.msxlab');
    expect(defaultLabFile('win32', { APPDATA: 'C:\\Users\\dba\\AppData\\Roaming' }, 'C:\\Users\\dba')).toBe(
      'C:\\Users\\dba\\AppData\\Roaming\\MSX Studio\\lab.msxlab',
    );
  });
});

describe('--tds', () => {
  it('takes a port and a password; without a password it makes a random one', () => {
    expect(parseServerArgs(['--tds', '47300', '--tds-password', 'Lab-pw-1']).tds).toEqual({ port: 47300, password: 'Lab-pw-1', generated: false });
    const random = parseServerArgs(['--tds=47300']).tds!;
    expect(random).toMatchObject({ port: 47300, generated: true });
    expect(random.password).toMatch(/^[A-Za-z0-9]{18}$/);
    expect(parseServerArgs(['--tds=47300']).tds!.password).not.toBe(random.password);
    expect(parseServerArgs([]).tds).toBeUndefined();
  });

  it('refuses a bad port, a bad password, or a password without --tds', () => {
    expect(() => parseServerArgs(['--tds', '0'])).toThrow(/--tds must be a port number/);
    expect(() => parseServerArgs(['--tds', '1433x'])).toThrow(/--tds must be a port number/);
    expect(() => parseServerArgs(['--tds', '70000'])).toThrow(/--tds/);
    expect(() => parseServerArgs(['--tds', '47300', '--tds-password', 'has space'])).toThrow(/--tds-password/);
    expect(() => parseServerArgs(['--tds', '47300', '--tds-password', 'x'.repeat(129)])).toThrow(/--tds-password/);
    expect(() => parseServerArgs(['--tds-password', 'pw'])).toThrow('--tds-password needs --tds <port>.');
  });
});
