import { parseChallenges } from '@authheaders/www-authenticate';
import { answerLine, type CheckContext } from './check-context';
import { REGISTERED_ERROR_CODES } from './registered-error-codes';

/**
 * Rule ERROR_CODE_UNREGISTERED over every challenge the check received (without credentials, with the made-up
 * token, with `--token`): an `error` outside {@link REGISTERED_ERROR_CODES} (RFC 6750 §3.1, RFC 9470 §3, RFC 9449
 * §7) is one no client acts on. One finding lists each unregistered code with the answer it came with.
 */
export function checkErrorCodes(ctx: CheckContext): void {
  const seen = new Map<string, string>();
  for (const entry of ctx.report.trace) {
    if (entry.wwwAuthenticate === undefined) continue;
    for (const challenge of parseChallenges(entry.wwwAuthenticate, { lenient: true })) {
      const error = challenge.params.error;
      if (error === undefined || REGISTERED_ERROR_CODES.has(error) || seen.has(error)) continue;
      seen.set(error, `${answerLine(entry)}${entry.credential === undefined ? '' : ` (token in ${entry.credential})`}, WWW-Authenticate: ${entry.wwwAuthenticate}`);
    }
  }
  if (seen.size === 0) return;
  const listed = [...seen.keys()].map((code) => `error="${code}"`).join(', ');
  ctx.add(
    'ERROR_CODE_UNREGISTERED',
    `${listed} is not a registered error code (RFC 6750 §3.1, RFC 9470 §3, RFC 9449 §7): clients act on invalid_token and insufficient_scope, and do nothing with this.`,
    { url: ctx.target.href, evidence: [...seen.values()].join('; ') },
  );
}
