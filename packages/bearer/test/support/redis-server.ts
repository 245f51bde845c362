// A real redis-server (Debian's package) for the Redis store tests: loopback only, no persistence, its files in a
// temporary folder, on a free port (redis-server cannot listen on port 0, so a port the system just handed out is
// taken, and another one tried if it is gone by the time Redis binds it). stop() and start() again keep the port,
// which is how a test kills Redis mid-run and brings it back.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { createClient, type RedisClientType } from 'redis';

/** Where redis-server is, or undefined when it is not installed. */
export const REDIS_SERVER = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((path) => spawnSync(path, ['--version']).status === 0);

/**
 * Why the Redis tests are skipped: only when redis-server is missing and .ci/run could not install it (it then
 * sets AUTHHEADERS_REDIS_SKIP_REASON). A missing redis-server without that reason fails the tests instead.
 */
export const redisSkipReason = REDIS_SERVER === undefined ? process.env.AUTHHEADERS_REDIS_SKIP_REASON : undefined;
if (redisSkipReason !== undefined) console.warn(`Redis tests skipped: ${redisSkipReason}`);

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Starts redis-server again on the same port, empty (nothing was persisted). */
  start(): Promise<void>;
  /** Kills redis-server (SIGKILL: no goodbye to the clients) and waits for it to exit. */
  kill(): Promise<void>;
  /** Kills it and removes its folder. */
  close(): Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** Starts redis-server on `port`; resolves once it accepts connections, rejects if it exits first. */
function spawnRedis(port: number, dir: string): Promise<ChildProcess> {
  if (REDIS_SERVER === undefined) throw new Error('redis-server is missing: install Debian\'s redis-server (apt-get install redis-server)');
  const child = spawn(
    REDIS_SERVER,
    ['--bind', '127.0.0.1', '--port', `${port}`, '--save', '', '--appendonly', 'no', '--dir', dir, '--protected-mode', 'yes', '--daemonize', 'no', '--loglevel', 'notice', '--databases', '1'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not start within 20 s:\n${output}`));
    }, 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${code}) before it was ready:\n${output}`));
    });
  });
}

export async function startRedisServer(): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), 'authheaders-redis-'));
  let child: ChildProcess | undefined;
  let port = 0;
  for (let attempt = 0; child === undefined; attempt++) {
    port = await freePort();
    try {
      child = await spawnRedis(port, dir);
    } catch (error) {
      if (attempt >= 4) throw error;
    }
  }
  const kill = async () => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });
  };
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill,
    async start() {
      for (let attempt = 0; child === undefined; attempt++) {
        try {
          child = await spawnRedis(port, dir);
        } catch (error) {
          // The port may still be held for a moment after the kill.
          if (attempt >= 20) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    },
    async close() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A node-redis client connected to `server` as the tests run it: reconnecting every 50 ms while Redis is down,
 * its offline queue on (the default, as most applications run it), its error events heard (not thrown).
 */
export async function connectNodeRedis(server: RedisServer): Promise<RedisClientType<{}, {}, {}, 3, {}>> {
  const client = createClient({ url: server.url, socket: { reconnectStrategy: () => 50, connectTimeout: 2000 } });
  client.on('error', () => {});
  await client.connect();
  return client;
}

/** An ioredis client connected to `server`, with the same reconnection and queueing as {@link connectNodeRedis}. */
export async function connectIoredis(server: RedisServer): Promise<IORedis> {
  const client = new IORedis(server.port, '127.0.0.1', { retryStrategy: () => 50, maxRetriesPerRequest: null });
  client.on('error', () => {});
  await client.ping();
  return client;
}
