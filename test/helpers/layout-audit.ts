/**
 * What a reader on a phone would see as broken, found in the live DOM (run in the page by
 * test/layout-browser.test.ts): content past the right edge outside a box that scrolls sideways, text
 * smaller than 10 px (SVG text measured as drawn; a formula by its base size — KaTeX's sub- and
 * superscripts are smaller by design), and two pieces of text drawn over each other.
 * Self-contained: it is serialised into the page, so it may use nothing from outside its body.
 */
export function layoutProblems(): string[] {
  const problems: string[] = [];
  const width = document.documentElement.clientWidth;
  const scrollsSideways = (el: Element): boolean => {
    for (let a = el.parentElement; a !== null; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden') return true;
    }
    return false;
  };
  const shown = (el: Element): boolean => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 1 && r.height > 1 && s.visibility !== 'hidden' && s.display !== 'none' && el.closest('.visually-hidden') === null;
  };
  const label = (el: Element): string => `<${el.tagName.toLowerCase()}${el.id === '' ? '' : `#${el.id}`}> "${(el.textContent ?? '').trim().slice(0, 40)}"`;
  for (const el of document.body.querySelectorAll('*')) {
    if (!shown(el)) continue;
    const right = el.getBoundingClientRect().right;
    if (right > width + 1 && !scrollsSideways(el)) problems.push(`past the right edge (${Math.round(right)} > ${width} px): ${label(el)}`);
  }
  const boxes: { el: Element; r: DOMRect }[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
    const el = n.parentElement;
    if (el === null || (n.textContent ?? '').trim() === '' || !shown(el) || el.closest('.katex-mathml') !== null) continue;
    if (el.closest('details:not([open])') !== null && el.closest('summary') === null) continue;
    const formula = el.closest('.katex');
    let size = parseFloat(getComputedStyle(formula ?? el).fontSize);
    const svg = el.closest('svg');
    if (svg !== null) size *= svg.getScreenCTM()?.a ?? 1;
    if (size < 10) problems.push(`text ${size.toFixed(1)} px: ${label(el)}`);
    if (formula !== null) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    for (const r of range.getClientRects()) boxes.push({ el, r });
  }
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!, b = boxes[j]!;
      if (a.el === b.el || a.el.contains(b.el) || b.el.contains(a.el)) continue;
      const x = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
      const y = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
      if (x > 2 && y > 2) problems.push(`overlapping text: ${label(a.el)} and ${label(b.el)}`);
    }
  return problems;
}
