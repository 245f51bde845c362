// An object with validateToken passed to a function of unknown origin is not taken for a bearer-auth config.
const options = {
  headerName: 'x-adcp-auth',
  async validateToken(token: string) {
    return lookup(token);
  },
};

export const auth = createAuth(options);
