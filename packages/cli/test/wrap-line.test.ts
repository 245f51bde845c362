import { describe, expect, it } from 'vitest';
import { DEMO_LINE_WIDTH, displayWidth, wrapLine } from '../src/demo/wrap-line';

describe('wrapLine (the demo output under 100 columns)', () => {
  it('keeps a short line as it is, leading spaces included', () => {
    expect(wrapLine('   → resource GET /mcp  ← 200', '     ')).toEqual(['   → resource GET /mcp  ← 200']);
  });

  it('breaks at spaces, indents the continuation lines, and no line passes the width', () => {
    const text = `   ← 401 WWW-Authenticate: ${Array.from({ length: 30 }, (_, i) => `param${i}="value"`).join(', ')}`;
    const lines = wrapLine(text, '       ');
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.every((line) => line.length <= DEMO_LINE_WIDTH)).toBe(true);
    expect(lines.slice(1).every((line) => line.startsWith('       ') && line[7] !== ' ')).toBe(true);
    expect(lines.map((line) => line.trim()).join(' ')).toBe(text.trim());
  });

  it('leaves a word longer than the width whole, on a line of its own', () => {
    const url = `http://127.0.0.1/${'a'.repeat(120)}`;
    expect(wrapLine(`see ${url} now`, '  ', 40)).toEqual(['see', `  ${url}`, '  now']);
  });

  it('counts the arrows and the ellipsis as two columns, as a CJK terminal shows them', () => {
    expect(displayWidth('→ a ← b …')).toBe(12);
    const text = `   ← 401 ${'word '.repeat(17)}xxxxx`;
    expect(text.length).toBe(DEMO_LINE_WIDTH);
    const lines = wrapLine(text, '       ');
    expect(lines.length).toBe(2);
    expect(lines.every((line) => displayWidth(line) <= DEMO_LINE_WIDTH)).toBe(true);
  });
});
