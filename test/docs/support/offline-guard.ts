import net from 'node:net';

/** Hosts a README example may reach when it runs: loopback only (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  return bare === 'localhost' || bare === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare);
}

/** Thrown instead of opening a connection to a host that is not loopback. */
export class OfflineGuardError extends Error {
  override readonly name = 'OfflineGuardError';
  constructor(host: string) {
    super(`refused a connection to ${host}: README examples run offline, on loopback only`);
  }
}

/**
 * Makes every TCP connection and every `fetch` of this process check its host first, and throw `OfflineGuardError`
 * for one that is not loopback, before any lookup or packet: `fetch` checks its URL, and `net.Socket#connect` (under
 * `http`, `https` and undici alike) checks the host it was given. Connections to a socket path are left alone.
 * `onRefused` hears of every refusal, even one the caller catches. Returns a function that puts the originals back.
 */
export function installOfflineGuard(onRefused: (host: string) => void = () => {}): () => void {
  const refuse = (host: string): OfflineGuardError => {
    onRefused(host);
    return new OfflineGuardError(host);
  };
  const originalFetch = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (!isLoopbackHost(url.hostname)) return Promise.reject(refuse(url.hostname));
    return originalFetch(input, init);
  };
  const originalConnect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
    const [first] = args;
    const options = (Array.isArray(first) ? first[0] : first) as { host?: string; path?: string } | number | string;
    // connect(port[, host]), connect(path), connect({ port, host }) or connect({ path }).
    const host = typeof options === 'number' ? (typeof args[1] === 'string' ? args[1] : 'localhost')
      : typeof options === 'string' ? undefined
      : options.path !== undefined ? undefined
      : (options.host ?? 'localhost');
    if (host !== undefined && !isLoopbackHost(host)) throw refuse(host);
    return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;
  return () => {
    globalThis.fetch = originalFetch;
    net.Socket.prototype.connect = originalConnect;
  };
}
