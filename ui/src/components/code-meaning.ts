import { css, html } from 'lit';

/**
 * A short code (a quality such as `E62`, a direction) with its meaning one press away: a disclosure
 * (`<details>`), so it opens by keyboard, touch and mouse alike, and the meaning is also its title for
 * a pointer that hovers. The meaning floats over the rows below rather than pushing them down.
 */
export function codeMeaning(code: string, meaning: string, testid: string) {
  return html`<details class="code-meaning" data-testid=${testid} @keydown=${closeOnEscape}>
    <summary title=${meaning} aria-label=${`${code}: ${meaning}`}><span class="mono">${code}</span></summary>
    <div class="meaning" data-testid=${`${testid}-meaning`}><span class="mono">${code}</span>: ${meaning}</div>
  </details>`;
}

function closeOnEscape(event: KeyboardEvent): void {
  const details = event.currentTarget as HTMLDetailsElement;
  if (event.key !== 'Escape' || !details.open) return;
  event.stopPropagation();
  details.open = false;
  details.querySelector('summary')?.focus();
}

export const codeMeaningStyles = css`
  details.code-meaning {
    position: relative;
    display: inline-block;
  }
  details.code-meaning > summary {
    cursor: help;
    list-style: none;
    text-decoration: underline dotted;
    padding: 0.1rem 0.2rem;
    border-radius: 4px;
  }
  details.code-meaning > summary::-webkit-details-marker {
    display: none;
  }
  details.code-meaning > summary::after {
    content: 'i';
    display: inline-block;
    width: 1.1em;
    height: 1.1em;
    margin-left: 0.25em;
    border: 1px solid currentColor;
    border-radius: 50%;
    font:
      italic 600 0.7em/1.05em Georgia,
      serif;
    text-align: center;
    vertical-align: 0.15em;
    color: var(--nem-muted, #57606a);
  }
  details.code-meaning[open] > summary {
    background: var(--nem-bg, #f6f8fa);
  }
  details.code-meaning .meaning {
    position: absolute;
    z-index: 5;
    right: 0;
    top: 100%;
    width: max-content;
    max-width: min(20rem, 80vw);
    white-space: normal;
    background: var(--nem-surface, #fff);
    color: var(--nem-fg, #1b1f24);
    border: 1px solid var(--nem-border, #d0d7de);
    border-radius: var(--nem-radius, 6px);
    box-shadow: 0 4px 12px rgba(0, 0, 0, 0.15);
    padding: 0.5rem 0.65rem;
    font-size: 0.85rem;
    text-align: left;
  }
`;
