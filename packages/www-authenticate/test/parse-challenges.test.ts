import { describe, expect, it, vi } from 'vitest';
import { AuthHeaderSyntaxError, parseChallenges, parseCredentials, type Diagnostic } from '../src/index';

const params = (record: Record<string, string>) => Object.assign(Object.create(null) as Record<string, string>, record);

function strictError(field: string | string[]): AuthHeaderSyntaxError {
  try {
    parseChallenges(field);
  } catch (error) {
    expect(error).toBeInstanceOf(AuthHeaderSyntaxError);
    return error as AuthHeaderSyntaxError;
  }
  throw new Error('expected the strict parser to throw');
}

function lenient(field: string | string[]) {
  const diagnostics: Diagnostic[] = [];
  const challenges = parseChallenges(field, { lenient: true, onDiagnostic: (d) => diagnostics.push(d) });
  return { challenges, codes: diagnostics.map((d) => `${d.code}@${d.offset}`) };
}

describe('parseChallenges: the list (RFC 9110 §5.6.1)', () => {
  it.each([[null], [undefined], [''], [','], [', ,'], [' , ,\t, '], [[]], [['', ' ']]])('%j is an empty list', (field) => {
    expect(parseChallenges(field as string)).toEqual([]);
  });

  it('reads several challenges in one field, params following their scheme', () => {
    expect(parseChallenges('Basic realm="simple", Newauth realm="apps", type=1, title="Login to \\"apps\\""')).toEqual([
      { scheme: 'Basic', params: params({ realm: 'simple' }) },
      { scheme: 'Newauth', params: params({ realm: 'apps', type: '1', title: 'Login to "apps"' }) },
    ]);
  });

  it('skips empty elements between challenges and between params', () => {
    expect(parseChallenges(',Basic realm=a,, ,Bearer  , scope=x ,,error=y,')).toEqual([
      { scheme: 'Basic', params: params({ realm: 'a' }) },
      { scheme: 'Bearer', params: params({ scope: 'x', error: 'y' }) },
    ]);
  });

  it('treats an array as the field lines of one list: a param on a later line belongs to the open challenge', () => {
    expect(parseChallenges(['  Bearer realm="x"', 'scope="a b"\t', 'Basic realm="y"'])).toEqual([
      { scheme: 'Bearer', params: params({ realm: 'x', scope: 'a b' }) },
      { scheme: 'Basic', params: params({ realm: 'y' }) },
    ]);
  });

  it('reports a name repeated across lines as a duplicate, with the offset in the joined field', () => {
    const error = strictError(['Bearer realm="x"', 'realm="y"']);
    expect(error.code).toBe('duplicate-param');
    expect(error.offset).toBe('Bearer realm="x", '.length);
  });
});

describe('parseChallenges: challenges (RFC 9110 §11.2, §11.3)', () => {
  it('keeps the scheme as written and lower-cases parameter names', () => {
    expect(parseChallenges('BEARER REALM="x", Scope=y')).toEqual([
      { scheme: 'BEARER', params: params({ realm: 'x', scope: 'y' }) },
    ]);
  });

  it('reads token68 with any padding, and tells it from an auth-param', () => {
    expect(parseChallenges('Negotiate YIIB+/x==')).toEqual([{ scheme: 'Negotiate', token68: 'YIIB+/x==', params: {} }]);
    expect(parseChallenges('X abc=')).toEqual([{ scheme: 'X', token68: 'abc=', params: {} }]);
    expect(parseChallenges('X abc===, Y')).toEqual([
      { scheme: 'X', token68: 'abc===', params: {} },
      { scheme: 'Y', params: {} },
    ]);
    expect(parseChallenges('X abc=def')).toEqual([{ scheme: 'X', params: params({ abc: 'def' }) }]);
    expect(parseChallenges('X abc = "def"')).toEqual([{ scheme: 'X', params: params({ abc: 'def' }) }]);
  });

  it('accepts BWS around "=" and OWS around commas', () => {
    expect(parseChallenges('Bearer realm = "x" ,\terror\t=\tinvalid_token')).toEqual([
      { scheme: 'Bearer', params: params({ realm: 'x', error: 'invalid_token' }) },
    ]);
  });

  it('unescapes quoted-pairs as the character itself, never as JSON escapes (RFC 9110 §5.6.4)', () => {
    expect(parseChallenges('X a="\\n\\t\\b\\u0041\\\\\\""')[0]!.params.a).toBe('ntbu0041\\"');
  });

  it('keeps obs-text and spaces inside quoted-strings', () => {
    expect(parseChallenges('X realm=" caf\u00e9 \u00ff "')[0]!.params.realm).toBe(' caf\u00e9 \u00ff ');
  });

  it('uses null-prototype params, so __proto__ and friends are ordinary names', () => {
    const [challenge] = parseChallenges('X __proto__="polluted", constructor=c, toString=t, hasOwnProperty=h');
    expect(Object.getPrototypeOf(challenge!.params)).toBeNull();
    expect(challenge!.params.__proto__).toBe('polluted');
    expect(challenge!.params.constructor).toBe('c');
    expect(Object.keys(challenge!.params)).toEqual(['__proto__', 'constructor', 'tostring', 'hasownproperty']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads `x=1, abc def` as a param then a new challenge with a token68, as the grammar says', () => {
    expect(parseChallenges('Bearer x=1, abc def')).toEqual([
      { scheme: 'Bearer', params: params({ x: '1' }) },
      { scheme: 'abc', token68: 'def', params: {} },
    ]);
  });

  it('reads a scheme-only challenge followed by spaces and empty elements then params as one challenge', () => {
    expect(parseChallenges('Basic , realm=x')).toEqual([{ scheme: 'Basic', params: params({ realm: 'x' }) }]);
  });
});

describe('parseChallenges: strict errors', () => {
  it.each([
    ['Bearer realm="x" scope="y"', 'expected-comma', 17],
    ['Bearer realm="x', 'unterminated-quoted-string', 15],
    ['Bearer a=1, A=2', 'duplicate-param', 12],
    ['Bearer abc, realm=x', 'token68-with-params', 12],
    ['Basic, realm=x', 'expected-scheme', 7],
    ['=x', 'expected-scheme', 0],
    ['Bearer\trealm=x', 'expected-space', 6],
    ['Be@rer realm=x', 'invalid-char', 2],
    ['Bearer x=1, realm=', 'expected-value', 18],
    ['Bearer x=1, realm=, y=2', 'expected-value', 18],
    ['Bearer realm=a/b', 'expected-comma', 14],
    ['Bearer abc def', 'expected-equals', 11],
    ['Bearer realm="a\u0000b"', 'invalid-char', 15],
    ['Bearer realm="a\rb"', 'invalid-char', 15],
    ['Bearer realm="a\\\nb"', 'invalid-char', 16],
  ])('%j → %s at %i', (field, code, offset) => {
    const error = strictError(field);
    expect({ code: error.code, offset: error.offset }).toEqual({ code, offset });
    expect(error.name).toBe('AuthHeaderSyntaxError');
    expect(error).toBeInstanceOf(SyntaxError);
  });

  it('shows the input with a marker under the fault, control characters masked', () => {
    const error = strictError('Bearer realm="x"\r\n scope="y"');
    const lines = error.message.split('\n');
    expect(lines[1]).toBe('  Bearer realm="x"?? scope="y"');
    expect(lines[2]!.indexOf('^')).toBe(2 + error.offset);
  });

  it('refuses a field longer than maxLength with too-long, and lenient mode returns [] after reporting it', () => {
    expect(() => parseChallenges('Basic realm="x"', { maxLength: 5 })).toThrow(expect.objectContaining({ code: 'too-long' }));
    expect(lenient('x'.repeat(70_000)).codes).toEqual(['too-long@65536']);
  });

  it('refuses a negative, NaN or non-integer maxLength with a TypeError naming the option, before reading the field', () => {
    for (const maxLength of [-1, Number.NaN, 1.5, -Infinity, '10' as unknown as number]) {
      for (const lenientMode of [false, true]) {
        const onDiagnostic = vi.fn();
        // Too long for any limit and full of faults: only the option check can answer first.
        const options = { maxLength, lenient: lenientMode, onDiagnostic };
        expect(() => parseChallenges('Basic\r\n realm="x"\0'.repeat(10), options)).toThrow(
          new TypeError('maxLength must be an integer >= 0'),
        );
        expect(() => parseCredentials('dXNlcjpTRUNSRVQ=', options)).toThrow(TypeError);
        // Checked before field lines are joined (a line that is not a string would be refused by the join).
        expect(() => parseChallenges(['Basic', 1] as unknown as string[], options)).toThrow('maxLength must be an integer >= 0');
        // A missing field is no excuse for a bad option.
        expect(() => parseChallenges(null, options)).toThrow('maxLength must be an integer >= 0');
        expect(onDiagnostic).not.toHaveBeenCalled();
      }
    }
    expect(parseChallenges('Basic', { maxLength: 5 })).toEqual([{ scheme: 'Basic', params: {} }]);
    expect(() => parseChallenges('Basic', { maxLength: 0 })).toThrow(expect.objectContaining({ code: 'too-long', offset: 0 }));
    expect(parseChallenges('Basic', { maxLength: Infinity })).toEqual([{ scheme: 'Basic', params: {} }]);
  });

  it('rejects a non-string field with a TypeError', () => {
    expect(() => parseChallenges(42 as unknown as string)).toThrow(TypeError);
    expect(() => parseChallenges(['a', 1] as unknown as string[])).toThrow(TypeError);
  });
});

describe('parseChallenges: lenient repairs', () => {
  it('inserts a missing comma between params', () => {
    expect(lenient('Bearer realm="x" scope="y"')).toEqual({
      challenges: [{ scheme: 'Bearer', params: params({ realm: 'x', scope: 'y' }) }],
      codes: ['expected-comma@17'],
    });
  });

  it('reads an unquoted value with characters outside token up to OWS or the next comma', () => {
    expect(lenient('Bearer realm=a/b, uri=/a/b, error=x')).toEqual({
      challenges: [{ scheme: 'Bearer', params: params({ realm: 'a/b', uri: '/a/b', error: 'x' }) }],
      codes: ['expected-comma@14', 'expected-value@22'],
    });
  });

  it('reads the words after an unquoted value and SP into it, as browsers do, SP kept as sent', () => {
    expect(lenient('Basic realm=My API')).toEqual({
      challenges: [{ scheme: 'Basic', params: params({ realm: 'My API' }) }],
      codes: ['expected-comma@15'],
    });
    expect(strictError('Basic realm=My API')).toMatchObject({ code: 'expected-comma', offset: 15 });
    expect(lenient('Basic realm=My  Big\tAPI, Bearer realm="b"')).toEqual({
      challenges: [
        { scheme: 'Basic', params: params({ realm: 'My  Big\tAPI' }) },
        { scheme: 'Bearer', params: params({ realm: 'b' }) },
      ],
      codes: ['expected-comma@16', 'expected-comma@20'],
    });
    expect(lenient('Basic realm=Restricted Area, Bearer').challenges).toEqual([
      { scheme: 'Basic', params: params({ realm: 'Restricted Area' }) },
      { scheme: 'Bearer', params: params({}) },
    ]);
    // A word that opens neither a param nor a challenge, even a scheme's name, goes on with the value.
    expect(lenient('Newauth realm=a Basic')).toEqual({
      challenges: [{ scheme: 'Newauth', params: params({ realm: 'a Basic' }) }],
      codes: ['expected-comma@16'],
    });
    // Trailing OWS is not part of it; a word with characters outside token is (`/`), each reported where strict
    // mode stops.
    expect(lenient('Bearer realm=a/b c/d  ')).toEqual({
      challenges: [{ scheme: 'Bearer', params: params({ realm: 'a/b c/d' }) }],
      codes: ['expected-comma@14', 'expected-comma@17'],
    });
    // After an empty value, `expected-value` alone reports the word read as the value (as before).
    expect(lenient('Bearer realm=/a b').codes).toEqual(['expected-value@13', 'expected-comma@16']);
    // A quoted value is never continued: what follows it is a param or a challenge.
    expect(lenient('Bearer realm="My" API').challenges.map((c) => c.scheme)).toEqual(['Bearer', 'API']);
  });

  it('after an unquoted value and SP, `token SP token=` starts the next challenge', () => {
    expect(lenient('Basic realm=b Basic realm=c')).toEqual({
      challenges: [
        { scheme: 'Basic', params: params({ realm: 'b' }) },
        { scheme: 'Basic', params: params({ realm: 'c' }) },
      ],
      codes: ['expected-comma@14'],
    });
    expect(strictError('Basic realm=b Basic realm=c')).toMatchObject({ code: 'expected-comma', offset: 14 });
    // Words first, then a challenge.
    expect(lenient('Basic realm=My API Bearer error=x').challenges).toEqual([
      { scheme: 'Basic', params: params({ realm: 'My API' }) },
      { scheme: 'Bearer', params: params({ error: 'x' }) },
    ]);
  });

  it('after a missing comma, reads `token=` as a param of the same challenge, unless it is a padded token68', () => {
    expect(lenient('Bearer a=b c=d, Basic realm=x')).toEqual({
      challenges: [
        { scheme: 'Bearer', params: params({ a: 'b', c: 'd' }) },
        { scheme: 'Basic', params: params({ realm: 'x' }) },
      ],
      codes: ['expected-comma@11'],
    });
    expect(lenient('Bearer a=b c="d e"').challenges).toEqual([{ scheme: 'Bearer', params: params({ a: 'b', c: 'd e' }) }]);
    // `abc==` at the end, before a comma or before SP is token68, never the name of a param: after an unquoted value
    // it goes on with the value; after a quoted one it is no challenge either (a scheme needs SP before its token68).
    expect(lenient('Bearer a=b abc==').challenges[0]).toEqual({ scheme: 'Bearer', params: params({ a: 'b abc==' }) });
    expect(lenient('Bearer a=b abc== z').challenges[0]).toEqual({ scheme: 'Bearer', params: params({ a: 'b abc== z' }) });
    expect(lenient('Bearer a=b abc=, x=y').challenges[0]).toEqual({ scheme: 'Bearer', params: params({ a: 'b abc=', x: 'y' }) });
    expect(lenient('Bearer a="b" abc==').challenges[0]).toEqual({ scheme: 'Bearer', params: params({ a: 'b' }) });
    expect(lenient('Basic realm=b Bearer abc==').challenges).toEqual([
      { scheme: 'Basic', params: params({ realm: 'b' }) },
      { scheme: 'Bearer', token68: 'abc==', params: params({}) },
    ]);
  });

  it('closes an unterminated quoted-string at the end of the field', () => {
    expect(lenient('Bearer realm="x", error="oops')).toEqual({
      challenges: [{ scheme: 'Bearer', params: params({ realm: 'x', error: 'oops' }) }],
      codes: ['unterminated-quoted-string@29'],
    });
  });

  it('skips a single garbage element and keeps the challenges around it', () => {
    expect(lenient('Bearer realm="x", ???, Basic realm="y"')).toEqual({
      challenges: [
        { scheme: 'Bearer', params: params({ realm: 'x' }) },
        { scheme: 'Basic', params: params({ realm: 'y' }) },
      ],
      codes: ['expected-scheme@18'],
    });
  });

  it('keeps the first of duplicate params', () => {
    expect(lenient('Bearer error=a, ERROR=b')).toEqual({
      challenges: [{ scheme: 'Bearer', params: params({ error: 'a' }) }],
      codes: ['duplicate-param@16'],
    });
  });

  it('starts a new challenge when a comma between challenges is missing', () => {
    expect(lenient('Bearer realm="x" Basic realm="y"')).toEqual({
      challenges: [
        { scheme: 'Bearer', params: params({ realm: 'x' }) },
        { scheme: 'Basic', params: params({ realm: 'y' }) },
      ],
      codes: ['expected-comma@17'],
    });
  });

  it('accepts HTAB after the scheme, and reads an empty value as ""', () => {
    expect(lenient('Bearer\terror=x, realm=, scope=y')).toEqual({
      challenges: [{ scheme: 'Bearer', params: params({ error: 'x', realm: '', scope: 'y' }) }],
      codes: ['expected-space@6', 'expected-value@22'],
    });
  });

  it('drops params after a token68, reporting each', () => {
    expect(lenient('Negotiate abc==, realm=x, Basic')).toEqual({
      challenges: [
        { scheme: 'Negotiate', token68: 'abc==', params: {} },
        { scheme: 'Basic', params: {} },
      ],
      codes: ['token68-with-params@17'],
    });
  });

  it('reports no diagnostics for a valid field', () => {
    expect(lenient('Bearer realm="x", Basic realm=y').codes).toEqual([]);
  });
});

describe('parseChallenges: control characters never reach a lenient value (RFC 9110 §5.5)', () => {
  // In a quoted-string a control character becomes SP; outside one it ends the value and its element.
  it.each([
    ['Basic realm="a\nb"', 'a b', ['invalid-char@14']],
    ['Basic realm="a\0b"', 'a b', ['invalid-char@14']],
    ['Basic realm="a\\\rb\x7f"', 'a b ', ['invalid-char@15', 'invalid-char@17']],
    ['Basic realm=a\x01b', 'a', ['expected-comma@13', 'expected-scheme@13']],
    ['Basic realm=\x1b[31m', '', ['expected-value@12', 'expected-comma@12', 'expected-scheme@12']],
  ])('%j reads %j', (field, realm, codes) => {
    expect(lenient(field)).toEqual({ challenges: [{ scheme: 'Basic', params: params({ realm }) }], codes });
    expect(strictError(field).code).toBe(codes[0]!.split('@')[0]);
  });

  it('keeps HTAB, which qdtext allows', () => {
    expect(parseChallenges('Basic realm="a\tb"')[0]!.params.realm).toBe('a\tb');
  });
});

describe('parseChallenges: line breaks in lenient mode, as browsers read them (RFC 9112 §5.2)', () => {
  it('reads obs-fold (CRLF or LF, then SP or HTAB) as whitespace', () => {
    expect(lenient('Basic\r\n realm="foo"')).toEqual({
      challenges: [{ scheme: 'Basic', params: params({ realm: 'foo' }) }],
      codes: ['invalid-char@5'],
    });
    expect(lenient('Bearer realm="a",\n\tscope="b"').challenges).toEqual([
      { scheme: 'Bearer', params: params({ realm: 'a', scope: 'b' }) },
    ]);
  });

  it('reads a bare CRLF or LF between list elements as a separator', () => {
    expect(lenient('Basic realm="a",\r\nNewauth realm="b"')).toEqual({
      challenges: [
        { scheme: 'Basic', params: params({ realm: 'a' }) },
        { scheme: 'Newauth', params: params({ realm: 'b' }) },
      ],
      codes: ['invalid-char@16'],
    });
    expect(lenient('Basic realm="a"\nNewauth realm="b"\r\n').challenges).toHaveLength(2);
    expect(lenient('Bearer realm="a"\r\nscope="b"').challenges).toEqual([
      { scheme: 'Bearer', params: params({ realm: 'a', scope: 'b' }) },
    ]);
  });

  it('still throws in strict mode, at the first line break', () => {
    expect(strictError('Basic\r\n realm="foo"')).toMatchObject({ code: 'invalid-char', offset: 5 });
    expect(strictError('Basic realm="a",\r\nNewauth realm="b"')).toMatchObject({ code: 'invalid-char', offset: 16 });
  });
});

describe('parseChallenges: unquoted URIs separated by SP, as Azure Storage sends them', () => {
  const azure =
    'Bearer authorization_uri=https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/oauth2/authorize resource_id=https://storage.azure.com';

  it('returns both params with the full URIs in lenient mode', () => {
    const { challenges, codes } = lenient(azure);
    expect(challenges).toEqual([
      {
        scheme: 'Bearer',
        params: params({
          authorization_uri: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/oauth2/authorize',
          resource_id: 'https://storage.azure.com',
        }),
      },
    ]);
    expect(codes).toEqual([`expected-comma@30`, `expected-comma@${azure.indexOf(' resource_id') + 1}`, `expected-comma@${azure.lastIndexOf(':')}`]);
    expect(strictError(azure)).toMatchObject({ code: 'expected-comma', offset: 30 });
  });

  it('keeps `=` inside an unquoted URI, and ends an unquoted value at the next param', () => {
    expect(lenient('Bearer uri=https://x.example/?a=b&c=d, error=x').challenges[0]!.params).toEqual(
      params({ uri: 'https://x.example/?a=b&c=d', error: 'x' }),
    );
    expect(lenient('Bearer uri=https://x.example/a error=x').challenges).toEqual([
      { scheme: 'Bearer', params: params({ uri: 'https://x.example/a', error: 'x' }) },
    ]);
    expect(lenient('Bearer uri=https://x.example/a Basic realm=y').challenges).toEqual([
      { scheme: 'Bearer', params: params({ uri: 'https://x.example/a' }) },
      { scheme: 'Basic', params: params({ realm: 'y' }) },
    ]);
  });
});
