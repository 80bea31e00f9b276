/**
 * Sorting in place without the work array V8's Array.prototype.sort allocates on every call: most
 * sorts here are of a sum's or a product's two or three operands, and in a 3000-partial gradient
 * those allocations were a sixth of all memory allocated. Short arrays get an insertion sort (stable,
 * like Array.prototype.sort, and as fast as anything for a few elements); long ones the built-in sort.
 */
const SHORT = 10;

/** `items` sorted in place by `compare` (stable); returns `items`. */
export function sortInPlace<T>(items: T[], compare: (a: T, b: T) => number): T[] {
  const n = items.length;
  if (n > SHORT) return items.sort(compare);
  for (let i = 1; i < n; i++) {
    const item = items[i]!;
    let j = i - 1;
    while (j >= 0 && compare(items[j]!, item) > 0) {
      items[j + 1] = items[j]!;
      j--;
    }
    items[j + 1] = item;
  }
  return items;
}
