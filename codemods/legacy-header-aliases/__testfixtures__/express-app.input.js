const express = require('express');
const { bearerAuth } = require('@acme/mcp-auth');

const app = express();
app.use('/mcp', bearerAuth({ mcpHeaderName: 'x-adcp-auth', mcpBearerPrefixRequired: true, validateToken: check }));

module.exports = app;
