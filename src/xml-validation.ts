import { DtdValidator, XmlDocument, XmlDtd } from 'libxml2-wasm';
import { readDtds } from './http/dtd-routes.js';
import { FAMILIES, servedDtds } from './families.js';

/**
 * Validates an XML document against the bundled DTD its DOCTYPE names (by URL path, whatever the
 * host): by default, those the registry's families serve. Used by --validate-xml at run time and
 * by every test.
 */
export function createDtdValidator(dtds: ReadonlyMap<string, string> = readDtds(servedDtds(FAMILIES))): (xml: string) => string | undefined {
  const validators = new Map<string, DtdValidator>();
  const validatorFor = (path: string) => {
    let v = validators.get(path);
    const text = dtds.get(path);
    if (!v && text !== undefined) {
      v = new DtdValidator(XmlDtd.fromString(text));
      validators.set(path, v);
    }
    return v;
  };
  return (xml) => {
    const doctype = /<!DOCTYPE\s+(\S+)\s+SYSTEM\s+"([^"]*)"/.exec(xml);
    if (!doctype) return 'no DOCTYPE';
    const path = doctype[2].replace(/^[a-z]+:\/\/[^/]*/i, '');
    const validator = validatorFor(path);
    if (!validator) return `no bundled DTD for ${doctype[2]}`;
    let doc: XmlDocument | undefined;
    try {
      doc = XmlDocument.fromString(xml);
      if (doc.root.name !== doctype[1]) return `root ${doc.root.name} does not match DOCTYPE ${doctype[1]}`;
      validator.validate(doc);
      return undefined;
    } catch (err) {
      return (err as Error).message;
    } finally {
      doc?.dispose();
    }
  };
}
