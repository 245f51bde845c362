export type {
  AuthHeaderSyntaxErrorCode,
  Challenge,
  Credentials,
  Diagnostic,
  ParseOptions,
  SerializeOptions,
} from './types';
export { AuthHeaderSyntaxError } from './auth-header-syntax-error';
export { parseChallenges } from './parse-challenges';
export { parseCredentials } from './parse-credentials';
export { serializeChallenges } from './serialize-challenges';
export { serializeCredentials } from './serialize-credentials';
export { findChallenge } from './find-challenge';
export { joinFieldLines } from './field-lines';
export { DEFAULT_MAX_LENGTH } from './parse-options';
