// Regenerates the finding-code table of README.md from FINDING_RULES (the test in check-rules.test.ts fails when
// they differ). Run: pnpm --filter @authheaders/cli run readme:rules
import { readFileSync, writeFileSync } from 'node:fs';
import { withFindingRulesTable } from '../src/check/finding-rules-table';

const path = new URL('../README.md', import.meta.url);
const before = readFileSync(path, 'utf8');
const after = withFindingRulesTable(before);
if (after !== before) writeFileSync(path, after);
console.log(after === before ? 'README.md: finding table up to date' : 'README.md: finding table regenerated');
