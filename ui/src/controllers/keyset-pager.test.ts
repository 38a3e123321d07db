import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { describe, expect, it } from 'vitest';
import { KeysetPager } from './keyset-pager.js';

function host(): ReactiveControllerHost & { updates: number } {
  return {
    updates: 0,
    addController(controller: ReactiveController) {
      // The pager needs no lifecycle calls.
      expect(controller).toBeInstanceOf(KeysetPager);
    },
    removeController() {
      // Not used.
    },
    requestUpdate() {
      this.updates++;
    },
    updateComplete: Promise.resolve(true),
  };
}

describe('KeysetPager', () => {
  it('goes forward with each answer’s cursor and back to earlier pages', () => {
    const h = host();
    const pager = new KeysetPager(h);
    expect([pager.page, pager.cursor, pager.hasPrevious]).toEqual([1, undefined, false]);
    pager.next('c2');
    pager.next('c3');
    expect([pager.page, pager.cursor, pager.hasPrevious]).toEqual([3, 'c3', true]);
    pager.previous();
    expect([pager.page, pager.cursor]).toEqual([2, 'c2']);
    // Going forward from an earlier page replaces what came after it.
    pager.next('c3b');
    expect([pager.page, pager.cursor]).toEqual([3, 'c3b']);
    pager.previous();
    pager.previous();
    pager.previous();
    expect([pager.page, pager.cursor]).toEqual([1, undefined]);
    expect(h.updates).toBe(6);
  });

  it('ignores the end of the results and resets to the first page', () => {
    const h = host();
    const pager = new KeysetPager(h);
    pager.next(null);
    expect(pager.page).toBe(1);
    pager.reset();
    expect(h.updates).toBe(0);
    pager.next('c2');
    pager.reset();
    expect([pager.page, pager.cursor, h.updates]).toEqual([1, undefined, 2]);
  });
});
