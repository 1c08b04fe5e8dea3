import type { Endpoint } from '../qualys/endpoint.js';

/**
 * [Q] Qualys documents every authentication record endpoint, and the generic list, under V2.0
 * and V3.0 tabs, and clients call `/api/3.0/fo/auth/<type>/` with the v2 parameters. [E] No
 * difference between the two is published, so V3.0 serves the same records with the same
 * actions; answers name their own path (RESOURCE, next-page URLs) and the v2 DTDs
 * (docs/fidelity.md, API v3.0).
 */
export function v3Endpoint(endpoint: Endpoint): Endpoint {
  return { ...endpoint, path: endpoint.path.replace(/^\/api\/2\.0\//, '/api/3.0/') };
}
