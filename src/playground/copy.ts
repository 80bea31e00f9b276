/// <reference lib="dom" />
/**
 * The copy buttons: the text goes to the clipboard, and the status line says what was copied (for
 * screen readers too: it is an aria-live output).
 */
const COPY_NAMES = { latex: 'LaTeX', markdown: 'the Markdown note', text: 'the plain text' } as const;

/** Copies through the Clipboard API, or where that is refused (some file:// setups) a selected textarea. */
export async function copy(kind: keyof typeof COPY_NAMES, text: string, status: HTMLElement): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    if (!ok) {
      status.textContent = `the browser refused to copy ${COPY_NAMES[kind]}`;
      return;
    }
  }
  status.textContent = `copied ${COPY_NAMES[kind]} (${text.length} characters)`;
}

