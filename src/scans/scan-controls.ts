import type { FamilyControl } from '../api-family.js';
import { QualysError } from '../qualys/errors.js';
import { parseIpSet } from '../qualys/ip-set.js';
import type { FindingSource } from './scan-results.js';
import { ScanControlRefusal, type ScanService } from './scan-service.js';
import { SCAN_STATES, type Scan, type ScanState } from './scan.js';
import { scanJson } from './scans-view.js';

type Body = Readonly<Record<string, unknown>>;
type Refuse = (message: string) => never;

/** [E] a refusal of the service or of a value, as the control's 400. */
function refusing<T>(refuse: Refuse, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ScanControlRefusal) refuse(err.message);
    if (err instanceof QualysError) refuse(err.text);
    throw err;
  }
}

/** The body's fields, none but `allowed`. */
function fieldsOf(body: Body, allowed: readonly string[], refuse: Refuse): Body {
  const unknown = Object.keys(body).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) refuse(`the body has unknown field(s): ${unknown.join(', ')} (allowed: ${allowed.join(', ')})`);
  return body;
}

function text(body: Body, name: string, refuse: Refuse): string {
  const value = body[name];
  if (typeof value !== 'string' || value === '') refuse(`${name} must be a non-empty string`);
  return value as string;
}

/**
 * The harness's hold on scans (docs/controls.md, "Scans"): `POST /_emulator/scans/step`,
 * `scans/force`, `scans/auth`, each naming the scan by its `ref` and answering it as the
 * dashboard shows it; the handle's `scans` runs the same.
 */
export function scanControls(service: ScanService, findings: FindingSource): FamilyControl[] {
  const answer = (scan: Scan) => ({ scan: scanJson(scan, findings) });
  return [
    {
      path: 'scans/step',
      run(body, refuse) {
        const ref = text(fieldsOf(body, ['ref'], refuse), 'ref', refuse);
        return refusing(refuse, () => answer(service.atomically(() => service.step(ref))));
      },
    },
    {
      path: 'scans/force',
      run(body, refuse) {
        fieldsOf(body, ['ref', 'state', 'processed', 'sub_state'], refuse);
        const state = text(body, 'state', refuse) as ScanState;
        if (!SCAN_STATES.includes(state)) refuse(`state must be one of: ${SCAN_STATES.join(', ')}`);
        if (body.processed !== undefined && typeof body.processed !== 'boolean') refuse('processed must be true or false');
        const subState = body.sub_state === undefined ? undefined : text(body, 'sub_state', refuse);
        const ref = text(body, 'ref', refuse);
        return refusing(refuse, () => answer(service.atomically(() => service.force(ref, state, body.processed !== false, subState))));
      },
    },
    {
      path: 'scans/auth',
      run(body, refuse) {
        fieldsOf(body, ['ref', 'technology', 'ips', 'status'], refuse);
        // [E] only Failed can be forced: Passed and Not Attempted follow from the records
        if (body.status !== 'Failed') refuse('status must be "Failed"');
        const ref = text(body, 'ref', refuse);
        const technology = text(body, 'technology', refuse);
        const ips = text(body, 'ips', refuse);
        return refusing(refuse, () => answer(service.atomically(() => service.failAuth(ref, technology, parseIpSet('ips', ips)))));
      },
    },
  ];
}
