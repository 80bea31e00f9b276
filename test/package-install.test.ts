/**
 * deriv from a student's own project, as the README says to get it there: `npm run pack` makes the tarball
 * (scripts/pack.mjs), a fresh folder installs it (`npm install <tarball>`, from npm's cache where it can),
 * and the three uses the README promises work in that folder — `npx deriv`, `import { derivative } from
 * 'deriv'` and `npx deriv --playground` — after an install that prints no warning. It packs the build in
 * dist/ (npm install and CI build it first).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const quiet = { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };

let scratch: string;
let app: string;
let tarball: string;
let install: { status: number | null; stdout: string; stderr: string };

beforeAll(() => {
  expect(existsSync(path.join(ROOT, 'dist', 'cli.cjs')), 'dist/ is missing: npm run build').toBe(true);
  scratch = mkdtempSync(path.join(tmpdir(), 'deriv-pack-'));
  const said = execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'pack.mjs'), scratch], { cwd: ROOT, encoding: 'utf8', env: quiet });
  tarball = said.split(/\s/)[0]!;
  console.log(`npm run pack: ${said.split('\n')[0]}`);
  app = path.join(scratch, 'student-notes');
  mkdirSync(app);
  writeFileSync(path.join(app, 'package.json'), `${JSON.stringify({ name: 'student-notes', private: true, type: 'module' }, null, 2)}\n`);
  install = spawnSync(NPM, ['install', '--prefer-offline', tarball], { cwd: app, encoding: 'utf8', env: quiet });
}, 120_000);

afterAll(() => {
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
});

const inApp = (command: string, args: readonly string[]) => spawnSync(command, args, { cwd: app, encoding: 'utf8', env: quiet });

describe('the packed tarball in a fresh folder', () => {
  it('installs with no warning (no EBADENGINE on Node 20, no install script to approve)', () => {
    expect(install.status, install.stderr).toBe(0);
    expect(install.stderr).not.toMatch(/warn/i);
    expect(install.stdout).not.toMatch(/warn/i);
  });

  it('npx deriv "x*w^2+b^2" --wrt w -> 2*x*w', () => {
    const r = inApp('npx', ['deriv', 'x*w^2+b^2', '--wrt', 'w']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('2*x*w\n');
  });

  it("import { derivative, gradient } from 'deriv' (ESM) gives the README's answers", () => {
    writeFileSync(
      path.join(app, 'notes.mjs'),
      "import { derivative, gradient } from 'deriv';\n" +
        "console.log(derivative('x*w^2 + b^2', 'w').toString());\n" +
        "console.log(gradient('1/2*(w*x + b - y)^2', ['w', 'b']).map(String).join(' | '));\n",
    );
    const r = inApp(process.execPath, ['notes.mjs']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('2*x*w\nx*(w*x + b - y) | w*x + b - y\n');
  });

  it('npx deriv --playground writes the page into the folder', () => {
    const r = inApp('npx', ['deriv', '--playground']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`wrote ${path.join(app, 'playground.html')}`);
    expect(statSync(path.join(app, 'playground.html')).size).toBeGreaterThan(100_000);
  });
});
