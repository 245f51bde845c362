const express = require('express');
const { bearerAuth } = require('@authheaders/bearer');

const app = express();
app.use('/mcp', bearerAuth({ legacyHeaderAliases: ['x-adcp-auth'], legacyAliasesBearerPrefixRequired: true, validateToken: check }));

module.exports = app;
