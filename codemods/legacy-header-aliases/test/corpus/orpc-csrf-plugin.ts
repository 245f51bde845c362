// A CSRF-protection plugin for an RPC server: the header it checks is configurable, with a default.
import type { Context, StandardHandlerOptions, StandardHandlerPlugin } from './types';

export interface CsrfProtectionOptions {
  /** The header a same-origin client sets. */
  headerName?: string;
  headerValue?: string;
  exclude?: (request: Request) => boolean;
}

export class CsrfProtectionPlugin<T extends Context> implements StandardHandlerPlugin<T> {
  private readonly headerName: string;
  private readonly headerValue: string;
  private readonly exclude: (request: Request) => boolean;

  constructor(options: CsrfProtectionOptions = {}) {
    this.headerName = options.headerName ?? 'x-csrf-token';
    this.headerValue = options.headerValue ?? 'rpc';
    this.exclude = options.exclude ?? (() => false);
  }

  init(options: StandardHandlerOptions<T>): void {
    options.rootInterceptors ??= [];
    options.rootInterceptors.push(async ({ request, next }) => {
      if (!this.exclude(request) && request.headers.get(this.headerName) !== this.headerValue) {
        return new Response('CSRF check failed', { status: 403 });
      }
      return next();
    });
  }
}

export const csrf = new CsrfProtectionPlugin({ headerName: 'x-rpc-csrf', headerValue: '1' });
