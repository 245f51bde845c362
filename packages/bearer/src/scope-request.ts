/**
 * What a `requiredScopes` function is told of the operation: the JSON-RPC request's `method`, and the one name that
 * selects what it acts on (the tool of `tools/call`, the resource URI of `resources/read`, the prompt of
 * `prompts/get`). Every field comes from the client: compare it, never trust it further.
 *
 * @see https://www.jsonrpc.org/specification#request_object JSON-RPC 2.0 §4
 * @see https://modelcontextprotocol.io/specification/draft/basic/authorization#scope-challenge-handling MCP authorization: scope challenges
 */
export interface ScopeRequest {
  /** The JSON-RPC `method` (`tools/call`, `initialize`, ...); undefined for a response, a request without a JSON body or with a `method` that is not a string. */
  readonly method: string | undefined;
  /** `params.name` of a `tools/call`, when it is a string. */
  readonly tool: string | undefined;
  /** `params.uri` of a `resources/read` (and `resources/subscribe` / `resources/unsubscribe`), when it is a string. */
  readonly resource: string | undefined;
  /** `params.name` of a `prompts/get`, when it is a string. */
  readonly prompt: string | undefined;
  /** The JSON-RPC message as parsed (one member of a batch); undefined when the request had no body. */
  readonly message: unknown;
}

/**
 * The scopes an operation needs, from the request: an empty list means any valid token. The middleware awaits it
 * for every request (once per member of a JSON-RPC batch, which needs the union); a throw or a result that is not a
 * list of scope-tokens is a server error, never a grant. It may carry `satisfies` (as `mcpScopes` of `/mcp` does) to
 * decide which granted scopes satisfy a required one.
 */
export interface RequiredScopesFunction {
  (request: ScopeRequest): readonly string[] | Promise<readonly string[]>;
  /** Whether the granted scopes satisfy one required scope (hierarchies, any-of); default: it is among them. */
  readonly satisfies?: ((granted: readonly string[], required: string) => boolean) | undefined;
}

/** A member of an object parsed from JSON, only when it is its own and a string. */
function ownString(value: unknown, key: string): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, key)) return undefined;
  const member = (value as Record<string, unknown>)[key];
  return typeof member === 'string' ? member : undefined;
}

/** The one ScopeRequest of a JSON-RPC message (or of no body at all). */
export function scopeRequest(message: unknown): ScopeRequest {
  const method = ownString(message, 'method');
  const params = message !== null && typeof message === 'object' && Object.hasOwn(message, 'params') ? (message as { params: unknown }).params : undefined;
  return Object.freeze({
    method,
    tool: method === 'tools/call' ? ownString(params, 'name') : undefined,
    resource: method?.startsWith('resources/') ? ownString(params, 'uri') : undefined,
    prompt: method === 'prompts/get' ? ownString(params, 'name') : undefined,
    message,
  });
}

/**
 * The ScopeRequests of a request body: one per member of a JSON-RPC batch (an array, JSON-RPC 2.0 §6), else one. An
 * empty batch is one request without a method.
 */
export function scopeRequests(body: unknown): ScopeRequest[] {
  return Array.isArray(body) && body.length > 0 ? body.map(scopeRequest) : [scopeRequest(body)];
}
