import { findAuthorizationReaders, type AuthorizationReader } from './find-authorization-readers';
import { isGatewaySecretHeader } from './gateway-secret-header';
import { routesMayOverlap, routesOf, type Route } from './hono-routes';
import { markEdit, type MigrationReport } from './mark-for-hand-migration';
import { printable } from './printable';
import type { Outcome } from './migrate-config-objects';
import { lookup, walkWithScopes, type Binding } from './scoped-walk';
import type { SourceText } from './source-text';
import { tokenFromEnvironment } from './token-from-environment';
import { isCall, isMemberExpression, isProperty, keyName, lineOf, requiredModule, stringValue, unwrapExpression, type Node } from './syntax-tree';
import { beginsLine, indentationAt, type TextEdit } from './text-edits';

/** Hono's own bearer-auth middleware, whose `headerName` replaces Authorization instead of adding to it. */
export const HONO_BEARER_AUTH = 'hono/bearer-auth';
/** The drop-in adapter: Hono's options, plus `legacyHeaderAliases`. */
export const ADAPTER_MODULE = '@authheaders/bearer/hono';
const NEW_LOCAL_NAME = 'bearerAuthWithAliases';

/**
 * Header names that suggest `Authorization` is there for something else (a proxy's, a platform's or another
 * service's credentials), so that accepting it first could change which token the app checks:
 * `X-Proxy-Authorization`, `X-Serverless-Authorization`, `Cf-Access-Jwt-Assertion`, `X-Forwarded-Access-Token`,
 * `X-Amzn-Oidc-Data`, `X-Ms-Token-Aad-Access-Token`.
 */
export function authorizationMayCarrySomethingElse(headerName: string): boolean {
  const name = headerName.toLowerCase();
  return (
    name !== 'authorization' &&
    (name.includes('authorization') ||
      name.endsWith('-assertion') ||
      name.startsWith('x-forwarded-') ||
      name.startsWith('x-amzn-oidc-') ||
      name.startsWith('x-ms-token-') ||
      name.startsWith('cf-access-'))
  );
}

/** field-name = token (RFC 9110 §5.1, §5.6.2). */
const HEADER_NAME = /^[!#$%&'*+\-.^`|~\w]+$/;

type ModuleBinding = Extract<Binding, { kind: 'module' }>;

interface HonoCall {
  call: Node;
  binding: ModuleBinding;
  /** The options object literal, when the call shows it (inline or through a `const`). */
  object: Node | undefined;
}

function isHonoBinding(binding: Binding | undefined): binding is ModuleBinding {
  return binding?.kind === 'module' && binding.module === HONO_BEARER_AUTH && (binding.imported === 'bearerAuth' || binding.imported === '*');
}

/** The `'hono/bearer-auth'` literal of `require('hono/bearer-auth')` or `require('hono/bearer-auth').bearerAuth`. */
function honoRequireLiteral(init: Node | null | undefined): Node | undefined {
  let inner = init == null ? undefined : unwrapExpression(init);
  if (inner !== undefined && inner.type === 'MemberExpression') inner = unwrapExpression(inner.object as Node);
  return inner !== undefined && requiredModule(inner) === HONO_BEARER_AUTH ? (inner.arguments as Node[])[0] : undefined;
}

/** The string literals naming `hono/bearer-auth` in an import or require declaration. */
function moduleLiterals(declaration: Node): Node[] {
  if (declaration.type === 'ImportDeclaration') return [declaration.source as Node];
  return (declaration.declarations as Node[]).flatMap((d) => honoRequireLiteral(d.init as Node | null) ?? []);
}

/** Finds the `bearerAuth` calls bound to `hono/bearer-auth`, and counts every reference to those bindings. */
function findHonoCalls(program: Node): { calls: HonoCall[]; references: Map<Binding, number> } {
  const calls: HonoCall[] = [];
  const references = new Map<Binding, number>();
  walkWithScopes(program, ({ node, parent, key, scope }) => {
    if (node.type === 'ImportDeclaration') return false;
    // The names an import or require declares are not uses of it.
    if (key === 'id' && parent?.type === 'VariableDeclarator' && honoRequireLiteral(parent.init as Node | null) !== undefined) return false;
    if (node.type === 'Identifier') {
      const isName = (key === 'property' && parent !== undefined && isMemberExpression(parent) && parent.computed !== true) ||
        (key === 'key' && parent !== undefined && (isProperty(parent) || parent.type === 'ObjectMethod' || parent.type.startsWith('Class')) && parent.computed !== true);
      const binding = isName ? undefined : lookup(scope, node.name as string);
      if (isHonoBinding(binding)) references.set(binding, (references.get(binding) ?? 0) + 1);
      return true;
    }
    if (!isCall(node)) return true;
    const callee = unwrapExpression(node.callee as Node);
    let binding: Binding | undefined;
    if (callee.type === 'Identifier') {
      binding = lookup(scope, callee.name as string);
      if (isHonoBinding(binding) && binding.imported !== 'bearerAuth') binding = undefined;
    } else if (isMemberExpression(callee) && callee.computed !== true && (callee.property as Node).name === 'bearerAuth') {
      const object = unwrapExpression(callee.object as Node);
      binding = object.type === 'Identifier' ? lookup(scope, object.name as string) : undefined;
      if (isHonoBinding(binding) && binding.imported !== '*') binding = undefined;
    }
    if (!isHonoBinding(binding)) return true;
    const first = (node.arguments as Node[])[0];
    const argument = first === undefined ? undefined : unwrapExpression(first);
    let object: Node | undefined;
    if (argument?.type === 'ObjectExpression') object = argument;
    else if (argument?.type === 'Identifier') {
      const bound = lookup(scope, argument.name as string);
      if (bound?.kind === 'const-object') object = bound.object;
    }
    calls.push({ call: node, binding, object });
    return true;
  });
  return { calls, references };
}

type Decision = { migrate: true; edits: TextEdit[]; reports: MigrationReport[] } | { migrate: false; reports: MigrationReport[]; edits: TextEdit[] };

/** What the file shows beyond the call: who else reads Authorization, and on which routes. */
interface FileContext {
  program: Node;
  readers: AuthorizationReader[];
  routeOf: (offset: number) => Route | undefined;
}

/** Decides one call: migrate it (the edits on its options), or leave it (with a report, and a mark where useful). */
function decide(file: SourceText, { call, object }: HonoCall, context: FileContext): Decision {
  const leave = (node: Node, reason: string, mark: boolean): Decision => {
    const edit = mark ? markEdit(file, node, reason) : undefined;
    return { migrate: false, reports: [{ line: lineOf(node), reason, kind: mark ? 'unmigrated' : 'unseen' }], edits: edit === undefined ? [] : [edit] };
  };
  if (object === undefined) return leave(call, 'the options of this bearerAuth are built elsewhere; check them for headerName by hand', false);
  const properties = object.properties as Node[];
  const header = properties.filter((p) => isProperty(p) && keyName(p) === 'headerName').pop();
  const opaque = properties.find((p) => p.type === 'SpreadElement' || p.computed === true);
  if (header === undefined) {
    return opaque === undefined ? { migrate: false, reports: [], edits: [] } : leave(opaque, 'a spread or computed key may carry headerName; check it by hand', false);
  }
  if (opaque !== undefined) return leave(opaque, 'a spread or computed key may carry headerName or prefix; migrate by hand', true);
  const name = header.shorthand === true ? undefined : stringValue(header.value as Node);
  if (name === undefined) {
    return leave(header, 'headerName is chosen at run time, where Authorization may carry something else; migrate by hand', true);
  }
  // Hono reads `headerName || 'Authorization'`: an empty name is Authorization too.
  if (name === '' || name.toLowerCase() === 'authorization') return { migrate: false, reports: [], edits: [] };
  if (!HEADER_NAME.test(name)) {
    return leave(header, `"${printable(name, 40)}" is not a header name (RFC 9110 §5.1): as an alias it would throw; migrate by hand`, true);
  }
  if (authorizationMayCarrySomethingElse(name)) {
    return leave(header, `"${name}" suggests Authorization carries something else here, and it would be accepted first; migrate by hand`, true);
  }
  // Two credentials in one request: after the migration Authorization is read first, so a request that also carries
  // the client's own Authorization (for another middleware, or passed through a gateway) would be refused. No
  // onConflict value keeps Hono's answer (it read the header alone): left to the app's author.
  if (isGatewaySecretHeader(name)) {
    return leave(
      header,
      `"${name}" looks like a gateway's secret, not the client's token: the client's own Authorization would be read first and the request refused; migrate by hand`,
      true,
    );
  }
  const route = context.routeOf(call.start);
  const reader = context.readers.find((r) => r.node !== call && routesMayOverlap(route, context.routeOf(r.node.start)));
  if (reader !== undefined) {
    return leave(
      header,
      `this app also reads Authorization on these routes (${printable(reader.what, 60)}, line ${reader.line}): it would be read first, so a request with both credentials would be refused; migrate by hand`,
      true,
    );
  }
  const prefix = properties.find((p) => isProperty(p) && keyName(p) === 'prefix');
  const prefixValue = prefix === undefined ? 'Bearer' : prefix.shorthand === true ? undefined : stringValue(prefix.value as Node);
  if (prefixValue === undefined) return leave(prefix!, 'prefix is chosen at run time; migrate by hand', true);
  // Hono read the custom header with the prefix (Bearer by default); the adapter applies any other prefix to the
  // aliases itself, and the Bearer prefix through legacyAliasesBearerPrefixRequired.
  const separator = beginsLine(file.text, header.start) ? `,${file.eolAt(header.start)}${indentationAt(file.text, header.start)}` : ', ';
  const flag = prefixValue.toLowerCase() === 'bearer' ? `${separator}legacyAliasesBearerPrefixRequired: true` : '';
  const valueText = file.text.slice((header.value as Node).start, (header.value as Node).end);
  const reports: MigrationReport[] = [];
  const token = properties.find((p) => isProperty(p) && keyName(p) === 'token');
  if (token !== undefined && tokenFromEnvironment(context.program, file.text, token.value as Node)) {
    reports.push({
      line: lineOf(token),
      reason: 'migrated; token comes from the environment: unset or empty, the new middleware throws a TypeError when it is built (hono/bearer-auth answered 401)',
      kind: 'note',
    });
  }
  return { migrate: true, edits: [{ start: header.start, end: header.end, text: `legacyHeaderAliases: [${valueText}]${flag}` }], reports };
}

/** Every `bearerAuth` call of `hono/bearer-auth` in the program with its decision, and the counts of references. */
function decideHonoCalls(program: Node, file: SourceText): { decided: Array<[HonoCall, Decision]>; references: Map<Binding, number> } {
  const { calls, references } = findHonoCalls(program);
  const context: FileContext = { program, readers: calls.length === 0 ? [] : findAuthorizationReaders(program, file.text), routeOf: routesOf(program) };
  return { decided: calls.map((call) => [call, decide(file, call, context)]), references };
}

function freeName(source: string): string {
  let name = NEW_LOCAL_NAME;
  for (let n = 2; source.includes(name); n++) name = `${NEW_LOCAL_NAME}${n}`;
  return name;
}

/**
 * The Hono migration: `bearerAuth({ ..., headerName: 'x-a' })` from `hono/bearer-auth` becomes the same call
 * from `@authheaders/bearer/hono` with `legacyHeaderAliases: ['x-a']`, so `Authorization: Bearer` (RFC 6750 §2.1)
 * is accepted first and the old header still works. The import is switched when every use of it is migrated;
 * otherwise a second import is added for the migrated calls and the others stay on Hono's middleware. Calls
 * without `headerName` are left alone; a header name chosen at run time, or one that suggests Authorization
 * carries something else, is reported and marked.
 */
export function migrateHonoBearerAuth(program: Node, file: SourceText): Outcome {
  const { decided, references } = decideHonoCalls(program, file);
  const edits: TextEdit[] = [];
  const reports: MigrationReport[] = [];
  const migrated = new Map<Binding, HonoCall[]>();
  const editedObjects = new Set<Node>();
  for (const [honoCall, decision] of decided) {
    reports.push(...decision.reports);
    if (!decision.migrate) {
      edits.push(...decision.edits);
      continue;
    }
    if (!editedObjects.has(honoCall.object!)) edits.push(...decision.edits);
    editedObjects.add(honoCall.object!);
    migrated.set(honoCall.binding, [...(migrated.get(honoCall.binding) ?? []), honoCall]);
  }
  // Switch a declaration's module only when every name it binds is used by migrated calls alone.
  const declarations = new Map<Node, ModuleBinding[]>();
  for (const binding of references.keys()) {
    if (isHonoBinding(binding)) declarations.set(binding.declaration, [...(declarations.get(binding.declaration) ?? []), binding]);
  }
  for (const binding of migrated.keys()) {
    if (isHonoBinding(binding) && !declarations.has(binding.declaration)) declarations.set(binding.declaration, [binding]);
  }
  let newName: string | undefined;
  for (const [declaration, bindings] of declarations) {
    const uses = bindings.map((b) => migrated.get(b) ?? []);
    if (uses.every((u) => u.length === 0)) continue;
    const onlyMigratedUses =
      (declaration.type !== 'ImportDeclaration' || (declaration.specifiers as Node[]).length === bindings.length) &&
      bindings.every((b, i) => (references.get(b) ?? 0) === uses[i]!.length);
    if (onlyMigratedUses) {
      for (const literal of moduleLiterals(declaration)) edits.push({ start: literal.start + 1, end: literal.end - 1, text: ADAPTER_MODULE });
      continue;
    }
    if (newName === undefined) {
      newName = freeName(file.text);
      const quote = file.text[moduleLiterals(declaration)[0]!.start] ?? "'";
      const semicolon = file.text[declaration.end - 1] === ';' ? ';' : '';
      const statement =
        declaration.type === 'ImportDeclaration'
          ? `import { bearerAuth as ${newName} } from ${quote}${ADAPTER_MODULE}${quote}${semicolon}`
          : `const { bearerAuth: ${newName} } = require(${quote}${ADAPTER_MODULE}${quote})${semicolon}`;
      const lineStart = file.text.lastIndexOf('\n', declaration.start - 1) + 1;
      const indentation = /^[ \t]*/.exec(file.text.slice(lineStart, declaration.start))![0];
      edits.push({ start: declaration.end, end: declaration.end, text: `${file.eolAt(declaration.end)}${indentation}${statement}` });
    }
    for (const { call } of uses.flat()) {
      const callee = call.callee as Node;
      edits.push({ start: callee.start, end: callee.end, text: newName });
    }
  }
  reports.sort((a, b) => a.line - b.line);
  return { edits, reports };
}

/**
 * For the default migration, which leaves Hono's middleware alone: a report (no mark, no change) on each
 * `bearerAuth` from `hono/bearer-auth` that the Hono migration would change (migrate, or mark for hand migration),
 * pointing to it. Calls it leaves as they are (`headerName: 'Authorization'`, options it cannot see) are not named.
 */
export function honoCallsToPointOut(program: Node, file: SourceText): MigrationReport[] {
  return decideHonoCalls(program, file)
    .decided.filter(([, decision]) => decision.migrate || decision.edits.length > 0)
    .map(([{ call }, decision]) => ({
      line: lineOf(call),
      reason: decision.migrate
        ? "Hono's bearerAuth reads only headerName, never Authorization: run the Hono migration (--hono)"
        : "Hono's bearerAuth reads only headerName, never Authorization: the Hono migration (--hono) marks this call to migrate by hand",
      kind: 'unseen' as const,
    }));
}
