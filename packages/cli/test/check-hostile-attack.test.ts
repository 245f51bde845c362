// Careless options and hostile servers found by probing the check as an attacker would, each a test that failed
// before its fix. All servers are on loopback; the resolver refuses anything else.
import { afterEach, describe, expect, it } from 'vitest';
import { codes, guardedCheck } from './support/guarded-check';
import { startShapedServer } from './support/mcp-server-shape';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});
async function shaped(...args: Parameters<typeof startShapedServer>) {
  const server = await startShapedServer(...args);
  open.push(server);
  return server;
}

describe('a budget longer than a Node timer holds', () => {
  it('is a long budget, not one that runs out at once (a timer past 2^31 - 1 ms fires after 1 ms)', async () => {
    const server = await shaped();
    const report = await guardedCheck(server.resource, { timeoutMs: 3_000_000_000 });
    expect(codes(report)).toEqual([]);
    expect(report.trace.every((t) => t.timedOut !== true)).toBe(true);
  });
});
