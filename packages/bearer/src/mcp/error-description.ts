/** error_description = 1*( %x20-21 / %x23-5B / %x5D-7E ) (RFC 6750 §3): no `"`, no `\`, nothing outside ASCII. */
const OUTSIDE_ERROR_TEXT = /[^\x20\x21\x23-\x5b\x5d-\x7e]/g;

/** Longer descriptions are cut: a header is not the place for a stack of messages. */
const MAX_DESCRIPTION = 200;

/**
 * A verifier's error message made safe to send: every occurrence of the presented token replaced by `[token]` (a
 * verifier that puts the token into its message must not make us echo it), cut to 200 characters.
 */
export function redactedMessage(message: string, token: string | undefined): string {
  const redacted = token !== undefined && token !== '' ? message.split(token).join('[token]') : message;
  return redacted.length > MAX_DESCRIPTION ? `${redacted.slice(0, MAX_DESCRIPTION - 3)}...` : redacted;
}

/**
 * The same message as an RFC 6750 §3 `error_description`: `"` becomes `'`, `\` becomes `/`, anything else outside
 * the allowed characters becomes `?`. The MCP SDK writes the message into the header as it is, so a `"` in it ends
 * the quoted-string early and a CR/LF fails the response.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3 RFC 6750 §3
 */
export function errorDescriptionText(message: string): string {
  const text = message.replace(OUTSIDE_ERROR_TEXT, (char) => (char === '"' ? "'" : char === '\\' ? '/' : '?'));
  return text === '' ? '?' : text;
}
