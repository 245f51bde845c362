import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../src/line-diff';

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a.ts', 'x\ny\n', 'x\ny\n')).toBe('');
  });

  it('shows removed lines before added ones, with context and hunk ranges', () => {
    const before = ['1', '2', '3', 'old', '5', '6', '7'].join('\n');
    const after = ['1', '2', '3', 'new', '5', '6', '7'].join('\n');
    expect(unifiedDiff('a.ts', before, after).split('\n')).toEqual([
      '--- a.ts',
      '+++ a.ts',
      '@@ -2,5 +2,5 @@',
      ' 2',
      ' 3',
      '-old',
      '+new',
      ' 5',
      ' 6',
    ]);
  });

  it('splits distant changes into separate hunks and counts lines after deletions', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].join('\n');
    const after = ['a', 'c', 'd', 'e', 'f', 'g', 'h', 'I', 'j'].join('\n');
    const hunks = unifiedDiff('x', before, after).split('\n').filter((line) => line.startsWith('@@'));
    expect(hunks).toEqual(['@@ -1,4 +1,3 @@', '@@ -7,4 +6,4 @@']);
  });

  it('finds a few changes in a long file as small hunks, and the hunks rebuild the new text', () => {
    const before = Array.from({ length: 100_000 }, (_, i) => `line ${i % 1000}`);
    const after = [...before];
    for (const at of [10, 50_000, 99_990]) after[at] = `changed ${at}`;
    after.splice(70_000, 0, 'inserted');
    const diff = unifiedDiff('big.ts', before.join('\n'), after.join('\n')).split('\n');
    expect(diff.filter((line) => line.startsWith('@@'))).toHaveLength(4);
    expect(diff.length).toBeLessThan(40);
    expect(diff.filter((line) => line.startsWith('+') && !line.startsWith('+++')).sort()).toEqual(
      ['+changed 10', '+changed 50000', '+changed 99990', '+inserted'].sort(),
    );
  });

  it('shows the whole changed block when the texts differ too much to align', () => {
    const before = Array.from({ length: 3_000 }, (_, i) => `a${i}`).join('\n');
    const after = Array.from({ length: 3_000 }, (_, i) => `b${i}`).join('\n');
    const diff = unifiedDiff('x', before, after).split('\n');
    expect(diff[2]).toBe('@@ -1,3000 +1,3000 @@');
    expect(diff.slice(3, 3003).every((line) => line.startsWith('-'))).toBe(true);
  });
});
