/**
 * The syntax-tree nodes the codemod reads, typed loosely (Babel's AST: `ObjectProperty`, `StringLiteral`, ...), and
 * the small questions it asks of them. Offsets (`start`, `end`) are indexes into the text that was parsed.
 */
export type Node = {
  type: string;
  start: number;
  end: number;
  loc?: { start: { line: number } } | null;
  [key: string]: unknown;
};

/** Nodes that only tell the type checker something: `x as T`, `x satisfies T`, `<T>x`, `x!`, `(x)`. */
const TYPE_WRAPPERS = new Set([
  'TSAsExpression',
  'TSSatisfiesExpression',
  'TSTypeAssertion',
  'TSNonNullExpression',
  'ParenthesizedExpression',
]);

/** The expression inside any number of `as` / `satisfies` / `<T>` / `!` / parentheses. */
export function unwrapExpression(node: Node): Node {
  let inner = node;
  while (TYPE_WRAPPERS.has(inner.type)) inner = inner.expression as Node;
  return inner;
}

export function isProperty(node: Node): boolean {
  return node.type === 'ObjectProperty';
}

/** A property's key as written (`headerName`, `'headerName'`); undefined for computed keys. */
export function keyName(property: Node): string | undefined {
  if (property.computed === true) return undefined;
  const key = property.key as Node | undefined;
  if (key === undefined) return undefined;
  if (key.type === 'Identifier') return key.name as string;
  if (key.type === 'StringLiteral') return key.value as string;
  return undefined;
}

/** The value of a string literal, or of a template literal without `${}`; undefined for anything else. */
export function stringValue(node: Node): string | undefined {
  const inner = unwrapExpression(node);
  if (inner.type === 'StringLiteral') return inner.value as string;
  if (inner.type === 'TemplateLiteral' && (inner.expressions as Node[]).length === 0) {
    const [quasi] = inner.quasis as Node[];
    const cooked = (quasi?.value as { cooked?: string | null } | undefined)?.cooked;
    return typeof cooked === 'string' ? cooked : undefined;
  }
  return undefined;
}

export function booleanValue(node: Node): boolean | undefined {
  const inner = unwrapExpression(node);
  return inner.type === 'BooleanLiteral' ? (inner.value as boolean) : undefined;
}

export function lineOf(node: Node): number {
  return node.loc?.start.line ?? 0;
}

/** The name of a call's callee: `f` for `f()`, `g` for `x.g()`; undefined otherwise. */
export function calleeName(callee: Node): string | undefined {
  const inner = unwrapExpression(callee);
  if (inner.type === 'Identifier') return inner.name as string;
  if (isMemberExpression(inner) && inner.computed !== true && (inner.property as Node).type === 'Identifier') {
    return (inner.property as Node).name as string;
  }
  return undefined;
}

export function isMemberExpression(node: Node): boolean {
  return node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression';
}

export function isCall(node: Node): boolean {
  return node.type === 'CallExpression' || node.type === 'NewExpression' || node.type === 'OptionalCallExpression';
}

/** `require('x')`: the module name, else undefined. */
export function requiredModule(node: Node): string | undefined {
  if (node.type !== 'CallExpression') return undefined;
  const callee = node.callee as Node;
  const args = node.arguments as Node[];
  if (callee.type !== 'Identifier' || callee.name !== 'require' || args.length !== 1) return undefined;
  return stringValue(args[0]!);
}
