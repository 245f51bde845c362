const express = require('express');
const { bearerAuth } = require('@authheaders/bearer');

const app = express();
app.use('/mcp', bearerAuth({ mcpHeaderName: 'x-adcp-auth', mcpBearerPrefixRequired: true, validateToken: check }));

module.exports = app;
