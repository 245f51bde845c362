import type { CheckReport } from './check-context';
import { escapeTerminal } from './escape-terminal';
import { FINDING_RULES, SEVERITY_ORDER } from './findings';
import { checkVerdict } from './format-check-report';
import { specMarkdown } from './spec-links';

/**
 * Text from a server made inert in Markdown: control characters escaped as in the terminal report (line breaks
 * included), the ASCII punctuation that Markdown reads inside a line backslash-escaped (CommonMark §2.4), and `<`
 * `>` `&` as entities, so an answer cannot open a link, an image, a tag, emphasis or a new table cell. The text never
 * starts a line of the report, so `-`, `+` and digits (lists) are left alone.
 */
export function escapeMarkdown(text: string): string {
  return escapeTerminal(text)
    .replace(/[\\`*_[\]()#!|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * The report as Markdown for an issue tracker: the verdict, the primary finding, a table of findings (severity,
 * code, what was seen, evidence, and the spec line with links to the RFC sections), and the trace collapsed in a
 * `<details>` block. Everything that came from the server is escaped (`escapeMarkdown`).
 */
export function formatCheckMarkdown(report: CheckReport): string {
  const m = escapeMarkdown;
  const counts = SEVERITY_ORDER.map((s) => `${report.findings.filter((f) => f.severity === s).length} ${s}`).join(', ');
  const lines = [`## authheaders check: ${checkVerdict(report)}`, '', `Target: ${m(report.target)} (${counts})`];
  if (report.primary !== undefined) lines.push('', `**Primary finding:** \`${report.primary.code}\`: ${m(report.primary.message)}`);
  if (report.challenge !== undefined) {
    const { method, url, status, header } = report.challenge;
    lines.push('', `Challenge from ${method} ${m(url)} → ${status}: ${m(header)}`);
  }
  lines.push('');
  if (report.findings.length === 0) lines.push('No findings.');
  else {
    lines.push('| severity | code | finding | evidence | spec |', '| --- | --- | --- | --- | --- |');
    for (const f of report.findings) {
      lines.push(`| ${f.severity} | \`${f.code}\` | ${m(f.message)} | ${f.evidence === undefined ? '' : m(f.evidence)} | ${specMarkdown(FINDING_RULES[f.code].spec)} |`);
    }
  }
  lines.push('', `<details><summary>Trace (${report.trace.length} requests)</summary>`, '', '| method | URL | answer | step |', '| --- | --- | --- | --- |');
  for (const t of report.trace) {
    const outcome = t.refused !== undefined ? `refused: ${t.refused}` : (t.error ?? String(t.status));
    const via = t.credential === undefined ? '' : ` (token in ${t.credential})`;
    lines.push(`| ${t.method} | ${m(t.url)}${m(via)} | ${m(outcome)}${t.location === undefined ? '' : ` → ${m(t.location)}`} | ${m(t.step)} |`);
  }
  lines.push('', '</details>');
  return lines.join('\n');
}
