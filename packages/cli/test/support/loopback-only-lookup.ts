import { classifyAddress } from '../../src/check/address-class';
import type { LookupFunction } from '../../src/check/guarded-fetch';

/**
 * A resolver for tests: loopback addresses and `localhost` resolve to themselves, anything else is recorded as a
 * violation and throws, so no test can resolve a DNS name or connect off loopback. Tests assert `violations` is empty:
 * a refusal must come from the URL policy, before the resolver is ever asked.
 */
export function loopbackOnlyLookup(): LookupFunction & { violations: string[] } {
  const violations: string[] = [];
  const lookup = async (hostname: string) => {
    if (hostname === 'localhost') return [{ address: '127.0.0.1', family: 4 }];
    if (classifyAddress(hostname) === 'loopback') return [{ address: hostname, family: hostname.includes(':') ? 6 : 4 }];
    violations.push(hostname);
    throw new Error(`test guard: ${hostname} is not loopback`);
  };
  return Object.assign(lookup, { violations });
}
