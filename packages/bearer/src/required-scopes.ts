import { isScopeToken } from './rfc6750-syntax';
import { scopeRequests, type RequiredScopesFunction } from './scope-request';

/** The `requiredScopes` option: a fixed list, or a function of the operation. */
export type RequiredScopes = readonly string[] | RequiredScopesFunction;

/**
 * `offline_access` asks the authorization server for a refresh token (OpenID Connect Core §11): it grants nothing at
 * a resource, and the MCP authorization spec says servers SHOULD NOT put it in a challenge's `scope`. It is never
 * required and never challenged, whatever the option says.
 *
 * @see https://modelcontextprotocol.io/specification/draft/basic/authorization#scope-challenge-handling MCP authorization: scope challenges
 */
const NEVER_CHALLENGED = 'offline_access';

/** How the engine decides the scopes of a request and whether a token has them. */
export interface ScopeRule {
  /** The scopes of every request when `requiredScopes` is a list; undefined when it is a function. */
  readonly fixed: readonly string[] | undefined;
  /**
   * The scopes of the operation in `body` (called only when `requiredScopes` is a function): the union over a
   * batch's members, without repeats and without `offline_access`. Rejects with a TypeError on a bad result.
   */
  forBody(body: unknown): Promise<readonly string[]>;
  /** Whether `granted` satisfies every scope of `required`. */
  satisfied(granted: readonly string[], required: readonly string[]): boolean;
}

const exact = (granted: readonly string[], required: string): boolean => granted.includes(required);

/** Scope-tokens without repeats and without `offline_access`, in first-seen order; a TypeError otherwise. */
function checkedScopes(list: unknown, into: Set<string>, field: string): void {
  if (!Array.isArray(list)) throw new TypeError(`${field} must be an array of scope-tokens (RFC 6750 §3)`);
  for (const scope of list as unknown[]) {
    if (typeof scope !== 'string' || !isScopeToken(scope)) throw new TypeError(`${field} must be an array of scope-tokens (RFC 6750 §3)`);
    if (scope !== NEVER_CHALLENGED) into.add(scope);
  }
}

/**
 * Checks the `requiredScopes` option when the middleware is built (a TypeError naming it, never its value) and
 * returns how the engine applies it. Exact entries by default: `unread` does not grant `read`.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3.1 RFC 6750 §3.1 (insufficient_scope)
 */
export function scopeRule(option: unknown): ScopeRule {
  if (typeof option === 'function') {
    const scopesOf = option as RequiredScopesFunction;
    const satisfies: unknown = scopesOf.satisfies ?? exact;
    if (typeof satisfies !== 'function') throw new TypeError('requiredScopes.satisfies must be a function');
    return {
      fixed: undefined,
      forBody: async (body) => {
        const union = new Set<string>();
        const requests = scopeRequests(body);
        const results = await Promise.all(requests.map((request) => scopesOf(request)));
        for (const result of results) checkedScopes(result, union, 'requiredScopes()');
        return [...union];
      },
      satisfied: (granted, required) => required.every((scope) => satisfies(granted, scope) === true),
    };
  }
  const fixed = new Set<string>();
  checkedScopes(option ?? [], fixed, 'requiredScopes');
  const list = Object.freeze([...fixed]);
  return {
    fixed: list,
    forBody: async () => list,
    satisfied: (granted, required) => required.every((scope) => granted.includes(scope)),
  };
}
