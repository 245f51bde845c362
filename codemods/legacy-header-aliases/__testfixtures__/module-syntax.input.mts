import { BearerTokenAuth } from '@acme/mcp-auth';

const guard = <Guard>new BearerTokenAuth({ headerName: 'x-adcp-auth', validateToken });
export default guard;
