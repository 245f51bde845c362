import { isLoopbackHost } from '@authheaders/bearer';
import type { AddressClass } from './address-class';

/** What the user allowed on the command line. */
export interface UrlPolicyOptions {
  /** Plain http to hosts other than loopback (`--insecure-http`). */
  insecureHttp: boolean;
  /** Private, link-local, metadata and reserved addresses for URLs learned from answers (`--allow-private`). */
  allowPrivate: boolean;
  /** Nothing outside the target's origin (`--same-origin`). */
  sameOrigin: boolean;
}

/** The policy every request of a check goes through: the options, plus what the target itself is. */
export interface UrlPolicy extends UrlPolicyOptions {
  targetOrigin: string;
  /** The class of the target's own address, once it has been resolved. */
  targetClass?: AddressClass;
}

/** Absolute https, or http on a loopback host (as `@authheaders/bearer` accepts), or http anywhere when allowed. */
export function isSecureOrLoopback(url: URL, insecureHttp = false): boolean {
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && (insecureHttp || isLoopbackHost(url.hostname));
}

/** Why `url` must not be fetched before its host is even resolved (scheme, origin), or undefined. */
export function refuseUrl(url: URL, policy: UrlPolicy): string | undefined {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `${url.protocol} is not http(s)`;
  if (!isSecureOrLoopback(url, policy.insecureHttp)) return 'plain http to a host other than loopback (pass --insecure-http to allow it)';
  if (policy.sameOrigin && url.origin !== policy.targetOrigin) return `outside the target's origin (--same-origin)`;
  return undefined;
}

const NEIGHBOURS: readonly AddressClass[] = ['loopback', 'private'];

/**
 * Why a connection to an address of class `cls` is refused, or undefined. Private, link-local, metadata and
 * reserved addresses are reachable only when the target is itself of that kind (a loopback or private target may
 * use both), or with `--allow-private`.
 */
export function refuseAddress(cls: AddressClass, policy: UrlPolicy): string | undefined {
  if (cls === 'public' || policy.allowPrivate) return undefined;
  const target = policy.targetClass;
  if (target === undefined || target === cls) return undefined;
  if (NEIGHBOURS.includes(target) && NEIGHBOURS.includes(cls)) return undefined;
  return `a ${cls} address while the target is ${target === 'public' ? 'a public' : `a ${target}`} one (pass --allow-private to allow it)`;
}
