#!/usr/bin/env node
// `pnpm run docs`: the TypeDoc API reference from the sources (test/typedoc.json), no build needed. TypeDoc colours
// its log unless NO_COLOR is set; set it when the output is not a terminal, so logs and CI output hold no escape codes.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const testPackage = fileURLToPath(new URL('../', import.meta.url));
const typedoc = join(dirname(createRequire(join(testPackage, 'package.json')).resolve('typedoc/package.json')), 'bin', 'typedoc');
const env = { ...process.env };
if (!process.stdout.isTTY || !process.stderr.isTTY) env.NO_COLOR = '1';
const result = spawnSync(process.execPath, [typedoc, '--options', 'typedoc.json', ...process.argv.slice(2)], { cwd: testPackage, env, stdio: 'inherit' });
process.exit(result.status ?? 1);
