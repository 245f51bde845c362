import { expect } from 'vitest';
import { checkAuthAdvertisement } from '../../src/check/check-auth-advertisement';
import type { CheckOptions, CheckReport } from '../../src/check/check-context';
import { loopbackOnlyLookup } from './loopback-only-lookup';

/** Runs a check with a resolver that refuses anything but loopback, and asserts it was never asked for anything else. */
export async function guardedCheck(target: string, options: CheckOptions = {}): Promise<CheckReport> {
  const lookup = loopbackOnlyLookup();
  const report = await checkAuthAdvertisement(target, { ...options, lookup });
  expect(lookup.violations).toEqual([]);
  return report;
}

export const codes = (report: CheckReport) => report.findings.map((f) => f.code);
export const severityOf = (report: CheckReport, code: string) => report.findings.find((f) => f.code === code)?.severity;
/** `severity:CODE` of every finding, in report order. */
export const rated = (report: CheckReport) => report.findings.map((f) => `${f.severity}:${f.code}`);
