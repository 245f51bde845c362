'use strict';

// Request-id middleware in the style of its first major version: options are filled in place.
var crypto = require('crypto');

module.exports = function requestId(options) {
  options = options || {};
  options.uuidVersion = options.uuidVersion || 'v4';
  options.setHeader = options.setHeader === undefined || !!options.setHeader;
  options.headerName = options.headerName || 'X-Request-Id';
  options.attributeName = options.attributeName || 'id';

  return function (req, res, next) {
    req[options.attributeName] = req.header(options.headerName) || crypto.randomUUID();
    if (options.setHeader) {
      res.setHeader(options.headerName, req[options.attributeName]);
    }
    next();
  };
};
