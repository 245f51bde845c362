import type { TerminalStyle } from '../terminal-style';
import type { CheckReport } from './check-context';
import { escapeTerminal as e } from './escape-terminal';
import { SEVERITY_ORDER, type Finding, type Severity } from './findings';

function severityLabel(style: TerminalStyle, severity: Severity): string {
  const label = severity.toUpperCase().padEnd(6);
  if (severity === 'high') return style.red(style.bold(label));
  if (severity === 'medium') return style.yellow(label);
  if (severity === 'low') return style.cyan(label);
  return style.dim(label);
}

/** FAIL with a high finding, WARN with a medium one, else PASS. */
export function checkVerdict(report: CheckReport): 'FAIL' | 'WARN' | 'PASS' {
  if (!report.ok) return 'FAIL';
  return report.findings.some((f) => f.severity === 'medium') ? 'WARN' : 'PASS';
}

function findingLine(style: TerminalStyle, f: Finding): string {
  return `${severityLabel(style, f.severity)} ${style.bold(f.code)}  ${e(f.message)}${f.url === undefined ? '' : style.dim(`  [${e(f.url)}]`)}`;
}

/**
 * The human summary of a check: the verdict, the primary finding with its evidence, what was found (the challenge
 * names the request it answered), the other findings by severity with theirs, and (unless `trace: false`, when it was already shown live) the trace of requests. Everything
 * that came from the server is printed with control characters escaped.
 */
export function formatCheckReport(report: CheckReport, style: TerminalStyle, options: { trace?: boolean } = {}): string {
  const lines: string[] = [];
  const counts = SEVERITY_ORDER.map((s) => [s, report.findings.filter((f) => f.severity === s).length] as const);
  const verdict = checkVerdict(report);
  const paint = verdict === 'FAIL' ? style.red : verdict === 'WARN' ? style.yellow : style.green;
  lines.push(`${paint(style.bold(verdict))} ${e(report.target)}  ${counts.map(([s, n]) => `${n} ${s}`).join(', ')}`);
  const { primary } = report;
  if (primary !== undefined) {
    lines.push('', style.bold('Primary finding'), `  ${findingLine(style, primary)}`);
    if (primary.evidence !== undefined) lines.push(`  evidence: ${e(primary.evidence)}`);
  }
  if (report.challenge !== undefined) {
    const { method, url, status } = report.challenge;
    lines.push('', `${style.bold('Challenge')} ${style.dim(`from ${method} ${e(url)} → ${status}`)}`);
    lines.push(`  WWW-Authenticate: ${e(report.challenge.header)}`);
    lines.push(`  strict parse: ${report.challenge.strict ? style.green('ok') : style.yellow(`failed, ${report.challenge.repairs.length} lenient repair(s)`)}`);
    for (const repair of report.challenge.repairs) lines.push(`    repair: ${repair.code} at offset ${repair.offset}: ${e(repair.message)}`);
    if (report.challenge.bearerParams !== undefined) {
      const names = Object.keys(report.challenge.bearerParams);
      lines.push(`  Bearer parameters: ${names.length === 0 ? '(none)' : e(names.join(', '))}`);
    }
    const algs = report.challenge.dpopAlgs;
    if (algs !== undefined) lines.push(`  DPoP algs: ${algs.length === 0 ? '(none)' : e(algs.join(', '))}`);
  }
  if (report.credentialProbes !== undefined) {
    const shown = report.credentialProbes.map((p) => `${p.header === 'authorization' ? 'Authorization: Bearer' : e(p.header)} → ${p.status ?? 'no answer'}`);
    lines.push('', `${style.bold('Token')} ${shown.join('; ')}`);
  }
  if (report.resourceMetadataUrl !== undefined) lines.push('', `${style.bold('Resource metadata')} ${e(report.resourceMetadataUrl)}`);
  if (report.authorizationServerMetadataUrl !== undefined) {
    lines.push(`${style.bold('Authorization server metadata')} ${e(report.authorizationServerMetadataUrl)}`);
  }
  if (report.clientRegistration !== undefined) {
    const { dynamicRegistration, clientIdMetadataDocument } = report.clientRegistration;
    lines.push(`${style.bold('Client registration')} dynamic (RFC 7591): ${dynamicRegistration ? 'yes' : 'no'}, client ID metadata documents: ${clientIdMetadataDocument ? 'yes' : 'no'}`);
  }
  lines.push('', style.bold(primary === undefined ? 'Findings' : 'Other findings'));
  const rest = report.findings.filter((f) => f !== primary);
  if (rest.length === 0) lines.push('  none');
  for (const f of rest) {
    lines.push(`  ${findingLine(style, f)}`);
    if (f.evidence !== undefined) lines.push(`         ${style.dim(`evidence: ${e(f.evidence)}`)}`);
  }
  if (options.trace !== false) {
    lines.push('', style.bold('Trace'));
    for (const t of report.trace) {
      const outcome = t.refused !== undefined ? style.red(`refused: ${e(t.refused)}`) : t.error !== undefined ? style.red(e(t.error)) : String(t.status);
      const via = t.credential === undefined ? '' : ` (token in ${e(t.credential)})`;
      const location = t.location === undefined ? '' : ` → ${e(t.location)}`;
      lines.push(`  ${t.method.padEnd(4)} ${e(t.url)}${via}  → ${outcome}${location}  ${style.dim(`${t.ms} ms, ${t.step}`)}`);
    }
  }
  return lines.join('\n');
}
