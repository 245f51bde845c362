const { Hono } = require('hono');
const { bearerAuth } = require('@authheaders/bearer/hono');

const app = new Hono();
app.use('/api/*', bearerAuth({ token: process.env.TOKEN, legacyHeaderAliases: ["x-access-token"], legacyAliasesBearerPrefixRequired: true }));

module.exports = app;
