export type {
  AuthHeaderSyntaxErrorCode,
  Challenge,
  Credentials,
  Diagnostic,
  ParseOptions,
  SerializeOptions,
} from './types';
export { AuthHeaderSyntaxError } from './auth-header-syntax-error';
