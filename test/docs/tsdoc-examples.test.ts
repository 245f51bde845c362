// Every `@example` block in the TSDoc of the packages' sources is type-checked: examples that stop compiling
// fail here, not in a user's editor.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sourcePaths } from './support/source-paths';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SOURCES: Array<{ dir: string; module: string }> = [
  { dir: 'packages/www-authenticate/src', module: '@authheaders/www-authenticate' },
  { dir: 'packages/bearer/src/node', module: '@authheaders/bearer/node' },
  { dir: 'packages/bearer/src/fetch', module: '@authheaders/bearer/fetch' },
  { dir: 'packages/bearer/src/hono', module: '@authheaders/bearer/hono' },
  { dir: 'packages/bearer/src/mcp', module: '@authheaders/bearer/mcp' },
  { dir: 'packages/bearer/src/fastify', module: '@authheaders/bearer/fastify' },
  { dir: 'packages/bearer/src/proxy', module: '@authheaders/bearer/proxy' },
  { dir: 'packages/bearer/src/redis', module: '@authheaders/bearer/redis' },
  { dir: 'packages/bearer/src/dpop', module: '@authheaders/bearer/dpop' },
  { dir: 'packages/bearer/src', module: '@authheaders/bearer' },
  { dir: 'codemods/legacy-header-aliases/src', module: '@authheaders/codemod-legacy-header-aliases' },
];

interface Example {
  file: string;
  line: number;
  code: string;
  module: string;
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.name.endsWith('.ts')) yield path;
  }
}

/** The ```ts blocks that follow an `@example` tag, with the comment's `* ` prefixes removed. */
function examplesOf(file: string, module: string): Example[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const found: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*\*\s*@example/.test(lines[i]!)) continue;
    let j = i + 1;
    while (j < lines.length && !/^\s*\*\s*```ts/.test(lines[j]!)) j++;
    const body: string[] = [];
    for (j++; j < lines.length && !/^\s*\*\s*```/.test(lines[j]!); j++) body.push(lines[j]!.replace(/^\s*\*( |$)/, ''));
    found.push({ file: relative(root, file), line: i + 1, code: body.join('\n'), module });
  }
  return found;
}

const examples = SOURCES.flatMap(({ dir, module }) => {
  const files = [...walk(join(root, dir))].filter((f) => module !== '@authheaders/bearer' || !/\/(node|fetch|hono|mcp|fastify|proxy|redis|dpop)\//.test(f));
  return files.flatMap((f) => examplesOf(f, module));
});

describe('TSDoc @example blocks', () => {
  it('are found', () => {
    expect(examples.length).toBeGreaterThanOrEqual(15);
  });

  it('all type-check against the packages (each example imports what it uses)', async () => {
    // Inside the test package, so `import express from 'express'` in an example resolves like it would for a user.
    mkdirSync(join(root, 'test/.tmp'), { recursive: true });
    const dir = mkdtempSync(join(root, 'test/.tmp/examples-'));
    try {
      const names: string[] = [];
      for (const [index, example] of examples.entries()) {
        // Bring the package's runtime exports that the example mentions into scope, as a reader would import them.
        const exported = Object.keys(await import(example.module));
        const used = exported.filter((name) => new RegExp(`\\b${name}\\b`).test(example.code));
        // An example that writes its own imports is taken as it is.
        const header = used.length === 0 || /^import /m.test(example.code) ? '' : `import { ${used.join(', ')} } from '${example.module}';\n`;
        const name = `example-${index}.ts`;
        names.push(name);
        writeFileSync(join(dir, name), `// ${example.file}:${example.line}\n${header}${example.code}\nexport {};\n`);
      }
      const paths = sourcePaths(root);
      writeFileSync(
        join(dir, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            target: 'es2022', module: 'esnext', moduleResolution: 'bundler', strict: true, noEmit: true, skipLibCheck: true,
            lib: ['es2022', 'dom'], types: ['node'], typeRoots: [join(root, 'node_modules/@types')], paths, allowImportingTsExtensions: true,
          },
          files: names,
        }),
      );
      let output = '';
      try {
        execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: dir, encoding: 'utf8' });
      } catch (error) {
        output = String((error as { stdout?: string }).stdout ?? error);
        // Name the source of each failing example, not the temporary file.
        output = output.replace(/example-(\d+)\.ts/g, (_, i: string) => `${examples[Number(i)]!.file}:${examples[Number(i)]!.line} (example)`);
      }
      expect(output).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
