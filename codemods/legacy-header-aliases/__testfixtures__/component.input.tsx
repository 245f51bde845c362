import { AuthProvider } from './auth';
import { withBearerAuth } from '@acme/mcp-auth';

export const handler = withBearerAuth(route, { headerName: 'x-adcp-auth', validateToken });

export function App() {
  return <AuthProvider headerName="x-adcp-auth" />;
}
