import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Keyset pagination over an API that answers `nextCursor`: keeps the cursors of the pages seen, so the
 * host can go forward with the last answer's cursor and back to any earlier page. The host's data task
 * takes `cursor` as an argument, so changing page re-runs it.
 */
export class KeysetPager implements ReactiveController {
  /** cursors[i] opens page i; page 0 needs none. */
  private cursors: Array<string | undefined> = [undefined];
  private index = 0;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    // Nothing to start: the pager only keeps positions.
  }

  /** The cursor of the page shown; undefined for the first page. */
  get cursor(): string | undefined {
    return this.cursors[this.index];
  }

  /** 1-based page number, for people. */
  get page(): number {
    return this.index + 1;
  }

  get hasPrevious(): boolean {
    return this.index > 0;
  }

  next(nextCursor: string | null): void {
    if (nextCursor === null) return;
    this.cursors = [...this.cursors.slice(0, this.index + 1), nextCursor];
    this.index++;
    this.host.requestUpdate();
  }

  previous(): void {
    if (this.index === 0) return;
    this.index--;
    this.host.requestUpdate();
  }

  /** Back to the first page (a new search). */
  reset(): void {
    if (this.index === 0 && this.cursors.length === 1) return;
    this.cursors = [undefined];
    this.index = 0;
    this.host.requestUpdate();
  }
}
