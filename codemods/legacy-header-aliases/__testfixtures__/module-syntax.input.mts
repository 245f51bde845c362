import { BearerTokenAuth } from '@authheaders/bearer';

const guard = <Guard>new BearerTokenAuth({ headerName: 'x-adcp-auth', validateToken });
export default guard;
