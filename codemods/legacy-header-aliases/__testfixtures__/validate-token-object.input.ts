// Any object literal with validateToken is a bearer-auth config, whatever it is passed to.
const options = {
  headerName: 'x-adcp-auth',
  async validateToken(token: string) {
    return lookup(token);
  },
};

export const auth = createAuth(options);
