const express = require('express');
const { bearerAuth } = require('@acme/mcp-auth');

const app = express();
app.use('/mcp', bearerAuth({ legacyHeaderAliases: ['x-adcp-auth'], legacyAliasesBearerPrefixRequired: true, validateToken: check }));

module.exports = app;
