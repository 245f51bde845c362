import type { Context } from 'hono';
import { serializeBearerChallenge } from '@authheaders/bearer';

/** A refusal's body, as in Hono's `bearerAuth`: text, a JSON-able object, or a whole `Response`. */
export type MessageValue = string | object | Response;

/** A challenge given by hand: a header value as written, or parameters to write after the scheme. */
export type ChallengeValue = string | Readonly<Record<string, string>>;

/** How one kind of refusal answers, as in Hono's `bearerAuth`; each member may be a function of the context. */
export interface RefusalResponseOptions<C = Context> {
  /** Replaces the challenge: a header value as written, or parameters (checked and quoted, RFC 9110 §11.2). */
  wwwAuthenticateHeader?: ChallengeValue | ((c: C) => ChallengeValue | Promise<ChallengeValue>) | undefined;
  /** The body: a string (text), an object (JSON) or a `Response` (its challenge added when it has none). */
  message?: MessageValue | ((c: C) => MessageValue | Promise<MessageValue>) | undefined;
}

/** Writes hand-given challenge parameters the way the serializer writes every challenge: checked, quoted. */
export function challengeText(value: ChallengeValue, scheme: string): string {
  if (typeof value === 'string') {
    // field-value (RFC 9110 §5.5): no CR, LF, NUL or other control character, nothing past Latin-1; a 401 must
    // carry at least one challenge (RFC 9110 §11.6.1). Otherwise every refusal would fail when it is sent.
    if (!/^[\t\x20-\x7e\x80-\xff]*$/.test(value) || value.trim() === '') {
      throw new TypeError('wwwAuthenticateHeader must be a non-empty header value: no control characters, nothing beyond Latin-1 (RFC 9110 §5.5)');
    }
    return value;
  }
  if (value === null || typeof value !== 'object') throw new TypeError('wwwAuthenticateHeader must be a string or an object of strings');
  const params = Object.create(null) as Record<string, string>;
  for (const [name, param] of Object.entries(value)) {
    if (typeof param !== 'string') throw new TypeError('wwwAuthenticateHeader values must be strings');
    params[name] = param;
  }
  return serializeBearerChallenge({ scheme, params });
}

/**
 * Builds the answer to a refusal: the status the engine chose, its full challenge (`wwwAuthenticate`) unless the
 * options replace it, and the body the options give (or `fallbackBody`).
 */
export async function refusalResponse<C>(
  c: C,
  status: number,
  wwwAuthenticate: string,
  custom: RefusalResponseOptions<C> | undefined,
  fallbackBody: MessageValue,
  scheme: string,
): Promise<Response> {
  const given = custom?.wwwAuthenticateHeader;
  const challenge =
    given === undefined ? wwwAuthenticate : challengeText(typeof given === 'function' ? await given(c) : given, scheme);
  const option = custom?.message ?? fallbackBody;
  const message = typeof option === 'function' ? await option(c) : option;
  if (message instanceof Response) {
    const headers = new Headers(message.headers);
    if (!headers.has('www-authenticate')) headers.set('WWW-Authenticate', challenge);
    return new Response(message.body, { status: message.status, headers });
  }
  if (typeof message === 'string') return new Response(message, { status, headers: { 'WWW-Authenticate': challenge } });
  return new Response(JSON.stringify(message), {
    status,
    headers: { 'WWW-Authenticate': challenge, 'content-type': 'application/json' },
  });
}
