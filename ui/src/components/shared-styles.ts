import { css } from 'lit';

/** Styles every component shares: type, forms, buttons, tables, states, focus. */
export const sharedStyles = css`
  :host {
    display: block;
    color: var(--nem-fg, #1b1f24);
    font-family: var(--nem-font, system-ui, sans-serif);
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  [hidden] {
    display: none !important;
  }
  h1,
  h2,
  h3 {
    line-height: 1.2;
    margin: 0 0 0.75rem;
  }
  h1 {
    font-size: 1.5rem;
  }
  h2 {
    font-size: 1.2rem;
    margin-top: 1.5rem;
  }
  h3 {
    font-size: 1rem;
  }
  h1:focus {
    outline: none;
  }
  a {
    color: var(--nem-accent, #0b5cad);
  }
  a:focus-visible,
  button:focus-visible,
  input:focus-visible,
  select:focus-visible,
  summary:focus-visible,
  [tabindex]:focus-visible {
    outline: 3px solid var(--nem-focus, #f5a300);
    outline-offset: 2px;
  }
  .mono,
  code {
    font-family: var(--nem-mono, monospace);
    font-size: 0.92em;
  }
  .muted {
    color: var(--nem-muted, #57606a);
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0, 0, 0, 0);
    white-space: nowrap;
    border: 0;
  }
  .card {
    background: var(--nem-surface, #fff);
    border: 1px solid var(--nem-border, #d0d7de);
    border-radius: var(--nem-radius, 6px);
    padding: 1rem;
    margin-bottom: 1rem;
  }
  .card > h2:first-child,
  .card > h1:first-child {
    margin-top: 0;
  }

  /* Forms */
  form {
    margin: 0;
  }
  .fields {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem 1rem;
    align-items: flex-end;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    min-width: 0;
  }
  .field.grow {
    flex: 1 1 16rem;
  }
  label,
  legend {
    font-weight: 600;
    font-size: 0.9rem;
  }
  .check {
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
    font-weight: normal;
    min-height: 2.5rem;
  }
  fieldset {
    border: 0;
    padding: 0;
    margin: 0;
    min-width: 0;
  }
  input[type='text'],
  input[type='search'],
  input[type='password'],
  input[type='date'],
  select {
    font: inherit;
    min-height: 2.5rem;
    padding: 0.35rem 0.6rem;
    border: 1px solid var(--nem-muted, #57606a);
    border-radius: var(--nem-radius, 6px);
    background: #fff;
    color: inherit;
    max-width: 100%;
  }
  input[type='checkbox'],
  input[type='radio'] {
    width: 1.1rem;
    height: 1.1rem;
    margin: 0;
  }
  .hint {
    font-size: 0.85rem;
    color: var(--nem-muted, #57606a);
  }

  /* Buttons */
  button {
    font: inherit;
    min-height: 2.5rem;
    padding: 0.35rem 0.9rem;
    border-radius: var(--nem-radius, 6px);
    border: 1px solid var(--nem-accent, #0b5cad);
    background: var(--nem-surface, #fff);
    color: var(--nem-accent, #0b5cad);
    cursor: pointer;
  }
  button.primary {
    background: var(--nem-accent, #0b5cad);
    color: var(--nem-accent-fg, #fff);
  }
  button.danger {
    border-color: var(--nem-danger, #b42318);
    color: var(--nem-danger, #b42318);
  }
  button.danger.primary {
    background: var(--nem-danger, #b42318);
    color: #fff;
  }
  button.link {
    border: 0;
    background: none;
    padding: 0;
    min-height: 0;
    text-decoration: underline;
  }
  button:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  td .actions {
    flex-wrap: nowrap;
  }
  .actions.spread {
    justify-content: space-between;
  }

  /* Tables: a scrolling region on narrow screens */
  .table-scroll {
    overflow-x: auto;
    max-width: 100%;
    border: 1px solid var(--nem-border, #d0d7de);
    border-radius: var(--nem-radius, 6px);
    background: var(--nem-surface, #fff);
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.875rem;
  }
  caption {
    text-align: left;
    padding: 0.5rem 0.75rem;
    font-weight: 600;
  }
  th,
  td {
    text-align: left;
    padding: 0.4rem 0.45rem;
    border-bottom: 1px solid var(--nem-border, #d0d7de);
    vertical-align: top;
    white-space: nowrap;
  }
  thead th {
    white-space: normal;
    min-width: 3rem;
    background: var(--nem-bg, #f6f8fa);
    font-weight: 600;
    position: sticky;
    top: 0;
  }
  td.num,
  th.num {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  td.wrap {
    white-space: normal;
    min-width: 16rem;
  }
  td.when {
    white-space: normal;
    min-width: 6.5rem;
    font-variant-numeric: tabular-nums;
  }
  .nowrap {
    white-space: nowrap;
  }
  tbody tr:last-child td {
    border-bottom: 0;
  }

  /* States */
  .status {
    padding: 0.75rem 1rem;
    border-radius: var(--nem-radius, 6px);
    margin: 0.75rem 0;
  }
  .status.loading {
    color: var(--nem-muted, #57606a);
  }
  .status.empty {
    background: var(--nem-surface, #fff);
    border: 1px dashed var(--nem-border, #d0d7de);
  }
  .status.error {
    background: var(--nem-danger-bg, #fdecea);
    color: var(--nem-danger, #b42318);
    border: 1px solid currentColor;
  }
  .status.ok {
    background: var(--nem-ok-bg, #e6f4ea);
    color: var(--nem-ok, #116329);
    border: 1px solid currentColor;
  }
  /* Not an error, but not the present either: an answer "as known on" a past moment. */
  .status.warning {
    background: #fff4d6;
    color: #6b4400;
    border: 2px solid #b77900;
  }
  .badge {
    display: inline-block;
    padding: 0.05rem 0.5rem;
    border-radius: 999px;
    font-size: 0.8rem;
    font-weight: 600;
    border: 1px solid currentColor;
    white-space: nowrap;
  }
  .badge.imported,
  .badge.succeeded {
    color: var(--nem-ok, #116329);
    background: var(--nem-ok-bg, #e6f4ea);
  }
  .badge.rejected,
  .badge.failed {
    color: var(--nem-danger, #b42318);
    background: var(--nem-danger-bg, #fdecea);
  }
  .badge.receiving,
  .badge.running,
  .badge.duplicate,
  .badge.superseded {
    color: var(--nem-warning, #8a5300);
    background: var(--nem-warning-bg, #fff4e0);
  }
  abbr[title] {
    text-decoration: underline dotted;
    cursor: help;
  }
  dl.facts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.35rem 1rem;
    margin: 0;
  }
  dl.facts dt {
    font-weight: 600;
    color: var(--nem-muted, #57606a);
  }
  dl.facts dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  @media (max-width: 600px) {
    dl.facts {
      grid-template-columns: 1fr;
      gap: 0.1rem;
    }
    dl.facts dd {
      margin-bottom: 0.5rem;
    }
  }

  .load-error-text {
    margin: 0 0 0.5rem;
  }

  /* File names break after their separators (see file-name.ts); mid-word only when one piece cannot fit. */
  .file-name {
    overflow-wrap: break-word;
  }

  /*
   * Tables marked "cards" become one card per row on narrow screens: each cell on its own line, named by
   * its data-label, so nothing hides behind a horizontal scroll.
   */
  @media (max-width: 600px) {
    .table-scroll.cards {
      overflow-x: visible;
      border: 0;
      background: none;
    }
    table.cards,
    table.cards tbody,
    table.cards tr,
    table.cards td {
      display: block;
      width: 100%;
    }
    table.cards thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0, 0, 0, 0);
    }
    table.cards tbody tr {
      background: var(--nem-surface, #fff);
      border: 1px solid var(--nem-border, #d0d7de);
      border-radius: var(--nem-radius, 6px);
      padding: 0.5rem 0.75rem;
      margin-bottom: 0.5rem;
    }
    table.cards td {
      position: relative;
      border: 0;
      padding: 0.2rem 0 0.2rem 7rem;
      white-space: normal;
      text-align: left;
      min-width: 0;
      overflow-wrap: break-word;
    }
    table.cards td[data-label]::before {
      content: attr(data-label);
      position: absolute;
      left: 0;
      width: 6.5rem;
      font-family: var(--nem-font, system-ui, sans-serif);
      font-size: 0.875rem;
      font-weight: 600;
      color: var(--nem-muted, #57606a);
    }
    /* A wide cell (a message, a source line) takes the card's width, its label above it. */
    table.cards td.stack {
      padding-left: 0;
    }
    table.cards td.stack::before {
      position: static;
      display: block;
      width: auto;
    }
    table.cards td:not([data-label]) {
      padding-left: 0;
    }
    table.cards tbody tr:last-child td {
      border-bottom: 0;
    }
  }
`;
