import { lookup, walkWithScopes, type Scope } from './scoped-walk';
import { isCall, isMemberExpression, isProperty, keyName, lineOf, stringValue, unwrapExpression, type Node } from './syntax-tree';

/**
 * Middleware that reads `Authorization` (a bearer token, RFC 6750 §2.1) by itself, by module and export:
 * `hono/jwt` and `hono/jwk` (unless given a `headerName` of their own), our adapters, and Hono's third-party
 * middleware that take a bearer token there. `hono/basic-auth` is not listed: `Authorization: Basic` is no bearer
 * credential, so the migrated middleware reads its alias as before.
 */
const READING_MIDDLEWARE: Readonly<Record<string, readonly string[]>> = {
  'hono/jwt': ['jwt'],
  'hono/jwk': ['jwk'],
  'hono/bearer-auth': ['bearerAuth'],
  '@authheaders/bearer/hono': ['bearerAuth'],
  '@hono/firebase-auth': ['verifyFirebaseAuth'],
  '@hono/clerk-auth': ['clerkMiddleware'],
};

/** Methods that read one request header by name: Hono's `c.req.header(name)`, Fetch `headers.get(name)`, Node's. */
const HEADER_READERS = new Set(['header', 'get', 'has', 'getAll', 'getHeader']);

/** Where a file reads `Authorization` other than through the migrated middleware. */
export interface AuthorizationReader {
  /** The node that reads it (its offset gives its route). */
  node: Node;
  line: number;
  /** What reads it, for the report: `jwt from hono/jwt`, `c.req.header('Authorization')`. */
  what: string;
}

const isAuthorization = (node: Node | undefined): boolean => node !== undefined && stringValue(node)?.toLowerCase() === 'authorization';

/** A `headerName` in a call's options object literal that names another header than Authorization. */
function readsAnotherHeader(call: Node, scope: Scope): boolean {
  const first = (call.arguments as Node[])[0];
  let options = first === undefined ? undefined : unwrapExpression(first);
  if (options?.type === 'Identifier') {
    const binding = lookup(scope, options.name as string);
    options = binding?.kind === 'const-object' ? binding.object : undefined;
  }
  if (options?.type !== 'ObjectExpression') return false;
  const header = (options.properties as Node[]).filter((p) => isProperty(p) && keyName(p) === 'headerName').pop();
  const name = header === undefined || header.shorthand === true ? undefined : stringValue(header.value as Node);
  return name !== undefined && name !== '' && name.toLowerCase() !== 'authorization';
}

/**
 * Every place in a program that reads `Authorization` by itself: a call of a middleware that does (see
 * {@link READING_MIDDLEWARE}; Hono's `bearerAuth` only without a `headerName` of its own), a header read by name
 * (`c.req.header('authorization')`, `headers.get('Authorization')`), or `req.headers.authorization`.
 */
export function findAuthorizationReaders(program: Node, source: string): AuthorizationReader[] {
  const readers: AuthorizationReader[] = [];
  walkWithScopes(program, ({ node, scope }) => {
    if (isCall(node)) {
      const callee = unwrapExpression(node.callee as Node);
      let module: string | undefined;
      let name: string | undefined;
      if (callee.type === 'Identifier') {
        const binding = lookup(scope, callee.name as string);
        if (binding?.kind === 'module') [module, name] = [binding.module, binding.imported];
      } else if (isMemberExpression(callee) && callee.computed !== true) {
        const object = unwrapExpression(callee.object as Node);
        const binding = object.type === 'Identifier' ? lookup(scope, object.name as string) : undefined;
        if (binding?.kind === 'module' && binding.imported === '*') [module, name] = [binding.module, (callee.property as Node).name as string];
        const argument = (node.arguments as Node[])[0];
        if (module === undefined && HEADER_READERS.has((callee.property as Node).name as string) && isAuthorization(argument)) {
          readers.push({ node, line: lineOf(node), what: source.slice(node.start, node.end).replace(/\s+/g, ' ').slice(0, 60) });
          return;
        }
      }
      if (module !== undefined && name !== undefined && READING_MIDDLEWARE[module]?.includes(name) && !readsAnotherHeader(node, scope)) {
        readers.push({ node, line: lineOf(node), what: `${name} from ${module}` });
      }
    } else if (isMemberExpression(node)) {
      // req.headers.authorization, req.headers['authorization']
      const property = node.property as Node;
      const named = node.computed === true ? isAuthorization(property) : (property.name as string | undefined)?.toLowerCase() === 'authorization';
      const object = unwrapExpression(node.object as Node);
      const headers = object.type === 'Identifier' ? object.name : isMemberExpression(object) ? (object.property as Node).name : undefined;
      if (named && headers === 'headers') readers.push({ node, line: lineOf(node), what: source.slice(node.start, node.end).slice(0, 60) });
    }
    return true;
  });
  return readers;
}
