// InvalidTokenError: a validator's own description for 401 invalid_token (RFC 6750 §3.1), checked where the error is
// built, answered in the challenge and the body, and built once per description by the engine (bounded).
import { describe, expect, it, vi } from 'vitest';
import { createBearerAuthenticator } from '@authheaders/bearer/fetch';
import { InvalidTokenError, readBearerChallenge, type BearerAuthAuditEvent, type BearerAuthOptions } from '../src/index';

const REVOKED = 'The access token was revoked.';

describe('InvalidTokenError', () => {
  it('carries the code, the name and the description (also its message)', () => {
    const error = new InvalidTokenError(REVOKED);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'InvalidTokenError', code: 'invalid_token', description: REVOKED, message: REVOKED });
    expect(new InvalidTokenError().description).toBe('Invalid or expired access token.');
  });

  it.each([
    ['a double quote', 'say "hi"'],
    ['a backslash', 'a\\b'],
    ['CR LF', 'expired\r\nSet-Cookie: a=b'],
    ['HTAB', 'a\tb'],
    ['non-ASCII', 'abgelaufen – bitte neu anmelden '],
  ])('refuses a description with %s as a TypeError naming the field, without echoing the value', (_what, description) => {
    const secret = `${description}secret-token-42`;
    let thrown: unknown;
    try {
      new InvalidTokenError(secret);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TypeError);
    expect((thrown as TypeError).message).toMatch(/^description must be .*RFC 6750 §3/);
    expect((thrown as TypeError).message).not.toContain('secret-token-42');
  });

  it('refuses an empty description and one that is not a string', () => {
    expect(() => new InvalidTokenError('')).toThrow(TypeError);
    expect(() => new InvalidTokenError(42 as unknown as string)).toThrow(TypeError);
  });
});

describe('the engine answers a thrown InvalidTokenError', () => {
  const audits: BearerAuthAuditEvent[] = [];
  const options: BearerAuthOptions<undefined> = {
    realm: 'api',
    requiredScopes: ['read'],
    resourceMetadata: 'https://api.example.com/.well-known/oauth-protected-resource',
    onAudit: (event) => void audits.push(event),
    validateToken: (token) => {
      if (token === 'revoked') throw new InvalidTokenError(REVOKED);
      if (token.startsWith('n')) throw new InvalidTokenError(`Refusal number ${token.slice(1)}.`);
      return null;
    },
  };

  it('with 401 invalid_token, its description in the challenge and in the JSON body, audited as invalid_token', async () => {
    const outcome = await createBearerAuthenticator(options)({ authorization: 'Bearer revoked' }, undefined);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.failure).toMatchObject({ outcome: 'invalid_token', status: 401, error: 'invalid_token', errorDescription: REVOKED });
    expect(outcome.failure.wwwAuthenticate).toBe(
      `Bearer realm="api", error="invalid_token", error_description="${REVOKED}", resource_metadata="https://api.example.com/.well-known/oauth-protected-resource"`,
    );
    expect(JSON.parse(outcome.body)).toEqual({ error: 'invalid_token', error_description: REVOKED });
    await vi.waitFor(() => expect(audits.at(-1)?.outcome).toBe('invalid_token'));
  });

  it('keeps the generic description for a validator that returns null', async () => {
    const outcome = await createBearerAuthenticator(options)({ authorization: 'Bearer other' }, undefined);
    expect(!outcome.ok && readBearerChallenge(outcome.failure.wwwAuthenticate)?.errorDescription).toBe('Invalid or expired access token.');
  });

  it('builds the answer once per description: the same frozen answer, the body callback called once', async () => {
    const body = vi.fn((failure: { errorDescription?: string | undefined }) => ({ why: failure.errorDescription }));
    const authenticate = createBearerAuthenticator({ ...options, unauthenticatedResponse: body });
    const before = body.mock.calls.length;
    const first = await authenticate({ authorization: 'Bearer revoked' }, undefined);
    const second = await authenticate({ authorization: 'Bearer revoked' }, undefined);
    const other = await authenticate({ authorization: 'Bearer n1' }, undefined);
    expect(second).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(!first.ok && Object.isFrozen(first.failure.headers)).toBe(true);
    expect(other).not.toBe(first);
    expect(body.mock.calls.length - before).toBe(2);
    expect(!first.ok && JSON.parse(first.body)).toEqual({ why: REVOKED });
  });

  it('keeps at most 32 descriptions; past them, answers are built per request and still right', async () => {
    const authenticate = createBearerAuthenticator(options);
    const answers = [];
    for (let n = 0; n < 40; n++) answers.push(await authenticate({ authorization: `Bearer n${n}` }, undefined));
    for (let n = 0; n < 40; n++) {
      const again = await authenticate({ authorization: `Bearer n${n}` }, undefined);
      expect(again === answers[n]).toBe(n < 32);
      expect(!again.ok && again.failure.errorDescription).toBe(`Refusal number ${n}.`);
      expect(!again.ok && readBearerChallenge(again.failure.wwwAuthenticate)?.errorDescription).toBe(`Refusal number ${n}.`);
    }
  });

  it('a description changed after the error was built cannot break the header: the engine rejects (a server error)', async () => {
    const authenticate = createBearerAuthenticator<undefined, { subject: string }>({
      validateToken: () => {
        const error = new InvalidTokenError(REVOKED);
        Object.defineProperty(error, 'description', { value: 'a "quoted"\r\nline' });
        throw error;
      },
    });
    await expect(authenticate({ authorization: 'Bearer t' }, undefined)).rejects.toThrow(TypeError);
  });
});
