// npm run pack [-- DESTINATION]: the tarball a student installs in their own project
// (`npm install /path/to/deriv-0.1.0.tgz`), written to DESTINATION (default: this folder).
//
// Why not plain `npm pack`: it ships package.json as it is, `prepare` script included, and npm runs (or,
// from npm 11, blocks with a warning) a tarball's `prepare` when a project installs it — here the build,
// which needs this checkout's devDependencies. So the package is staged with the files package.json lists
// and a package.json without scripts or devDependencies; the build in dist/ goes in as it is.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const destination = path.resolve(process.argv[2] ?? root);
if (!existsSync(path.join(root, 'dist', 'cli.cjs'))) {
  console.error('dist/ is missing: run `npm run build` first');
  process.exit(1);
}

const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const SHIPPED = ['name', 'version', 'description', 'type', 'license', 'bin', 'main', 'types', 'exports', 'files', 'engines', 'dependencies'];
const manifest = Object.fromEntries(SHIPPED.filter((k) => pkg[k] !== undefined).map((k) => [k, pkg[k]]));

const stage = mkdtempSync(path.join(tmpdir(), 'deriv-stage-'));
try {
  for (const entry of [...pkg.files, 'README.md', 'LICENSE']) {
    if (existsSync(path.join(root, entry))) cpSync(path.join(root, entry), path.join(stage, entry), { recursive: true });
  }
  writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const out = execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['pack', '--json', '--pack-destination', destination], {
    cwd: stage,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  const [info] = JSON.parse(out);
  const file = path.join(destination, info.filename);
  console.log(`${file}  (${(info.size / 1024).toFixed(0)} kB, ${info.entryCount} files)`);
  console.log(`in your project: npm install ${file}`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
