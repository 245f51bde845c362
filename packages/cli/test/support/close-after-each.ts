import { afterEach } from 'vitest';

/** Something a test starts and must stop: a loopback server. */
export interface Closable {
  close(): Promise<void>;
}

/**
 * Registers an `afterEach` that closes every server the returned `track` was given during the test, and returns
 * `track`: it waits for the server to start and hands it back.
 */
export function closeAfterEach(): <T extends Closable>(server: Promise<T>) => Promise<T> {
  const open: Closable[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });
  return async (server) => {
    const started = await server;
    open.push(started);
    return started;
  };
}
