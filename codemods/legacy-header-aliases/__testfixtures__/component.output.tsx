import { AuthProvider } from './auth';
import { withBearerAuth } from '@authheaders/bearer';

export const handler = withBearerAuth(route, { legacyHeaderAliases: ['x-adcp-auth'], validateToken });

export function App() {
  return <AuthProvider headerName="x-adcp-auth" />;
}
