// Item 9 of the second hostile-input round (the CLI part): `check` printed bidirectional controls (U+202E) from a
// server's JSON raw, so a resource URL could be shown reversed. They are escaped now with the C0/C1 controls.
import { describe, expect, it } from 'vitest';
import { escapeTerminal, terminalSafeJson } from '../src/check/escape-terminal';
import { startShapedServer } from './support/mcp-server-shape';
import { runCli } from './support/run-cli';

/** Unicode's Bidi_Control property (PropList.txt): every code point of it. */
const BIDI_CONTROLS = ['\u061c', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];
const ANY_UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('escapeTerminal and terminalSafeJson', () => {
  it('escape every bidi control, as \\uNNNN, and leave other text (Latin-1, €, emoji, ZWJ) as it is', () => {
    for (const c of BIDI_CONTROLS) {
      expect(escapeTerminal(`a${c}b`)).toBe(`a\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}b`);
      expect(terminalSafeJson({ v: `a${c}b` })).toBe(`{\n  "v": "a\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}b"\n}`);
    }
    expect(escapeTerminal('é€😀\u200d\u00a0')).toBe('é€😀\u200d\u00a0');
    expect(escapeTerminal('a\u001bb\u009bc')).toBe('a\\x1bb\\x9bc');
  });

  it('terminalSafeJson reads back the same value and keeps its own line breaks', () => {
    const value = { resource: 'https://x/\u202egnp.exe\u2066\u009b\u007f\n', list: [1, 'é'] };
    const json = terminalSafeJson(value);
    expect(json).not.toMatch(ANY_UNSAFE);
    expect(JSON.parse(json)).toEqual(value);
    expect(json.split('\n')).toHaveLength(JSON.stringify(value, null, 2).split('\n').length);
  });
});

describe('authheaders check and parse print no bidi control raw', () => {
  it('from a metadata document, in the text report and in --json', async () => {
    // Shown raw, `…/mcp\u202eSSAP` reads as `…/mcpPASS` reversed into view.
    const forged = '\u202eLIAF\u202c\u2066x\u2069\u200f\u061c';
    const server = await startShapedServer({ resourceMetadata: (origin) => ({ resource: `${origin}/other${forged}`, authorization_servers: [origin] }) });
    try {
      const text = await runCli(['check', server.resource]);
      const json = await runCli(['check', server.resource, '--json']);
      expect(`${text.stdout}${text.stderr}${json.stdout}${json.stderr}`).not.toMatch(ANY_UNSAFE);
      expect(text.stdout).toContain('\\u202eLIAF\\u202c');
      expect((JSON.parse(json.stdout) as { resourceMetadata: { resource: string } }).resourceMetadata.resource).toBe(`${server.origin}/other${forged}`);
    } finally {
      await server.close();
    }
  });

  it('from a field that does not parse: the snippet shows ? one for one, the ^ still under the fault', async () => {
    const r = await runCli(['parse', 'Bearer realm="\u202eabc" scope="x"']);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(ANY_UNSAFE);
    const lines = r.stderr.split('\n');
    const snippet = lines.find((line) => line.includes('realm="'))!;
    const marker = lines[lines.indexOf(snippet) + 1]!;
    expect(snippet).toContain('realm="?abc"');
    expect(snippet.slice(marker.indexOf('^'))).toBe('scope="x"');
  });
});
