/**
 * Realistic WWW-Authenticate values, as servers send them. Sources: RFC 9110 §11.6.1, RFC 6750 §3, RFC 9728 §5.1,
 * RFC 9449 §7.1, RFC 9470 §3, and the documented challenges of Docker registries, GitHub, Azure, Google Cloud and AWS.
 */
export const REALISTIC_CHALLENGES: readonly string[] = [
  'Basic realm="simple"',
  'Newauth realm="apps", type=1, title="Login to \\"apps\\"", Basic realm="simple"',
  'Bearer realm="example"',
  'Bearer realm="example", error="invalid_token", error_description="The access token expired"',
  'Bearer error="insufficient_scope", scope="files:read files:write"',
  'Bearer resource_metadata="https://resource.example.com/.well-known/oauth-protected-resource"',
  'DPoP algs="ES256 PS256"',
  'Bearer error="insufficient_user_authentication", error_description="A different authentication level is required", acr_values="myACR"',
  'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:samalba/my-app:pull,push"',
  'Basic realm="GitHub"',
  'Bearer authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="invalid_token", error_description="The authentication failed because of missing \'Authorization\' header."',
  'Bearer realm="https://accounts.google.com/", error="invalid_token"',
  'Negotiate',
  'Negotiate YIIB+/x==',
];
