/**
 * The `auth-header` package ships no type declarations. The benchmarks call only
 * `parse`, so that is all this describes.
 */
declare module 'auth-header' {
  interface ParsedAuthHeader {
    scheme: string;
    token: string | string[] | null;
    params: Record<string, string | string[]>;
  }
  const authHeader: { parse(value: string): ParsedAuthHeader };
  export default authHeader;
}
