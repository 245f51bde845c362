#!/usr/bin/env node
import { checkModules } from './migrate-source';
import { DEFAULT_MAX_BYTES, runCodemod } from './run-codemod';

const USAGE = `Usage: legacy-header-aliases <paths...> [--hono] [--dry] [--print] [--callees=a,b] [--modules=a,b] [--max-bytes=N]

Migrates bearer-auth options headerName / mcpHeaderName (and bearerPrefixRequired / mcpBearerPrefixRequired) to
legacyHeaderAliases (and legacyAliasesBearerPrefixRequired) in configurations passed to @authheaders/bearer and its
adapters. Authorization: Bearer is always accepted, so 'authorization' is dropped from the aliases. What cannot be
migrated safely is marked with a /* legacy-header-aliases: ... */ comment and reported as file:line.

  --hono           the Hono migration instead: bearerAuth({ headerName }) from hono/bearer-auth becomes the same
                   call from @authheaders/bearer/hono with legacyHeaderAliases
  --dry            write nothing; print a diff of each file that would change
  --print          print the new source of each changed file
  --callees=a,b    more function names whose object argument configures bearer auth
  --modules=a,b    more modules whose functions take a bearer-auth configuration
  --max-bytes=N    skip files larger than N bytes (default ${DEFAULT_MAX_BYTES})

Exit codes: 0 done (skipped files are listed), 1 a file could not be read, parsed or written, 2 usage error
(hono/bearer-auth in --modules: use --hono).`;

const FLAGS = ['--hono', '--dry', '--print', '--help', '-h'];
const VALUED = ['--callees=', '--modules=', '--max-bytes='];
const args = process.argv.slice(2);
const value = (name: string): string | undefined => args.find((a) => a.startsWith(name))?.slice(name.length);
const list = (name: string): string[] => value(name)?.split(',').filter(Boolean) ?? [];
const unknown = args.filter((a) => a.startsWith('-') && !FLAGS.includes(a) && !VALUED.some((v) => a.startsWith(v)));
const paths = args.filter((a) => !a.startsWith('-'));
const maxBytes = value('--max-bytes=') === undefined ? DEFAULT_MAX_BYTES : Number(value('--max-bytes='));

if (args.includes('--help') || args.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
if (paths.length === 0 || unknown.length > 0 || !Number.isSafeInteger(maxBytes) || maxBytes < 0) {
  if (unknown.length > 0) console.error(`unknown option: ${unknown.join(' ')}`);
  console.error(USAGE);
  process.exit(2);
}
const modules = list('--modules=');
try {
  checkModules(modules);
} catch (error) {
  console.error(`--modules: ${(error as Error).message}`);
  process.exit(2);
}
const summary = await runCodemod(paths, {
  migration: args.includes('--hono') ? 'hono' : 'legacy-header-aliases',
  dry: args.includes('--dry'),
  print: args.includes('--print'),
  callees: list('--callees='),
  modules,
  maxBytes,
});
process.exit(summary.failed > 0 ? 1 : 0);
