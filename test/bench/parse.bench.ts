import { parseChallenges } from '@authheaders/www-authenticate';
import { extractWWWAuthenticateParams } from '@modelcontextprotocol/sdk/client/auth.js';
import authHeader from 'auth-header';
import { parseWWWAuthenticateHeader } from 'http-auth-utils';
import { compare } from './support/compare';
import { REALISTIC_CHALLENGES } from './corpus';

/**
 * Parse speed on one corpus of realistic headers, ours against the parsers people use today. The peers do not all
 * do the same work, so the ratio flatters some and not others:
 * - http-auth-utils parses one challenge of a known scheme and throws on the others (errors are caught and counted
 *   as work done);
 * - auth-header parses one challenge per field;
 * - the MCP SDK's extractWWWAuthenticateParams only looks for three parameters of a Bearer challenge that comes
 *   first, with regular expressions; it needs a Response, built once per header outside the timed loop.
 */
export async function run(): Promise<void> {
  const corpus = REALISTIC_CHALLENGES;
  const responses = corpus.map((h) => new Response(null, { status: 401, headers: { 'www-authenticate': h } }));
  const each = (fn: (header: string, index: number) => unknown) => () => {
    for (let i = 0; i < corpus.length; i++) {
      try {
        fn(corpus[i]!, i);
      } catch {
        // a peer that refuses a header still spent the time
      }
    }
  };
  await compare(
    `parse: ${corpus.length} realistic WWW-Authenticate values per op`,
    { name: '@authheaders/www-authenticate parseChallenges', fn: each((h) => parseChallenges(h)) },
    [
      { name: 'http-auth-utils parseWWWAuthenticateHeader', fn: each((h) => parseWWWAuthenticateHeader(h)) },
      { name: 'auth-header parse', fn: each((h) => authHeader.parse(h)) },
      { name: '@modelcontextprotocol/sdk extractWWWAuthenticateParams', fn: each((_h, i) => extractWWWAuthenticateParams(responses[i]!)) },
    ],
  );
  await compare(
    'parse, lenient mode (same corpus)',
    { name: 'parseChallenges lenient', fn: each((h) => parseChallenges(h, { lenient: true })) },
    [{ name: 'parseChallenges strict', fn: each((h) => parseChallenges(h)) }],
  );
}
