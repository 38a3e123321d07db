import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const STYLES = readFileSync(new URL('./styles.css', import.meta.url), 'utf8');

function colour(name: string): string {
  const match = new RegExp(`--nem-${name}:\\s*#([0-9a-f]{6});`, 'i').exec(STYLES);
  if (match?.[1] === undefined) throw new Error(`no --nem-${name} in styles.css`);
  return match[1];
}

/** WCAG 2 relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r = 0, g = 0, b = 0] = [0, 2, 4].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

describe('the admin colours', () => {
  it('computes contrast as WCAG does', () => {
    expect(contrast('000000', 'ffffff')).toBeCloseTo(21, 5);
    expect(contrast('1a7f37', 'e6f4ea')).toBeLessThan(4.5);
  });

  it.each([
    ['ok', 'ok-bg', 'the green "Imported" badge and success messages'],
    ['danger', 'danger-bg', 'the red badges and error messages'],
    ['warning', 'warning-bg', 'the amber badges'],
    ['muted', 'bg', 'muted text on the page'],
    ['muted', 'surface', 'muted text on a card'],
    ['accent', 'surface', 'links and buttons'],
    ['fg', 'bg', 'text'],
  ])('--nem-%s on --nem-%s (%s) has a contrast of at least 4.5:1', (fg, bg) => {
    expect(contrast(colour(fg), colour(bg))).toBeGreaterThanOrEqual(4.5);
  });
});
