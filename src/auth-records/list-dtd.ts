import { dtdText, GLOSSARY_DTD, ID_SET_DTD, IP_SET_DTD, REQUEST_DTD, sequence, WARNING_DTD } from '../qualys/dtd-text.js';
import { fieldsAroundBody, fieldsListed, listedFields, type RecordType } from './record-type.js';

/**
 * [E] A type's list-output DTD, written from its declaration: the elements `listOutput` writes,
 * in the order it writes them. Qualys's XML/DTD Reference does not carry these per-type DTDs,
 * so they are the emulator's; the files in dtd/ are these texts (a test holds them equal).
 */
export function listDtd(type: RecordType): string {
  const { root, listElement, recordElement } = type.list;
  const listed = listedFields(type.fields);
  const part = (f: (typeof listed)[number]) => (f.required ? f.element : `${f.element}?`);
  const [before, after] = fieldsAroundBody(type);
  const parts = [
    'ID',
    'TITLE',
    ...before.map(part),
    ...(type.body?.dtd.parts ?? []),
    ...after.map(part),
    'IP_SET?',
    // every record of a type with networks lists one, 0 when it was given none
    ...(type.networkId === false ? [] : ['NETWORK_ID']),
    'CREATED',
    'LAST_MODIFIED',
    'COMMENTS?',
    ...fieldsListed(type.fields, 'last').map(part),
  ];
  return dtdText(`${root}: ${type.path}?action=list (Qualys API v2). [E] written from the record type's declaration.`, [
    `<!ELEMENT ${root} (REQUEST?, RESPONSE)>`,
    ...REQUEST_DTD,
    `<!ELEMENT RESPONSE (DATETIME, (${listElement}|ID_SET)?, WARNING?, GLOSSARY?)>`,
    `<!ELEMENT ${listElement} (${recordElement}+)>`,
    sequence(recordElement, parts),
    '<!ELEMENT ID (#PCDATA)>',
    '<!ELEMENT TITLE (#PCDATA)>',
    ...listed.map((f) => `<!ELEMENT ${f.element} (#PCDATA)>`),
    ...(type.body?.dtd.declarations ?? []),
    ...IP_SET_DTD,
    '<!ELEMENT NETWORK_ID (#PCDATA)>',
    '<!ELEMENT CREATED (DATETIME, BY)>',
    '<!ELEMENT BY (#PCDATA)>',
    '<!ELEMENT LAST_MODIFIED (DATETIME, BY?)>',
    '<!ELEMENT COMMENTS (#PCDATA)>',
    ...ID_SET_DTD,
    ...WARNING_DTD,
    ...GLOSSARY_DTD,
  ]);
}
