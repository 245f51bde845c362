// A small RPC framework's own auth provider: validateToken and headerName keys, but not our middleware.
export interface ApiKeyProviderOptions {
  headerName?: string;
  validateToken: (token: string) => Promise<{ id: string } | null>;
}

export function createApiKeyProvider(options: ApiKeyProviderOptions) {
  const headerName = (options.headerName ?? 'x-api-key').toLowerCase();
  return async (headers: Headers) => {
    const token = headers.get(headerName);
    return token === null ? null : options.validateToken(token);
  };
}

export const provider = createApiKeyProvider({
  headerName: 'x-raffel-key',
  validateToken: async (token) => (token === 'dev' ? { id: 'dev' } : null),
});
