import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyAddress, type AddressClass } from '../src/check/address-class';
import { jsonDepth, parseJsonObject } from '../src/check/bounded-json';
import { compareResource } from '../src/check/compare-resource';
import { escapeTerminal } from '../src/check/escape-terminal';
import { withFindingRulesTable } from '../src/check/finding-rules-table';
import { FINDING_CODES, FINDING_RULES } from '../src/check/findings';
import { refuseAddress, type UrlPolicy } from '../src/check/url-policy';

const here = new URL('.', import.meta.url);

describe('the rule table', () => {
  it('documents every code in the README table with its severity and spec line', () => {
    const readme = readFileSync(new URL('../README.md', here), 'utf8');
    for (const code of FINDING_CODES) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${code}\``));
      expect(row, code).toBeDefined();
      expect(row!.split('|')[2]!.trim(), code).toBe(FINDING_RULES[code].severity);
    }
  });

  it('is the README table exactly as generated from FINDING_RULES (pnpm --filter @authheaders/cli run readme:rules)', () => {
    const readme = readFileSync(new URL('../README.md', here), 'utf8');
    expect(withFindingRulesTable(readme)).toBe(readme);
  });

  it('has a loopback test server that trips every code (each code is asserted in a check test)', () => {
    const tests = readdirSync(here)
      .filter((name) => name.startsWith('check-') && name.endsWith('.test.ts') && name !== 'check-rules.test.ts')
      .map((name) => readFileSync(new URL(name, here), 'utf8'))
      .join('\n');
    const untested = FINDING_CODES.filter((code) => !tests.includes(`'${code}'`) && !tests.includes(`:${code}'`));
    expect(untested).toEqual([]);
  });
});

describe('address classes (SSRF policy)', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['fd12::1', 'private'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['169.254.169.254', 'metadata'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['192.0.2.1', 'reserved'],
    ['0.0.0.0', 'reserved'],
    ['::', 'reserved'],
    ['224.0.0.1', 'reserved'],
    ['::ffff:10.0.0.1', 'private'],
    ['8.8.8.8', 'public'],
    ['2606:4700::1111', 'public'],
    ['example.com', undefined],
  ])('%s is %s', (address, cls) => {
    expect(classifyAddress(address)).toBe(cls);
  });

  it('refuses a non-public class unless the target is of that class (loopback and private go together) or allowed', () => {
    const policy = (targetClass: AddressClass, allowPrivate = false): UrlPolicy => ({ insecureHttp: false, allowPrivate, sameOrigin: false, targetOrigin: 'x', targetClass });
    expect(refuseAddress('metadata', policy('public'))).toContain('metadata');
    expect(refuseAddress('metadata', policy('loopback'))).toContain('metadata');
    expect(refuseAddress('private', policy('loopback'))).toBeUndefined();
    expect(refuseAddress('loopback', policy('public'))).toContain('loopback');
    expect(refuseAddress('link-local', policy('link-local'))).toBeUndefined();
    expect(refuseAddress('metadata', policy('public', true))).toBeUndefined();
    expect(refuseAddress('public', policy('loopback'))).toBeUndefined();
  });
});

describe('small rules', () => {
  it('compares resource the way RFC 9728 §3.3 and MCP clients do', () => {
    const url = new URL('https://mcp.example.com/api/mcp');
    expect(compareResource('https://mcp.example.com/api/mcp', url)).toBe('same');
    expect(compareResource('https://mcp.example.com/api/mcp/', url)).toBe('trailing-slash');
    expect(compareResource('https://mcp.example.com/api/mcp#a', url)).toBe('fragment');
    expect(compareResource('https://mcp.example.com', url)).toBe('parent');
    expect(compareResource('https://mcp.example.com/api', url)).toBe('parent');
    expect(compareResource('https://mcp.example.com/ap', url)).toBe('mismatch');
    expect(compareResource('https://other.example.com/api/mcp', url)).toBe('mismatch');
    expect(compareResource('not a url', url)).toBe('mismatch');
  });

  it('measures JSON depth without recursion, ignoring brackets in strings', () => {
    expect(jsonDepth('{"a":"[[[[","b":[1,{"c":2}]}')).toBe(3);
    expect(jsonDepth('['.repeat(1_000_000))).toBe(65);
    expect(parseJsonObject('[]')).toEqual({ problem: 'is JSON but not an object' });
    expect(parseJsonObject('{"a":"\\"["}')).toEqual({ value: { a: '"[' } });
  });

  it('escapes C0, DEL and C1 controls and nothing else', () => {
    expect(escapeTerminal('a\u001b[2Kb\r\n\u007f\u009bé€')).toBe('a\\x1b[2Kb\\x0d\\x0a\\x7f\\x9bé€');
    expect(escapeTerminal('plain')).toBe('plain');
  });
});
