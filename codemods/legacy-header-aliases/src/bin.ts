#!/usr/bin/env node
import { runCodemod } from './run-codemod';

const USAGE = `Usage: legacy-header-aliases <paths...> [--dry] [--print] [--callees=a,b]

Migrates bearer-auth options headerName / mcpHeaderName (and bearerPrefixRequired / mcpBearerPrefixRequired) to
legacyHeaderAliases (and legacyAliasesBearerPrefixRequired). Authorization: Bearer is always accepted, so
'authorization' is dropped from the aliases. What cannot be migrated safely is marked with a
/* legacy-header-aliases: ... */ comment and reported as file:line.

  --dry          write nothing; print a diff of each file that would change
  --print        print the new source of each changed file
  --callees=a,b  more function names whose object argument configures bearer auth`;

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h') || args.filter((a) => !a.startsWith('--')).length === 0) {
  console.log(USAGE);
  process.exit(args.includes('--help') || args.includes('-h') ? 0 : 2);
}
const callees = args.find((a) => a.startsWith('--callees='))?.slice('--callees='.length).split(',').filter(Boolean) ?? [];
const summary = await runCodemod(
  args.filter((a) => !a.startsWith('--')),
  { dry: args.includes('--dry'), print: args.includes('--print'), callees },
);
process.exit(summary.failed > 0 ? 1 : 0);
