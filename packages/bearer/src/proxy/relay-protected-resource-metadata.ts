import type { ProtectedResourceMetadata } from '@authheaders/bearer';

/** The relay's default largest metadata document, in UTF-16 code units: real ones are a few hundred bytes. */
export const DEFAULT_METADATA_MAX_LENGTH = 65_536;
/** The deepest nesting of arrays and objects a relayed document may have; RFC 9728 §2 needs two levels. */
export const METADATA_MAX_DEPTH = 16;

export interface RelayProtectedResourceMetadataOptions {
  /** The proxy's public resource identifier: the relayed document's `resource` (RFC 9728 §3.3). */
  publicUrl: string | URL;
  /**
   * The identifiers the upstream document may name as its `resource`: the upstream's own URL (what it is behind the
   * proxy) and, when it is configured with it, the public one. Any other `resource` is refused: the document is
   * about something else (RFC 9728 §3.3 makes a client check the same).
   */
  expectedResources: readonly (string | URL)[];
  /** Longest document accepted, in UTF-16 code units. Default 65536. */
  maxLength?: number;
}

/** Why an upstream document is not relayed. Never holds the document's content. */
export class MetadataRelayError extends Error {
  override readonly name = 'MetadataRelayError';
  /** `too-long`, `too-deep`, `not-json`, `not-an-object` or `wrong-resource`. */
  readonly code: 'too-long' | 'too-deep' | 'not-json' | 'not-an-object' | 'wrong-resource';
  constructor(code: MetadataRelayError['code']) {
    super(`upstream protected resource metadata refused: ${code}`);
    this.code = code;
  }
}

const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;
const DQUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The deepest nesting of `text` read as JSON, counting brackets outside strings, or Infinity past `limit`. */
function nestingDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === DQUOTE) {
      for (i++; i < text.length && text.charCodeAt(i) !== DQUOTE; i++) if (text.charCodeAt(i) === BACKSLASH) i++;
    } else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      if (++depth > limit) return Infinity;
      if (depth > deepest) deepest = depth;
    } else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) depth--;
  }
  return deepest;
}

/**
 * The proxy's own protected resource metadata document from the upstream's JSON text: `resource` rewritten to the
 * public URL, every other member kept as the upstream wrote it (unknown members too, `__proto__` as an own member of
 * a null-prototype document, never a prototype). Bounded before it is parsed: longer than `maxLength` or nested
 * deeper than {@link METADATA_MAX_DEPTH} is refused without building it.
 *
 * Throws {@link MetadataRelayError} (with a `code`, never content) for a document that is too long or too deep, not
 * JSON, not an object, or about another resource than `expectedResources`.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9728#section-3.3 RFC 9728 §3.3
 * @example
 * ```ts
 * relayProtectedResourceMetadata(
 *   '{"resource":"http://10.1.2.3:3000/mcp","authorization_servers":["https://auth.example.com"]}',
 *   { publicUrl: 'https://mcp.example.com/mcp', expectedResources: ['http://10.1.2.3:3000/mcp'] },
 * );
 * // { resource: 'https://mcp.example.com/mcp', authorization_servers: ['https://auth.example.com'] }
 * ```
 */
export function relayProtectedResourceMetadata(text: string, options: RelayProtectedResourceMetadataOptions): ProtectedResourceMetadata {
  if (typeof text !== 'string' || text.length > (options.maxLength ?? DEFAULT_METADATA_MAX_LENGTH)) throw new MetadataRelayError('too-long');
  if (nestingDepth(text, METADATA_MAX_DEPTH) > METADATA_MAX_DEPTH) throw new MetadataRelayError('too-deep');
  let parsed: unknown;
  try {
    // A reviver builds every object with a null prototype: a `__proto__` member stays a member.
    parsed = JSON.parse(text, (_key, value: unknown) =>
      value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.assign(Object.create(null), value) : value,
    );
  } catch {
    throw new MetadataRelayError('not-json');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new MetadataRelayError('not-an-object');
  const upstream = parsed as Record<string, unknown>;
  const expected = options.expectedResources.map((r) => new URL(r).href);
  if (typeof upstream.resource !== 'string' || !expected.includes(canonical(upstream.resource))) throw new MetadataRelayError('wrong-resource');
  const document = Object.create(null) as ProtectedResourceMetadata;
  document.resource = String(options.publicUrl instanceof URL ? options.publicUrl.href : options.publicUrl);
  for (const member of Object.keys(upstream)) if (member !== 'resource') document[member] = upstream[member];
  return document;
}

function canonical(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return '';
  }
}
