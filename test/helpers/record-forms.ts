import type { FieldSpec, RecordType, When } from '../../src/auth-records/record-type.js';

/**
 * Request parameters built from a record type's declaration, so a suite can exercise every
 * declared type (including ones added later) without knowing it. Values are canonical: each
 * lists back exactly as sent.
 */
export type Form = Record<string, string>;

export interface FormContext {
  /** An existing vault, of type `CyberArk AIM`, for the fields that reference one. */
  vaultId?: string;
}

/** A valid value of a field's kind; `alt` picks a different one, for updates. */
export function sampleValue(field: FieldSpec, ctx: FormContext = {}, alt = false): string {
  // A reference has one valid value whatever `alt` asks: the suite's vault.
  if (field.references === 'vault' && ctx.vaultId !== undefined) return ctx.vaultId;
  if (field.references === 'vault-type') return 'CyberArk AIM';
  switch (field.kind ?? 'text') {
    case 'flag':
      return alt ? '0' : '1';
    case 'port':
      return alt ? '2223' : '2222';
    case 'enum': {
      const values = field.values!;
      return values[alt && values.length > 1 ? 1 : 0];
    }
    case 'integer':
      return String((field.min ?? 0) + (alt ? 2 : 1));
    case 'list':
      return field.values ? field.values.slice(0, alt ? 1 : 2).join(',') : alt ? 'x' : 'a,b';
    case 'secret':
      return `${alt ? 'new' : ''}s3cret-${field.param}`.slice(0, field.maxLength ?? 100);
    case 'text':
      return `${alt ? 'new-' : ''}${field.param}`.slice(0, field.maxLength ?? 1024);
  }
}

const onlyWhen = (type: RecordType, param: string): When | undefined =>
  type.rules?.flatMap((r) => (r.rule === 'onlyWhen' && r.params.includes(param) ? [r.when] : []))[0];
const exclusiveWith = (type: RecordType, param: string): string[] =>
  type.rules?.flatMap((r) => (r.rule === 'exclusive' && r.params.includes(param) ? r.params.filter((p) => p !== param) : [])) ?? [];
const fieldOf = (type: RecordType, param: string) => type.fields.find((f) => f.param === param);
export const createFields = (type: RecordType) => type.fields.filter((f) => f.only !== 'update');

/** Whether `when` holds in `form`. */
export const holds = (when: When, form: Form) => form[when.param] !== undefined && when.is.includes(form[when.param]);

/** Adds `param` with its conditions to `form` when they agree with what it holds; whether it did. */
function tryAdd(type: RecordType, form: Form, param: string, ctx: FormContext, depth = 0): boolean {
  if (form[param] !== undefined) return true;
  const field = fieldOf(type, param);
  if (!field || field.only === 'update' || depth > 5) return false;
  if (exclusiveWith(type, param).some((p) => form[p] !== undefined)) return false;
  const when = onlyWhen(type, param);
  if (when) {
    if (form[when.param] !== undefined && !holds(when, form)) return false;
    if (form[when.param] === undefined) {
      const trial = { ...form, [when.param]: when.is[0] };
      if (!tryAdd(type, trial, when.param, ctx, depth + 1) && fieldOf(type, when.param)) return false;
      Object.assign(form, trial);
    }
  }
  form[param] = form[param] ?? sampleValue(field, ctx);
  return true;
}

/** Adds what the rules require of `form`, without touching what it holds. */
export function complete(type: RecordType, form: Form, ctx: FormContext = {}): Form {
  for (const f of type.fields) if (f.required && form[f.param] === undefined) form[f.param] = sampleValue(f, ctx);
  for (const r of type.rules ?? []) {
    if (r.rule === 'requiredWhen' && holds(r.when, form)) for (const p of r.params) tryAdd(type, form, p, ctx);
    if (r.rule === 'requireOne' && !(r.unless ?? []).some((w) => holds(w, form)) && !r.params.some((p) => (form[p] ?? '') !== '')) {
      r.params.some((p) => tryAdd(type, form, p, ctx));
    }
    if (r.rule === 'together' && r.params.some((p) => form[p] !== undefined)) for (const p of r.params) tryAdd(type, form, p, ctx);
    if (r.rule === 'requiredValue' && holds(r.when, form)) form[r.then.param] = r.then.is[0];
  }
  return form;
}

/**
 * Create forms that together give every create parameter the type declares: each form is valid
 * on its own (required parameters, rules), and a parameter that the rules keep apart from
 * another (exclusive, or valid only with another value) goes in a later form.
 */
export function createForms(type: RecordType, ctx: FormContext = {}): Form[] {
  const forms: Form[] = [];
  let remaining = createFields(type).map((f) => f.param);
  while (remaining.length > 0) {
    const form: Form = {};
    for (const p of remaining) tryAdd(type, form, p, ctx);
    complete(type, form, ctx);
    const covered = remaining.filter((p) => form[p] !== undefined);
    if (covered.length === 0) throw new Error(`${type.name}: no valid create gives ${remaining.join(', ')}`);
    forms.push(form);
    remaining = remaining.filter((p) => form[p] === undefined);
  }
  return forms;
}
