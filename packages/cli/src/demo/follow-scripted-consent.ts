import { isLoopbackHost } from '@authheaders/bearer';

/** One HTTP exchange of the sign-in, for the demo's trace. */
export interface SignInHop {
  method: string;
  url: URL;
  status: number;
  /** The redirect target, when there was one. */
  location?: URL;
}

/** The most redirects the scripted sign-in may take (login and consent take four). */
const MAX_HOPS = 8;

/** True for a URL the demo may send a request to: http(s) on a loopback host, nothing else. */
export function isLoopbackUrl(url: URL): boolean {
  return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(url.hostname);
}

/**
 * Plays the browser of an authorization-code sign-in against the demo authorization server: requests the
 * authorization URL, follows its redirects through the scripted login and consent (keeping the cookies they set),
 * and stops at the redirect to `redirectUri` without requesting it. Returns that redirect's query: `code` and
 * `state`, or `error`.
 *
 * Every URL is checked before it is requested: a URL off loopback, or a redirect to one, throws without sending
 * anything. Demo only: a real client opens a browser and the user decides.
 */
export async function followScriptedConsent(
  authorizationUrl: URL,
  redirectUri: string,
  onHop: (hop: SignInHop) => void = () => {},
): Promise<URLSearchParams> {
  const redirect = new URL(redirectUri);
  const cookies = new Map<string, string>();
  let url = authorizationUrl;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    if (!isLoopbackUrl(url)) throw new Error('demo sign-in: refusing a URL that is not on loopback');
    const response = await fetch(url, {
      redirect: 'manual',
      headers: cookies.size === 0 ? {} : { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
    });
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';', 1)[0]!;
      const equals = pair.indexOf('=');
      if (equals > 0) cookies.set(pair.slice(0, equals).trim(), pair.slice(equals + 1).trim());
    }
    await response.body?.cancel();
    const location = response.headers.get('location');
    const next = location === null ? undefined : new URL(location, url);
    onHop({ method: 'GET', url, status: response.status, ...(next === undefined ? {} : { location: next }) });
    if (next === undefined || response.status < 300 || response.status > 399) {
      throw new Error(`demo sign-in: the authorization server answered ${response.status} without a redirect`);
    }
    if (next.origin === redirect.origin && next.pathname === redirect.pathname) return next.searchParams;
    url = next;
  }
  throw new Error(`demo sign-in: more than ${MAX_HOPS} redirects`);
}
