/**
 * Puts `text` on the clipboard. Where there is no clipboard (plain http, or permission refused) it selects
 * the element showing the text instead, so Ctrl+C copies it; the answer says which happened.
 */
export async function copyOrSelect(text: string, shown: Element | null): Promise<'copied' | 'selected'> {
  try {
    await navigator.clipboard.writeText(text);
    return 'copied';
  } catch {
    const selection = window.getSelection();
    if (shown !== null && selection !== null) {
      const range = document.createRange();
      range.selectNodeContents(shown);
      selection.removeAllRanges();
      selection.addRange(range);
    }
    return 'selected';
  }
}
