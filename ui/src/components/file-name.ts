import { html } from 'lit';
import { nameBreaks } from '../format.js';

/**
 * A file name that wraps after its separators (`_`, `.`, `-`, `#`) when its column is narrow, rather than
 * in the middle of a word; the text read and copied is the name as it is.
 */
export function fileName(name: string) {
  const pieces = nameBreaks(name);
  return html`<span class="file-name">${pieces.map((piece, i) => (i === 0 ? piece : html`<wbr />${piece}`))}</span>`;
}
