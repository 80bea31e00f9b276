/**
 * String building for printers that must stay linear on deep input. `+` on
 * long strings makes a rope (no copy); Array.join and String.replace copy
 * their operands flat, so a printer that joins or substitutes a child's text
 * at every level of a 10,000-deep nest does quadratic work. Use these instead.
 */

/** parts joined by sep, by concatenation (a rope, not a flat copy). */
export function concat(parts: readonly string[], sep = ''): string {
  let out = parts.length > 0 ? parts[0]! : '';
  for (let i = 1; i < parts.length; i++) out = out + sep + parts[i]!;
  return out;
}

/**
 * A template with placeholders #0…#9 filled in by concatenation. The template
 * itself is short (a rule table's spelling); only it is scanned, never the values.
 */
export function fillTemplate(template: string, values: readonly string[]): string {
  let out = '';
  let start = 0;
  for (let i = 0; i < template.length; i++) {
    if (template[i] === '#' && i + 1 < template.length && template[i + 1]! >= '0' && template[i + 1]! <= '9') {
      out = out + template.slice(start, i) + (values[Number(template[i + 1])] ?? '');
      start = i + 2;
      i++;
    }
  }
  return out + template.slice(start);
}
