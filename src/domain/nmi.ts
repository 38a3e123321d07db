/**
 * NMIs as people type them. In a flow file a NMI is exactly 10 characters (A-H, J-N, P-Z, 0-9) without its
 * checksum digit; elsewhere (bills, letters, the phone) it comes with an 11th character, the checksum,
 * often in groups with spaces, in any case.
 */

const NMI = /^[A-HJ-NP-Z0-9]{10}$/;

/**
 * The AEMO NMI checksum: over the ASCII codes of the 10 characters, from the right, every second one
 * (starting with the rightmost) doubled; the decimal digits of all of them summed; the checksum is what
 * brings the sum to a multiple of 10.
 */
export function nmiChecksum(nmi: string): number {
  let sum = 0;
  let double = true;
  for (let i = nmi.length - 1; i >= 0; i--) {
    let value = nmi.charCodeAt(i);
    if (double) value *= 2;
    double = !double;
    for (; value > 0; value = Math.floor(value / 10)) sum += value % 10;
  }
  return (10 - (sum % 10)) % 10;
}

export type NmiQuery =
  | { readonly ok: true; readonly nmi: string; readonly checksum: number | null; readonly typed: string }
  | { readonly ok: false; readonly reason: string };

/**
 * What a person typed for a NMI: spaces removed, upper-cased; 10 characters as they are, 11 when the last
 * is the right checksum digit (then it is checked and dropped). Answers why not otherwise.
 */
export function parseNmiQuery(typed: string): NmiQuery {
  const text = typed.replace(/\s+/g, '').toUpperCase();
  if (text.length === 11 && NMI.test(text.slice(0, 10)) && /\d/.test(text[10] ?? '')) {
    const nmi = text.slice(0, 10);
    const expected = nmiChecksum(nmi);
    if (Number(text[10]) !== expected) {
      return {
        ok: false,
        reason: `the checksum digit of ${text} is wrong: for NMI ${nmi} it is ${expected} (a typing error?)`,
      };
    }
    return { ok: true, nmi, checksum: expected, typed };
  }
  if (NMI.test(text)) return { ok: true, nmi: text, checksum: null, typed };
  return {
    ok: false,
    reason: `${JSON.stringify(typed)} is not a NMI (expected 10 characters of A-H, J-N, P-Z and 0-9, or 11 with the checksum digit)`,
  };
}

/** Whether a text could be the start of a NMI (for prefix searches): the NMI alphabet, at most 10. */
export function isNmiPrefix(text: string): boolean {
  return /^[A-HJ-NP-Z0-9]{1,10}$/.test(text);
}
