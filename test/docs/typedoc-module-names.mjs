// TypeDoc plugin: names each module of the API reference after the package a reader imports
// (`@authheaders/bearer/node`), not after the folder its entry point lives in (`packages/bearer/src/node`).
// TypeDoc derives a module's name from its path relative to the entry points' common folder, the repository root.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Converter, ReflectionKind } from 'typedoc';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** `packages/bearer/src/node` → `@authheaders/bearer/node`; undefined when the folder holds no package.json. */
function importName(folderName) {
  const match = /^(.+?)\/src(?:\/(.+))?$/.exec(folderName);
  if (!match) return undefined;
  const manifest = `${root}${match[1]}/package.json`;
  if (!existsSync(manifest)) return undefined;
  const { name } = JSON.parse(readFileSync(manifest, 'utf8'));
  return match[2] ? `${name}/${match[2]}` : name;
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const module of context.project.getReflectionsByKind(ReflectionKind.Module)) {
      const name = importName(module.name);
      if (name === undefined) app.logger.warn(`no package.json found for the module ${module.name}: it keeps its folder name`);
      else module.name = name;
    }
  });
}
