/**
 * Touches to the OpenAPI document that route schemas cannot express, applied once as it is rendered.
 */
type Document = Record<string, unknown> & {
  paths?: Record<string, Record<string, { responses?: Record<string, { content?: unknown }> }>>;
};

/** A 204 answer has no body: its response declares no content (not a JSON `null`). */
function withoutNoContentBodies(document: Document): void {
  for (const methods of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(methods)) {
      const noContent = operation.responses?.['204'];
      if (noContent !== undefined) delete noContent.content;
    }
  }
}

export function finishDocument<T>(document: T): T {
  withoutNoContentBodies(document as Document);
  return document;
}
