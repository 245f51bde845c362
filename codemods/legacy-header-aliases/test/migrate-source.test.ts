import { describe, expect, it } from 'vitest';
import { migrateSource } from '../src/migrate-source';
import { parserForPath } from '../src/parser-for-path';

describe('migrateSource', () => {
  it('migrates objects passed to callees given in options, and only those', () => {
    const source = `makeGuard({ headerName: 'x-adcp-auth' });\nother({ headerName: 'x-adcp-auth' });\n`;
    expect(migrateSource(source).changed).toBe(false);
    expect(migrateSource(source, { callees: ['makeGuard'] }).output).toBe(
      `makeGuard({ legacyHeaderAliases: ['x-adcp-auth'] });\nother({ headerName: 'x-adcp-auth' });\n`,
    );
  });

  it('matches member-call callees by their property name', () => {
    const out = migrateSource(`auth.bearerAuth({ mcpHeaderName: 'x-t', validateToken: v });`).output;
    expect(out).toBe(`auth.bearerAuth({ legacyHeaderAliases: ['x-t'], validateToken: v });`);
  });

  it('removes the last member of a one-line object with the comma before it', () => {
    const out = migrateSource(`bearerAuth({ validateToken, headerName: 'x-a', bearerPrefixRequired: false });`).output;
    expect(out).toBe(`bearerAuth({ validateToken, legacyHeaderAliases: ['x-a'] });`);
  });

  it('drops every legacy key of a one-line object when only authorization was named', () => {
    const out = migrateSource(`bearerAuth({ validateToken, headerName: 'authorization', bearerPrefixRequired: true });`).output;
    expect(out).toBe(`bearerAuth({ validateToken });`);
  });

  it('keeps CRLF line endings and the lines around the change', () => {
    const source = `bearerAuth({\r\n  headerName: 'x-a',\r\n  mcpBearerPrefixRequired: true,\r\n  validateToken,\r\n});\r\n`;
    expect(migrateSource(source).output).toBe(
      `bearerAuth({\r\n  legacyHeaderAliases: ['x-a'],\r\n  legacyAliasesBearerPrefixRequired: true,\r\n  validateToken,\r\n});\r\n`,
    );
  });

  it('removes a legacy key that stands last in a multi-line object without a trailing comma', () => {
    const source = `bearerAuth({\n  headerName: 'x-a',\n  validateToken,\n  bearerPrefixRequired: false\n});\n`;
    expect(migrateSource(source).output).toBe(`bearerAuth({\n  legacyHeaderAliases: ['x-a'],\n  validateToken,\n});\n`);
  });

  it('extends an empty legacyHeaderAliases array', () => {
    const out = migrateSource(`bearerAuth({ legacyHeaderAliases: [], headerName: 'x-a', validateToken });`).output;
    expect(out).toBe(`bearerAuth({ legacyHeaderAliases: ['x-a'], validateToken });`);
  });

  it('keeps an existing legacyAliasesBearerPrefixRequired and drops the old flag', () => {
    const out = migrateSource(
      `bearerAuth({ legacyAliasesBearerPrefixRequired: false, headerName: 'x-a', bearerPrefixRequired: true, validateToken });`,
    ).output;
    expect(out).toBe(`bearerAuth({ legacyAliasesBearerPrefixRequired: false, legacyHeaderAliases: ['x-a'], validateToken });`);
  });

  it('reports non-literal header names but migrates them; reports carry the line', () => {
    const result = migrateSource(`\n\nbearerAuth({ headerName: HEADER, validateToken });`);
    expect(result.output).toContain('legacyHeaderAliases: [HEADER]');
    expect(result.reports).toEqual([
      { line: 3, kind: 'unchecked', reason: 'headerName is not a string literal: could not check that it is not "authorization"' },
    ]);
  });

  it('skips files without the legacy words before parsing, even when they would not parse', () => {
    const broken = 'const = = ;';
    expect(migrateSource(broken)).toEqual({ output: broken, changed: false, reports: [] });
    expect(() => migrateSource(`${broken} // headerName`)).toThrow();
  });

  it('parses .ts files with the ts parser, so angle-bracket casts work, and JSX in .tsx/.js', () => {
    expect(parserForPath('a.ts')).toBe('ts');
    expect(parserForPath('a.d.ts')).toBe('ts');
    expect(parserForPath('a.mts')).toBe('ts');
    expect(parserForPath('a.cts')).toBe('ts');
    expect(parserForPath('a.tsx')).toBe('tsx');
    expect(parserForPath('a.jsx')).toBe('tsx');
    expect(parserForPath('a.cjs')).toBe('tsx');
    expect(migrateSource(`const g = <G>bearerAuth({ headerName: 'x-a', validateToken });`, { path: 'a.cts' }).changed).toBe(true);
  });
});
