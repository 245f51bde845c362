import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import { beginsLine, indentationAt, lineStartOf, listMemberDeletion, type TextEdit } from './text-edits';

/** Callee names whose object argument configures bearer auth. */
export const DEFAULT_CALLEES = ['BearerTokenAuthMiddleware', 'BearerTokenAuth', 'bearerAuth', 'withBearerAuth'];

const HEADER_KEYS = ['headerName', 'mcpHeaderName'];
const FLAG_KEYS = ['bearerPrefixRequired', 'mcpBearerPrefixRequired'];
const LEGACY_KEYS = [...HEADER_KEYS, ...FLAG_KEYS];
const ALIASES_KEY = 'legacyHeaderAliases';
const NEW_FLAG_KEY = 'legacyAliasesBearerPrefixRequired';
const MARK = 'legacy-header-aliases:';

/** A line the codemod reports: where and why. */
export interface MigrationReport {
  line: number;
  reason: string;
  /** `'unmigrated'`: left untouched and marked in the source; `'unchecked'`: migrated, but not checkable. */
  kind: 'unmigrated' | 'unchecked';
}

// The AST node shapes this transform touches, typed loosely: jscodeshift's parsers (babel, ts, tsx) differ in
// node type names (ObjectProperty vs Property, StringLiteral vs Literal).
type Node = { type: string; loc?: { start: { line: number } } | null; [key: string]: unknown };

function keyName(property: Node): string | undefined {
  if (property.computed === true) return undefined;
  const key = property.key as Node | undefined;
  if (key === undefined) return undefined;
  if (key.type === 'Identifier') return key.name as string;
  if ((key.type === 'StringLiteral' || key.type === 'Literal') && typeof key.value === 'string') return key.value;
  return undefined;
}

function isProperty(node: Node): boolean {
  return node.type === 'ObjectProperty' || node.type === 'Property';
}

function stringValue(node: Node): string | undefined {
  if ((node.type === 'StringLiteral' || node.type === 'Literal') && typeof node.value === 'string') return node.value;
  return undefined;
}

function booleanValue(node: Node): boolean | undefined {
  if ((node.type === 'BooleanLiteral' || node.type === 'Literal') && typeof node.value === 'boolean') return node.value;
  return undefined;
}

function calleeName(callee: Node): string | undefined {
  if (callee.type === 'Identifier') return callee.name as string;
  if (callee.type === 'MemberExpression' && (callee.property as Node).type === 'Identifier' && callee.computed !== true) {
    return (callee.property as Node).name as string;
  }
  return undefined;
}

function lineOf(node: Node): number {
  return node.loc?.start.line ?? 0;
}

/** True when `object` configures bearer auth: an argument of a known callee, or an object with validateToken. */
function isAuthConfig(path: ASTPath, callees: ReadonlySet<string>): boolean {
  const node = path.node as unknown as Node;
  const properties = node.properties as Node[];
  // `validateToken: fn` or `validateToken() {}` (ObjectMethod in babel's AST, Property in ESTree's).
  if (properties.some((p) => (isProperty(p) || p.type === 'ObjectMethod') && keyName(p) === 'validateToken')) return true;
  const parent = path.parent?.node as Node | undefined;
  if (parent === undefined) return false;
  if ((parent.type === 'CallExpression' || parent.type === 'NewExpression') && (parent.arguments as Node[]).includes(node)) {
    const name = calleeName(parent.callee as Node);
    return name !== undefined && callees.has(name);
  }
  return false;
}

/**
 * The file being migrated. The parser sees line endings normalized to LF, so node offsets are mapped back to the
 * original text, and new line breaks use the file's own.
 */
export interface SourceFile {
  text: string;
  eol: '\n' | '\r\n';
  /** Maps an offset in the parsed (LF-normalized) text to the same place in `text`. */
  toOriginal(offset: number): number;
}

/** Where a node's text starts and ends in the original source (babel-based parsers set `start` and `end`). */
function rangeOf(file: SourceFile, node: Node): { start: number; end: number } {
  return { start: file.toOriginal(node.start as number), end: file.toOriginal(node.end as number) };
}

function textOf(file: SourceFile, node: Node): string {
  const { start, end } = rangeOf(file, node);
  return file.text.slice(start, end);
}

/**
 * A `/* legacy-header-aliases: reason *\/` comment before `node`: on a line of its own when the node begins its
 * line, inline otherwise. None when the node is already marked (the transform is idempotent).
 */
function markEdit(file: SourceFile, node: Node, reason: string): TextEdit | undefined {
  const source = file.text;
  const { start } = rangeOf(file, node);
  const previousLineStart = lineStartOf(source, Math.max(0, lineStartOf(source, start) - 1));
  if (source.slice(previousLineStart, start).includes(`/* ${MARK}`)) return undefined;
  const comment = `/* ${MARK} ${reason} */`;
  const text = beginsLine(source, start) ? `${comment}${file.eol}${indentationAt(source, start)}` : `${comment} `;
  return { start, end: start, text };
}

interface Outcome {
  edits: TextEdit[];
  reports: MigrationReport[];
}

function migrateObject(file: SourceFile, object: Node): Outcome {
  const source = file.text;
  const edits: TextEdit[] = [];
  const reports: MigrationReport[] = [];
  const properties = object.properties as Node[];
  const legacy = properties.filter((p) => isProperty(p) && LEGACY_KEYS.includes(keyName(p) ?? ''));
  const refuse = (node: Node, reason: string): Outcome => {
    reports.push({ line: lineOf(node), reason, kind: 'unmigrated' });
    const edit = markEdit(file, node, reason);
    return { edits: edit === undefined ? [] : [edit], reports };
  };

  // What cannot be migrated without guessing is marked and left as it is. An object that already has
  // legacyHeaderAliases and no legacy key is taken as migrated, whatever its spreads carry.
  const existing = properties.find((p) => isProperty(p) && keyName(p) === ALIASES_KEY);
  if (legacy.length === 0 && existing !== undefined) return { edits, reports };
  const spread = properties.find((p) => p.type === 'SpreadElement' || p.type === 'SpreadProperty');
  if (spread !== undefined) return refuse(spread, 'a spread may carry headerName or mcpHeaderName; migrate by hand');
  const computed = properties.find((p) => isProperty(p) && p.computed === true);
  if (computed !== undefined) return refuse(computed, 'a computed key may be headerName or mcpHeaderName; migrate by hand');
  if (legacy.length === 0) return { edits, reports };
  const existingArray = existing?.value as Node | undefined;
  if (existing !== undefined && existingArray!.type !== 'ArrayExpression') {
    return refuse(existing, 'legacyHeaderAliases is not an array literal; merge headerName into it by hand');
  }
  const valueText = (property: Node): string =>
    property.shorthand === true ? keyName(property)! : textOf(file, property.value as Node);

  // The prefix flag: both flags must agree, since one flag now covers every alias.
  const flags = legacy.filter((p) => FLAG_KEYS.includes(keyName(p)!));
  const literalFlags = flags.map((p) => (p.shorthand === true ? undefined : booleanValue(p.value as Node)));
  if (literalFlags.length === 2 && literalFlags.every((v) => v !== undefined) && literalFlags[0] !== literalFlags[1]) {
    return refuse(flags[0]!, 'bearerPrefixRequired and mcpBearerPrefixRequired disagree; one flag now covers every alias');
  }

  // Aliases: the existing ones first, then headerName / mcpHeaderName in source order, de-duplicated
  // (case-insensitively for literals, by source text otherwise); `authorization` is always accepted, so dropped.
  const existingElements = (existingArray?.elements as Node[] | undefined) ?? [];
  const seen = new Set(existingElements.map((e) => stringValue(e)?.toLowerCase() ?? textOf(file, e)));
  const added: string[] = [];
  for (const property of legacy.filter((p) => HEADER_KEYS.includes(keyName(p)!))) {
    const literal = property.shorthand === true ? undefined : stringValue(property.value as Node);
    if (literal !== undefined && literal.toLowerCase() === 'authorization') continue;
    const text = valueText(property);
    const identity = literal?.toLowerCase() ?? text;
    if (seen.has(identity)) continue;
    seen.add(identity);
    if (literal === undefined) {
      reports.push({
        line: lineOf(property),
        reason: `${keyName(property)} is not a string literal: could not check that it is not "authorization"`,
        kind: 'unchecked',
      });
    }
    added.push(text);
  }
  const aliasCount = existingElements.length + added.length;

  // The flag is written only when an alias remains and it says more than the default (false).
  let flagText: string | undefined;
  const hasNewFlag = properties.some((p) => isProperty(p) && keyName(p) === NEW_FLAG_KEY);
  if (aliasCount > 0 && !hasNewFlag && flags.length > 0) {
    const unknown = flags.find((_, i) => literalFlags[i] === undefined);
    if (unknown !== undefined) flagText = valueText(unknown);
    else if (literalFlags.includes(true)) flagText = 'true';
  }

  // The new properties take the place of the first legacy one; the other legacy ones go, with their commas.
  const replacement: string[] = [];
  if (existing === undefined && added.length > 0) replacement.push(`${ALIASES_KEY}: [${added.join(', ')}]`);
  if (flagText !== undefined) replacement.push(`${NEW_FLAG_KEY}: ${flagText}`);
  if (existing !== undefined && added.length > 0) {
    const last = existingElements[existingElements.length - 1];
    const at = last === undefined ? rangeOf(file, existingArray!).start + 1 : rangeOf(file, last).end;
    edits.push({ start: at, end: at, text: (last === undefined ? '' : ', ') + added.join(', ') });
  }
  const [first] = legacy;
  const firstRange = rangeOf(file, first!);
  if (replacement.length > 0) {
    const separator = beginsLine(source, firstRange.start) ? `,${file.eol}${indentationAt(source, firstRange.start)}` : ', ';
    edits.push({ ...firstRange, text: replacement.join(separator) });
  }
  const removed = new Set(replacement.length > 0 ? legacy.slice(1) : legacy);
  let previousKeptEnd: number | undefined;
  for (const property of properties) {
    const { start, end } = rangeOf(file, property);
    if (removed.has(property)) edits.push(listMemberDeletion(source, start, end, previousKeptEnd));
    else previousKeptEnd = end;
  }
  return { edits, reports };
}

/**
 * Finds every bearer-auth configuration object in a parsed file and returns the text edits that migrate it, and
 * what was reported. Assignments like `opts.headerName = ...` are marked, never followed.
 */
export function migrateConfigObjects(j: JSCodeshift, root: Collection, file: SourceFile, callees: readonly string[]): Outcome {
  const calleeSet = new Set([...DEFAULT_CALLEES, ...callees]);
  const edits: TextEdit[] = [];
  const reports: MigrationReport[] = [];
  root.find(j.ObjectExpression).forEach((path) => {
    if (!isAuthConfig(path, calleeSet)) return;
    const outcome = migrateObject(file, path.node as unknown as Node);
    edits.push(...outcome.edits);
    reports.push(...outcome.reports);
  });
  root.find(j.AssignmentExpression).forEach((path) => {
    const left = path.node.left as unknown as Node;
    if (left.type !== 'MemberExpression' || left.computed === true) return;
    const name = (left.property as Node).name as string | undefined;
    if (name === undefined || !LEGACY_KEYS.includes(name)) return;
    const parent = path.parent?.node as Node | undefined;
    const statement = parent?.type === 'ExpressionStatement' ? parent : (path.node as unknown as Node);
    const reason = `${name} is assigned after the options object was built; migrate by hand`;
    reports.push({ line: lineOf(path.node as unknown as Node), reason, kind: 'unmigrated' });
    const edit = markEdit(file, statement, reason);
    if (edit !== undefined) edits.push(edit);
  });
  reports.sort((a, b) => a.line - b.line);
  return { edits, reports };
}
