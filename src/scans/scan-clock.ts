import type { ScanState, ScanStatus } from './scan.js';

/**
 * The scan state machine. [Q] a scan is Queued, then Running, then Finished with PROCESSED 0,
 * then PROCESSED 1 once its results are processed; it may be Paused and resumed, Canceled, or
 * end in Error. [E] each of the first three steps lasts the step length a harness sets
 * (`--scan-step-seconds`), worked out from the stored `since` whenever the scan is read: no timer
 * runs, and a step length of 0 leaves every step to the harness.
 */
const STEPS: readonly { state: ScanState; processed: boolean }[] = [
  { state: 'Queued', processed: false },
  { state: 'Running', processed: false },
  { state: 'Finished', processed: false },
  { state: 'Finished', processed: true },
];

const stepOf = (s: ScanStatus) => STEPS.findIndex((x) => x.state === s.state && x.processed === s.processed);

/** The status `step` makes of `status`, entered at `at`: Running records its start, Finished its end. */
function enter(status: ScanStatus, step: number, at: number): ScanStatus {
  const { state, processed } = STEPS[step];
  return {
    ...status,
    state,
    processed,
    since: at,
    startedAt: state === 'Running' ? at : status.startedAt,
    endedAt: state === 'Finished' && status.endedAt === undefined ? at : status.endedAt,
  };
}

/** Where `status` stands at `now`, each automatic step lasting `stepMs` (0: none moves by itself). */
export function statusAt(status: ScanStatus, now: number, stepMs: number): ScanStatus {
  let current = status;
  let step = stepOf(current);
  if (step < 0 || stepMs <= 0) return current;
  while (step < STEPS.length - 1 && now - current.since >= stepMs) {
    step += 1;
    current = enter(current, step, current.since + stepMs);
  }
  return current;
}

/** The harness's step: the next automatic step now, a paused scan resumed; undefined when it has none (it has ended). */
export function nextStep(status: ScanStatus, now: number): ScanStatus | undefined {
  if (status.state === 'Paused') return resumed(status, now);
  const step = stepOf(status);
  if (step < 0 || step === STEPS.length - 1) return undefined;
  return enter(status, step + 1, now);
}

function resumed(status: ScanStatus, now: number): ScanStatus {
  const to = status.resumeTo ?? 'Running';
  return {
    ...status,
    state: to,
    processed: false,
    since: now,
    resumeTo: undefined,
    startedAt: to === 'Running' ? (status.startedAt ?? now) : status.startedAt,
  };
}

/** A state the harness forces: the scan stays there until stepped or forced again. */
export function forced(status: ScanStatus, state: ScanState, processed: boolean, subState: string | undefined, now: number): ScanStatus {
  const ends = state === 'Finished' || state === 'Canceled' || state === 'Error';
  return {
    ...status,
    state,
    processed: state === 'Finished' && processed,
    subState: subState ?? status.subState,
    since: now,
    resumeTo: state === 'Paused' ? (status.state === 'Queued' ? 'Queued' : 'Running') : undefined,
    startedAt: state === 'Queued' ? undefined : (status.startedAt ?? now),
    endedAt: ends ? (status.endedAt ?? now) : undefined,
  };
}

/** A management action of the API: the states it may be taken from [E], and what it makes of the scan. */
export interface ScanAction {
  from: readonly ScanState[];
  /** The status after; undefined for delete, which removes the scan. */
  apply?(status: ScanStatus, now: number): ScanStatus;
}

/** [Q] cancel, pause, resume, delete; [E] the states each is refused in (no capture shows a refusal). */
export const SCAN_ACTIONS: Readonly<Record<'cancel' | 'pause' | 'resume' | 'delete', ScanAction>> = {
  cancel: {
    from: ['Queued', 'Running', 'Paused'],
    apply: (s, now) => ({ ...s, state: 'Canceled', processed: false, since: now, resumeTo: undefined, endedAt: now }),
  },
  pause: {
    from: ['Queued', 'Running'],
    apply: (s, now) => ({ ...s, state: 'Paused', processed: false, since: now, resumeTo: s.state }),
  },
  resume: { from: ['Paused'], apply: resumed },
  delete: { from: ['Finished', 'Canceled', 'Error'] },
};

/** [Q] a scan's DURATION: `hh:mm:ss` once ended (`N days hh:mm:ss` past a day, as clients parse it); `Pending` before it runs, `Running` until it ends. */
export function durationOf(status: ScanStatus): string {
  if (status.endedAt === undefined) return status.startedAt === undefined ? 'Pending' : 'Running';
  const seconds = Math.max(0, Math.round((status.endedAt - (status.startedAt ?? status.endedAt)) / 1000));
  const two = (n: number) => String(n).padStart(2, '0');
  const days = Math.floor(seconds / 86400);
  const clock = `${two(Math.floor((seconds % 86400) / 3600))}:${two(Math.floor((seconds % 3600) / 60))}:${two(seconds % 60)}`;
  return days > 0 ? `${days} days ${clock}` : clock;
}
