/** jscodeshift's parser per file: `ts` for .ts/.mts/.cts (so `<T>x` casts parse), `tsx` for everything else. */
export function parserForPath(path: string): 'ts' | 'tsx' {
  return /\.[cm]?ts$/.test(path) ? 'ts' : 'tsx';
}

/** Extensions the codemod reads. */
export const SOURCE_EXTENSIONS = ['.js', '.jsx', '.ts', '.tsx', '.mjs', '.cjs', '.mts', '.cts'];

/** Files without any of these words cannot need the migration and are skipped before parsing. */
export function mayNeedMigration(source: string): boolean {
  return source.includes('headerName') || source.includes('HeaderName') || source.includes('BearerPrefixRequired');
}
