#!/usr/bin/env node
import { main } from './main';
import { nodeIO } from './node-io';

process.exitCode = await main(process.argv.slice(2), nodeIO());
