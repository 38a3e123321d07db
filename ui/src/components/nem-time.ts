import { html } from 'lit';
import { formatNemTime } from '../format.js';

/**
 * An instant in NEM time as a `<time>` element: `2004-01-07 10:03:33 +10:00`, which may wrap between
 * the date and the time in a narrow column (the text stays the same).
 */
export function nemTime(iso: string | null | undefined, empty = '—') {
  const text = formatNemTime(iso);
  if (text === '' || iso === null || iso === undefined) return html`${empty}`;
  const space = text.indexOf(' ');
  if (space < 0) return html`<time datetime=${iso}>${text}</time>`;
  return html`<time datetime=${iso}
    ><span class="nowrap">${text.slice(0, space)}</span> <span class="nowrap">${text.slice(space + 1)}</span></time
  >`;
}
