import express from 'express';
import { bearerAuth } from '@authheaders/bearer';
import { validateToken } from './tokens';

const app = express();

// The single legacy header becomes the single alias.
app.use(bearerAuth({ legacyHeaderAliases: ['x-adcp-auth'], validateToken }));

app.listen(3000);
