/**
 * The snake_case name of a camelCase option: `errorDescription` → `error_description`. The RFCs name challenge
 * parameters (RFC 6750 §3) and metadata members (RFC 9728 §2) in snake_case; the options are their camelCase forms.
 */
export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (upper) => `_${upper.toLowerCase()}`);
}
