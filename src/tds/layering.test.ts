// Layer rule (architecture): src/tds/ serves any MsdbExecutor and knows nothing of the lab, the
// simulated agents, the admin workflows or the API. Its only inward imports are src/msdb (the
// seam) and src/msx (the vocabulary); tests may also use src/msdb's test fixtures.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const FORBIDDEN = ['lab', 'agent', 'admin', 'api', 'server'].map((d) => resolve(here, '..', d));

function importsOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm)) {
    out.push(m[1] ?? m[2] ?? m[3]);
  }
  return out;
}

describe('src/tds layering', () => {
  // (this file is left out: its own sample imports are what the checker is tested on)
  const files = readdirSync(here).filter((f) => f.endsWith('.ts') && f !== 'layering.test.ts');

  it('finds the imports it checks', () => {
    expect(importsOf("import { a } from './x';\nexport { b } from '../lab/y';\nimport type { C } from \"../api/z\";")).toEqual(['./x', '../lab/y', '../api/z']);
  });

  it.each(files)('%s imports nothing from lab, agent, admin, api or the HTTP server', (file) => {
    const bad = importsOf(readFileSync(join(here, file), 'utf8'))
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => resolve(here, spec))
      .filter((abs) => FORBIDDEN.some((dir) => abs === dir || abs.startsWith(dir + '/')));
    expect(bad).toEqual([]);
  });
});
