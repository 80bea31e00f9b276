/**
 * The package installs what it runs: nothing built into dist/ imports mathjs (the test oracle and bench
 * peer), so mathjs is a devDependency; the README calls the command the same way throughout.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';

const read = (path: string): string => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

describe('package', () => {
  it('mathjs is a devDependency, not a runtime one', () => {
    const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    expect(pkg.dependencies).not.toHaveProperty('mathjs');
    expect(pkg.devDependencies).toHaveProperty('mathjs');
  });

  it.each(['dist/index.js', 'dist/cli.cjs'])('%s does not import mathjs', (file) => {
    if (!existsSync(new URL(`../${file}`, import.meta.url))) return; // built by npm install; bin.test.ts checks the build
    expect(read(file)).not.toMatch(/(from\s*["']mathjs|require\(["']mathjs|import\(["']mathjs)/);
  });

  it('the README says how `deriv` gets on the PATH (npm link) and that npx deriv works without it', () => {
    const readme = read('README.md');
    expect(readme).toContain('npm link');
    expect(readme).toContain('npx deriv');
  });
});
