import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * TypeScript `paths` from every import name of the workspace packages to its source file, read from each package's
 * `exports` (`./fetch` → `src/fetch/index.ts` or `src/fetch.ts`), so code that imports a package the way a user does
 * compiles against the sources, with no build, and a new entry point needs no edit here.
 */
export function sourcePaths(root: string): Record<string, string[]> {
  const paths: Record<string, string[]> = {};
  for (const group of ['packages', 'codemods']) {
    for (const folder of readdirSync(join(root, group)).sort()) {
      const manifestPath = join(root, group, folder, 'package.json');
      if (!existsSync(manifestPath)) continue;
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { name: string; exports?: Record<string, unknown> };
      for (const key of Object.keys(manifest.exports ?? { '.': null })) {
        if (key === './package.json') continue;
        const sub = key === '.' ? '' : key.slice(2);
        const candidates = sub === '' ? ['src/index.ts'] : [`src/${sub}/index.ts`, `src/${sub}.ts`];
        const found = candidates.map((c) => join(root, group, folder, c)).find((c) => existsSync(c));
        if (found) paths[sub === '' ? manifest.name : `${manifest.name}/${sub}`] = [found];
      }
    }
  }
  return paths;
}
