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
});
