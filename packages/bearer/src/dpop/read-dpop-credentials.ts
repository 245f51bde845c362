import { authorizationCredentials } from '../authorization-credentials';
import { headerValues, joinsFieldLines, type HeadersInput } from '../header-values';
import { trimOws } from '../rfc9110-syntax';

/** A request's DPoP credentials: the token of `Authorization: DPoP` and every `DPoP` proof it carries. */
export interface DpopCredentials {
  token: string;
  proofs: string[];
}

/**
 * Reads `Authorization: DPoP <token68>` (RFC 9449 §7.1) and the `DPoP` proof headers (§4.1). Each Authorization
 * line is read as exactly one credentials, as the Bearer resolver reads it (RFC 9110 §11.4, §11.6.2), so no DPoP
 * token rides inside another scheme's quoted-string or after another credentials on its line. Undefined when no
 * line is one DPoP credentials (a line that is not one credentials at all is the resolver's `malformed`);
 * `malformed` when a DPoP credentials has parameters instead of a token68; `conflict` when two carry different
 * tokens or another scheme than Bearer stands beside it. A Fetch `Headers` joins `DPoP` lines with `", "`: a compact JWS has no comma, so splitting on commas
 * loses nothing and counts every proof.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9449#section-7.1 RFC 9449 §7.1
 */
export function readDpopCredentials(headers: HeadersInput): DpopCredentials | 'malformed' | 'conflict' | undefined {
  let token: string | undefined;
  let otherScheme = false;
  for (const { scheme, token68 } of authorizationCredentials(headerValues(headers, 'authorization'), joinsFieldLines(headers)) ?? []) {
    const lower = scheme.toLowerCase();
    // Bearer beside DPoP is the gate's own answer (two methods); any other scheme beside it is a conflict, as a
    // Basic line beside a Bearer one is for the resolver.
    if (lower !== 'dpop') {
      otherScheme ||= lower !== 'bearer';
      continue;
    }
    // token68 and b64token are one grammar (RFC 9110 §11.2, RFC 6750 §2.1).
    if (token68 === undefined) return 'malformed';
    if (token !== undefined && token !== token68) return 'conflict';
    token = token68;
  }
  if (token === undefined) return undefined;
  if (otherScheme) return 'conflict';
  const proofs: string[] = [];
  for (const line of headerValues(headers, 'dpop')) {
    for (const piece of line.split(',')) {
      const proof = trimOws(piece);
      if (proof !== '') proofs.push(proof);
    }
  }
  return { token, proofs };
}
