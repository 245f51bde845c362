import { refuse } from './refuse';

/**
 * Combines the field lines of one list-based field into a single field value.
 *
 * A recipient may combine several field lines of the same name into one by joining their values, in order, with
 * `", "` (RFC 9110 §5.3); OWS around a line is OWS around a list element, so lines are joined as they are. So a parameter on a later line belongs to the challenge the previous line left open,
 * exactly as if the lines had been one, and a name repeated across lines is a duplicate. Error offsets refer to
 * the joined value.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-5.3 RFC 9110 §5.3
 */
export function joinFieldLines(field: string | readonly string[]): string {
  if (typeof field === 'string') return field;
  if (!Array.isArray(field) || field.some((line) => typeof line !== 'string')) refuse('field', 'be a string or string[]');
  return field.join(', ');
}
