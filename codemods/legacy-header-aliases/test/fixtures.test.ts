import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { applyTransform } from 'jscodeshift/src/testUtils';
import { describe, expect, it } from 'vitest';
import { migrateSource } from '../src/migrate-source';
import transform from '../src/transform';

const fixtures = fileURLToPath(new URL('../__testfixtures__/', import.meta.url));
const inputs = readdirSync(fixtures).filter((name) => name.includes('.input.')).sort();
const read = (name: string) => readFileSync(`${fixtures}${name}`, 'utf8');

// jscodeshift's harness trims what the transform returns; the exact-bytes checks go through migrateSource.
const run = (path: string, source: string) => applyTransform({ default: transform, parser: 'tsx' }, {}, { path, source });

describe('fixtures', () => {
  it('finds the fixtures, with and without expected changes', () => {
    expect(inputs.length).toBeGreaterThanOrEqual(15);
    expect(inputs.filter((name) => name.startsWith('no-change-')).length).toBeGreaterThanOrEqual(3);
  });

  for (const input of inputs) {
    const outputName = input.replace('.input.', '.output.');
    const expectsChange = !input.startsWith('no-change-');

    it(`${input}: ${expectsChange ? `becomes ${outputName}` : 'is left byte for byte as it is'}`, () => {
      const source = read(input);
      const expected = expectsChange ? read(outputName) : source;
      expect(run(input, source)).toBe(expected.trim());
      const direct = migrateSource(source, { path: input });
      expect(direct.output).toBe(expected);
      expect(direct.changed).toBe(expectsChange);
    });

    it(`${input}: running again changes nothing (idempotent)`, () => {
      const once = expectsChange ? read(outputName) : read(input);
      const again = migrateSource(once, { path: input });
      expect(again.changed).toBe(false);
      expect(again.output).toBe(once);
      expect(run(input, once)).toBe(once.trim());
    });
  }

  it('has an expected output for every fixture that changes, and none for the others', () => {
    for (const input of inputs) {
      const hasOutput = readdirSync(fixtures).includes(input.replace('.input.', '.output.'));
      expect([input, hasOutput]).toEqual([input, !input.startsWith('no-change-')]);
    }
  });
});
