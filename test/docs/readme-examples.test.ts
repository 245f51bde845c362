// Every ```ts / ```js block of every README (root, packages/*, codemods/*) is type-checked under `tsc --strict` as
// written, the way a reader would paste it, and run when it can run offline. A block opts out only with a visible
// marker right before it: `<!-- not compiled: reason -->` or `<!-- not run: reason -->`. A block with a top-level
// `declare` (something the reader supplies) is compiled but not run. Failures name the README and the line.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installOfflineGuard, isLoopbackHost, OfflineGuardError } from './support/offline-guard';
import { sourcePaths } from './support/source-paths';
import { blocksOf, readmeBlocks, readmePaths, reasonNotRun, type ReadmeBlock } from './support/readme-blocks';

const root = fileURLToPath(new URL('../..', import.meta.url));
const blocks = readmeBlocks(root);
const compiled = blocks.filter((b) => b.notCompiled === undefined && b.badMarker === undefined);
const fileName = (block: ReadmeBlock): string => `block-${blocks.indexOf(block)}.${block.language}`;
const where = (block: ReadmeBlock): string => `${block.readme}:${block.line}`;
const OPT_OUT = 'fix the block, or put <!-- not compiled: reason --> (or <!-- not run: reason -->) right before it';

let dir = '';
beforeAll(() => {
  // Inside the test package, so `import express from 'express'` resolves as it would for a user.
  mkdirSync(join(root, 'test/.tmp'), { recursive: true });
  dir = mkdtempSync(join(root, 'test/.tmp/readme-'));
  for (const block of compiled) writeFileSync(join(dir, fileName(block)), `${block.code}\n`);
  // The packages resolve to their sources, so no build is needed; `tsx` reads the same paths when running blocks.
  const paths = sourcePaths(root);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'es2022', module: 'esnext', moduleResolution: 'bundler', moduleDetection: 'force', strict: true,
        noEmit: true, skipLibCheck: true, allowJs: true, checkJs: true, allowImportingTsExtensions: true,
        lib: ['es2022', 'dom', 'dom.iterable'], types: ['node'], typeRoots: [join(root, 'node_modules/@types')], paths,
      },
      files: compiled.map(fileName),
    }),
  );
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('README code blocks', () => {
  it('are found in every README', () => {
    expect(readmePaths(root)).toEqual(expect.arrayContaining(['README.md', 'packages/www-authenticate/README.md', 'packages/bearer/README.md']));
    expect(blocks.length).toBeGreaterThanOrEqual(15);
  });

  it('opt out only with a marker that gives a reason', () => {
    expect(blocks.filter((b) => b.badMarker !== undefined).map((b) => `${where(b)}: ${b.badMarker}`)).toEqual([]);
  });

  it('compile under tsc --strict as written', () => {
    let output = '';
    try {
      execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--pretty', 'false'], { cwd: dir, encoding: 'utf8' });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    // block-N.ts(line,col) → README.md:line:col, counting from the README's first line.
    const report = output
      .replace(/block-(\d+)\.(?:ts|js)\((\d+),(\d+)\)/g, (_, index: string, line: string, col: string) => {
        const block = blocks[Number(index)]!;
        return `${block.readme}:${block.line + Number(line)}:${col} (block at line ${block.line})`;
      })
      .trim();
    expect(report ? `${report}\n\n${OPT_OUT}` : '').toBe('');
  }, 120_000);

  it('run offline without an error, where they can run', () => {
    const runnable = compiled.filter((b) => reasonNotRun(b) === undefined);
    expect(runnable.length).toBeGreaterThanOrEqual(5);
    const results = join(dir, 'results.json');
    execFileSync(process.execPath, ['--import', 'tsx', join(root, 'test/docs/support/run-readme-blocks.ts'), results, ...runnable.map(fileName)], {
      cwd: dir,
      stdio: 'ignore',
      timeout: 60_000,
    });
    const outcome = JSON.parse(readFileSync(results, 'utf8')) as Array<{ file: string; error?: string }>;
    expect(outcome.map((r) => r.file)).toEqual(expect.arrayContaining(runnable.map(fileName)));
    const failures = [...new Set(outcome
      .filter((r) => r.error !== undefined)
      .map((r) => `${where(blocks[Number(/block-(\d+)/.exec(r.file)![1])]!)}: ${r.error}`))];
    expect(failures.length ? `${failures.join('\n')}\n\n${OPT_OUT}` : '').toBe('');
  }, 120_000);
});

describe('README block extraction', () => {
  it('reads ts, typescript, js and javascript fences, and the marker right before one', () => {
    const text = [
      '```ts', 'const a = 1;', '```',
      '<!-- not compiled: a fragment of the output -->', '', '```typescript', 'x', '```',
      '<!-- not run: calls a remote server -->', '```js', 'fetch(u)', '```',
      '```sh', '```ts', '```',
      '```javascript', 'b', '```',
    ].join('\n');
    expect(blocksOf('R.md', text)).toEqual([
      { readme: 'R.md', line: 1, language: 'ts', code: 'const a = 1;' },
      { readme: 'R.md', line: 6, language: 'ts', code: 'x', notCompiled: 'a fragment of the output' },
      { readme: 'R.md', line: 10, language: 'js', code: 'fetch(u)', notRun: 'calls a remote server' },
      { readme: 'R.md', line: 16, language: 'js', code: 'b' },
    ]);
  });

  it('refuses a marker without a reason', () => {
    const [block] = blocksOf('R.md', '<!-- not compiled -->\n```ts\nx\n```');
    expect(block!.badMarker).toMatch(/gives no reason/);
    expect(block!.notCompiled).toBeUndefined();
  });

  it('does not run a block that declares what the reader supplies', () => {
    const [block] = blocksOf('R.md', '```ts\ndeclare const request: Request;\nrequest.headers;\n```');
    expect(reasonNotRun(block!)).toBe('declares what the reader supplies');
  });
});

describe('the offline guard used to run README blocks', () => {
  it('knows loopback hosts', () => {
    expect(['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost'].every(isLoopbackHost)).toBe(true);
    expect(['192.0.2.1', 'example.com', '128.0.0.1', '127.0.0.1.example.com', '::ffff:192.0.2.1'].some(isLoopbackHost)).toBe(false);
  });

  it('refuses a connection to another address before any lookup or packet, and lets loopback through', async () => {
    const uninstall = installOfflineGuard();
    try {
      // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): the guard throws synchronously, so no socket is ever opened.
      expect(() => net.connect({ host: '192.0.2.1', port: 9 })).toThrow(OfflineGuardError);
      expect(() => net.connect(9, 'example.com')).toThrow(OfflineGuardError);
      await expect(fetch('https://example.com/')).rejects.toThrow(OfflineGuardError);
      const server = net.createServer((socket) => socket.end('ok'));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as net.AddressInfo;
      const reply = await new Promise<string>((resolve, reject) => {
        const socket = net.connect({ host: '127.0.0.1', port });
        socket.on('data', (data) => resolve(String(data))).on('error', reject);
      });
      server.close();
      expect(reply).toBe('ok');
    } finally {
      uninstall();
    }
  });
});
