/**
 * `deriv --batch`: standard input, as it arrives in chunks of bytes, cut into runs of whole lines ("pieces")
 * of about `jobBytes` each, numbered by their first line. Only the unfinished last line is kept between
 * chunks, so memory stays bounded by a chunk plus one line; a line longer than `maxLineBytes` is not kept at
 * all — its bytes are dropped up to its line break and it becomes a `tooLong` piece (an error answer).
 * Cuts fall on \n bytes, which never occur inside a multi-byte UTF-8 character, so each run decodes alone.
 */
const NL = 10;

export type Piece =
  | { readonly kind: 'lines'; readonly firstLine: number; readonly bytes: Uint8Array; readonly count: number }
  | { readonly kind: 'tooLong'; readonly line: number };

/** Lines in a run: its line breaks, plus one for a last line without one (at the end of input). */
function countLines(bytes: Uint8Array): number {
  let n = 0;
  for (let at = bytes.indexOf(NL); at >= 0; at = bytes.indexOf(NL, at + 1)) n++;
  return bytes.length > 0 && bytes[bytes.length - 1] !== NL ? n + 1 : n;
}

function concat(parts: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export class LineSplitter {
  /** The unfinished last line, in pieces (copied: the chunks they came from are not kept). */
  #partial: Uint8Array[] = [];
  #partialBytes = 0;
  /** The number of the next line to hand out. */
  #line = 1;
  /** Inside a line too long to keep: dropping bytes up to its line break. */
  #skipping = false;
  #started = false;

  constructor(
    private readonly jobBytes: number,
    private readonly maxLineBytes: number,
  ) {}

  *push(input: Uint8Array): Generator<Piece> {
    let chunk = input;
    if (!this.#started) {
      this.#started = true;
      // A byte order mark (some Windows editors write one) is not part of the first request.
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
    }
    let start = 0;
    if (this.#skipping) {
      const nl = chunk.indexOf(NL);
      if (nl < 0) return;
      yield { kind: 'tooLong', line: this.#line++ };
      this.#skipping = false;
      start = nl + 1;
    }
    const lastNl = chunk.lastIndexOf(NL);
    if (lastNl < start) {
      this.#keep(chunk.subarray(start));
      return;
    }
    let bytes = chunk;
    let end = lastNl + 1;
    if (this.#partialBytes > 0) {
      bytes = concat([...this.#partial, chunk.subarray(start, end)], this.#partialBytes + end - start);
      this.#partial = [];
      this.#partialBytes = 0;
      start = 0;
      end = bytes.length;
    }
    while (start < end) {
      let cut = end;
      if (end - start > this.jobBytes) {
        const nl = bytes.lastIndexOf(NL, start + this.jobBytes - 1);
        cut = nl >= start ? nl + 1 : bytes.indexOf(NL, start + this.jobBytes) + 1;
      }
      const run = bytes.subarray(start, cut);
      const count = countLines(run);
      yield { kind: 'lines', firstLine: this.#line, bytes: run, count };
      this.#line += count;
      start = cut;
    }
    this.#keep(chunk.subarray(lastNl + 1));
  }

  /** The end of input: a last line without a line break. */
  *end(): Generator<Piece> {
    if (this.#skipping) yield { kind: 'tooLong', line: this.#line++ };
    else if (this.#partialBytes > 0) {
      const bytes = concat(this.#partial, this.#partialBytes);
      yield { kind: 'lines', firstLine: this.#line, bytes, count: 1 };
      this.#line++;
    }
    this.#partial = [];
    this.#partialBytes = 0;
    this.#skipping = false;
  }

  #keep(rest: Uint8Array): void {
    if (rest.length === 0) return;
    if (this.#partialBytes + rest.length > this.maxLineBytes) {
      this.#skipping = true;
      this.#partial = [];
      this.#partialBytes = 0;
      return;
    }
    this.#partial.push(new Uint8Array(rest)); // a copy (Buffer#slice would be a view)
    this.#partialBytes += rest.length;
  }
}
