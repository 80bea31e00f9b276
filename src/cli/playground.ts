/**
 * `deriv --playground [-o FILE] [EXPRESSION --wrt … --at … (any option)]`: writes the offline playground page
 * (dist/playground.html, made by `npm run build`) to FILE (default ./playground.html) and says where,
 * with a file:// link that opens it on the given expression (the state in the URL hash).
 *
 * The page is built once, by scripts/playground.mjs, and shipped in dist; the command copies it.
 * Run from the bundle (dist/cli.cjs) it sits next to the code; run from src (tests, tsx) it is
 * looked up in ../../dist. Missing, it is exit code 66 (EX_NOINPUT) with the command that builds it.
 */
import { copyFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatHash, INITIAL, parseAt } from '../playground/state.js';
import { hashPairs } from '../request/read-hash.js';
import type { Request } from '../request/request.js';

export const NOT_BUILT_EXIT = 66;

export interface PlaygroundRequest {
  readonly output?: string;
  /** The page opens on this input with these options (every one the link can carry: the rows with a hash key). */
  readonly expression?: string;
  readonly options?: Partial<Omit<Request, 'input'>>;
}

/** Where the built page may be, nearest first: beside this code (the bundle), then the package's dist. */
export function playgroundCandidates(moduleUrl: string = import.meta.url): string[] {
  const here = path.dirname(fileURLToPath(moduleUrl));
  return [path.join(here, 'playground.html'), path.join(here, '..', '..', 'dist', 'playground.html')];
}

export type PlaygroundResult = { readonly ok: true; readonly file: string; readonly url: string } | { readonly ok: false; readonly looked: readonly string[] };

export function writePlayground(req: PlaygroundRequest, candidates: readonly string[] = playgroundCandidates()): PlaygroundResult {
  const source = candidates.find((c) => existsSync(c));
  if (source === undefined) return { ok: false, looked: candidates };
  const file = path.resolve(req.output ?? 'playground.html');
  if (path.resolve(source) !== file) copyFileSync(source, file);
  const o = req.options ?? {};
  const hash =
    req.expression === undefined
      ? ''
      : formatHash({ ...INITIAL, f: req.expression, wrt: o.wrt, at: parseAt(o.at ?? ''), options: new Map(hashPairs(o).filter(([k]) => k !== 'wrt' && k !== 'at')) });
  return { ok: true, file, url: pathToFileURL(file).href + hash };
}
