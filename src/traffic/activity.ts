import type { LogWindow } from './analyze.js';

const DAY_MS = 86_400_000;

/** Days without calls after which an endpoint is Inactive, unless the caller chooses otherwise (DESIGN §3). */
export const DEFAULT_INACTIVE_DAYS = 30;

export type ActivityState = 'Active' | 'Inactive' | 'AwaitingData';

export interface EndpointActivity {
  readonly state: ActivityState;
  readonly evidence: string;
}

const days = (ms: number) => Math.floor(ms / DAY_MS);

/**
 * The one Inactive rule. Time is measured against the end of the logs' window, never the wall clock: an export read
 * months later must give the same answer. No window at all, or a window shorter than the inactivity period with no
 * call in it, proves nothing about an endpoint that was not called: it awaits data. APIM diagnostic sampling below
 * 100 % can miss rare calls; the evidence says which window was read.
 */
export function judgeActivity(
  window: LogWindow | null,
  lastCall: string | null,
  inactiveDays: number,
  noWindowEvidence = 'no gateway log data covers this endpoint',
): EndpointActivity {
  const end = window ? Date.parse(window.end) : NaN;
  if (!window || Number.isNaN(end)) return { state: 'AwaitingData', evidence: noWindowEvidence };
  const span = `logs from ${window.start} to ${window.end}`;
  if (lastCall) {
    const idle = end - Date.parse(lastCall);
    if (idle >= inactiveDays * DAY_MS) {
      return { state: 'Inactive', evidence: `last call ${lastCall}, ${days(idle)} days before the end of the ${span}` };
    }
    return { state: 'Active', evidence: `last call ${lastCall} (${span})` };
  }
  const length = end - Date.parse(window.start);
  if (length < inactiveDays * DAY_MS) {
    return {
      state: 'AwaitingData',
      evidence: `no calls in ${span}: ${days(length)} days of logs, fewer than the ${inactiveDays} needed`,
    };
  }
  return { state: 'Inactive', evidence: `no calls in ${span} (${days(length)} days)` };
}
