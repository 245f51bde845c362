/**
 * One file's text as the codemod edits it: without its byte order mark (which is put back on output), with the
 * line ending of each line kept as it is.
 */
export interface SourceText {
  /** The text after the BOM, if any: what is parsed and edited. */
  text: string;
  /** `'\uFEFF'` when the file started with a BOM, else `''`. */
  bom: string;
  /** The line break of the line holding `offset` (`'\r\n'` or `'\n'`), for new line breaks written there. */
  eolAt(offset: number): string;
}

const BOM = '\uFEFF';

export function sourceText(source: string): SourceText {
  const bom = source.startsWith(BOM) ? BOM : '';
  const text = bom === '' ? source : source.slice(1);
  return {
    text,
    bom,
    eolAt(offset) {
      const next = text.indexOf('\n', offset);
      if (next !== -1) return text[next - 1] === '\r' ? '\r\n' : '\n';
      // The last line has no ending of its own: take the one before it.
      const previous = text.lastIndexOf('\n', offset - 1);
      return previous > 0 && text[previous - 1] === '\r' ? '\r\n' : '\n';
    },
  };
}
