/**
 * The library's notes — `toMarkdownNote(items)`, `toHtmlPage(items)` and a Derivative's `toMarkdown()` and
 * `toHtml()` — are the command line's: the same sections (derivative-note.ts) through the same renderers.
 */
import { noteDocument, type NoteItem, type NoteOptions } from './derivative-note.js';
import { renderMarkdown } from './markdown.js';
import { renderDocument } from './render.js';

/** Paste-ready Markdown (Obsidian, Typora): `$$ … $$` blocks on lines of their own, text forms in inline code. */
export const toMarkdownNote = (items: readonly NoteItem[], options: NoteOptions = {}): string => `${renderMarkdown(noteDocument(items, options))}\n`;

/** A standalone HTML page, typeset by KaTeX here: no scripts, fonts inlined. */
export const toHtmlPage = (items: readonly NoteItem[], options: NoteOptions = {}): string => `${renderDocument(noteDocument(items, options), 'html')}\n`;
