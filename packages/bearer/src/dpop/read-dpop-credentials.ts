import { isB64token } from '../b64token';
import { headerValues, type HeadersInput } from '../header-values';
import { trimOws } from '../rfc9110-syntax';

/** A request's DPoP credentials: the token of `Authorization: DPoP` and every `DPoP` proof it carries. */
export interface DpopCredentials {
  token: string;
  proofs: string[];
}

/**
 * Reads `Authorization: DPoP <token68>` (RFC 9449 §7.1) and the `DPoP` proof headers (§4.1). Undefined when no
 * Authorization line uses the DPoP scheme; `malformed` when one does without a token68; `conflict` when two carry
 * different tokens. A Fetch `Headers` joins lines with `", "`: neither a token68 nor a compact JWS has a comma, so
 * splitting on commas loses nothing and counts every proof.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9449#section-7.1 RFC 9449 §7.1
 */
export function readDpopCredentials(headers: HeadersInput): DpopCredentials | 'malformed' | 'conflict' | undefined {
  let token: string | undefined;
  for (const line of headerValues(headers, 'authorization')) {
    for (const piece of line.split(',')) {
      const value = trimOws(piece);
      if (value.length < 4 || value.slice(0, 4).toLowerCase() !== 'dpop' || (value.length > 4 && value.charCodeAt(4) !== 0x20)) continue;
      const presented = trimOws(value.slice(4));
      if (!isB64token(presented)) return 'malformed';
      if (token !== undefined && token !== presented) return 'conflict';
      token = presented;
    }
  }
  if (token === undefined) return undefined;
  const proofs: string[] = [];
  for (const line of headerValues(headers, 'dpop')) {
    for (const piece of line.split(',')) {
      const proof = trimOws(piece);
      if (proof !== '') proofs.push(proof);
    }
  }
  return { token, proofs };
}
