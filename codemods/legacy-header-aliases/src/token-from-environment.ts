import { stringValue, unwrapExpression, type Node } from './syntax-tree';

/** `process.env`, `Bun.env`, `Deno.env`, `import.meta.env`, a Worker's `c.env` or `env(c)` from `hono/adapter`. */
const ENVIRONMENT = /\benv\b/;

/**
 * True when a `token` option is read from the environment, directly (`token: process.env.API_TOKEN`) or through a
 * top-level variable of the file (`const apiKeys = process.env.KEYS.split(',')`). Unset or empty, such a token
 * fails differently after the Hono migration, so the configuration is reported.
 */
export function tokenFromEnvironment(program: Node, source: string, value: Node): boolean {
  let inner = unwrapExpression(value);
  if (stringValue(inner) !== undefined) return false;
  if (inner.type === 'Identifier') {
    const init = topLevelConstInit(program, inner.name as string);
    if (init === undefined) return false;
    inner = init;
  }
  return ENVIRONMENT.test(source.slice(inner.start, inner.end));
}

function topLevelConstInit(program: Node, name: string): Node | undefined {
  for (const raw of program.body as Node[]) {
    const statement = raw.type === 'ExportNamedDeclaration' && raw.declaration != null ? (raw.declaration as Node) : raw;
    if (statement.type !== 'VariableDeclaration') continue;
    for (const declarator of statement.declarations as Node[]) {
      const id = declarator.id as Node;
      if (id.type === 'Identifier' && id.name === name && declarator.init != null) return declarator.init as Node;
    }
  }
  return undefined;
}
