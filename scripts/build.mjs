// Build: esbuild bundles the library (dist/index.js) and the CLI (dist/cli.cjs,
// with commander inside, so the command starts without resolving hundreds of
// files) and the offline playground (dist/playground.html); tsc writes the type declarations (dist/types); finally V8's code cache
// for the CLI bundle is recorded (dist/cli.cache, see bin/deriv.cjs).
//
// Why the CLI bundle is CommonJS and cached: on Node 20 (no module compile cache),
// start-up is Node itself (~70 ms) plus loading our code. Measured on this machine,
// median of 30 runs of `deriv "x*w^2+b^2" --wrt w`: an ESM entry costs ~10 ms more
// than a CommonJS one (the ESM loader), compiling the 150 kB bundle ~9 ms (the code
// cache skips it), and commander's eager `require('node:child_process')` ~5 ms
// (deferred below until commander really spawns, which deriv never asks it to).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { buildPlayground } from './playground.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
rmSync(path.join(root, 'dist'), { recursive: true, force: true });
const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: false, logLevel: 'warning' };
await build({ ...common, format: 'esm', entryPoints: [path.join(root, 'src/index.ts')], outfile: path.join(root, 'dist/index.js') });

/** `node:child_process`, loaded on first use instead of at start-up. */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, () => ({ path: 'child_process', namespace: 'lazy' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
      loader: 'js',
      contents: "module.exports = { spawn: (...args) => require('node:child_process').spawn(...args) };",
    }));
  },
};
const cliBundle = {
  ...common,
  format: 'cjs',
  minify: true,
  plugins: [lazyChildProcess],
  // src/print/html.ts finds KaTeX with createRequire(import.meta.url), which CommonJS spells from __filename.
  define: { 'import.meta.url': '__deriv_module_url' },
  banner: { js: "const __deriv_module_url = require('node:url').pathToFileURL(__filename).href;" },
};
await build({ ...cliBundle, entryPoints: [path.join(root, 'src/cli/bin.ts')], outfile: path.join(root, 'dist/cli.cjs') });
// `deriv --batch` worker threads load this one (src/cli/batch-pool.ts finds it next to dist/cli.cjs).
await build({ ...cliBundle, entryPoints: [path.join(root, 'src/cli/batch-worker.ts')], outfile: path.join(root, 'dist/batch-worker.cjs') });
// The offline playground: one self-contained page (scripts/playground.mjs); `deriv --playground` copies it.
writeFileSync(path.join(root, 'dist/playground.html'), await buildPlayground(root));
execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
mkdirSync(path.join(root, 'dist'), { recursive: true });
writeFileSync(path.join(root, 'dist/index.d.ts'), "export * from './types/src/index.js';\n");

// Record the code cache from one typical run (the functions it compiles are the ones cached).
// A failure here only costs start-up time, so it warns instead of failing the build.
try {
  execFileSync(process.execPath, [path.join(root, 'bin/deriv.cjs'), '1/2*(w*x+b-y)^2 + sin(x)', '--wrt', 'w,b'], {
    env: { ...process.env, DERIV_RECORD_CODE_CACHE: '1' },
    stdio: 'ignore',
  });
} catch (e) {
  console.warn(`note: no code cache for the CLI (${e.message}); it works, only starts a little slower`);
}
