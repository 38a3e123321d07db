import { css, html, LitElement, nothing } from 'lit';
import { sharedStyles } from './shared-styles.js';

/**
 * Copies a value (a NMI, a serial) to the clipboard with the Clipboard API. Where the page may not
 * (an older browser, a refused permission), it shows the value in a field, selected, to copy with
 * Ctrl+C. Says what happened in a live region.
 */
export class NemCopyButton extends LitElement {
  static override properties = { value: {}, label: {}, state: { state: true } };
  declare value: string;
  declare label: string;
  declare state: 'idle' | 'copied' | 'manual';

  static override styles = [
    sharedStyles,
    css`
      :host {
        display: inline-flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.4rem;
        vertical-align: middle;
      }
      button {
        min-height: 2rem;
        padding: 0.1rem 0.5rem;
        font-size: 0.8rem;
      }
      input {
        font: inherit;
        font-family: var(--nem-mono, monospace);
        width: 14ch;
        min-height: 2rem;
        padding: 0.1rem 0.4rem;
        border: 1px solid var(--nem-muted, #57606a);
        border-radius: var(--nem-radius, 6px);
      }
      .message {
        font-size: 0.8rem;
        font-weight: normal;
      }
    `,
  ];

  constructor() {
    super();
    this.value = '';
    this.label = 'Copy';
    this.state = 'idle';
  }

  private async copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.value);
      this.state = 'copied';
    } catch {
      this.state = 'manual';
      await this.updateComplete;
      const field = this.renderRoot.querySelector('input');
      field?.focus();
      field?.select();
    }
  }

  override render() {
    return html`<button
        type="button"
        data-testid="copy-button"
        aria-label=${`${this.label} ${this.value}`}
        @click=${() => void this.copy()}
      >
        ${this.label}
      </button>
      ${
        this.state === 'manual'
          ? html`<input
              data-testid="copy-field"
              readonly
              .value=${this.value}
              aria-label=${`${this.value}, selected: press Ctrl+C to copy`}
            />`
          : nothing
      }
      <span class="message muted" role="status" data-testid="copy-message"
        >${
          this.state === 'copied'
            ? `Copied ${this.value}`
            : this.state === 'manual'
              ? 'Press Ctrl+C (⌘C on a Mac) to copy'
              : ''
        }</span
      >`;
  }
}

customElements.define('nem-copy-button', NemCopyButton);

declare global {
  interface HTMLElementTagNameMap {
    'nem-copy-button': NemCopyButton;
  }
}
