import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | null | undefined;

/**
 * Runs a full garbage collection, so that the syntax tree of a large file is freed before the migrated text is
 * parsed again: without it V8 grows the heap to hold both trees, and a 5 MB file peaks near 700 MB instead of
 * about 420 MB. Does nothing where the runtime refuses (`--expose-gc` cannot be set).
 */
export function collectGarbage(): void {
  if (gc === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
    } catch {
      gc = null;
    }
  }
  gc?.();
}
