import { FINDING_CODES, FINDING_RULES } from './findings';
import { specMarkdown } from './spec-links';

/** The markers around the generated table in the CLI README. */
export const FINDING_TABLE_BEGIN = '<!-- finding-rules:begin (generated from FINDING_RULES: pnpm --filter @authheaders/cli run readme:rules) -->';
export const FINDING_TABLE_END = '<!-- finding-rules:end -->';

/** The README table of finding codes, one row per rule in the table's order, the spec line linked to its sections. */
export function findingRulesTable(): string {
  const rows = FINDING_CODES.map((code) => {
    const rule = FINDING_RULES[code];
    return `| \`${code}\` | ${rule.severity} | ${rule.summary} | ${specMarkdown(rule.spec)} |`;
  });
  return ['| code | severity | meaning | rule |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** `readme` with the text between the markers replaced by {@link findingRulesTable}; throws when a marker is missing. */
export function withFindingRulesTable(readme: string): string {
  const begin = readme.indexOf(FINDING_TABLE_BEGIN);
  const end = readme.indexOf(FINDING_TABLE_END);
  if (begin === -1 || end < begin) throw new Error('the README has no finding-rules markers');
  return `${readme.slice(0, begin + FINDING_TABLE_BEGIN.length)}\n${findingRulesTable()}\n${readme.slice(end)}`;
}
