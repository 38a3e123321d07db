/**
 * How routes declare their answers, so that every one has a real description in the OpenAPI document and
 * errors are documented as problem details.
 */
import type { z } from 'zod';
import { Problem, PROBLEM_MEDIA_TYPE } from './problem.js';

/** A JSON answer with its description. */
export function json<T extends z.ZodType>(description: string, schema: T) {
  return { description, content: { 'application/json': { schema } } };
}

/** An error answer: RFC 9457 problem details (an extension of `Problem` when the route adds members). */
export function problems(description: string, schema: z.ZodType = Problem) {
  return { description, content: { [PROBLEM_MEDIA_TYPE]: { schema } } };
}
