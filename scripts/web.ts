// `npm run web`: build the renderer if it is missing or stale, then serve browser mode.
import { runBrowserMode } from '../src/server/cli';
import { ensureRenderer } from './build';

try {
  await ensureRenderer();
} catch (err) {
  console.error(`The renderer could not be built: ${(err as Error).message}`);
  process.exit(1);
}
await runBrowserMode(process.argv.slice(2));
