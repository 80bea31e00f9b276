// Build: esbuild bundles the library (dist/index.js) and the CLI (dist/cli.js,
// with commander inside, so the command starts without resolving hundreds of
// files); tsc writes the type declarations (dist/types).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
rmSync(path.join(root, 'dist'), { recursive: true, force: true });
const common = { bundle: true, platform: 'node', format: 'esm', target: 'node20', sourcemap: false, logLevel: 'warning' };
await build({ ...common, entryPoints: [path.join(root, 'src/index.ts')], outfile: path.join(root, 'dist/index.js') });
await build({ ...common, entryPoints: [path.join(root, 'src/cli/bin.ts')], outfile: path.join(root, 'dist/cli.js'), minify: true,
  // commander is CommonJS: give the ESM bundle a require for its node: built-ins.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" } });
execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
mkdirSync(path.join(root, 'dist'), { recursive: true });
writeFileSync(path.join(root, 'dist/index.d.ts'), "export * from './types/src/index.js';\n");
