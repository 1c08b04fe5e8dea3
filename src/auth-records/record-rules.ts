import { qualysErrors } from '../qualys/errors.js';
import type { Fields, RecordType, When } from './record-type.js';

const holds = (when: When, fields: Fields) => fields[when.param] !== undefined && when.is.includes(fields[when.param]);
const has = (fields: Fields, param: string) => (fields[param] ?? '') !== '';

/**
 * Applies a type's rules (a record type's, or a vault type's) to fields as a request would leave them (`fields`: stored
 * values overlaid with those the request `given`), in declaration order. Returns the fields to
 * store, less the values the rules drop; throws the first broken rule's error. A create passes
 * its own values with every one of them given.
 */
export function settleFields(type: Pick<RecordType, 'rules'>, fields: Readonly<Fields>, given: ReadonlySet<string>): Fields {
  const out: Fields = { ...fields };
  for (const r of type.rules ?? []) {
    switch (r.rule) {
      case 'exclusive': {
        // The dispatcher refused two of them in one request; one given replaces the others.
        if (r.params.some((p) => given.has(p))) for (const p of r.params) if (!given.has(p)) delete out[p];
        break;
      }
      case 'onlyWhen': {
        if (holds(r.when, out)) break;
        const named = r.params.find((p) => given.has(p));
        if (named !== undefined) {
          throw qualysErrors.invalidValue(named, out[named], `only valid with ${r.when.param}=${r.when.is.join(' or ')}`);
        }
        for (const p of r.params) delete out[p];
        break;
      }
      case 'requiredWhen': {
        const missing = holds(r.when, out) ? r.params.filter((p) => !has(out, p)) : [];
        if (missing.length > 0) throw qualysErrors.missingParameters(missing);
        break;
      }
      case 'requireOne': {
        if ((r.unless ?? []).some((w) => holds(w, out)) || (r.unlessGiven ?? []).some((p) => has(out, p))) break;
        if (!r.params.some((p) => has(out, p))) throw qualysErrors.missingOneOf(r.params);
        break;
      }
      case 'together': {
        const missing = r.params.filter((p) => !has(out, p));
        if (missing.length > 0 && missing.length < r.params.length) throw qualysErrors.missingParameters(missing);
        break;
      }
      case 'requiredValue': {
        if (!holds(r.when, out) || holds(r.then, out)) break;
        const { param } = r.then;
        if (!has(out, param)) throw qualysErrors.missingParameters([param]);
        throw qualysErrors.invalidValue(param, out[param], `must be ${r.then.is.join(' or ')} with ${r.when.param}=${out[r.when.param]}`);
      }
    }
  }
  return out;
}

/** The rules' `exclusive` groups, for the dispatcher's 1904. */
export function exclusiveGroups(type: RecordType): string[][] {
  return (type.rules ?? []).flatMap((r) => (r.rule === 'exclusive' ? [[...r.params]] : []));
}

/**
 * Whether a record of `type` holding `fields` must have IPs (the type's `ips` switch): always
 * unless the type says otherwise; with `orOneOf`, unless one of those parameters has a value.
 */
export function needsIps(type: RecordType, fields: Readonly<Fields>): boolean {
  const rule = type.ips;
  if (rule === undefined) return true;
  if (rule === 'optional') return false;
  return !rule.orOneOf.some((p) => has(fields, p));
}

/** The 1903 of a record left without IPs where its type needs them: `ips`, or `ips` or what stands for them. */
export function missingIps(type: RecordType): Error {
  const rule = type.ips;
  return typeof rule === 'object' ? qualysErrors.missingOneOf(['ips', ...rule.orOneOf]) : qualysErrors.missingParameters(['ips']);
}
