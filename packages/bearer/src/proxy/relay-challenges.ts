import { parseChallenges, serializeChallenges, type Challenge, type Diagnostic } from '@authheaders/www-authenticate';
import { parseSecureUrl } from '../is-loopback-host';

/** What a relay does with the `resource_metadata` parameter (RFC 9728 §5.1) of the upstream's challenges. */
export type ResourceMetadataPolicy = string | URL | 'keep' | 'drop';

/** A repair the relay made to an upstream field, or why it refused to relay it. Never holds header content. */
export interface RelayDiagnostic {
  /**
   * A repair of the lenient parser (`expected-comma`, `duplicate-param`, ...; the upstream field is then re-emitted
   * valid), `obs-fold` (a folded line joined with SP), or a refusal: `unsafe-char` (CR, LF or NUL outside a fold, or
   * a character above U+00FF: no field value carries it), `not-serializable` (a challenge the serializer refuses),
   * `too-long` (longer than `maxLength`).
   */
  code: Diagnostic['code'] | 'obs-fold' | 'unsafe-char' | 'not-serializable';
  /** Offset (UTF-16 code units) into the upstream field, its lines joined with `", "`; -1 when it is not one place. */
  offset: number;
  /** The code in words, for people. */
  message: string;
}

export interface RelayChallengesOptions {
  /**
   * `resource_metadata` (RFC 9728 §5.1): a URL (https, or http on loopback) replaces the upstream's value in every
   * challenge that carries one, so the client is sent to the proxy's public document and never to the upstream's
   * internal origin; `'keep'` relays it as it is; `'drop'` removes it. A challenge never carries two: the lenient
   * reader keeps the first of a repeated parameter, and the relay rewrites, it never appends.
   */
  resourceMetadata: ResourceMetadataPolicy;
  /** Which field to read from a `Headers` or `Response`. Default `'www-authenticate'`. */
  header?: 'www-authenticate' | 'proxy-authenticate';
  /** Longest upstream field read, in UTF-16 code units. Default 8192; longer is `too-long`; `Infinity` lifts it. */
  maxLength?: number;
  /** Called for every repair and for the reason of a refusal. */
  onDiagnostic?: (diagnostic: RelayDiagnostic) => void;
}

/** Where the upstream's challenges come from: a field value, its lines, a `Headers` or a `Response`. */
export type RelaySource =
  | string
  | readonly string[]
  | { get(name: string): string | null }
  | { headers: { get(name: string): string | null } }
  | null
  | undefined;

/** The relay's default longest upstream field: real challenges are far shorter (RFC 9110 §5.4 leaves it to us). */
export const DEFAULT_RELAY_MAX_LENGTH = 8192;

const MESSAGES = {
  'obs-fold': 'folded line joined',
  'unsafe-char': 'CR, LF, NUL or a character above U+00FF',
  'not-serializable': 'a challenge that cannot be written back',
  'too-long': 'field too long',
} as const;

/**
 * Checks a {@link ResourceMetadataPolicy} when a relay is built: a TypeError naming `option`, never the value.
 * Returns the URL to write, `'keep'` or `'drop'`.
 */
export function checkResourceMetadataPolicy(policy: unknown, option: string): string {
  if (policy === 'keep' || policy === 'drop') return policy;
  const url = typeof policy === 'string' || policy instanceof URL ? parseSecureUrl(policy) : undefined;
  if (url === undefined || url.hash !== '') {
    throw new TypeError(`${option} must be 'keep', 'drop' or an https URL without userinfo or fragment (http: loopback only)`);
  }
  return url.href;
}

function fieldOf(source: RelaySource, header: string): string | readonly string[] | null | undefined {
  if (source === null || source === undefined || typeof source === 'string' || Array.isArray(source)) {
    return source as string | readonly string[] | null | undefined;
  }
  const headers = 'headers' in source && typeof source.headers?.get === 'function' ? source.headers : (source as { get(name: string): string | null });
  return headers.get(header);
}

/**
 * Makes an upstream field safe to hand to the parser and to a client: an obs-fold (CRLF, or a bare LF, followed by SP
 * or HTAB, RFC 9112 §5.2) becomes spaces, which is what the lenient reader makes of it too; any other CR, LF or NUL,
 * and any character above U+00FF, makes the field unsafe (undefined). RFC 9110 §5.5: no field value carries them.
 */
function unfold(field: string, report: (code: RelayDiagnostic['code'], offset: number) => void): string | undefined {
  let folded = false;
  for (let i = 0; i < field.length; i++) {
    const c = field.charCodeAt(i);
    if (c > 0xff || c === 0) return report('unsafe-char', i), undefined;
    if (c === 0x0d || c === 0x0a) {
      let end = c === 0x0d && field.charCodeAt(i + 1) === 0x0a ? i + 2 : i + 1;
      const next = field.charCodeAt(end);
      if (next !== 0x20 && next !== 0x09) return report('unsafe-char', i), undefined;
      if (!folded) report('obs-fold', i);
      folded = true;
      i = end - 1;
    }
  }
  return folded ? field.replace(/\r\n?|\n/g, (crlf) => ' '.repeat(crlf.length)) : field;
}

/**
 * The downstream `WWW-Authenticate` (or `Proxy-Authenticate`) of a proxy, from the upstream's: every challenge and
 * every parameter kept in meaning and order (other schemes and unknown parameters too), `resource_metadata`
 * rewritten, kept or dropped by {@link RelayChallengesOptions.resourceMetadata}, and written back with the one
 * serializer, every parameter value a quoted-string (the form RFC 6750 §3 uses, read by the widest range of
 * clients), so the result always parses strictly. A malformed upstream field is read leniently and re-emitted
 * valid, each repair reported to `onDiagnostic`.
 *
 * Returns undefined when there is nothing to relay (no field, or no challenge in it) or the field cannot be relayed
 * safely (CR/LF outside an obs-fold, NUL, a character above U+00FF, longer than `maxLength`); the reason goes to
 * `onDiagnostic`. A proxy answers a 401 it cannot relay with a 502 of its own: a 401 without a challenge is the bug
 * this package exists to prevent.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-11.6.1 RFC 9110 §11.6.1
 * @see https://www.rfc-editor.org/rfc/rfc9728#section-5.1 RFC 9728 §5.1
 * @example
 * ```ts
 * relayChallenges(
 *   'Bearer realm="mcp", scope="files:read", resource_metadata="http://10.1.2.3:3000/.well-known/oauth-protected-resource/mcp"',
 *   { resourceMetadata: 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp' },
 * );
 * // 'Bearer realm="mcp", scope="files:read", resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp"'
 * ```
 */
export function relayChallenges(source: RelaySource, options: RelayChallengesOptions): string | undefined {
  const policy = checkResourceMetadataPolicy(options?.resourceMetadata, 'resourceMetadata');
  const maxLength = options.maxLength ?? DEFAULT_RELAY_MAX_LENGTH;
  if (!(Number.isInteger(maxLength) || maxLength === Infinity) || maxLength < 0) throw new TypeError('maxLength must be a non-negative integer or Infinity');
  const onDiagnostic = options.onDiagnostic ?? (() => {});
  const report = (code: RelayDiagnostic['code'], offset: number) =>
    onDiagnostic({ code, offset, message: (MESSAGES as Record<string, string>)[code] ?? code });

  const field = fieldOf(source, options.header ?? 'www-authenticate');
  if (field === null || field === undefined) return undefined;
  const joined = typeof field === 'string' ? field : Array.isArray(field) && field.every((l) => typeof l === 'string') ? field.join(', ') : undefined;
  if (joined === undefined) throw new TypeError('source must be a string, string[], Headers or Response');
  if (joined.length > maxLength) return report('too-long', maxLength), undefined;
  const safe = unfold(joined, report);
  if (safe === undefined) return undefined;

  const challenges = parseChallenges(safe, { lenient: true, maxLength: Infinity, onDiagnostic });
  const relayed = challenges.map((challenge) => rewrite(challenge, policy));
  if (relayed.length === 0) return undefined;
  try {
    return serializeChallenges(relayed, { quote: 'always' });
  } catch {
    // The lenient reader yields only what the serializer writes; this is the guard that keeps it so.
    return report('not-serializable', -1), undefined;
  }
}

/** The challenge with `resource_metadata` rewritten or dropped, in place of the original: the order of params stays. */
function rewrite(challenge: Challenge, policy: string): Challenge {
  if (policy === 'keep' || challenge.params.resource_metadata === undefined) return challenge;
  const params = Object.create(null) as Record<string, string>;
  for (const [name, value] of Object.entries(challenge.params)) {
    if (name !== 'resource_metadata') params[name] = value;
    else if (policy !== 'drop') params[name] = policy;
  }
  return { scheme: challenge.scheme, params };
}
