/** The default {@link ParseOptions.maxLength}: 64 KiB, far above any real challenge and far below a memory risk. */
export const DEFAULT_MAX_LENGTH = 65_536;
