// `npm run web`: the embedded lab and the API behind browser mode's HTTP server. Prints exactly
// one line on stdout when ready (scripts and Playwright wait for it), then, with --tds, one line
// per TDS endpoint and one with the logins; problems go to stderr as one sentence, never a stack trace.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createApiHost } from '../api/host';
import { scenarioByName } from '../lab/scenario';
import { tdsLines } from '../lab/tds';
import { parseServerArgs, USAGE } from './args';
import { newToken } from './auth';
import { assertLoopbackHost } from './loopback';
import { defaultLabFile } from './paths';
import { readyLine, startWebServer, type WebServer } from './server';

export const RENDERER_DIR = fileURLToPath(new URL('../../dist/renderer', import.meta.url));

export interface BrowserMode {
  server: WebServer;
  /** The lines `--tds` prints (one per server, then the logins); empty without it. */
  tdsLines: string[];
  stop(): Promise<void>;
}

/** Starts browser mode; throws an Error whose message is fit to print. */
export async function startBrowserMode(argv: string[], staticDir = RENDERER_DIR): Promise<BrowserMode> {
  const args = parseServerArgs(argv);
  // Refuse a bad address before the lab file is touched.
  if (args.host !== undefined) assertLoopbackHost(args.host);
  const labFile = args.lab ?? defaultLabFile();
  const scenario = args.scenario === undefined ? undefined : scenarioByName(args.scenario);
  if (args.scenario !== undefined && !scenario) throw new Error(`The lab has no scenario named '${args.scenario}'.`);
  let api: Awaited<ReturnType<typeof createApiHost>>;
  try {
    api = await createApiHost({ labFile, fresh: args.fresh, ...(scenario ? { scenario } : {}), ...(args.tds ? { tds: args.tds } : {}) });
  } catch (err) {
    // A TDS port in use says so itself; anything else is the lab file's.
    if (args.tds && /port|TDS/.test((err as Error).message)) throw err;
    throw new Error(`The lab in ${labFile} could not be opened: ${(err as Error).message}`, { cause: err });
  }
  let server: WebServer;
  try {
    server = await startWebServer({ api, token: args.token ?? newToken(), port: args.port, host: args.host, staticDir });
  } catch (err) {
    await api.close();
    const e = err as NodeJS.ErrnoException;
    throw new Error(e.code === 'EADDRINUSE' ? `Port ${args.port} is already in use; choose another with --port.` : e.message, { cause: err });
  }
  const tds = api.labTds.status();
  return {
    server,
    tdsLines: tds ? tdsLines(tds) : [],
    stop: async () => {
      await server.close();
      await api.close();
    },
  };
}

/** The command: start, print the ready line, stop cleanly on Ctrl+C or SIGTERM. */
export async function runBrowserMode(argv: string[], staticDir = RENDERER_DIR): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  let mode: BrowserMode;
  try {
    mode = await startBrowserMode(argv, staticDir);
  } catch (err) {
    console.error(`MSX Studio could not start: ${(err as Error).message}`);
    process.exitCode = 1;
    return;
  }
  console.log(readyLine(mode.server.url));
  for (const line of mode.tdsLines) console.log(line);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    mode.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(`MSX Studio did not stop cleanly: ${(err as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('SIGHUP', stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runBrowserMode(process.argv.slice(2));
