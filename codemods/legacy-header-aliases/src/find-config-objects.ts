import { lookup, walkWithScopes, type Binding, type Scope } from './scoped-walk';
import { calleeName, isCall, isMemberExpression, requiredModule, stringValue, unwrapExpression, type Node } from './syntax-tree';

/** Modules whose exports take bearer-auth options with `headerName` / `mcpHeaderName` (see the adapters). */
export const KNOWN_MODULES = [
  '@authheaders/bearer',
  '@authheaders/bearer/fetch',
  '@authheaders/bearer/node',
  '@authheaders/bearer/hono',
  '@authheaders/bearer/mcp',
  '@authheaders/bearer/fastify',
];

/**
 * Modules whose functions take a `headerName` of their own meaning: Hono's bearer-auth (the Hono migration moves
 * those calls to our adapter), jwt and jwk. Their options are never ours, whatever `--callees` names.
 */
export const FOREIGN_MODULES = ['hono/bearer-auth', 'hono/jwt', 'hono/jwk'];

/** Where configurations are looked for. */
export interface ConfigSearch {
  /** Modules whose imported functions and classes take a configuration. */
  modules: ReadonlySet<string>;
  /** Names of functions or classes, matched by name wherever they come from (`--callees`). */
  callees: ReadonlySet<string>;
  /** Property names whose later assignment (`x.name = ...`) to a configuration is marked. */
  assignedKeys: ReadonlySet<string>;
}

/** What the search found: configuration object literals, and assignments to their keys after the fact. */
export interface FoundConfigs {
  objects: Node[];
  /** `opts.headerName = ...` where `opts` is a `const` configuration; `statement` is the whole statement. */
  assignments: Array<{ statement: Node; key: string }>;
  /** Calls named in `callees` whose function comes from one of {@link FOREIGN_MODULES}: left alone. */
  foreignCalls: Array<{ call: Node; module: string }>;
}

/** The module `expression` is imported or required from: `f`, `ns.f`, `require('m').f`; undefined for a local. */
function moduleOf(expression: Node, scope: Scope): string | undefined {
  const inner = unwrapExpression(expression);
  const named = (binding: Binding | undefined) => (binding?.kind === 'module' ? binding.module : undefined);
  if (inner.type === 'Identifier') return named(lookup(scope, inner.name as string));
  if (!isMemberExpression(inner)) return undefined;
  const object = unwrapExpression(inner.object as Node);
  if (object.type === 'Identifier') return named(lookup(scope, object.name as string));
  return requiredModule(object);
}

/** True when `expression` is a function or class from a known module: `f`, `ns.f`, `require('m').f`. */
function isFromKnownModule(expression: Node, scope: Scope, search: ConfigSearch): boolean {
  const module = moduleOf(expression, scope);
  return module !== undefined && search.modules.has(module);
}

/**
 * True when a call configures bearer auth: its callee comes from a known module (through the file's imports or
 * requires, renamed or through a namespace) or is named in `callees`; or it is `x.register(plugin, options)` with
 * a plugin from a known module (Fastify).
 */
function isKnownCall(call: Node, scope: Scope, search: ConfigSearch): boolean {
  const callee = call.callee as Node;
  const name = calleeName(callee);
  if (name !== undefined && search.callees.has(name)) return true;
  if (isFromKnownModule(callee, scope, search)) return true;
  if (name === 'register' && isMemberExpression(unwrapExpression(callee))) {
    return (call.arguments as Node[]).some((argument) => isFromKnownModule(argument, scope, search));
  }
  return false;
}

/**
 * Finds the configurations in a parsed program: each object literal passed to a known call (seen through `as`,
 * `satisfies`, `<T>` and parentheses), and each `const` bound to an object literal that is passed to one. Nothing
 * else counts: an object is never taken for a configuration because of the keys it has.
 */
export function findConfigObjects(program: Node, search: ConfigSearch): FoundConfigs {
  const objects = new Set<Node>();
  const foreignCalls: FoundConfigs['foreignCalls'] = [];
  const configBindings = new Set<Binding>();
  const assignments: Array<{ statement: Node; key: string; binding: Binding | undefined }> = [];
  walkWithScopes(program, ({ node, parent, scope }) => {
    const foreign = isCall(node) ? moduleOf(node.callee as Node, scope) : undefined;
    if (foreign !== undefined && FOREIGN_MODULES.includes(foreign) && search.callees.has(calleeName(node.callee as Node) ?? '')) {
      foreignCalls.push({ call: node, module: foreign });
    } else if (isCall(node) && isKnownCall(node, scope, search)) {
      for (const argument of node.arguments as Node[]) {
        const inner = unwrapExpression(argument);
        if (inner.type === 'ObjectExpression') objects.add(inner);
        if (inner.type !== 'Identifier') continue;
        const binding = lookup(scope, inner.name as string);
        if (binding?.kind === 'const-object') {
          objects.add(binding.object);
          configBindings.add(binding);
        }
      }
    } else if (node.type === 'AssignmentExpression' && isMemberExpression(node.left as Node)) {
      const left = node.left as Node;
      const property = left.property as Node;
      const key = left.computed === true ? stringValue(property) : property.type === 'Identifier' ? (property.name as string) : undefined;
      const object = unwrapExpression(left.object as Node);
      if (key !== undefined && search.assignedKeys.has(key) && object.type === 'Identifier') {
        const statement = parent?.type === 'ExpressionStatement' ? parent : node;
        assignments.push({ statement, key, binding: lookup(scope, object.name as string) });
      }
    }
  });
  return {
    objects: [...objects].sort((a, b) => a.start - b.start),
    assignments: assignments
      .filter((a) => a.binding !== undefined && configBindings.has(a.binding))
      .map(({ statement, key }) => ({ statement, key })),
    foreignCalls,
  };
}
