// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { previousCursor, previousPage, rememberPreviousCursor } from './previous-cursors.js';

beforeEach(() => sessionStorage.clear());

describe('previous cursors', () => {
  it('goes back page by page through the cursors this tab saw', () => {
    rememberPreviousCursor('c2', '');
    rememberPreviousCursor('c3', 'c2');
    expect(previousCursor('c3')).toBe('c2');
    expect(previousPage(3, 'c3')).toEqual({ page: 2, after: 'c2' });
    expect(previousPage(2, 'c2')).toEqual({ page: 1, after: '' });
  });

  it('goes to the first page from a page it never saw the way to (a shared link)', () => {
    expect(previousCursor('elsewhere')).toBeUndefined();
    expect(previousPage(7, 'elsewhere')).toEqual({ page: 1, after: '' });
  });

  it('survives storage that holds something else', () => {
    sessionStorage.setItem('nem.previous-cursors', 'not json');
    expect(previousCursor('c3')).toBeUndefined();
    rememberPreviousCursor('c3', 'c2');
    expect(previousCursor('c3')).toBe('c2');
  });

  it('does not take an inherited property for a cursor', () => {
    expect(previousCursor('toString')).toBeUndefined();
  });
});
