#!/usr/bin/env node
// A committed entry point, so installing the workspace links the bin before the build has run.
import '../dist/bin.js';
