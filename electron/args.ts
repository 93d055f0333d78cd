// The desktop app takes browser mode's lab options (--lab <file>, --fresh). Electron's own
// argv is full of Chromium switches, so this reads only what it knows and ignores the rest.

export interface DesktopArgs {
  lab: string | undefined;
  fresh: boolean;
}

export function parseDesktopArgs(argv: readonly string[]): DesktopArgs {
  let lab: string | undefined;
  let fresh = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--fresh') fresh = true;
    else if (a === '--lab' && i + 1 < argv.length) lab = argv[++i];
    else if (a.startsWith('--lab=')) lab = a.slice('--lab='.length);
  }
  return { lab: lab?.trim() || undefined, fresh };
}
