/**
 * NEM13's own records, field by field (src/domain/mdff/catalogue.ts says how a catalogue is read): the
 * 250 (one register read) and the 550 (its B2B details). The reader checks each field as its type says,
 * ReadingRecorded stores them in this order, and everything else names them by key.
 */
import { DIRECTIONS, TRANSACTION_CODES, UOMS } from '../mdff/code-lists.js';
import {
  dataStreamFields,
  DATE_TIME_14,
  optional,
  recordSpec,
  required,
  text,
  type FieldType,
} from '../mdff/catalogue.js';

const READ: FieldType = { kind: 'decimal', maxLength: 15, signed: false };

export const RECORD_250 = recordSpec('250', [
  ...dataStreamFields({ registerAndSerial: true }),
  required('direction', 'DirectionIndicator', { kind: 'direction', codes: DIRECTIONS }),
  required('previousRead', 'PreviousRegisterRead', READ),
  required('previousReadAt', 'PreviousRegisterReadDateTime', DATE_TIME_14),
  required('previousQuality', 'PreviousQualityMethod', { kind: 'quality' }),
  optional('previousReasonCode', 'PreviousReasonCode', { kind: 'reasonCode' }),
  optional('previousReasonDescription', 'PreviousReasonDescription', { kind: 'reasonDescription' }),
  required('currentRead', 'CurrentRegisterRead', READ),
  required('currentReadAt', 'CurrentRegisterReadDateTime', DATE_TIME_14),
  required('currentQuality', 'CurrentQualityMethod', { kind: 'quality' }),
  optional('currentReasonCode', 'CurrentReasonCode', { kind: 'reasonCode' }),
  optional('currentReasonDescription', 'CurrentReasonDescription', { kind: 'reasonDescription' }),
  required('quantity', 'Quantity', { kind: 'decimal', maxLength: 15, signed: true }),
  required('uom', 'UOM', { kind: 'uom', codes: UOMS }),
  optional('nextScheduledReadDate', 'NextScheduledReadDate', { kind: 'date' }),
  required('updatedAt', 'UpdateDateTime', DATE_TIME_14),
  optional('msatsLoadedAt', 'MSATSLoadDateTime', DATE_TIME_14),
]);

export const RECORD_550 = recordSpec('550', [
  required('previousTransactionCode', 'PreviousTransCode', { kind: 'transactionCode', codes: TRANSACTION_CODES }),
  optional('previousRetailerServiceOrder', 'PreviousRetServiceOrder', text(15)),
  required('currentTransactionCode', 'CurrentTransCode', { kind: 'transactionCode', codes: TRANSACTION_CODES }),
  optional('currentRetailerServiceOrder', 'CurrentRetServiceOrder', text(15)),
]);

export type ReadingFieldKey = (typeof RECORD_250.fields)[number]['key'];
export type B2BFieldKey = (typeof RECORD_550.fields)[number]['key'];
