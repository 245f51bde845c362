/*
 * Conformance vectors as data, each with where it comes from. `expect` is the strict parse (schemes as written,
 * parameter names lower-cased, values unescaped) or the code of the strict error; `lenient`, where given, is the
 * lenient parse of a field strict mode refuses.
 *
 * Sources:
 * - RFC examples: RFC 9110 §11.6.1, RFC 6750 §3 and §3.1, RFC 9728 §5.1, RFC 9449 §7.1, RFC 9470 §3.
 * - httpauth: scenarios named after Julian Reschke's HTTP authentication test cases (greenbytes.de/tech/tc/httpauth),
 *   with the outcome RFC 9110 gives (not a browser's).
 * - real: the shape of headers documented or seen from well-known services (hosts and tenants made generic).
 */
export type Expected = Array<{ scheme: string; token68?: string; params?: Record<string, string> }> | { error: string };

export interface Vector {
  source: string;
  /** The field, or its lines (RFC 9110 §5.3). */
  field: string | string[];
  expect: Expected;
  /** The lenient parse, for a field strict mode refuses (see the lenient policy in the package README). */
  lenient?: Expected;
}

export const VECTORS: Vector[] = [
  // RFC examples
  {
    source: 'RFC 9110 §11.6.1',
    field: 'Basic realm="simple", Newauth realm="apps", type=1, title="Login to \\"apps\\""',
    expect: [
      { scheme: 'Basic', params: { realm: 'simple' } },
      { scheme: 'Newauth', params: { realm: 'apps', type: '1', title: 'Login to "apps"' } },
    ],
  },
  { source: 'RFC 6750 §3', field: 'Bearer realm="example"', expect: [{ scheme: 'Bearer', params: { realm: 'example' } }] },
  {
    source: 'RFC 6750 §3',
    field: 'Bearer realm="example", error="invalid_token", error_description="The access token expired"',
    expect: [{ scheme: 'Bearer', params: { realm: 'example', error: 'invalid_token', error_description: 'The access token expired' } }],
  },
  {
    source: 'RFC 6750 §3.1',
    field: 'Bearer realm="example", error="insufficient_scope", scope="photos:read photos:write"',
    expect: [{ scheme: 'Bearer', params: { realm: 'example', error: 'insufficient_scope', scope: 'photos:read photos:write' } }],
  },
  {
    source: 'RFC 9728 §5.1',
    field: 'Bearer resource_metadata="https://resource.example.com/.well-known/oauth-protected-resource"',
    expect: [{ scheme: 'Bearer', params: { resource_metadata: 'https://resource.example.com/.well-known/oauth-protected-resource' } }],
  },
  {
    source: 'RFC 9728 §5.1',
    field: 'Bearer error="invalid_request", error_description="No access token was provided in this request", resource_metadata="https://resource.example.com/.well-known/oauth-protected-resource"',
    expect: [
      {
        scheme: 'Bearer',
        params: {
          error: 'invalid_request',
          error_description: 'No access token was provided in this request',
          resource_metadata: 'https://resource.example.com/.well-known/oauth-protected-resource',
        },
      },
    ],
  },
  {
    source: 'RFC 9449 §7.1',
    field: 'DPoP algs="ES256 PS256", error="invalid_token", error_description="Invalid DPoP key binding"',
    expect: [{ scheme: 'DPoP', params: { algs: 'ES256 PS256', error: 'invalid_token', error_description: 'Invalid DPoP key binding' } }],
  },
  {
    source: 'RFC 9449 §8',
    field: 'DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof"',
    expect: [{ scheme: 'DPoP', params: { error: 'use_dpop_nonce', error_description: 'Resource server requires nonce in DPoP proof' } }],
  },
  {
    source: 'RFC 9470 §3',
    field: 'Bearer error="insufficient_user_authentication", error_description="A different authentication level is required", acr_values="myACR"',
    expect: [
      {
        scheme: 'Bearer',
        params: { error: 'insufficient_user_authentication', error_description: 'A different authentication level is required', acr_values: 'myACR' },
      },
    ],
  },
  {
    source: 'RFC 9470 §3',
    field: 'Bearer error="insufficient_user_authentication", error_description="More recent authentication is required", max_age="5"',
    expect: [
      { scheme: 'Bearer', params: { error: 'insufficient_user_authentication', error_description: 'More recent authentication is required', max_age: '5' } },
    ],
  },

  // httpauth scenarios
  { source: 'httpauth simplebasic', field: 'Basic realm="foo"', expect: [{ scheme: 'Basic', params: { realm: 'foo' } }] },
  { source: 'httpauth simplebasicucase', field: 'BASIC REALM="foo"', expect: [{ scheme: 'BASIC', params: { realm: 'foo' } }] },
  { source: 'httpauth simplebasictok', field: 'Basic realm=foo', expect: [{ scheme: 'Basic', params: { realm: 'foo' } }] },
  { source: 'httpauth simplebasictokbs', field: 'Basic realm=\\f\\o\\o', expect: { error: 'expected-value' } },
  { source: 'httpauth simplebasicsq', field: "Basic realm='foo'", expect: [{ scheme: 'Basic', params: { realm: "'foo'" } }] },
  { source: 'httpauth simplebasicpct', field: 'Basic realm="foo%20bar"', expect: [{ scheme: 'Basic', params: { realm: 'foo%20bar' } }] },
  { source: 'httpauth simplebasiccomma', field: 'Basic , realm="foo"', expect: [{ scheme: 'Basic', params: { realm: 'foo' } }] },
  { source: 'httpauth simplebasiccomma2', field: 'Basic, realm="foo"', expect: { error: 'expected-scheme' } },
  { source: 'httpauth simplebasicnorealm', field: 'Basic', expect: [{ scheme: 'Basic' }] },
  { source: 'httpauth simplebasic2realms', field: 'Basic realm="foo", realm="bar"', expect: { error: 'duplicate-param' } },
  { source: 'httpauth simplebasicwsrealm', field: 'Basic realm = "foo"', expect: [{ scheme: 'Basic', params: { realm: 'foo' } }] },
  { source: 'httpauth simplebasicrealmsqc', field: 'Basic realm="\\f\\o\\o"', expect: [{ scheme: 'Basic', params: { realm: 'foo' } }] },
  { source: 'httpauth simplebasicrealmsqc2', field: 'Basic realm="\\"foo\\""', expect: [{ scheme: 'Basic', params: { realm: '"foo"' } }] },
  {
    source: 'httpauth simplebasicnewparam1',
    field: 'Basic realm="foo", bar="xyz",, a=b,,,c=d',
    expect: [{ scheme: 'Basic', params: { realm: 'foo', bar: 'xyz', a: 'b', c: 'd' } }],
  },
  { source: 'httpauth simplebasicnewparam2', field: 'Basic bar="xyz", realm="foo"', expect: [{ scheme: 'Basic', params: { bar: 'xyz', realm: 'foo' } }] },
  { source: 'httpauth simplebasicrealmiso88591', field: 'Basic realm="foo-ä"', expect: [{ scheme: 'Basic', params: { realm: 'foo-ä' } }] },
  {
    source: 'httpauth multibasicunknown',
    field: 'Basic realm="basic", Newauth realm="newauth"',
    expect: [
      { scheme: 'Basic', params: { realm: 'basic' } },
      { scheme: 'Newauth', params: { realm: 'newauth' } },
    ],
  },
  {
    source: 'httpauth multibasicunknownnoparam',
    field: 'Basic realm="basic", Newauth',
    expect: [{ scheme: 'Basic', params: { realm: 'basic' } }, { scheme: 'Newauth' }],
  },
  {
    source: 'httpauth multibasicunknown2',
    field: 'Newauth realm="newauth", Basic realm="basic"',
    expect: [
      { scheme: 'Newauth', params: { realm: 'newauth' } },
      { scheme: 'Basic', params: { realm: 'basic' } },
    ],
  },
  { source: 'httpauth multibasicempty', field: ',Basic realm="basic"', expect: [{ scheme: 'Basic', params: { realm: 'basic' } }] },
  {
    source: 'httpauth multibasicqs',
    field: 'Newauth realm="apps", type=1, title="Login to \\"apps\\"", Basic realm="simple"',
    expect: [
      { scheme: 'Newauth', params: { realm: 'apps', type: '1', title: 'Login to "apps"' } },
      { scheme: 'Basic', params: { realm: 'simple' } },
    ],
  },
  {
    source: 'httpauth multidisgscheme',
    field: 'Newauth realm="Newauth Realm", basic=foo, Basic realm="Basic Realm"',
    expect: [
      { scheme: 'Newauth', params: { realm: 'Newauth Realm', basic: 'foo' } },
      { scheme: 'Basic', params: { realm: 'Basic Realm' } },
    ],
  },
  { source: 'httpauth unknownscheme', field: 'Newauth realm="newauth"', expect: [{ scheme: 'Newauth', params: { realm: 'newauth' } }] },
  {
    source: 'httpauth disguisedrealm',
    field: 'Basic foo="realm=nottherealm", realm="basic"',
    expect: [{ scheme: 'Basic', params: { foo: 'realm=nottherealm', realm: 'basic' } }],
  },
  {
    source: 'httpauth disguisedrealm2',
    field: 'Basic nottherealm="nottherealm", realm="basic"',
    expect: [{ scheme: 'Basic', params: { nottherealm: 'nottherealm', realm: 'basic' } }],
  },
  { source: 'httpauth missingquote', field: 'Basic realm="basic', expect: { error: 'unterminated-quoted-string' } },

  // Real services
  {
    source: 'real: Docker registry token auth',
    field: 'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/ubuntu:pull"',
    expect: [{ scheme: 'Bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/ubuntu:pull' } }],
  },
  {
    source: 'real: GitHub container registry',
    field: 'Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:octo/app:pull"',
    expect: [{ scheme: 'Bearer', params: { realm: 'https://ghcr.io/token', service: 'ghcr.io', scope: 'repository:octo/app:pull' } }],
  },
  {
    source: 'real: Microsoft Entra ID protected API',
    field: 'Bearer authorization_uri="https://login.microsoftonline.com/tenant-id/oauth2/authorize", error="invalid_token", error_description="The access token is missing or invalid."',
    expect: [
      {
        scheme: 'Bearer',
        params: {
          authorization_uri: 'https://login.microsoftonline.com/tenant-id/oauth2/authorize',
          error: 'invalid_token',
          error_description: 'The access token is missing or invalid.',
        },
      },
    ],
  },
  {
    source: 'real: Google APIs',
    field: 'Bearer realm="https://accounts.google.com/", error="invalid_token"',
    expect: [{ scheme: 'Bearer', params: { realm: 'https://accounts.google.com/', error: 'invalid_token' } }],
  },
  {
    source: 'real: Amazon ECR',
    field: 'Basic realm="https://123456789012.dkr.ecr.us-east-1.amazonaws.com/",service="ecr.amazonaws.com"',
    expect: [{ scheme: 'Basic', params: { realm: 'https://123456789012.dkr.ecr.us-east-1.amazonaws.com/', service: 'ecr.amazonaws.com' } }],
  },
  {
    source: 'real: IIS / Windows authentication',
    field: 'Negotiate, NTLM',
    expect: [{ scheme: 'Negotiate' }, { scheme: 'NTLM' }],
  },
  {
    source: 'real: Azure Storage (unquoted URIs separated by SP; the Azure SDKs read both params)',
    field:
      'Bearer authorization_uri=https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/oauth2/authorize resource_id=https://storage.azure.com',
    expect: { error: 'expected-comma' },
    lenient: [
      {
        scheme: 'Bearer',
        params: {
          authorization_uri: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/oauth2/authorize',
          resource_id: 'https://storage.azure.com',
        },
      },
    ],
  },
  // Missing commas after an unquoted value (lenient policy in the package README). Browsers' challenge tokenizers
  // (Chromium's splits the params at commas only; Firefox's reads the same) end an unquoted value only at a comma and
  // trim it, so `realm=My API` is realm `My API`; the Azure SDKs read `token=` after SP as the next param. The lenient
  // rule, after an unquoted value and SP: `token=` is another param of the same challenge (the Azure shape above),
  // `token SP token=` a new challenge, anything else goes on with the value.
  {
    source: 'browsers: an unquoted realm with SP in it (Chromium and Firefox read realm "My API")',
    field: 'Basic realm=My API',
    expect: { error: 'expected-comma' },
    lenient: [{ scheme: 'Basic', params: { realm: 'My API' } }],
  },
  {
    source: 'browsers: an unquoted realm with SP in it, then a challenge after the comma',
    field: 'Basic realm=Restricted Area, Bearer',
    expect: { error: 'expected-comma' },
    lenient: [{ scheme: 'Basic', params: { realm: 'Restricted Area' } }, { scheme: 'Bearer' }],
  },
  {
    source: 'browsers: an unquoted realm of three words, then a challenge after the comma',
    field: 'Basic realm=My Big API, Bearer realm="b"',
    expect: { error: 'expected-comma' },
    lenient: [
      { scheme: 'Basic', params: { realm: 'My Big API' } },
      { scheme: 'Bearer', params: { realm: 'b' } },
    ],
  },
  {
    source: 'lenient policy: a challenge after an unquoted value, comma missing',
    field: 'Basic realm=b Basic realm=c',
    expect: { error: 'expected-comma' },
    lenient: [
      { scheme: 'Basic', params: { realm: 'b' } },
      { scheme: 'Basic', params: { realm: 'c' } },
    ],
  },
  {
    source: 'Azure SDKs: a param after an unquoted value, separated by SP',
    field: 'Bearer a=b c=d',
    expect: { error: 'expected-comma' },
    lenient: [{ scheme: 'Bearer', params: { a: 'b', c: 'd' } }],
  },
  {
    source: 'lenient policy: a param after an unquoted value, comma missing, then a challenge',
    field: 'Bearer a=b c=d, Basic realm=x',
    expect: { error: 'expected-comma' },
    lenient: [
      { scheme: 'Bearer', params: { a: 'b', c: 'd' } },
      { scheme: 'Basic', params: { realm: 'x' } },
    ],
  },
  {
    source: 'browsers: a word after an unquoted value that opens neither a param nor a challenge is part of it',
    field: 'Newauth realm=a Basic',
    expect: { error: 'expected-comma' },
    lenient: [{ scheme: 'Newauth', params: { realm: 'a Basic' } }],
  },
  {
    source: 'browsers: the same before a comma',
    field: 'Newauth realm=a Basic, Bearer',
    expect: { error: 'expected-comma' },
    lenient: [{ scheme: 'Newauth', params: { realm: 'a Basic' } }, { scheme: 'Bearer' }],
  },
  {
    source: 'lenient policy: a token68 challenge after an unquoted value, comma missing',
    field: 'Basic realm=b Bearer abc==',
    expect: { error: 'expected-comma' },
    lenient: [{ scheme: 'Basic', params: { realm: 'b' } }, { scheme: 'Bearer', token68: 'abc==' }],
  },
  {
    source: 'lenient policy: a challenge after an unquoted URI, comma missing',
    field: 'Bearer authorization_uri=https://login.example/t/oauth2/authorize Basic realm="x"',
    expect: { error: 'expected-comma' },
    lenient: [
      { scheme: 'Bearer', params: { authorization_uri: 'https://login.example/t/oauth2/authorize' } },
      { scheme: 'Basic', params: { realm: 'x' } },
    ],
  },
  {
    source: 'lenient policy: a padded token68 after an unquoted value is no param name; it goes on with the value',
    field: 'Bearer a=b abc==',
    expect: { error: 'expected-comma' },
    lenient: [{ scheme: 'Bearer', params: { a: 'b abc==' } }],
  },
  {
    source: 'RFC 9110 §11.6.1 shape: the same two challenges with their comma',
    field: 'Basic realm=b, Basic realm=c',
    expect: [
      { scheme: 'Basic', params: { realm: 'b' } },
      { scheme: 'Basic', params: { realm: 'c' } },
    ],
  },
  {
    source: 'RFC 9112 §5.2 obs-fold, as browsers read a folded field',
    field: 'Basic\r\n realm="foo"',
    expect: { error: 'invalid-char' },
    lenient: [{ scheme: 'Basic', params: { realm: 'foo' } }],
  },
  {
    source: 'RFC 9112 §5.2: a bare line break between list elements separates them',
    field: 'Basic realm="a",\r\nNewauth realm="b"',
    expect: { error: 'invalid-char' },
    lenient: [
      { scheme: 'Basic', params: { realm: 'a' } },
      { scheme: 'Newauth', params: { realm: 'b' } },
    ],
  },
  {
    source: 'RFC 9110 §5.5: control characters in a value read as SP',
    field: 'Basic realm="a\nb\u0000c"',
    expect: { error: 'invalid-char' },
    lenient: [{ scheme: 'Basic', params: { realm: 'a b c' } }],
  },
  {
    source: 'RFC 9110 §5.3: a quoted-string does not run on into the next field line (neither line is valid alone)',
    field: ['Bearer realm="a', 'b", error="invalid_token"'],
    expect: { error: 'unterminated-quoted-string' },
    lenient: [{ scheme: 'Bearer', params: { realm: 'a' } }],
  },
  {
    source: 'RFC 9110 §5.3: the same, the first line ending in a backslash',
    field: ['Bearer realm="a\\', 'error="invalid_token"'],
    expect: { error: 'unterminated-quoted-string' },
    lenient: [{ scheme: 'Bearer', params: { realm: 'a', error: 'invalid_token' } }],
  },
  {
    source: 'RFC 9110 §5.3: a quoted-string closed on its own line, a param of the same challenge on the next',
    field: ['Bearer realm="a, b"', 'error="invalid_token"'],
    expect: [{ scheme: 'Bearer', params: { realm: 'a, b', error: 'invalid_token' } }],
  },
  {
    source: 'RFC 9110 §5.6.4: one field line, the same characters: a comma inside a quoted-string',
    field: 'Bearer realm="a, b", error="invalid_token"',
    expect: [{ scheme: 'Bearer', params: { realm: 'a, b', error: 'invalid_token' } }],
  },
  {
    source: 'RFC 9112 §2.2: a bare LF ends the element; strict mode reads no further',
    field: 'a\n'.repeat(64),
    expect: { error: 'invalid-char' },
    lenient: Array.from({ length: 64 }, () => ({ scheme: 'a' })),
  },
  {
    source: 'real: Kerberos continuation (token68)',
    field: 'Negotiate YIIBhwYJKoZIhvcSAQICAQBuggF2MIIBcqADAgEF',
    expect: [{ scheme: 'Negotiate', token68: 'YIIBhwYJKoZIhvcSAQICAQBuggF2MIIBcqADAgEF' }],
  },
];
