import { homedir } from 'node:os';
import { join } from 'node:path';

/** The user's data folder for MSX Studio, per OS convention. */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'MSX Studio');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'MSX Studio');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'msx-studio');
}

/** Where the embedded lab is kept unless told otherwise. */
export function defaultLabFile(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  return join(userDataDir(env, platform), 'lab.msxlab');
}
