import { describe, expect, it } from 'vitest';
import { AuthHeaderSyntaxError, parseCredentials, type Diagnostic } from '../src/index';

const params = (record: Record<string, string>) => Object.assign(Object.create(null) as Record<string, string>, record);

describe('parseCredentials (RFC 9110 §11.4)', () => {
  it('reads token68 credentials', () => {
    expect(parseCredentials('Bearer mF_9.B5f-4.1JqM')).toEqual({ scheme: 'Bearer', token68: 'mF_9.B5f-4.1JqM', params: {} });
    expect(parseCredentials('  Basic dXNlcjpwYXNz  ')).toEqual({ scheme: 'Basic', token68: 'dXNlcjpwYXNz', params: {} });
  });

  it('reads auth-param credentials (Digest, RFC 7616 §3.4)', () => {
    expect(parseCredentials('Digest username="Mufasa", realm="http-auth@example.org", nc=00000001, qop=auth')).toEqual({
      scheme: 'Digest',
      params: params({ username: 'Mufasa', realm: 'http-auth@example.org', nc: '00000001', qop: 'auth' }),
    });
  });

  it('reads a bare scheme', () => {
    expect(parseCredentials('Negotiate')).toEqual({ scheme: 'Negotiate', params: {} });
  });

  it.each([
    ['', 'empty-credentials', 0],
    ['   ', 'empty-credentials', 3],
    ['Bearer abc, Bearer def', 'invalid-char', 10],
    ['Bearer abc,', 'invalid-char', 10],
    ['Bearer abc def', 'expected-equals', 11],
    ['Digest a=1, Basic xyz', 'invalid-char', 12],
    ['Bearer abc, x=1', 'token68-with-params', 12],
  ])('%j → %s at %i', (field, code, offset) => {
    let caught: unknown;
    try {
      parseCredentials(field);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AuthHeaderSyntaxError);
    expect({ code: (caught as AuthHeaderSyntaxError).code, offset: (caught as AuthHeaderSyntaxError).offset }).toEqual({ code, offset });
  });

  it('never echoes a secret into the error message, and keeps the scheme readable', () => {
    const secret = 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0';
    let caught: AuthHeaderSyntaxError | undefined;
    try {
      parseCredentials(`Bearer ${secret} "oops`);
    } catch (error) {
      caught = error as AuthHeaderSyntaxError;
    }
    expect(caught).toBeDefined();
    expect(caught!.message).not.toContain('eyJ');
    expect(caught!.message).not.toContain('c2Vj');
    expect(caught!.message).toMatch(/\*{20}/);
    expect(JSON.stringify(caught)).not.toContain('eyJ');
    expect(Object.values(caught!).join(' ')).not.toContain('eyJ');
  });

  it('lenient mode never throws and returns an empty scheme for an empty field', () => {
    const diagnostics: Diagnostic[] = [];
    expect(parseCredentials('', { lenient: true, onDiagnostic: (d) => diagnostics.push(d) })).toEqual({ scheme: '', params: {} });
    expect(diagnostics.map((d) => d.code)).toEqual(['empty-credentials']);
    expect(parseCredentials('Digest a="x', { lenient: true })).toEqual({ scheme: 'Digest', params: params({ a: 'x' }) });
  });

  it('rejects a non-string with a TypeError', () => {
    expect(() => parseCredentials(undefined as unknown as string)).toThrow(TypeError);
  });
});
