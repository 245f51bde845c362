import { BearerTokenAuth } from '@acme/mcp-auth';

const guard = <Guard>new BearerTokenAuth({ legacyHeaderAliases: ['x-adcp-auth'], validateToken });
export default guard;
