import { isScopeToken } from '../rfc6750-syntax';
import type { RequiredScopesFunction, ScopeRequest } from '../scope-request';

/** A table of scopes by name: a tool, a resource URI, a prompt or a JSON-RPC method. */
export type ScopeTable = Readonly<Record<string, readonly string[]>>;

/** What {@link mcpScopes} builds the `requiredScopes` function from. */
export interface McpScopesOptions {
  /** What every operation that is not `public` needs on top of its own entry, e.g. `['mcp:basic']`. */
  default?: readonly string[] | undefined;
  /**
   * JSON-RPC methods that need no scope at all (a valid token is still required), e.g. `initialize`,
   * `notifications/initialized`, `ping`, `tools/list`.
   */
  public?: readonly string[] | undefined;
  /** Scopes by JSON-RPC method, on top of `default` (`{ 'resources/list': ['files:read'] }`). */
  methods?: ScopeTable | undefined;
  /** Scopes by tool of a `tools/call` (`params.name`), on top of `default` and `methods['tools/call']`. */
  tools?: ScopeTable | undefined;
  /** Scopes by resource URI of a `resources/read` (`params.uri`), exact match, on top of `default` and `methods`. */
  resources?: ScopeTable | undefined;
  /** Scopes by prompt of a `prompts/get` (`params.name`), on top of `default` and `methods`. */
  prompts?: ScopeTable | undefined;
  /**
   * Whether the granted scopes satisfy one required scope: hierarchies (`files:*` or `admin` grants `files:read`),
   * any-of. Default: the required scope is among the granted ones, exactly. It must return `true` to grant.
   */
  satisfies?: ((granted: readonly string[], required: string) => boolean) | undefined;
}

const SCOPES_ERROR = (option: string) => `mcpScopes ${option} must be scope-tokens (RFC 6750 §3)`;

/** A list of scope-tokens, copied and frozen; a TypeError naming the option otherwise. */
function scopeList(value: unknown, option: string): readonly string[] {
  if (!Array.isArray(value) || value.some((scope) => typeof scope !== 'string' || !isScopeToken(scope))) throw new TypeError(SCOPES_ERROR(option));
  return Object.freeze([...(value as string[])]);
}

/** A table as a Map of its own entries: `__proto__` or `constructor` is a name like any other, never a prototype's. */
function scopeMap(value: unknown, option: string): ReadonlyMap<string, readonly string[]> {
  if (value === undefined) return new Map();
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new TypeError(`mcpScopes ${option} must be an object of scope lists`);
  return new Map(Object.keys(value).map((name) => [name, scopeList((value as Record<string, unknown>)[name], option)]));
}

/**
 * Builds a `requiredScopes` function for every entry of `@authheaders/bearer` (`/node`, `/fetch`, `/hono`,
 * `/fastify`, `/mcp`) from a table: a `public` method needs no scope; any other operation needs `default`, plus its
 * method's entry, plus its tool's, resource's or prompt's. A request without a JSON-RPC method (a GET, a response)
 * needs `default`. A batch needs the union of its members' scopes. The middleware's 403 `insufficient_scope` names
 * them all, in one challenge, so a client that steps up to that `scope` gets every one the operation needs
 * (`offline_access` aside: never required, never challenged, whatever the table says). The tables are copied when
 * called: later changes to them have no effect.
 *
 * @see https://modelcontextprotocol.io/specification/draft/basic/authorization#scope-challenge-handling MCP authorization: scope challenges
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3.1 RFC 6750 §3.1
 * @example
 * ```ts
 * import { mcpScopes } from '@authheaders/bearer/mcp';
 *
 * const requiredScopes = mcpScopes({
 *   default: ['mcp:basic'],
 *   public: ['initialize', 'notifications/initialized', 'ping', 'tools/list'],
 *   tools: { read_file: ['files:read'], delete_file: ['files:write'] },
 *   // files:* grants every files: scope
 *   satisfies: (granted, required) => granted.includes(required) || (required.startsWith('files:') && granted.includes('files:*')),
 * });
 * ```
 */
export function mcpScopes(options: McpScopesOptions): RequiredScopesFunction {
  if (options === null || typeof options !== 'object') throw new TypeError('mcpScopes needs an options object');
  const defaults = scopeList(options.default ?? [], 'default');
  const publicMethods = new Set(scopeListOfNames(options.public));
  const methods = scopeMap(options.methods, 'methods');
  const tools = scopeMap(options.tools, 'tools');
  const resources = scopeMap(options.resources, 'resources');
  const prompts = scopeMap(options.prompts, 'prompts');
  const satisfies = options.satisfies;
  if (satisfies !== undefined && typeof satisfies !== 'function') throw new TypeError('mcpScopes satisfies must be a function');

  const scopesOf = (request: ScopeRequest): readonly string[] => {
    const { method } = request;
    if (method !== undefined && publicMethods.has(method)) return [];
    const own =
      method === 'tools/call' && request.tool !== undefined
        ? tools.get(request.tool)
        : method === 'prompts/get' && request.prompt !== undefined
          ? prompts.get(request.prompt)
          : request.resource !== undefined
            ? resources.get(request.resource)
            : undefined;
    const byMethod = method === undefined ? undefined : methods.get(method);
    if (byMethod === undefined && own === undefined) return defaults;
    return [...new Set([...defaults, ...(byMethod ?? []), ...(own ?? [])])];
  };
  return Object.assign(scopesOf, { satisfies });
}

/** The `public` option: JSON-RPC method names. */
function scopeListOfNames(value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((name) => typeof name !== 'string')) throw new TypeError('mcpScopes public must be an array of method names');
  return value as string[];
}
