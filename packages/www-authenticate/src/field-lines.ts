import { hasClass, skipClass, WHITESPACE } from './char-classes';

/** Removes leading and trailing OWS (SP / HTAB) only, never other Unicode spaces (RFC 9110 §5.5). */
export function trimWhitespace(value: string): string {
  const start = skipClass(value, 0, WHITESPACE);
  let end = value.length;
  while (end > start && hasClass(value.charCodeAt(end - 1), WHITESPACE)) end--;
  return value.slice(start, end);
}

/**
 * Combines the field lines of one list-based field into a single field value.
 *
 * A recipient may combine several field lines of the same name into one by joining their values, in order, with
 * `", "` (RFC 9110 §5.3). So a parameter on a later line belongs to the challenge the previous line left open,
 * exactly as if the lines had been one, and a name repeated across lines is a duplicate. Error offsets refer to
 * the joined value.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-5.3 RFC 9110 §5.3
 */
export function joinFieldLines(field: string | readonly string[]): string {
  if (typeof field === 'string') return field;
  if (!Array.isArray(field) || field.some((line) => typeof line !== 'string')) {
    throw new TypeError('field must be a string or string[]');
  }
  return field.map(trimWhitespace).join(', ');
}
