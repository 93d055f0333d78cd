// Command line of browser mode (and of the desktop app, which takes the same lab options).
import { parseArgs } from 'node:util';
import { parseTdsOptions, type LabTdsOptions } from '../lab/tdsOptions';

export interface ServerArgs {
  port: number;
  token: string | undefined;
  host: string | undefined;
  lab: string | undefined;
  fresh: boolean;
  /** The lab scenario a new (or --fresh) lab is built from: 'default', 'fleet-1000-10', ... */
  scenario: string | undefined;
  /** --tds <port> [--tds-password <pw>]: the lab's servers accept SQL Server connections (TDS). */
  tds?: LabTdsOptions;
  help: boolean;
}

export const USAGE = `Usage: npm run web -- [--port <n>] [--token <t>] [--lab <file>] [--fresh] [--scenario <name>] [--tds <port> [--tds-password <pw>]]

  --port <n>     listen on this port (default: a free one)
  --token <t>    the API token (default: a random one)
  --lab <file>   the lab file (default: lab.msxlab in your user data folder)
  --fresh        rebuild the lab from its scenario instead of reopening it
  --scenario <s> the scenario a new or --fresh lab is built from: default, or fleet-<targets>[-<poll seconds>]
                 (e.g. fleet-10000-10)
  --host <ip>    a loopback address to listen on (default: 127.0.0.1)
  --tds <port>   the lab's master accepts SQL Server (TDS) connections on 127.0.0.1,<port>, and
                 each lab target (the first 100) on the ports after it; logins sa and labuser
  --tds-password <pw>  their password (default: a random one, printed)`;

/** Throws an Error whose message is fit to print as is. */
export function parseServerArgs(argv: string[]): ServerArgs {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      token: { type: 'string' },
      host: { type: 'string' },
      lab: { type: 'string' },
      fresh: { type: 'boolean', default: false },
      scenario: { type: 'string' },
      tds: { type: 'string' },
      'tds-password': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  let port = 0;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535) throw new Error(`--port must be a number from 0 to 65535, not '${values.port}'.`);
  }
  if (values.token !== undefined && !/^[\x21-\x7e]{8,512}$/.test(values.token)) {
    throw new Error('--token must be 8 to 512 visible ASCII characters without spaces.');
  }
  if (values.lab !== undefined && values.lab.trim() === '') throw new Error('--lab needs a file name.');
  if (values.scenario !== undefined && !/^(default|fleet-\d+(-\d+)?(-nojobs)?)$/.test(values.scenario)) {
    throw new Error(`--scenario must be 'default' or 'fleet-<targets>[-<poll seconds>]' (e.g. fleet-1000-10), not '${values.scenario}'.`);
  }
  const tds = parseTdsOptions(values.tds, values['tds-password']);
  return {
    port,
    token: values.token,
    host: values.host,
    lab: values.lab,
    fresh: values.fresh ?? false,
    scenario: values.scenario,
    ...(tds ? { tds } : {}),
    help: values.help ?? false,
  };
}
