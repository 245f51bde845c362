import { findConfigObjects, type ConfigSearch } from './find-config-objects';
import { markEdit, type MigrationReport } from './mark-for-hand-migration';
import type { SourceText } from './source-text';
import { booleanValue, isProperty, keyName, lineOf, stringValue, type Node } from './syntax-tree';
import { beginsLine, indentationAt, listMemberDeletion, type TextEdit } from './text-edits';

const HEADER_KEYS = ['headerName', 'mcpHeaderName'];
const FLAG_KEYS = ['bearerPrefixRequired', 'mcpBearerPrefixRequired'];
/** The options this migration replaces. */
export const LEGACY_KEYS = [...HEADER_KEYS, ...FLAG_KEYS];
const ALIASES_KEY = 'legacyHeaderAliases';
const NEW_FLAG_KEY = 'legacyAliasesBearerPrefixRequired';

/** Text edits and reports for one file. */
export interface Outcome {
  edits: TextEdit[];
  reports: MigrationReport[];
}

function textOf(file: SourceText, node: Node): string {
  return file.text.slice(node.start, node.end);
}

function migrateObject(file: SourceText, object: Node): Outcome {
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
  const spread = properties.find((p) => p.type === 'SpreadElement');
  if (spread !== undefined) return refuse(spread, 'a spread may carry headerName or mcpHeaderName; migrate by hand');
  const computed = properties.find((p) => (isProperty(p) || p.type === 'ObjectMethod') && p.computed === true);
  if (computed !== undefined) return refuse(computed, 'a computed key may be headerName or mcpHeaderName; migrate by hand');
  if (legacy.length === 0) return { edits, reports };
  const existingArray = existing?.value as Node | undefined;
  if (existing !== undefined && existingArray!.type !== 'ArrayExpression') {
    return refuse(existing, 'legacyHeaderAliases is not an array literal; merge headerName into it by hand');
  }
  // A header name known only at run time may be undefined (no alias) or "authorization" (no alias either): written
  // into an array it would throw where the old option did not. It is left as it is; the old option still works.
  const headers = legacy.filter((p) => HEADER_KEYS.includes(keyName(p)!));
  const unknownHeader = headers.find((p) => p.shorthand === true || stringValue(p.value as Node) === undefined);
  if (unknownHeader !== undefined) {
    return refuse(
      unknownHeader,
      `${keyName(unknownHeader)} is not a string literal; left as it is, since an array of it could throw; migrate by hand`,
    );
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
  // case-insensitively; `authorization` is always accepted, so dropped.
  const existingElements = ((existingArray?.elements as Array<Node | null> | undefined) ?? []).filter((e): e is Node => e !== null);
  const seen = new Set(existingElements.map((e) => stringValue(e)?.toLowerCase() ?? textOf(file, e)));
  const added: string[] = [];
  for (const property of headers) {
    const literal = stringValue(property.value as Node)!;
    if (literal.toLowerCase() === 'authorization' || seen.has(literal.toLowerCase())) continue;
    seen.add(literal.toLowerCase());
    added.push(valueText(property));
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
    const at = last === undefined ? existingArray!.start + 1 : last.end;
    edits.push({ start: at, end: at, text: (last === undefined ? '' : ', ') + added.join(', ') });
  }
  const first = legacy[0]!;
  if (replacement.length > 0) {
    const separator = beginsLine(source, first.start) ? `,${file.eolAt(first.start)}${indentationAt(source, first.start)}` : ', ';
    edits.push({ start: first.start, end: first.end, text: replacement.join(separator) });
  }
  const removed = new Set(replacement.length > 0 ? legacy.slice(1) : legacy);
  let previousKeptEnd: number | undefined;
  for (const property of properties) {
    if (removed.has(property)) edits.push(listMemberDeletion(source, property.start, property.end, previousKeptEnd));
    else previousKeptEnd = property.end;
  }
  return { edits, reports };
}

/**
 * Finds every bearer-auth configuration in a parsed file (see {@link findConfigObjects}) and returns the text
 * edits that migrate it, and what was reported. Assignments like `opts.headerName = ...` to a configuration are
 * marked, never followed.
 */
export function migrateConfigObjects(program: Node, file: SourceText, search: Omit<ConfigSearch, 'assignedKeys'>): Outcome {
  const edits: TextEdit[] = [];
  const reports: MigrationReport[] = [];
  const found = findConfigObjects(program, { ...search, assignedKeys: new Set(LEGACY_KEYS) });
  for (const object of found.objects) {
    const outcome = migrateObject(file, object);
    edits.push(...outcome.edits);
    reports.push(...outcome.reports);
  }
  for (const { call, module } of found.foreignCalls) {
    const reason = `--callees names this call, but it comes from ${module}, whose options are not ours: left alone${module === 'hono/bearer-auth' ? '; run the Hono migration (--hono)' : ''}`;
    reports.push({ line: lineOf(call), reason, kind: 'unseen' });
  }
  for (const { statement, key } of found.assignments) {
    const reason = `${key} is assigned after the options object was built; migrate by hand`;
    reports.push({ line: lineOf(statement), reason, kind: 'unmigrated' });
    const edit = markEdit(file, statement, reason);
    if (edit !== undefined) edits.push(edit);
  }
  reports.sort((a, b) => a.line - b.line);
  return { edits, reports };
}
