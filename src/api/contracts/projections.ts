import { z } from 'zod';
import { NextCursor } from './params.js';
import { GenerationDiffItemView } from '../../projections/read-model/generation-diff.queries.js';
import { GENERATION_LABEL, LIVE_LABEL } from '../../projections/side-generations.js';

/** The shapes of the read model's projections, rebuilds and side generations (routes/projections.routes.ts). */
const Instant = z.iso.datetime({ offset: true });

export const ProjectionStatusView = z
  .object({
    projection: z.string().describe('the read model and its version, e.g. `read_model_v4`'),
    generation: z.number().int().describe('which set of its tables serves (a rebuild makes the next)'),
    checkpoint: z.string().nullable().describe('global position of the last event applied; null: none yet'),
    head: z.string().nullable().describe('global position of the newest event in the store; null: empty'),
    lag: z
      .number()
      .int()
      .nullable()
      .describe(
        "events not yet applied, when the store can count them (a file's readings are applied with its FileImported: those of a file still being imported, or of an import that died, do not count)",
      ),
    upToDate: z.boolean(),
  })
  .meta({
    id: 'ProjectionStatus',
    description: 'How far the read model is behind the event store.',
    examples: [
      { projection: 'read_model_v4', generation: 1, checkpoint: '30207', head: '30207', lag: 0, upToDate: true },
    ],
  });
export const RebuildStatusView = z
  .object({
    state: z.enum(['idle', 'running', 'succeeded', 'failed', 'stopped']),
    startedAt: Instant.nullable().describe('NEM time (+10:00)'),
    finishedAt: Instant.nullable().describe('NEM time (+10:00)'),
    eventsApplied: z.number().int(),
    generation: z.number().int().nullable().describe('the generation being built, or built'),
    resumed: z.boolean().describe('whether it continues a rebuild whose process went away'),
    progress: z
      .object({
        done: z.number().int().describe('events replayed (by position, readings included)'),
        total: z.number().int().describe('events to replay, up to the head of the store (it may grow)'),
        fraction: z.number().min(0).max(1),
        eventsPerSecond: z.number().int().nullable().describe('the rate so far; null before the first batch'),
        secondsLeft: z.number().int().nullable().describe('an estimate; null before the first batch'),
      })
      .nullable()
      .describe('how far it has come; null before it started'),
    error: z.string().nullable(),
  })
  .meta({
    id: 'RebuildStatus',
    description: 'The last rebuild of the read model started by this server.',
    examples: [
      {
        state: 'running',
        startedAt: '2026-11-30T16:20:00+10:00',
        finishedAt: null,
        eventsApplied: 112,
        generation: 2,
        resumed: false,
        progress: { done: 12345, total: 30207, fraction: 0.41, eventsPerSecond: 2100, secondsLeft: 9 },
        error: null,
      },
    ],
  });

const ProgressView = z.object({
  done: z.number().int().describe('events replayed (by position, readings included)'),
  total: z.number().int().describe('events to replay, up to the head of the store or the until position'),
  fraction: z.number().min(0).max(1),
  eventsPerSecond: z.number().int().nullable().describe('the rate so far; null before the first batch'),
  secondsLeft: z.number().int().nullable().describe('an estimate; null before the first batch'),
});

export const Label = z
  .string()
  .regex(GENERATION_LABEL, 'expected 1 to 40 lower-case letters, digits or dashes, starting with a letter or digit')
  .refine((label) => label !== LIVE_LABEL, `"${LIVE_LABEL}" names the live read model`)
  .describe('a side generation: lower-case letters, digits and dashes, up to 40; `live` is reserved');
export const LabelOrLive = z
  .string()
  .regex(GENERATION_LABEL, 'expected a side generation label or `live`')
  .describe('a side generation label, or `live` for the live read model');
export const Position = z.string().regex(/^\d{1,18}$/, 'expected a global position (digits)');

const LiveGenerationView = z
  .object({
    projection: z.string(),
    generation: z.number().int(),
    checkpoint: z.string().nullable().describe('global position of the last event applied; it keeps moving'),
    readings: z.number().int().describe('register reads (every version)'),
  })
  .meta({ id: 'LiveGeneration', description: 'The live read model: the generation the views point at.' });

const SideGenerationView = z
  .object({
    label: z.string(),
    projection: z.string(),
    generation: z.number().int().describe('its tables are `register_reads_v<version>_g<generation>` and so on'),
    untilPosition: z
      .string()
      .nullable()
      .describe('the global position it was built to (for an instant, the last event recorded by then)'),
    untilAt: z.iso.datetime({ offset: true }).nullable().describe('the instant it was built to, when one was given'),
    state: z
      .enum(['building', 'interrupted', 'ready', 'failed'])
      .describe('interrupted: its builder went away; drop it and build again'),
    events: z.number().int().describe('file-level events applied (each file brings its readings)'),
    readings: z.number().int().nullable().describe('register reads (every version), once ready'),
    startedAt: z.iso.datetime({ offset: true }),
    builtAt: z.iso.datetime({ offset: true }).nullable(),
    error: z.string().nullable(),
  })
  .meta({
    id: 'SideGeneration',
    description:
      'A labelled generation of the read model built from the events up to a position or an instant, beside the live one.',
    examples: [
      {
        label: 'before-fix',
        projection: 'read_model_v4',
        generation: 2,
        untilPosition: '14',
        untilAt: null,
        state: 'ready',
        events: 2,
        readings: 10,
        startedAt: '2026-11-30T16:20:00+10:00',
        builtAt: '2026-11-30T16:20:01+10:00',
        error: null,
      },
    ],
  });

export const SideBuildStatusView = z
  .object({
    state: z.enum(['idle', 'running', 'succeeded', 'failed', 'stopped']),
    label: z.string().nullable(),
    generation: z.number().int().nullable(),
    startedAt: z.iso.datetime({ offset: true }).nullable(),
    finishedAt: z.iso.datetime({ offset: true }).nullable(),
    progress: ProgressView.nullable(),
    error: z.string().nullable(),
  })
  .meta({ id: 'SideBuildStatus', description: 'The last side build started by this server, with its progress.' });

export const GenerationListView = z
  .object({ live: LiveGenerationView, generations: z.array(SideGenerationView), build: SideBuildStatusView })
  .meta({
    id: 'GenerationList',
    description: 'The live read model, the side generations and the side build of this server.',
  });

const GenerationDifference = GenerationDiffItemView.meta({
  id: 'GenerationDifference',
  description:
    'A register read (by NMI, suffix, register, serial and read time) added, removed or changed between two generations, by its winning version.',
});
export const GenerationDiffPageView = z
  .object({
    items: z.array(GenerationDifference),
    nextCursor: NextCursor,
  })
  .meta({ id: 'GenerationDiffPage', description: 'A page of differences between two generations, in key order.' });
