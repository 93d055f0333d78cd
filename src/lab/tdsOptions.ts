// `--tds <port> [--tds-password <pw>]`, as `npm run web` and `npm run lab` take them: the lab's
// master on <port>, each other lab server on the ports after it (lab/tds.ts).
import { randomBytes } from 'node:crypto';

/** The master and at most this many of its targets get a port (a fleet of 10,000 would not fit). */
export const TDS_MAX_TARGETS = 100;
/** The login outside sysadmin every lab endpoint accepts besides sa. */
export const TDS_OTHER_LOGIN = 'labuser';

export interface LabTdsOptions {
  /** The master's port; target i (0-based, in the lab's order) listens on port + 1 + i. */
  port: number;
  /** Both logins' password; random when not given. */
  password: string;
  /** Whether the password was chosen by the lab (printed then, since nobody else knows it). */
  generated: boolean;
}

/**
 * Validates the two options; undefined when --tds is absent. Throws an Error whose message is fit
 * to print (the command line prints it as is).
 */
export function parseTdsOptions(port: string | undefined, password: string | undefined): LabTdsOptions | undefined {
  if (port === undefined) {
    if (password !== undefined) throw new Error('--tds-password needs --tds <port>.');
    return undefined;
  }
  const n = Number(port);
  if (!/^\d+$/.test(port) || n < 1 || n > 65535) throw new Error(`--tds must be a port number from 1 to 65535, not '${port}'.`);
  if (password !== undefined) return { port: n, password: checkTdsPassword(password), generated: false };
  return { port: n, password: newTdsPassword(), generated: true };
}

/** SQL Server's limits for a password: 1 to 128 characters; here also printable, no spaces (it is printed on one line). */
export function checkTdsPassword(password: string): string {
  if (!/^[\x21-\x7e]{1,128}$/.test(password)) throw new Error('--tds-password must be 1 to 128 visible ASCII characters without spaces.');
  return password;
}

/** 18 random characters from letters and digits: strong, and easy to type into a Connect dialog. */
export function newTdsPassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = randomBytes(18);
  // 256 % 57 leaves a slight bias; irrelevant for a loopback lab's throwaway password.
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
}
