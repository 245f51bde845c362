import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Transform } from 'jscodeshift';
import { applyTransform } from 'jscodeshift/src/testUtils';
import { describe, expect, it } from 'vitest';
import type { MigrateSourceResult } from '../src/apply-migration';
import honoTransform from '../src/hono-transform';
import { migrateHonoSource } from '../src/migrate-hono-source';
import { migrateSource } from '../src/migrate-source';
import transform from '../src/transform';

const root = fileURLToPath(new URL('../__testfixtures__/', import.meta.url));

// Each migration has its folder of `<scenario>.input.<ext>` / `<scenario>.output.<ext>` pairs.
const suites: Array<{ name: string; folder: string; migrate: (source: string, path: string) => MigrateSourceResult; transform: Transform }> = [
  { name: 'legacy-header-aliases', folder: root, migrate: (source, path) => migrateSource(source, { path }), transform },
  { name: 'hono', folder: `${root}hono/`, migrate: (source, path) => migrateHonoSource(source, { path }), transform: honoTransform },
];

for (const suite of suites) {
  const names = readdirSync(suite.folder);
  const inputs = names.filter((name) => name.includes('.input.')).sort();
  const read = (name: string) => readFileSync(`${suite.folder}${name}`, 'utf8');
  // jscodeshift's harness trims what the transform returns; the exact-bytes checks go through migrate.
  const run = (path: string, source: string) => applyTransform({ default: suite.transform, parser: 'tsx' }, {}, { path, source });

  describe(`fixtures: ${suite.name}`, () => {
    it('finds the fixtures, with and without expected changes', () => {
      expect(inputs.length).toBeGreaterThanOrEqual(8);
      expect(inputs.filter((name) => name.startsWith('no-change-')).length).toBeGreaterThanOrEqual(2);
    });

    for (const input of inputs) {
      const outputName = input.replace('.input.', '.output.');
      const expectsChange = !input.startsWith('no-change-');

      it(`${input}: ${expectsChange ? `becomes ${outputName}` : 'is left byte for byte as it is'}`, () => {
        const source = read(input);
        const expected = expectsChange ? read(outputName) : source;
        expect(run(input, source)).toBe(expected.trim());
        const direct = suite.migrate(source, input);
        expect(direct.output).toBe(expected);
        expect(direct.changed).toBe(expectsChange);
      });

      it(`${input}: running again changes nothing (idempotent)`, () => {
        const once = expectsChange ? read(outputName) : read(input);
        const again = suite.migrate(once, input);
        expect(again.changed).toBe(false);
        expect(again.output).toBe(once);
        expect(run(input, once)).toBe(once.trim());
      });
    }

    it('has an expected output for every fixture that changes, and none for the others', () => {
      for (const input of inputs) {
        const hasOutput = names.includes(input.replace('.input.', '.output.'));
        expect([input, hasOutput]).toEqual([input, !input.startsWith('no-change-')]);
      }
    });
  });
}
