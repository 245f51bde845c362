/** Most cells the longest-common-subsequence table may have; beyond it the changed block is shown whole. */
const MAX_TABLE_CELLS = 4_000_000;

type Edit = { op: ' ' | '-' | '+'; line: string };

/** Line edits from `a` to `b`: common prefix and suffix trimmed, the middle aligned by longest common subsequence. */
function lineEdits(a: readonly string[], b: readonly string[]): Edit[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const edits: Edit[] = a.slice(0, start).map((line) => ({ op: ' ', line }));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  if (midA.length * midB.length > MAX_TABLE_CELLS) {
    edits.push(...midA.map((line) => ({ op: '-' as const, line })), ...midB.map((line) => ({ op: '+' as const, line })));
  } else {
    // lcs[i][j]: length of the longest common subsequence of midA[i..] and midB[j..].
    const width = midB.length + 1;
    const lcs = new Uint32Array((midA.length + 1) * width);
    for (let i = midA.length - 1; i >= 0; i--) {
      for (let j = midB.length - 1; j >= 0; j--) {
        lcs[i * width + j] =
          midA[i] === midB[j] ? lcs[(i + 1) * width + j + 1]! + 1 : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < midA.length || j < midB.length) {
      if (i < midA.length && j < midB.length && midA[i] === midB[j]) {
        edits.push({ op: ' ', line: midA[i++]! });
        j++;
      } else if (i < midA.length && (j === midB.length || lcs[(i + 1) * width + j]! >= lcs[i * width + j + 1]!)) {
        edits.push({ op: '-', line: midA[i++]! });
      } else {
        edits.push({ op: '+', line: midB[j++]! });
      }
    }
  }
  edits.push(...a.slice(endA).map((line) => ({ op: ' ' as const, line })));
  return edits;
}

/**
 * A unified diff (`---`/`+++` header, `@@` hunks with `context` lines around each change) of two versions of a
 * file; `''` when they are equal.
 */
export function unifiedDiff(path: string, before: string, after: string, context = 2): string {
  if (before === after) return '';
  const edits = lineEdits(before.split('\n'), after.split('\n'));
  const out = [`--- ${path}`, `+++ ${path}`];
  let index = 0;
  let lineA = 1;
  let lineB = 1;
  while (index < edits.length) {
    if (edits[index]!.op === ' ') {
      index++;
      lineA++;
      lineB++;
      continue;
    }
    // A hunk: back up `context` lines, then run until `2 * context` unchanged lines in a row (or the end).
    const back = Math.min(context, index, lineA - 1);
    let end = index;
    let quiet = 0;
    while (end < edits.length && quiet <= 2 * context) {
      quiet = edits[end]!.op === ' ' ? quiet + 1 : 0;
      end++;
    }
    end -= Math.max(0, quiet - context);
    const hunk = edits.slice(index - back, end);
    const countA = hunk.filter((e) => e.op !== '+').length;
    const countB = hunk.filter((e) => e.op !== '-').length;
    out.push(`@@ -${lineA - back},${countA} +${lineB - back},${countB} @@`);
    for (const edit of hunk) out.push(`${edit.op}${edit.line}`);
    for (const edit of edits.slice(index, end)) {
      if (edit.op !== '+') lineA++;
      if (edit.op !== '-') lineB++;
    }
    index = end;
  }
  return out.join('\n');
}
