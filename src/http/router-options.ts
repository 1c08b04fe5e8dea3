/**
 * How every router matches paths. [E] Exactly, as the journal, fault rules and rate-limit counts
 * key on the path: `/auth/DOCKER/` is not `/auth/docker/` (a 404), and the trailing slash matters
 * ([Q] the slash-less form is a 301 of its own).
 */
export const ROUTER_OPTIONS = { strict: true, sensitive: true } as const;
