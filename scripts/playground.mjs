// Builds dist/playground.html: the page template (src/playground/page.html) with its stylesheet, KaTeX's
// stylesheet (each font as a woff2 data: URL) and the page's script (src/playground/main.ts, bundled for
// the browser by esbuild) inlined, so the one file works opened from disk and asks the network for nothing.
//
// The library is browser-safe except src/print/html.ts (HTML pages typeset on the server: it finds KaTeX
// with createRequire and reads its CSS and fonts with fs). The page never calls it, but src/api.ts imports
// it, so its Node built-ins resolve to a stub that throws if called. Any other module importing a Node
// built-in fails the build: the page must not depend on Node.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const SERVER_ONLY = path.join('src', 'print', 'html.ts');

/** Node built-ins imported by the server-only module → a stub; by anything else → a build error. */
const nodeBuiltins = (root) => ({
  name: 'no-node-builtins',
  setup(b) {
    b.onResolve({ filter: /^(node:)?(fs|module|path|url|os|child_process)$/ }, (args) => {
      if (path.relative(root, args.importer) === SERVER_ONLY) return { path: args.path, namespace: 'server-only' };
      return { errors: [{ text: `${path.relative(root, args.importer)} imports ${args.path}: the playground runs in a browser, without Node` }] };
    });
    b.onLoad({ filter: /.*/, namespace: 'server-only' }, () => ({
      loader: 'js',
      contents: [
        "const unavailable = () => { throw new Error('HTML pages are written by the deriv command, not in the browser'); };",
        'export function createRequire() { const r = () => unavailable(); r.resolve = unavailable; return r; }',
        'export const readFileSync = unavailable;',
        'export default { join: unavailable, dirname: unavailable };',
      ].join('\n'),
    }));
  },
});

/** KaTeX's stylesheet with each @font-face reduced to its woff2 file, inlined as a data: URL. */
function katexCss(root) {
  const load = createRequire(path.join(root, 'package.json'));
  const cssPath = load.resolve('katex/dist/katex.min.css');
  const fonts = path.join(path.dirname(cssPath), 'fonts');
  return readFileSync(cssPath, 'utf8').replace(/src:url\(fonts\/([\w-]+)\.woff2\) format\("woff2"\)(?:,url\([^)]*\) format\("[^"]*"\))*/g, (_, font) => {
    const data = readFileSync(path.join(fonts, `${font}.woff2`)).toString('base64');
    return `src:url(data:font/woff2;base64,${data}) format("woff2")`;
  });
}

/** The page as one HTML string. */
export async function buildPlayground(root) {
  const bundle = await build({
    entryPoints: [path.join(root, 'src/playground/main.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020', // bigint (exact rationals)
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    define: { 'import.meta.url': '""' },
    plugins: [nodeBuiltins(root)],
  });
  // Inside an inline <script>, "</script" would end it early; "<\/script" means the same in JavaScript.
  const script = bundle.outputFiles[0].text.replace(/<\/(script)/gi, '<\\/$1');
  const version = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version;
  const template = readFileSync(path.join(root, 'src/playground/page.html'), 'utf8');
  const parts = {
    '/*KATEX_CSS*/': katexCss(root),
    '/*PAGE_CSS*/': readFileSync(path.join(root, 'src/playground/style.css'), 'utf8'),
    '<!--VERSION-->': version,
    '/*SCRIPT*/': script,
  };
  let html = template;
  for (const [slot, text] of Object.entries(parts)) {
    if (!html.includes(slot)) throw new Error(`src/playground/page.html has no ${slot}`);
    html = html.replace(slot, () => text);
  }
  return html;
}
