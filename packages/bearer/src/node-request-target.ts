import type { IncomingMessage } from 'node:http';
import type { RequestTarget } from './dpop/dpop-gate';

/**
 * The method and URL of a Node request, which a DPoP proof names in `htm` and `htu` (RFC 9449 §4.3 items 8, 9). The
 * URL is built only when read: `https` when the socket is TLS, the `Host` header (or HTTP/2 `:authority`), and
 * Express's `originalUrl` (a mounted router strips its prefix from `url`). Behind a proxy, the `dpop.publicUrl`
 * option gives the origin instead.
 */
export function nodeRequestTarget(req: IncomingMessage): RequestTarget {
  return {
    method: req.method ?? '',
    get url() {
      const host = req.headers?.host ?? req.headers?.[':authority'];
      const path = (req as { originalUrl?: unknown }).originalUrl;
      return `${(req.socket as { encrypted?: boolean } | undefined)?.encrypted ? 'https' : 'http'}://${host}${typeof path === 'string' ? path : req.url}`;
    },
  };
}
