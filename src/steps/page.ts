/**
 * The derivations of several results printed on one page (a gradient's sections): each records its steps
 * with the names the earlier sections gave, so an inner function keeps its letter across the page and no
 * letter means two things. The function's name is never an inner function's letter.
 */
import type { Derivation, Detail, Substitution } from './record.js';

/** A result that can record its derivation on a page (the Derivative class). */
export interface PageItem {
  derivation(detail: Detail, page: { readonly name?: string; readonly names?: readonly Substitution[] }): Derivation;
}

export function pageDerivations(items: readonly PageItem[], detail: Detail, name: string): Derivation[] {
  const names: Substitution[] = [];
  const known = new Set<string>();
  return items.map((item) => {
    const d = item.derivation(detail, { name, names });
    for (const s of d.substitutions)
      if (!known.has(s.name)) {
        known.add(s.name);
        names.push(s);
      }
    return d;
  });
}
