import { dtdText, REQUEST_DTD, sequence } from '../qualys/dtd-text.js';

/**
 * The scans' DTDs, written from here into dtd/ (`npx vitest run test/unit/dtds.test.ts -u`), as
 * v2.0 and v3.0 lists name the same structure at two URLs. [Q: Qualys's samples and a client
 * model following scan_list_output.dtd] the SCAN elements and their order.
 */
export function scanListDtd(): string {
  return dtdText('SCAN_LIST_OUTPUT: the VM and compliance scan lists (Qualys API v2.0 and v3.0).', [
    '<!ELEMENT SCAN_LIST_OUTPUT (REQUEST?, RESPONSE)>',
    ...REQUEST_DTD,
    '<!ELEMENT RESPONSE (DATETIME, SCAN_LIST?)>',
    '<!ELEMENT SCAN_LIST (SCAN+)>',
    sequence('SCAN', [
      'ID?',
      'REF',
      'SCAN_TYPE?',
      'TYPE',
      'TITLE',
      'CLIENT?',
      'USER_LOGIN',
      'LAUNCH_DATETIME',
      'DURATION',
      'PROCESSING_PRIORITY?',
      'PROCESSED',
      'STATUS?',
      'TARGET?',
      'ASSET_GROUP_TITLE_LIST?',
      'OPTION_PROFILE?',
    ]),
    ...['ID', 'REF', 'SCAN_TYPE', 'TYPE', 'TITLE'].map((e) => `<!ELEMENT ${e} (#PCDATA)>`),
    '<!ELEMENT CLIENT (ID, NAME)>',
    '<!ELEMENT NAME (#PCDATA)>',
    ...['LAUNCH_DATETIME', 'DURATION', 'PROCESSING_PRIORITY', 'PROCESSED'].map((e) => `<!ELEMENT ${e} (#PCDATA)>`),
    '<!ELEMENT STATUS (STATE, SUB_STATE?)>',
    '<!ELEMENT STATE (#PCDATA)>',
    '<!ELEMENT SUB_STATE (#PCDATA)>',
    '<!ELEMENT TARGET (#PCDATA)>',
    '<!ELEMENT ASSET_GROUP_TITLE_LIST (ASSET_GROUP_TITLE+)>',
    '<!ELEMENT ASSET_GROUP_TITLE (#PCDATA)>',
    '<!ELEMENT OPTION_PROFILE (TITLE, DEFAULT_FLAG?)>',
    '<!ELEMENT DEFAULT_FLAG (#PCDATA)>',
  ]);
}

/** [Q recorded: the header's keys, XSOAR 2021] a compliance scan's fetch; [E] the layout around them. */
export function complianceResultDtd(): string {
  return dtdText('COMPLIANCE_SCAN_RESULT_OUTPUT: /api/2.0/fo/scan/compliance/?action=fetch. [E] reconstructed around the recorded header keys.', [
    '<!ELEMENT COMPLIANCE_SCAN_RESULT_OUTPUT (REQUEST?, RESPONSE)>',
    ...REQUEST_DTD,
    '<!ATTLIST KEY value CDATA #IMPLIED>',
    '<!ELEMENT RESPONSE (DATETIME, COMPLIANCE_SCAN)>',
    '<!ELEMENT COMPLIANCE_SCAN (HEADER, AUTH_SCAN_RESULTS?)>',
    '<!ELEMENT HEADER (KEY+, ASSET_GROUP_LIST?, OPTION_PROFILE)>',
    '<!ELEMENT ASSET_GROUP_LIST (ASSET_GROUP+)>',
    '<!ELEMENT ASSET_GROUP (ASSET_GROUP_TITLE)>',
    '<!ELEMENT ASSET_GROUP_TITLE (#PCDATA)>',
    '<!ELEMENT OPTION_PROFILE (OPTION_PROFILE_TITLE)>',
    '<!ELEMENT OPTION_PROFILE_TITLE (#PCDATA)>',
    '<!ATTLIST OPTION_PROFILE_TITLE option_profile_default CDATA #IMPLIED>',
    '<!ELEMENT AUTH_SCAN_RESULTS (HOST+)>',
    '<!ELEMENT HOST (IP, AUTH+)>',
    '<!ELEMENT IP (#PCDATA)>',
    '<!ELEMENT AUTH (TECHNOLOGY, STATUS)>',
    '<!ELEMENT TECHNOLOGY (#PCDATA)>',
    '<!ELEMENT STATUS (#PCDATA)>',
  ]);
}
