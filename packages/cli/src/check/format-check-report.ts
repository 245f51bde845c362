import type { TerminalStyle } from '../terminal-style';
import type { CheckReport } from './check-auth-advertisement';
import { SEVERITY_ORDER, type Severity } from './findings';

function severityLabel(style: TerminalStyle, severity: Severity): string {
  const label = severity.toUpperCase().padEnd(6);
  if (severity === 'high') return style.red(style.bold(label));
  if (severity === 'medium') return style.yellow(label);
  if (severity === 'low') return style.cyan(label);
  return style.dim(label);
}

/** The human summary of a check: the verdict, the findings by severity, and the trace of requests. */
export function formatCheckReport(report: CheckReport, style: TerminalStyle): string {
  const lines: string[] = [];
  const counts = SEVERITY_ORDER.map((s) => [s, report.findings.filter((f) => f.severity === s).length] as const);
  const verdict = report.ok ? style.green(style.bold('PASS')) : style.red(style.bold('FAIL'));
  lines.push(`${verdict} ${report.target}  ${counts.map(([s, n]) => `${n} ${s}`).join(', ')}`);
  if (report.challenge !== undefined) {
    lines.push('', style.bold('Challenge'));
    lines.push(`  WWW-Authenticate: ${report.challenge.header}`);
    lines.push(`  strict parse: ${report.challenge.strict ? style.green('ok') : style.yellow(`failed, ${report.challenge.repairs.length} lenient repair(s)`)}`);
    for (const repair of report.challenge.repairs) lines.push(`    repair: ${repair.code} at offset ${repair.offset}: ${repair.message}`);
    if (report.challenge.bearerParams !== undefined) {
      const names = Object.keys(report.challenge.bearerParams);
      lines.push(`  Bearer parameters: ${names.length === 0 ? '(none)' : names.join(', ')}`);
    }
  }
  if (report.resourceMetadataUrl !== undefined) lines.push('', `${style.bold('Resource metadata')} ${report.resourceMetadataUrl}`);
  if (report.authorizationServerMetadataUrl !== undefined) {
    lines.push(`${style.bold('Authorization server metadata')} ${report.authorizationServerMetadataUrl}`);
  }
  lines.push('', style.bold('Findings'));
  if (report.findings.length === 0) lines.push('  none');
  const sorted = [...report.findings].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
  for (const f of sorted) {
    lines.push(`  ${severityLabel(style, f.severity)} ${style.bold(f.code)}  ${f.message}${f.url === undefined ? '' : style.dim(`  [${f.url}]`)}`);
  }
  lines.push('', style.bold('Trace'));
  for (const t of report.trace) {
    const outcome = t.error !== undefined ? style.red(t.error) : String(t.status);
    lines.push(`  ${t.method.padEnd(4)} ${t.url}  → ${outcome}  ${style.dim(`${t.ms} ms, ${t.step}`)}`);
  }
  return lines.join('\n');
}
