const { Hono } = require('hono');
const { bearerAuth } = require('hono/bearer-auth');

const app = new Hono();
app.use('/api/*', bearerAuth({ token: process.env.TOKEN, headerName: "x-access-token" }));

module.exports = app;
