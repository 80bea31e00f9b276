#!/usr/bin/env node
// The deriv command. The bundle is built by `npm run build` (run automatically by `npm install`).
import '../dist/cli.js';
