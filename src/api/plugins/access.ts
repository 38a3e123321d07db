/** What a route needs: nothing (public), to be signed in, or to be an admin. */
export type Access = 'public' | 'viewer' | 'admin';

export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A route's access: as its config says, else signed-in viewers under /api and anyone elsewhere. */
export function accessOf(configured: Access | undefined, url: string | undefined): Access {
  return configured ?? ((url ?? '').startsWith('/api/') ? 'viewer' : 'public');
}
