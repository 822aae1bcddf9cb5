/** What the page says when a run ends: the status line, and a note under the program's output. */
import { RUN_TIMEOUT_MS } from '../config';
import type { NoteTone } from '../ui/console-view';
import { formatDuration } from '../ui/format';
import type { StatusTone } from '../ui/notices';
import type { RunOutcome } from './run-controller';

export interface OutcomeReport {
  status: { text: string; tone: StatusTone };
  /** For Output, when the program's own lines do not say how the run ended. */
  note?: { text: string; tone: NoteTone };
}

/** `startedAt`: the simulated time the run started at. */
export function describeOutcome(outcome: RunOutcome, startedAt: number): OutcomeReport {
  const real = formatDuration(outcome.realMs);
  switch (outcome.kind) {
    case 'finished': {
      const simulated = formatDuration(outcome.now - startedAt);
      const { status, uncaughtErrors } = outcome.result;
      if (status === 'syntax-error')
        return { status: { text: 'The code has a syntax error (see Output); nothing ran.', tone: 'error' } };
      if (status === 'threw')
        return {
          status: {
            text: `The program stopped with an uncaught error after ${real} (${simulated} simulated). See Output.`,
            tone: 'error',
          },
        };
      const extra = uncaughtErrors ? `; ${uncaughtErrors} uncaught error${uncaughtErrors > 1 ? 's' : ''} reported in Output` : '';
      return {
        status: { text: `Finished in ${real} (${simulated} of simulated time)${extra}.`, tone: uncaughtErrors ? 'warn' : 'ok' },
      };
    }
    case 'timed-out': {
      const text = `Stopped: the program was still running after ${RUN_TIMEOUT_MS / 1000} s, the playground’s limit (an endless loop, or a wait that never ends?). Its worker was terminated; the World panel keeps the last state it reported.`;
      return { status: { text, tone: 'error' }, note: { text, tone: 'error' } };
    }
    case 'stopped':
      return {
        status: { text: `Stopped after ${real}.`, tone: 'warn' },
        note: {
          text: `Stopped after ${real}: you pressed Stop. The World panel keeps the last state the program reported.`,
          tone: 'warn',
        },
      };
    case 'crashed': {
      const text = `The playground could not run the program: ${outcome.message}`;
      return { status: { text, tone: 'error' }, note: { text, tone: 'error' } };
    }
  }
}
