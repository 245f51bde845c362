import { constants } from 'node:fs';
import { chmod, lstat, open, readdir, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { SOURCE_EXTENSIONS } from './parse-source';

/** A path found by the walk: a regular file to read, or an entry skipped with its reason. */
export type FoundPath = { path: string; skip?: string; fail?: string };

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

function isSourceName(name: string): boolean {
  return SOURCE_EXTENSIONS.includes(extname(name)) && !name.endsWith('.d.ts');
}

/**
 * The files under `roots`, found with `lstat` only: regular files are listed; symbolic links (to files, folders,
 * nothing, or themselves) are never followed, and FIFOs, sockets and devices never opened, so nothing outside the
 * roots is reached and nothing blocks. Folders are walked recursively without `node_modules` and dot folders; in
 * them only source files (`.js`, `.ts`, ... but not `.d.ts`) count, while a file named as a root counts whatever
 * its name. An entry that cannot be listed is returned with `fail`.
 */
export async function findSourceFiles(roots: readonly string[]): Promise<FoundPath[]> {
  const found: FoundPath[] = [];
  const visit = async (path: string, isRoot: boolean): Promise<void> => {
    let info;
    try {
      info = await lstat(path);
    } catch (error) {
      found.push({ path, fail: `cannot read (${errorCode(error)})` });
      return;
    }
    if (info.isSymbolicLink()) {
      found.push({ path, skip: 'a symbolic link; links are not followed' });
    } else if (info.isDirectory()) {
      let names: string[];
      try {
        names = await readdir(path);
      } catch (error) {
        found.push({ path, fail: `cannot list (${errorCode(error)})` });
        return;
      }
      for (const name of names.sort()) {
        if (name === 'node_modules' || name.startsWith('.')) continue;
        await visit(join(path, name), false);
      }
    } else if (!isRoot && !isSourceName(basename(path))) {
      // Not a source file: not the codemod's business, whatever its type.
    } else if (!info.isFile()) {
      found.push({ path, skip: 'not a regular file (a FIFO, socket or device)' });
    } else {
      found.push({ path });
    }
  };
  for (const root of roots) await visit(root, true);
  return found;
}

/** What reading a file gave: its text and mode, or why it was skipped or failed. */
export type ReadOutcome = { text: string; mode: number } | { skip: string } | { fail: string };

/**
 * Reads one file as strict UTF-8. The file is opened without following a symbolic link and without blocking, and
 * checked again on the open handle: still a regular file, and at most `maxBytes` long. A byte order mark is kept
 * in the text. Invalid UTF-8 (Latin-1, UTF-16, binary) is skipped rather than re-encoded.
 */
export async function readSourceFile(path: string, maxBytes: number): Promise<ReadOutcome> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    if (errorCode(error) === 'ELOOP') return { skip: 'a symbolic link; links are not followed' };
    return { fail: `cannot read (${errorCode(error)})` };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { skip: 'not a regular file (a FIFO, socket or device)' };
    if (info.size > maxBytes) return { skip: `larger than ${maxBytes} bytes (${info.size}); raise --max-bytes to migrate it` };
    const bytes = await handle.readFile();
    try {
      return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), mode: info.mode & 0o7777 };
    } catch {
      return { skip: 'not valid UTF-8; convert it to UTF-8 first' };
    }
  } catch (error) {
    return { fail: `cannot read (${errorCode(error)})` };
  } finally {
    await handle.close();
  }
}

/**
 * Replaces a file's content: the new text goes to a temporary file beside it (same mode), which is then renamed
 * over the file, so a failed write never leaves half a file. Returns the error code on failure.
 */
export async function writeSourceFile(path: string, text: string, mode: number): Promise<string | undefined> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.legacy-header-aliases.tmp`);
  try {
    await writeFile(temporary, text, { flag: 'wx', mode });
    await chmod(temporary, mode);
    await rename(temporary, path);
    return undefined;
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    return errorCode(error);
  }
}
