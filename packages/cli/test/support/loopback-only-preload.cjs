// Preloaded with `node -r` into a CLI child process in tests: any DNS lookup of a name other than localhost, and
// any connection to an address other than loopback, ends the process with exit code 99 before a packet is sent.
'use strict';
const net = require('node:net');
const dns = require('node:dns');
const { syncBuiltinESMExports } = require('node:module');

const isLoopback = (host) => host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
const refuse = (what) => {
  process.stderr.write(`loopback guard: refused ${what}\n`);
  process.exit(99);
};
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const options = args[0] !== null && typeof args[0] === 'object' ? (Array.isArray(args[0]) ? args[0][0] : args[0]) : { port: args[0], host: args[1] };
  if (options.path === undefined && !isLoopback(options.host ?? 'localhost')) refuse(`a connection to ${options.host}`);
  return connect.apply(this, args);
};
const lookup = dns.lookup;
dns.lookup = function guardedLookup(host, ...rest) {
  if (!isLoopback(host)) refuse(`a lookup of ${host}`);
  return lookup.call(this, host, ...rest);
};
const lookupPromise = dns.promises.lookup;
dns.promises.lookup = function guardedLookupPromise(host, ...rest) {
  if (!isLoopback(host)) refuse(`a lookup of ${host}`);
  return lookupPromise.call(this, host, ...rest);
};
syncBuiltinESMExports();
