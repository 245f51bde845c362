/** Most line edits (insertions plus deletions) the diff looks for; beyond it the changed block is shown whole. */
const MAX_EDITS = 2_000;

type Edit = { op: ' ' | '-' | '+'; line: string };

/**
 * The shortest line edit script from `a` to `b` (Myers' O(ND) algorithm), or undefined when it takes more than
 * `MAX_EDITS` edits. Time and memory grow with the number of edits, not with the length of the file, so a dry run on
 * a large file with a few changes stays cheap.
 */
function shortestEdits(a: readonly string[], b: readonly string[]): Edit[] | undefined {
  const n = a.length;
  const m = b.length;
  const limit = Math.min(n + m, MAX_EDITS);
  const offset = limit + 1;
  // v[offset + k]: the furthest x reached on diagonal k (y = x - k) with the current number of edits.
  const v = new Int32Array(2 * limit + 3);
  // Before each round d, the part of v that round reads (diagonals -d-1 .. d+1), to walk the path back.
  const trace: Int32Array[] = [];
  for (let d = 0; d <= limit; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!);
      let x = down ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return walkBack(a, b, trace);
    }
  }
  return undefined;
}

function walkBack(a: readonly string[], b: readonly string[], trace: readonly Int32Array[]): Edit[] {
  const edits: Edit[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d > 0; d--) {
    const before = trace[d]!; // v after round d - 1, diagonals -d-1 .. d+1
    const at = (k: number) => before[k + d + 1]!;
    const k = x - y;
    const previousK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const previousX = at(previousK);
    const previousY = previousX - previousK;
    while (x > previousX && y > previousY) {
      x--;
      y--;
      edits.push({ op: ' ', line: a[x]! });
    }
    if (x === previousX) edits.push({ op: '+', line: b[--y]! });
    else edits.push({ op: '-', line: a[--x]! });
  }
  while (x > 0) edits.push({ op: ' ', line: a[--x]! });
  return edits.reverse();
}

/** Line edits from `a` to `b`: the shortest edit script, or the whole changed block when that is too long. */
function lineEdits(a: readonly string[], b: readonly string[]): Edit[] {
  const shortest = shortestEdits(a, b);
  if (shortest !== undefined) return shortest;
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  return [
    ...a.slice(0, start).map((line) => ({ op: ' ' as const, line })),
    ...a.slice(start, endA).map((line) => ({ op: '-' as const, line })),
    ...b.slice(start, endB).map((line) => ({ op: '+' as const, line })),
    ...a.slice(endA).map((line) => ({ op: ' ' as const, line })),
  ];
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
