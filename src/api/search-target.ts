import { parseNmiQuery } from '../domain/nmi.js';
import { ApiError } from './errors.js';

/**
 * What a search is for, as the service reads what was typed: a NMI without spaces, upper-cased, its
 * checksum digit checked and dropped (a prefix is only cleaned); a serial as typed (matched in any case).
 */
export function searchMatch(nmi: string | undefined, serial: string | undefined, prefix: boolean) {
  if (nmi === undefined) {
    const value = (serial ?? '').trim();
    return {
      by: 'serial' as const,
      value,
      typed: serial ?? '',
      note: value === serial ? null : 'spaces around it removed',
    };
  }
  if (prefix) {
    const value = nmi.replace(/\s+/g, '').toUpperCase();
    return { by: 'nmi' as const, value, typed: nmi, note: value === nmi ? null : 'spaces removed, upper-cased' };
  }
  const parsed = parseNmiQuery(nmi);
  if (!parsed.ok) throw new ApiError(400, 'BAD_NMI', parsed.reason);
  const notes = [
    ...(parsed.checksum === null ? [] : [`checksum digit ${parsed.checksum} checked and removed`]),
    ...(/\s/.test(nmi) ? ['spaces removed'] : []),
    ...(nmi.replace(/\s+/g, '').slice(0, 10) !== parsed.nmi ? ['upper-cased'] : []),
  ];
  return { by: 'nmi' as const, value: parsed.nmi, typed: nmi, note: notes.length === 0 ? null : notes.join(', ') };
}
