import { walkWithScopes } from './scoped-walk';
import { isMemberExpression, stringValue, unwrapExpression, type Node } from './syntax-tree';

/** Hono's ways to put a handler on a route: `app.use(path, ...)`, `app.get(path, ...)`, `app.on(method, path, ...)`. */
const ROUTE_METHODS = new Set(['use', 'get', 'post', 'put', 'delete', 'patch', 'options', 'all', 'on']);

/** Where a middleware or handler runs: the app it is registered on and the path pattern, when the file shows them. */
export interface Route {
  /** The app's name (`app` in `app.use(...)`); undefined for anything else (a chain, `new Hono().use(...)`). */
  app: string | undefined;
  /** The path pattern as written; `'*'` for `app.use(handler)` and a path that is not a literal. */
  path: string;
}

interface Registration extends Route {
  /** Offsets of the handlers: from the end of the path argument to the end of the call. */
  start: number;
  end: number;
}

/**
 * The route each offset of a program runs on: the innermost `app.use(path, ...)`, `app.get(path, ...)`, ... whose
 * handlers hold it. Undefined when the offset is in no registration (a middleware built apart and passed around).
 */
export function routesOf(program: Node): (offset: number) => Route | undefined {
  const registrations: Registration[] = [];
  walkWithScopes(program, ({ node }) => {
    if (node.type !== 'CallExpression') return;
    const callee = unwrapExpression(node.callee as Node);
    if (!isMemberExpression(callee) || callee.computed === true) return;
    const method = (callee.property as Node).name as string | undefined;
    if (method === undefined || !ROUTE_METHODS.has(method)) return;
    const args = node.arguments as Node[];
    const pathArgument = args[method === 'on' ? 1 : 0];
    if (pathArgument === undefined) return;
    const literal = stringValue(pathArgument);
    const object = unwrapExpression(callee.object as Node);
    const app = object.type === 'Identifier' ? (object.name as string) : undefined;
    // A path starts with `/` or is `*` (so `headers.get('authorization')` is no route); `app.use(handler, ...)` and
    // `app.use(PATH, handler)` count as every path. Anything else is no registration: its route is unknown.
    if (literal !== undefined && (literal.startsWith('/') || literal === '*')) {
      registrations.push({ app, path: literal, start: pathArgument.end, end: node.end });
    } else if (literal === undefined && method === 'use') {
      registrations.push({ app, path: '*', start: pathArgument.start, end: node.end });
    }
  });
  return (offset) => {
    let best: Registration | undefined;
    for (const r of registrations) {
      if (r.start <= offset && offset < r.end && (best === undefined || r.end - r.start < best.end - best.start)) best = r;
    }
    return best === undefined ? undefined : { app: best.app, path: best.path };
  };
}

/** Characters that make a path segment a pattern (`:id`, `*`, `{regex}`, `?` optional) rather than a literal. */
const PATTERN = /[*:{?]/;

/**
 * False only when two routes provably never match the same request: registered on the same app, with literal paths
 * that differ in a literal segment before either has a pattern (`/api/*` and `/admin/*`). Anything the file does not
 * show (another app, a sub-app, a path chosen at run time, a middleware passed around) may overlap.
 */
export function routesMayOverlap(a: Route | undefined, b: Route | undefined): boolean {
  if (a === undefined || b === undefined || a.app === undefined || a.app !== b.app) return true;
  const left = a.path.split('/');
  const right = b.path.split('/');
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i]!;
    const y = right[i]!;
    if (PATTERN.test(x) || PATTERN.test(y)) return true;
    // Hono matches case-sensitively by default; an app may set it otherwise, so case is not a difference here.
    if (x.toLowerCase() !== y.toLowerCase()) return false;
  }
  return true;
}
