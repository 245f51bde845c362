import { requiredModule, stringValue, unwrapExpression, type Node } from './syntax-tree';

/**
 * What a name is bound to, as far as the codemod cares: something imported or required from a module, a `const`
 * bound to an object literal, or anything else (a parameter, a function, a `let`, ...).
 */
export type Binding =
  | {
      kind: 'module';
      module: string;
      /** The export it names: an export name, `'default'`, or `'*'` for the whole module (namespace, `require`). */
      imported: string;
      /** The import declaration or variable declaration that binds it. */
      declaration: Node;
    }
  | { kind: 'const-object'; object: Node }
  | { kind: 'other' };

/** One lexical scope: the names it declares, and the scope around it. */
export interface Scope {
  parent: Scope | undefined;
  bindings: Map<string, Binding>;
}

/** The binding `name` refers to from `scope`; undefined for a global. */
export function lookup(scope: Scope, name: string): Binding | undefined {
  for (let s: Scope | undefined = scope; s !== undefined; s = s.parent) {
    const binding = s.bindings.get(name);
    if (binding !== undefined) return binding;
  }
  return undefined;
}

const OTHER: Binding = { kind: 'other' };

const FUNCTIONS = new Set([
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
  'ObjectMethod',
  'ClassMethod',
  'ClassPrivateMethod',
]);

/** Every name a binding pattern declares (`a`, `{ a, b: c }`, `[d, ...e]`, `f = 1`). */
function patternNames(pattern: Node | null | undefined, into: string[]): string[] {
  if (pattern === null || pattern === undefined) return into;
  switch (pattern.type) {
    case 'Identifier':
      into.push(pattern.name as string);
      break;
    case 'ObjectPattern':
      for (const property of pattern.properties as Node[]) {
        patternNames((property.type === 'RestElement' ? property.argument : property.value) as Node, into);
      }
      break;
    case 'ArrayPattern':
      for (const element of pattern.elements as Array<Node | null>) patternNames(element, into);
      break;
    case 'AssignmentPattern':
      patternNames(pattern.left as Node, into);
      break;
    case 'RestElement':
      patternNames(pattern.argument as Node, into);
      break;
    case 'TSParameterProperty':
      patternNames(pattern.parameter as Node, into);
      break;
  }
  return into;
}

/** `require('m')` or `require('m').name`, seen through type wrappers. */
function requireTarget(init: Node | null | undefined): { module: string; imported: string } | undefined {
  if (init === null || init === undefined) return undefined;
  const inner = unwrapExpression(init);
  const whole = requiredModule(inner);
  if (whole !== undefined) return { module: whole, imported: '*' };
  if (inner.type === 'MemberExpression' && inner.computed !== true) {
    const module = requiredModule(unwrapExpression(inner.object as Node));
    if (module !== undefined) return { module, imported: (inner.property as Node).name as string };
  }
  return undefined;
}

function declareVariables(declaration: Node, bindings: Map<string, Binding>): void {
  for (const declarator of declaration.declarations as Node[]) {
    const id = declarator.id as Node;
    const init = declarator.init as Node | null;
    const required = requireTarget(init);
    if (required !== undefined && id.type === 'Identifier') {
      bindings.set(id.name as string, { kind: 'module', ...required, declaration });
      continue;
    }
    if (required !== undefined && required.imported === '*' && id.type === 'ObjectPattern') {
      // const { bearerAuth, withBearerAuth: withAuth } = require('m')
      for (const property of id.properties as Node[]) {
        const value = property.value as Node | undefined;
        const key = property.key as Node | undefined;
        if (property.type !== 'ObjectProperty' || property.computed === true || key?.type !== 'Identifier') {
          for (const name of patternNames(property, [])) bindings.set(name, OTHER);
          continue;
        }
        const local = value?.type === 'AssignmentPattern' ? (value.left as Node) : value;
        if (local?.type === 'Identifier') {
          bindings.set(local.name as string, { kind: 'module', module: required.module, imported: key.name as string, declaration });
        }
      }
      continue;
    }
    if (declaration.kind === 'const' && id.type === 'Identifier' && init !== null && unwrapExpression(init).type === 'ObjectExpression') {
      bindings.set(id.name as string, { kind: 'const-object', object: unwrapExpression(init) });
      continue;
    }
    for (const name of patternNames(id, [])) bindings.set(name, OTHER);
  }
}

/** The names declared directly in a list of statements: variables, functions, classes, enums, imports. */
function declareStatements(statements: readonly Node[], bindings: Map<string, Binding>): void {
  for (const raw of statements) {
    const statement =
      (raw.type === 'ExportNamedDeclaration' || raw.type === 'ExportDefaultDeclaration') && raw.declaration != null
        ? (raw.declaration as Node)
        : raw;
    switch (statement.type) {
      case 'VariableDeclaration':
        declareVariables(statement, bindings);
        break;
      case 'FunctionDeclaration':
      case 'ClassDeclaration':
      case 'TSEnumDeclaration':
      case 'TSImportEqualsDeclaration':
        if (statement.id != null) bindings.set((statement.id as Node).name as string, OTHER);
        break;
      case 'ImportDeclaration': {
        if (statement.importKind === 'type') break;
        const module = (statement.source as Node).value as string;
        for (const specifier of statement.specifiers as Node[]) {
          const local = (specifier.local as Node).name as string;
          if (specifier.importKind === 'type') continue;
          const imported =
            specifier.type === 'ImportNamespaceSpecifier'
              ? '*'
              : specifier.type === 'ImportDefaultSpecifier'
                ? 'default'
                : (stringValue(specifier.imported as Node) ?? ((specifier.imported as Node).name as string));
          bindings.set(local, { kind: 'module', module, imported, declaration: statement });
        }
        break;
      }
    }
  }
}

/** The statements directly inside a statement, where a `var` may sit (expressions cannot hold one). */
function innerStatements(node: Node): Array<Node | null | undefined> {
  switch (node.type) {
    case 'Program':
    case 'BlockStatement':
    case 'StaticBlock':
      return node.body as Node[];
    case 'IfStatement':
      return [node.consequent as Node, node.alternate as Node | null];
    case 'ForStatement':
      return [node.init as Node | null, node.body as Node];
    case 'ForInStatement':
    case 'ForOfStatement':
      return [node.left as Node, node.body as Node];
    case 'WhileStatement':
    case 'DoWhileStatement':
    case 'LabeledStatement':
    case 'WithStatement':
    case 'CatchClause':
      return [node.body as Node];
    case 'TryStatement':
      return [node.block as Node, node.handler as Node | null, node.finalizer as Node | null];
    case 'SwitchStatement':
      return (node.cases as Node[]).flatMap((c) => c.consequent as Node[]);
    case 'ExportNamedDeclaration':
    case 'ExportDefaultDeclaration':
      return [node.declaration as Node | null];
    default:
      return [];
  }
}

/** `var` declarations anywhere in `node`'s statements that belong to its function (hoisted), as `other` bindings. */
function declareHoistedVars(node: Node, bindings: Map<string, Binding>): void {
  for (const child of innerStatements(node)) {
    if (child === null || child === undefined) continue;
    if (child.type === 'VariableDeclaration' && child.kind === 'var') {
      for (const declarator of child.declarations as Node[]) {
        for (const name of patternNames(declarator.id as Node, [])) if (!bindings.has(name)) bindings.set(name, OTHER);
      }
    } else {
      declareHoistedVars(child, bindings);
    }
  }
}

/** What the visitor is told about each node. */
export interface Visit {
  node: Node;
  parent: Node | undefined;
  /** The property of `parent` that holds `node` (`callee`, `arguments`, `key`, ...). */
  key: string | undefined;
  scope: Scope;
}

/**
 * Walks a program in source order, telling `visitor` each node with the scope it sits in. Returning `false` from
 * the visitor skips the node's children.
 */
export function walkWithScopes(program: Node, visitor: (visit: Visit) => boolean | void): void {
  const top: Scope = { parent: undefined, bindings: new Map() };
  declareStatements(program.body as Node[], top.bindings);
  declareHoistedVars(program, top.bindings);
  walkChildren(program, top, visitor);
}

function walkChildren(node: Node, scope: Scope, visitor: (visit: Visit) => boolean | void): void {
  for (const key in node) {
    if (key === 'loc' || key === 'extra' || key === 'leadingComments' || key === 'trailingComments' || key === 'innerComments') {
      continue;
    }
    const value = node[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNodeLike(item)) walkNode(item, node, key, scope, visitor);
    } else if (isNodeLike(value)) {
      walkNode(value, node, key, scope, visitor);
    }
  }
}

function isNodeLike(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function walkNode(node: Node, parent: Node, key: string, scope: Scope, visitor: (visit: Visit) => boolean | void): void {
  if (visitor({ node, parent, key, scope }) === false) return;
  let inner = scope;
  if (FUNCTIONS.has(node.type)) {
    inner = { parent: scope, bindings: new Map() };
    if (node.type === 'FunctionExpression' && node.id != null) inner.bindings.set((node.id as Node).name as string, OTHER);
    for (const param of node.params as Node[]) for (const name of patternNames(param, [])) inner.bindings.set(name, OTHER);
    const body = node.body as Node;
    if (body.type === 'BlockStatement') {
      declareStatements(body.body as Node[], inner.bindings);
      declareHoistedVars(body, inner.bindings);
      for (const key in node) {
        // Keys, decorators and type annotations are read in the enclosing scope.
        const value = node[key];
        if (key === 'params' || key === 'body' || key === 'loc' || key === 'extra' || key.endsWith('Comments')) continue;
        if (isNodeLike(value)) walkNode(value, node, key, scope, visitor);
        else if (Array.isArray(value)) for (const item of value) if (isNodeLike(item)) walkNode(item, node, key, scope, visitor);
      }
      for (const param of node.params as Node[]) walkNode(param, node, 'params', inner, visitor);
      if (visitor({ node: body, parent: node, key: 'body', scope: inner }) !== false) walkChildren(body, inner, visitor);
      return;
    }
  } else if (node.type === 'BlockStatement' || node.type === 'StaticBlock') {
    inner = { parent: scope, bindings: new Map() };
    declareStatements(node.body as Node[], inner.bindings);
  } else if (node.type === 'SwitchStatement') {
    inner = { parent: scope, bindings: new Map() };
    for (const switchCase of node.cases as Node[]) declareStatements(switchCase.consequent as Node[], inner.bindings);
  } else if (node.type === 'ForStatement' || node.type === 'ForInStatement' || node.type === 'ForOfStatement') {
    const head = (node.type === 'ForStatement' ? node.init : node.left) as Node | null;
    if (head?.type === 'VariableDeclaration') {
      inner = { parent: scope, bindings: new Map() };
      declareVariables(head, inner.bindings);
    }
  } else if (node.type === 'CatchClause' && node.param != null) {
    inner = { parent: scope, bindings: new Map() };
    for (const name of patternNames(node.param as Node, [])) inner.bindings.set(name, OTHER);
  }
  walkChildren(node, inner, visitor);
}
