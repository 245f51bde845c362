import type { LookupFunction } from '../../src/check/guarded-fetch';

/**
 * Addresses the kernel itself keeps on the machine: 127.0.0.0/8 and ::1. Deliberately not `classifyAddress`, which
 * also calls `::127.0.0.1` or `64:ff9b::7f00:1` loopback because they embed 127.0.0.1; a connection to those would
 * leave the machine.
 */
const isLoopbackLiteral = (host: string) => host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);

/**
 * A resolver for tests: loopback addresses and `localhost` resolve to themselves, anything else is recorded as a
 * violation and throws, so no test can resolve a DNS name or connect off loopback. Tests assert `violations` is empty:
 * a refusal must come from the URL policy, before the resolver is ever asked.
 */
export function loopbackOnlyLookup(): LookupFunction & { violations: string[] } {
  const violations: string[] = [];
  const lookup = async (hostname: string) => {
    if (hostname === 'localhost') return [{ address: '127.0.0.1', family: 4 }];
    if (isLoopbackLiteral(hostname)) return [{ address: hostname, family: hostname.includes(':') ? 6 : 4 }];
    violations.push(hostname);
    throw new Error(`test guard: ${hostname} is not loopback`);
  };
  return Object.assign(lookup, { violations });
}
