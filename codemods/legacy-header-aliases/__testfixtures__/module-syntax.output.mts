import { BearerTokenAuth } from '@authheaders/bearer';

const guard = <Guard>new BearerTokenAuth({ legacyHeaderAliases: ['x-adcp-auth'], validateToken });
export default guard;
