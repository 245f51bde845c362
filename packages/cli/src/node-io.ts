import type { CliIO } from './cli-io';
import { terminalStyle } from './terminal-style';

async function readAll(stream: NodeJS.ReadStream): Promise<string | undefined> {
  if (stream.isTTY) return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** The process's own streams and environment. */
export function nodeIO(): CliIO {
  return {
    stdout: (text) => process.stdout.write(`${text}\n`),
    stderr: (text) => process.stderr.write(`${text}\n`),
    readStdin: () => readAll(process.stdin),
    env: process.env,
    out: terminalStyle(process.stdout.isTTY === true, process.env),
    err: terminalStyle(process.stderr.isTTY === true, process.env),
  };
}
