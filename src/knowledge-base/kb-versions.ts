import type { VersionShown } from './kb-schema.js';

/**
 * What each API version of the KnowledgeBase serves differently, as data (docs/fidelity.md §21,
 * "Versions"): the DTD file its DOCTYPE names and the VULN elements it writes beyond 2.0's.
 * Parameters do not differ: every version takes the same list (kb-endpoint.ts).
 */

/** [Q: docs, the V2.0, V3.0 and V4.0 tabs] the versions Qualys documents the KnowledgeBase under. */
export const KB_API_VERSIONS = ['2.0', '3.0', '4.0'] as const;
export type KbApiVersion = (typeof KB_API_VERSIONS)[number];

export interface KbVersion {
  /** The DTD file, under dtd/, its answers' DOCTYPE names. */
  dtdFile: string;
  /** The VULN elements it writes beyond 2.0's: kb-schema.ts marks each with one of these. */
  shows: readonly VersionShown[];
}

const V2: KbVersion = { dtdFile: 'fo/knowledge_base/vuln/knowledge_base_vuln_list_output.dtd', shows: [] };
/**
 * [Q: Elastic issue 13178, a maintainer comparing Qualys's schemas of 2.0 and 3.0; Elastic PR
 * 13344 and qualysdk PR 227, moving to 3.0] 3.0 adds PATCH_PUBLISHED_DATE and nothing else.
 * [E] Its DTD is 2.0's with that element, a file of its own.
 */
const V3: KbVersion = { dtdFile: 'fo/knowledge_base/vuln/v3/knowledge_base_vuln_list_output.dtd', shows: ['from 3.0'] };

/**
 * [Q: Azure Sentinel PR 14129, "lack of schema changes" between 3.0 and 4.0 answers; PostHog PR
 * 80101 and XSOAR PR 44366 change only the path] 4.0 answers as 3.0 does.
 */
export const KB_VERSIONS: Readonly<Record<KbApiVersion, KbVersion>> = { '2.0': V2, '3.0': V3, '4.0': V3 };
