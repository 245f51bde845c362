import type { ParseOptions } from './types';

/** The default {@link ParseOptions.maxLength}: 64 KiB, far above any real challenge and far below a memory risk. */
export const DEFAULT_MAX_LENGTH = 65_536;

export function resolveMaxLength(options: ParseOptions | undefined): number {
  const maxLength = options?.maxLength ?? DEFAULT_MAX_LENGTH;
  if (!(maxLength >= 0)) throw new TypeError('options.maxLength must be a number >= 0');
  return maxLength;
}
