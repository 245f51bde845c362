/**
 * The key thumbprint a validated token is bound to: `cnf.jkt` of the auth info (RFC 9449 §6, RFC 7800 §3.1), or
 * `extra.cnf.jkt` (where the MCP SDK's `AuthInfo` keeps what it has no field for). `null` when the token carries a
 * `cnf` without a usable `jkt` (bound to something DPoP cannot prove, such as a certificate); undefined when unbound.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9449#section-6 RFC 9449 §6
 */
export function boundThumbprint(auth: object): string | null | undefined {
  const { cnf, extra } = auth as { cnf?: unknown; extra?: { cnf?: unknown } | null };
  const confirmation = cnf ?? (extra !== null && typeof extra === 'object' ? extra.cnf : undefined);
  if (confirmation === undefined || confirmation === null) return undefined;
  const jkt = typeof confirmation === 'object' ? (confirmation as { jkt?: unknown }).jkt : undefined;
  return typeof jkt === 'string' && jkt !== '' ? jkt : null;
}
