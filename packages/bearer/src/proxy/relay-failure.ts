/** Why a relay answers for the upstream instead of relaying it; the code of its {@link relayFailure} body. */
export type RelayFailureReason =
  | 'upstream_unreachable'
  | 'upstream_timeout'
  | 'unrelayable_challenge'
  | 'cross_origin_redirect'
  | 'metadata_unavailable'
  | 'not_found';

const ANSWERS: Record<RelayFailureReason, [status: number, description: string]> = {
  upstream_unreachable: [502, 'The upstream server could not be reached or gave no usable answer.'],
  upstream_timeout: [504, 'The upstream server did not answer in time.'],
  unrelayable_challenge: [502, 'The upstream server refused the request with a challenge that cannot be relayed safely.'],
  cross_origin_redirect: [502, 'The upstream server redirected to another origin; the proxy does not follow it.'],
  metadata_unavailable: [502, 'The protected resource metadata of the upstream server is not available.'],
  not_found: [404, 'This proxy relays one resource; this path is not part of it.'],
};

/**
 * The relay's own answer: 502, 504 or 404 with a JSON body `{ error, error_description }` that names the reason in
 * fixed words, never anything the upstream sent.
 */
export function relayFailure(reason: RelayFailureReason, status = ANSWERS[reason][0]): Response {
  return Response.json({ error: reason, error_description: ANSWERS[reason][1] }, { status, headers: { 'cache-control': 'no-store' } });
}
