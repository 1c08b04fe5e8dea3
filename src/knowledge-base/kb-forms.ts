import type { StoredFormKind } from '../db/stored-forms.js';
import { KB_FORMS_VERSION, writtenForms } from './kb-output.js';
import type { KbStore } from './kb-store.js';

/** The KnowledgeBase's stored forms (each entry's VULN, Basic and All, and where 3.0's date goes), written again from each entry's fields. */
export const kbStoredForms = (store: KbStore): StoredFormKind => ({
  name: 'KnowledgeBase VULN elements',
  version: KB_FORMS_VERSION,
  rewrite: (after, limit) => store.rewriteForms(after, limit, writtenForms),
});
