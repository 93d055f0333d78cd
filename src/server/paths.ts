// Where the lab lives when no --lab is given: the user's data folder, by each OS's convention.
// On Windows and macOS this is the folder Electron calls userData for "MSX Studio", so the
// desktop app and browser mode open the same lab.
import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

export const LAB_FILE_NAME = 'lab.msxlab';

export function userDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') return win32.join(env.APPDATA || win32.join(home, 'AppData', 'Roaming'), 'MSX Studio');
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', 'MSX Studio');
  // XDG: a relative XDG_DATA_HOME is invalid and must be ignored.
  const xdg = env.XDG_DATA_HOME && posix.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : posix.join(home, '.local', 'share');
  return posix.join(xdg, 'msx-studio');
}

export function defaultLabFile(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home?: string): string {
  const dir = userDataDir(platform, env, home);
  return platform === 'win32' ? win32.join(dir, LAB_FILE_NAME) : posix.join(dir, LAB_FILE_NAME);
}
