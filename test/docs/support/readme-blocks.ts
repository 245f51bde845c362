import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A fenced ```ts / ```typescript / ```js / ```javascript block of a README. */
export interface ReadmeBlock {
  /** README path relative to the repository root. */
  readme: string;
  /** 1-based line of the opening fence: the block's first code line is `line + 1`. */
  line: number;
  language: 'ts' | 'js';
  code: string;
  /** Reason given by `<!-- not compiled: reason -->` right before the block. */
  notCompiled?: string;
  /** Reason given by `<!-- not run: reason -->` right before the block. */
  notRun?: string;
  /** A marker that names no reason, or that this harness does not know: the test fails on it. */
  badMarker?: string;
}

const FENCE = /^\s*```(ts|typescript|js|javascript)\s*$/;
const CLOSE = /^\s*```\s*$/;
const MARKER = /^\s*<!--\s*not (compiled|run)\b:?\s*(.*?)\s*-->\s*$/;

/** The README.md files a reader meets: the root one and one per package and codemod. */
export function readmePaths(root: string): string[] {
  const paths = ['README.md'];
  for (const group of ['packages', 'codemods']) {
    for (const name of readdirSync(join(root, group)).sort()) {
      if (existsSync(join(root, group, name, 'README.md'))) paths.push(`${group}/${name}/README.md`);
    }
  }
  return paths;
}

/**
 * The TypeScript and JavaScript blocks of one README's text. An opt-out marker is the last non-blank line before the
 * opening fence: `<!-- not compiled: reason -->` or `<!-- not run: reason -->`, with a reason a reader can see in
 * the source.
 */
export function blocksOf(readme: string, text: string): ReadmeBlock[] {
  const lines = text.split('\n');
  const blocks: ReadmeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = FENCE.exec(lines[i]!);
    if (!fence) {
      // Skip the body of any other fenced block, so a ```ts inside a ```md example is not taken for a block.
      if (/^\s*```\S/.test(lines[i]!)) while (i + 1 < lines.length && !CLOSE.test(lines[++i]!));
      continue;
    }
    const indent = /^\s*/.exec(lines[i]!)![0].length;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !CLOSE.test(lines[j]!); j++) body.push(lines[j]!.slice(Math.min(indent, /^\s*/.exec(lines[j]!)![0].length)));
    const block: ReadmeBlock = {
      readme,
      line: i + 1,
      language: fence[1]!.startsWith('t') ? 'ts' : 'js',
      code: body.join('\n'),
    };
    let k = i - 1;
    while (k >= 0 && lines[k]!.trim() === '') k--;
    const marker = k >= 0 ? MARKER.exec(lines[k]!) : null;
    if (marker) {
      const [, kind, reason] = marker;
      if (!reason) block.badMarker = `${lines[k]!.trim()} gives no reason: write <!-- not ${kind}: why -->`;
      else if (kind === 'compiled') block.notCompiled = reason;
      else block.notRun = reason;
    } else if (k >= 0 && /^\s*<!--\s*not\b/.test(lines[k]!)) {
      block.badMarker = `${lines[k]!.trim()} is not a marker this test knows: write <!-- not compiled: why --> or <!-- not run: why -->`;
    }
    blocks.push(block);
    i = j;
  }
  return blocks;
}

/** Every block of every README under `root`. */
export function readmeBlocks(root: string): ReadmeBlock[] {
  return readmePaths(root).flatMap((readme) => blocksOf(readme, readFileSync(join(root, readme), 'utf8')));
}

/**
 * Why a compiled block is not run: its marker, or a top-level `declare` (it relies on something the reader
 * supplies, which does not exist at run time). Undefined when the block runs.
 */
export function reasonNotRun(block: ReadmeBlock): string | undefined {
  if (block.notCompiled !== undefined) return `not compiled: ${block.notCompiled}`;
  if (block.notRun !== undefined) return block.notRun;
  if (/^declare\s/m.test(block.code)) return 'declares what the reader supplies';
  return undefined;
}
