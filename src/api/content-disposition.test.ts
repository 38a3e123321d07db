import { describe, expect, it } from 'vitest';
import { attachment } from './content-disposition.js';

describe('attachment', () => {
  it('names a plain file as it is', () => {
    expect(attachment('NEM13#0001#MDP#RET.csv')).toBe(
      `attachment; filename="NEM13#0001#MDP#RET.csv"; filename*=UTF-8''NEM13%230001%23MDP%23RET.csv`,
    );
  });

  it('cannot be broken out of by quotes, backslashes or line breaks, and keeps non-ASCII names exact', () => {
    const header = attachment('a"b\\c\r\nSet-Cookie: x=1 é.csv');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toContain('filename="a_b_c__Set-Cookie: x=1 _.csv"');
    expect(header).toContain(`filename*=UTF-8''a%22b%5Cc%0D%0ASet-Cookie%3A%20x%3D1%20%C3%A9.csv`);
  });
});
