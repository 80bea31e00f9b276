/** Types for scripts/playground.mjs (the tests build the page with it). */
export function buildPlayground(root: string): Promise<string>;
