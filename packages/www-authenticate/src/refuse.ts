/**
 * Throws the `TypeError` of a bad argument: `<field> must <requirement>`, naming the field, never its value. The
 * serializer refuses a value that would not parse back with it, the parser a bad option or a field that is not a
 * string or an array of strings.
 */
export function refuse(field: string, requirement: string): never {
  throw new TypeError(`${field} must ${requirement}`);
}
