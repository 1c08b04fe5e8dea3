/**
 * [Q] A KnowledgeBase entry (VULN) as Qualys's DTD declares it (knowledge_base_vuln_list_output.dtd,
 * docs/fidelity.md §21), declared once as data: the seed reads entries by it, the list writes them
 * by it, the DTD is written from it. A seed entry's fields are the elements' names in lower case,
 * so `cve_list: [{ id, url }]` is the CVE_LIST of CVE (ID, URL).
 */

/** How a leaf's value is checked and written. */
export type LeafKind =
  /** a decimal integer, written plain */
  | 'integer'
  /** 0 or 1 */
  | 'flag'
  /** [Q] `YYYY-MM-DDTHH:MM:SSZ` */
  | 'datetime'
  /** text written plain (CATEGORY, AUTH_TYPE: recorded without CDATA) */
  | 'text'
  /** free text, written as CDATA [Q recorded: TITLE, DIAGNOSIS, CVE ID and URL, PRODUCT...] */
  | 'cdata';

/** Elements only some API versions write: the versions that do list it (kb-versions.ts). */
export type VersionShown = 'from 3.0';
export const VERSION_SHOWN: readonly VersionShown[] = ['from 3.0'];

/**
 * Which answers show an element: every one with details (`basic`), details=All only, a show_
 * parameter's, or those of the API versions that write it.
 */
export type Shown = 'basic' | 'all' | 'show_pci_reasons' | 'show_supported_modules_info' | 'show_disabled_flag' | 'show_qid_change_log' | VersionShown;

interface FieldBase {
  /** The element's name; the seed's field is its lower case. */
  readonly element: string;
  readonly required?: boolean;
  /** Default `basic`. */
  readonly shown?: Shown;
}

export interface LeafField extends FieldBase {
  readonly type: 'leaf';
  readonly kind: LeafKind;
  /** The values allowed, when a fixed set. */
  readonly values?: readonly string[];
  /** An attribute the element carries: in a seed, `{ value, <attr> }`, or the value alone when the attribute is optional. */
  readonly attr?: { readonly name: string; readonly required: boolean };
}

export interface GroupField extends FieldBase {
  readonly type: 'group';
  readonly children: readonly Field[];
}

/** A list element (CVE_LIST) of one repeated member (CVE); in a seed, an array. */
export interface ListField extends FieldBase {
  readonly type: 'list';
  readonly member: LeafField | GroupField;
}

export type Field = LeafField | GroupField | ListField;

const leaf = (element: string, kind: LeafKind, more: Partial<Omit<LeafField, 'type' | 'element' | 'kind'>> = {}): LeafField => ({
  type: 'leaf',
  element,
  kind,
  ...more,
});
const group = (element: string, children: readonly Field[], more: Partial<FieldBase> = {}): GroupField => ({ type: 'group', element, children, ...more });
const list = (element: string, member: LeafField | GroupField, more: Partial<FieldBase> = {}): ListField => ({ type: 'list', element, member, ...more });
const idUrl = (element: string) => group(element, [leaf('ID', 'cdata', { required: true }), leaf('URL', 'cdata', { required: true })]);

/** [Q recorded] VULN_TYPE's values. */
export const VULN_TYPES = ['Vulnerability', 'Potential Vulnerability', 'Vulnerability or Potential Vulnerability', 'Information Gathered'] as const;

/** [Q] CVSS v2 and v3 share IMPACT; [Q: docs] Basic shows only the BASE and TEMPORAL scores. */
const impact = group('IMPACT', [leaf('CONFIDENTIALITY', 'text'), leaf('INTEGRITY', 'text'), leaf('AVAILABILITY', 'text')], { shown: 'all' });
const base = leaf('BASE', 'text', { attr: { name: 'source', required: false } });
const temporal = leaf('TEMPORAL', 'text');
const detail = (element: string) => leaf(element, 'text', { shown: 'all' });

/** [Q] VULN's children in the DTD's order. */
export const VULN_FIELDS: readonly Field[] = [
  leaf('QID', 'integer', { required: true }),
  leaf('VULN_TYPE', 'text', { required: true, values: VULN_TYPES }),
  leaf('SEVERITY_LEVEL', 'integer', { required: true, values: ['1', '2', '3', '4', '5'] }),
  leaf('TITLE', 'cdata', { required: true }),
  leaf('CATEGORY', 'text'),
  leaf('DETECTION_INFO', 'cdata', { shown: 'all' }),
  group('LAST_CUSTOMIZATION', [leaf('DATETIME', 'datetime', { required: true }), leaf('USER_LOGIN', 'text')]),
  leaf('LAST_SERVICE_MODIFICATION_DATETIME', 'datetime'),
  leaf('PUBLISHED_DATETIME', 'datetime', { required: true }),
  list('BUGTRAQ_LIST', idUrl('BUGTRAQ')),
  leaf('PATCHABLE', 'flag', { required: true }),
  /** [Q: Elastic issue 13178] 3.0 on; [E] a date and time as the other dates, in Basic and All alike. */
  leaf('PATCH_PUBLISHED_DATE', 'datetime', { shown: 'from 3.0' }),
  list('SOFTWARE_LIST', group('SOFTWARE', [leaf('PRODUCT', 'cdata', { required: true }), leaf('VENDOR', 'cdata', { required: true })])),
  list('VENDOR_REFERENCE_LIST', idUrl('VENDOR_REFERENCE')),
  list('CVE_LIST', idUrl('CVE')),
  leaf('DIAGNOSIS', 'cdata'),
  leaf('DIAGNOSIS_COMMENT', 'cdata'),
  leaf('CONSEQUENCE', 'cdata'),
  leaf('CONSEQUENCE_COMMENT', 'cdata'),
  leaf('SOLUTION', 'cdata'),
  leaf('SOLUTION_COMMENT', 'cdata'),
  list(
    'COMPLIANCE_LIST',
    group('COMPLIANCE', [
      leaf('TYPE', 'cdata', { required: true }),
      leaf('SECTION', 'cdata', { required: true }),
      leaf('DESCRIPTION', 'cdata', { required: true }),
    ]),
    { shown: 'all' },
  ),
  group('CORRELATION', [
    list(
      'EXPLOITS',
      group('EXPLT_SRC', [
        leaf('SRC_NAME', 'cdata', { required: true }),
        list('EXPLT_LIST', group('EXPLT', [leaf('REF', 'cdata', { required: true }), leaf('DESC', 'cdata', { required: true }), leaf('LINK', 'cdata')]), {
          required: true,
        }),
      ]),
    ),
    list(
      'MALWARE',
      group('MW_SRC', [
        leaf('SRC_NAME', 'cdata', { required: true }),
        list(
          'MW_LIST',
          group('MW_INFO', [
            leaf('MW_ID', 'cdata', { required: true }),
            leaf('MW_TYPE', 'cdata'),
            leaf('MW_PLATFORM', 'cdata'),
            leaf('MW_ALIAS', 'cdata'),
            leaf('MW_RATING', 'cdata'),
            leaf('MW_LINK', 'cdata'),
          ]),
          { required: true },
        ),
      ]),
    ),
  ]),
  group('CVSS', [
    base,
    temporal,
    detail('VECTOR_STRING'),
    group('ACCESS', [leaf('VECTOR', 'text'), leaf('COMPLEXITY', 'text')], { shown: 'all' }),
    impact,
    detail('AUTHENTICATION'),
    detail('EXPLOITABILITY'),
    detail('REMEDIATION_LEVEL'),
    detail('REPORT_CONFIDENCE'),
  ]),
  group('CVSS_V3', [
    base,
    temporal,
    detail('VECTOR_STRING'),
    detail('CVSS3_VERSION'),
    group('ATTACK', [leaf('VECTOR', 'text'), leaf('COMPLEXITY', 'text')], { shown: 'all' }),
    impact,
    detail('PRIVILEGES_REQUIRED'),
    detail('USER_INTERACTION'),
    detail('SCOPE'),
    detail('EXPLOIT_CODE_MATURITY'),
    detail('REMEDIATION_LEVEL'),
    detail('REPORT_CONFIDENCE'),
  ]),
  leaf('PCI_FLAG', 'flag'),
  leaf('AUTOMATIC_PCI_FAIL', 'flag'),
  list('PCI_REASONS', leaf('PCI_REASON', 'cdata'), { shown: 'show_pci_reasons' }),
  list('THREAT_INTELLIGENCE', leaf('THREAT_INTEL', 'cdata', { attr: { name: 'id', required: true } })),
  leaf('SUPPORTED_MODULES', 'text', { shown: 'show_supported_modules_info' }),
  group('DISCOVERY', [leaf('REMOTE', 'flag', { required: true }), list('AUTH_TYPE_LIST', leaf('AUTH_TYPE', 'text')), leaf('ADDITIONAL_INFO', 'text')], {
    required: true,
  }),
  leaf('IS_DISABLED', 'flag', { shown: 'show_disabled_flag' }),
  list('CHANGE_LOG_LIST', group('CHANGE_LOG_INFO', [leaf('CHANGE_DATE', 'datetime', { required: true }), leaf('COMMENTS', 'cdata', { required: true })]), {
    shown: 'show_qid_change_log',
  }),
];

/** The seed's field for an element. */
export const seedName = (field: Field | LeafField | GroupField) => field.element.toLowerCase();
