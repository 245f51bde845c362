import { describe, expect, it } from 'vitest';
import {
  CHAR_CLASSES,
  COMMA_CLASS,
  EMPTY_ELEMENTS,
  LENIENT_VALUE,
  OBS_TEXT,
  QDTEXT,
  QUOTED_PAIR,
  TCHAR,
  TOKEN68,
  WHITESPACE,
  hasClass,
  isToken,
  isToken68,
  skipClass,
} from '../src/char-classes';

// The ABNF of RFC 9110, written out a second time as plain predicates, to check the table against.
const ALPHA_DIGIT = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const abnf = {
  // §5.6.2 tchar
  tchar: (c: number) => ALPHA_DIGIT(c) || "!#$%&'*+-.^_`|~".includes(String.fromCharCode(c)),
  // §11.2 token68 (without padding)
  token68: (c: number) => ALPHA_DIGIT(c) || '-._~+/'.includes(String.fromCharCode(c)),
  // §5.6.4 qdtext = HTAB / SP / %x21 / %x23-5B / %x5D-7E
  qdtext: (c: number) => c === 0x09 || c === 0x20 || c === 0x21 || (c >= 0x23 && c <= 0x5b) || (c >= 0x5d && c <= 0x7e),
  // §5.6.4 quoted-pair = "\" ( HTAB / SP / VCHAR )
  quotedPair: (c: number) => c === 0x09 || c === 0x20 || (c >= 0x21 && c <= 0x7e),
  // §5.6.3 OWS
  whitespace: (c: number) => c === 0x09 || c === 0x20,
  // §5.6.1 the list separator
  comma: (c: number) => c === 0x2c,
  // the lenient policy's unquoted value: qdtext but OWS and ","
  lenientValue: (c: number) => abnf.qdtext(c) && !abnf.whitespace(c) && !abnf.comma(c),
};

describe('CHAR_CLASSES', () => {
  // To regenerate the encoded table after a change to the ABNF: print this and paste it into char-classes.ts.
  const encodedFromAbnf = () =>
    Array.from({ length: 128 }, (_, code) => {
      const flags =
        (abnf.tchar(code) ? TCHAR : 0) |
        (abnf.token68(code) ? TOKEN68 : 0) |
        (abnf.qdtext(code) ? QDTEXT : 0) |
        (abnf.quotedPair(code) ? QUOTED_PAIR : 0) |
        (abnf.whitespace(code) ? WHITESPACE : 0) |
        (abnf.comma(code) ? COMMA_CLASS : 0) |
        (abnf.lenientValue(code) ? LENIENT_VALUE : 0);
      return String.fromCharCode(47 + flags);
    }).join('');

  it('holds exactly 128 entries, the table the ABNF gives', () => {
    expect(CHAR_CLASSES).toHaveLength(128);
    expect(Array.from(CHAR_CLASSES, (flags) => String.fromCharCode(47 + flags)).join('')).toBe(encodedFromAbnf());
  });

  it.each([
    ['tchar', TCHAR, abnf.tchar],
    ['token68', TOKEN68, abnf.token68],
    ['qdtext', QDTEXT, abnf.qdtext],
    ['quoted-pair', QUOTED_PAIR, abnf.quotedPair],
    ['OWS', WHITESPACE, abnf.whitespace],
    ['the list separator', COMMA_CLASS, abnf.comma],
    ['a lenient unquoted value', LENIENT_VALUE, abnf.lenientValue],
  ] as const)('matches the RFC 9110 ABNF of %s for every US-ASCII code point', (_name, flag, predicate) => {
    for (let code = 0; code < 128; code++) {
      expect({ code, member: (CHAR_CLASSES[code]! & flag) !== 0 }).toEqual({ code, member: predicate(code) });
    }
  });
});

describe('hasClass / skipClass', () => {
  it('puts every code point from 0x80 up in qdtext, quoted-pair and a lenient unquoted value only (obs-text, RFC 9110 §5.5)', () => {
    for (const code of [0x80, 0xe9, 0xff, 0x100, 0x20ac, 0xffff]) {
      expect([TCHAR, TOKEN68, QDTEXT, QUOTED_PAIR, WHITESPACE, COMMA_CLASS, LENIENT_VALUE].map((flag) => hasClass(code, flag) !== 0)).toEqual([
        false,
        false,
        true,
        true,
        false,
        false,
        true,
      ]);
    }
  });
  it('holds the unions written as literals (so a bundler inlines them) equal to the flags they name', () => {
    expect(OBS_TEXT).toBe(QDTEXT | QUOTED_PAIR | LENIENT_VALUE);
    expect(EMPTY_ELEMENTS).toBe(WHITESPACE | COMMA_CLASS);
  });
  it('skips the run of a class union and stops at the end of the string', () => {
    expect(skipClass('  ,\t, x', 0, WHITESPACE | COMMA_CLASS)).toBe(6);
    expect(skipClass('abc', 1, TCHAR)).toBe(3);
    expect(skipClass('abc', 3, TCHAR)).toBe(3);
    expect(skipClass('a b', 1, TCHAR)).toBe(1);
  });
});

describe('isToken / isToken68', () => {
  it('accepts tokens and rejects the empty string and delimiters', () => {
    expect(isToken('Bearer')).toBe(true);
    expect(isToken("!#$%&'*+-.^_`|~09azAZ")).toBe(true);
    expect(isToken('')).toBe(false);
    expect(isToken('a b')).toBe(false);
    expect(isToken('a/b')).toBe(false);
    expect(isToken('é')).toBe(false);
  });
  it('accepts token68 with any amount of padding, and padding only at the end', () => {
    expect(isToken68('mF_9.B5f-4.1JqM')).toBe(true);
    expect(isToken68('a/b+c==')).toBe(true);
    expect(isToken68('abc=====')).toBe(true);
    expect(isToken68('=')).toBe(false);
    expect(isToken68('a=b')).toBe(false);
    expect(isToken68('a!b')).toBe(false);
    expect(isToken68('')).toBe(false);
  });
});
