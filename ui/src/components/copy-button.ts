import { css, html, LitElement } from 'lit';
import { copyOrSelect } from '../clipboard.js';
import { sharedStyles } from './shared-styles.js';

/**
 * A value (a NMI, a serial, given as its content) with a button that copies it to the clipboard; where
 * the page may not use the clipboard, the value is selected for Ctrl+C instead (ui/src/clipboard.ts).
 * Says what happened in a live region.
 */
export class NemCopyButton extends LitElement {
  static override properties = { value: {}, label: {}, state: { state: true } };
  declare value: string;
  declare label: string;
  declare state: 'idle' | 'copied' | 'selected';

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
    const shown = this.renderRoot.querySelector('slot')?.assignedElements()[0] ?? null;
    this.state = await copyOrSelect(this.value, shown);
  }

  override render() {
    return html`<slot></slot
      ><button
        type="button"
        data-testid="copy-button"
        aria-label=${`${this.label} ${this.value}`}
        @click=${() => void this.copy()}
      >
        ${this.label}
      </button>
      <span class="message muted" role="status" data-testid="copy-message"
        >${
          this.state === 'copied'
            ? `Copied ${this.value}`
            : this.state === 'selected'
              ? 'Selected: press Ctrl+C (⌘C on a Mac) to copy'
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
