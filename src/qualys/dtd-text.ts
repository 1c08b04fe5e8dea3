/**
 * Pieces of Qualys DTDs that many outputs share, for DTDs written from declarations. Each piece
 * declares its elements once; `dtdText` drops a repeated declaration, so pieces may overlap.
 */
export const REQUEST_DTD = [
  '<!ELEMENT REQUEST (DATETIME, USER_LOGIN, RESOURCE, PARAM_LIST?, POST_DATA?)>',
  '<!ELEMENT DATETIME (#PCDATA)>',
  '<!ELEMENT USER_LOGIN (#PCDATA)>',
  '<!ELEMENT RESOURCE (#PCDATA)>',
  '<!ELEMENT PARAM_LIST (PARAM+)>',
  '<!ELEMENT PARAM (KEY, VALUE)>',
  '<!ELEMENT KEY (#PCDATA)>',
  '<!ELEMENT VALUE (#PCDATA)>',
  '<!ELEMENT POST_DATA (#PCDATA)>',
];

export const ID_SET_DTD = ['<!ELEMENT ID_SET ((ID|ID_RANGE)+)>', '<!ELEMENT ID (#PCDATA)>', '<!ELEMENT ID_RANGE (#PCDATA)>'];

export const IP_SET_DTD = [
  '<!ELEMENT IP_SET ((IP|IP_RANGE)+)>',
  '<!ELEMENT IP (#PCDATA)>',
  '<!ATTLIST IP network_id CDATA #IMPLIED>',
  '<!ELEMENT IP_RANGE (#PCDATA)>',
  '<!ATTLIST IP_RANGE network_id CDATA #IMPLIED>',
];

export const WARNING_DTD = ['<!ELEMENT WARNING (CODE?, TEXT, URL?)>', '<!ELEMENT CODE (#PCDATA)>', '<!ELEMENT TEXT (#PCDATA)>', '<!ELEMENT URL (#PCDATA)>'];

export const GLOSSARY_DTD = [
  '<!ELEMENT GLOSSARY (USER_LIST)>',
  '<!ELEMENT USER_LIST (USER+)>',
  '<!ELEMENT USER (USER_LOGIN, FIRST_NAME, LAST_NAME)>',
  '<!ELEMENT FIRST_NAME (#PCDATA)>',
  '<!ELEMENT LAST_NAME (#PCDATA)>',
];

/** `(A, B?, C)` wrapped at about 100 columns under the element's name. */
export function sequence(name: string, parts: readonly string[]): string {
  const head = `<!ELEMENT ${name} (`;
  const lines: string[] = [];
  let line = head;
  parts.forEach((p, i) => {
    const piece = p + (i < parts.length - 1 ? ', ' : ')>');
    if (line.length + piece.trimEnd().length > 100 && line !== head) {
      lines.push(line.trimEnd());
      line = ' '.repeat(head.length);
    }
    line += piece;
  });
  lines.push(line);
  return lines.join('\n');
}

/** A DTD's text: a comment saying what it describes, then each declaration once, in order. */
export function dtdText(comment: string, declarations: readonly string[]): string {
  const seen = new Set<string>();
  const out = declarations.filter((d) => {
    // An ELEMENT or ATTLIST is the same declaration when its kind and name match.
    const key =
      d
        .match(/^<!(ELEMENT|ATTLIST) (\S+)( \S+)?/)
        ?.slice(1)
        .join(' ') ?? d;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return [`<!-- ${comment} -->`, ...out, ''].join('\n');
}
