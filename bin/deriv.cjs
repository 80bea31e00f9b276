#!/usr/bin/env node
// The deriv command. It runs the CLI bundle dist/cli.cjs, built by `npm run build`
// (which `npm install` runs), compiled with V8's code cache dist/cli.cache when that
// is present and accepted: start-up then skips parsing and compiling the bundle.
// A missing or stale cache (another Node version) just means a normal compile.
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { wrap } = require('node:module');

const dist = path.join(__dirname, '..', 'dist');
const bundle = path.join(dist, 'cli.cjs');
const cacheFile = path.join(dist, 'cli.cache');

let source;
try {
  source = readFileSync(bundle, 'utf8');
} catch {
  process.stderr.write(`deriv: ${bundle} is missing; run \`npm run build\` in ${path.dirname(dist)}\n`);
  process.exit(70);
}
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new vm.Script(wrap(source), { filename: bundle, cachedData });
// `npm run build` sets this to record the cache after one typical run.
if (process.env.DERIV_RECORD_CODE_CACHE === '1') process.on('exit', () => writeFileSync(cacheFile, script.createCachedData()));
const module_ = { exports: {} };
script.runInThisContext()(module_.exports, require, module_, bundle, dist);
