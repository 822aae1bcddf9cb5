/**
 * The world situation in the URL hash, beside the code: `#code=…&world=…`. It is not a snapshot
 * of the world but what the reader did to it since the scenario started (World-panel actions and
 * time jumps, in order), replayed on open, plus the mock's toggles. So links stay short, and
 * they keep meaning the same thing when the catalog's starting worlds change.
 *
 * Payload (lz-string, see ./hash-payload): JSON `{"v":1,"steps":[{"act":{…}},{"jump":ms}],"toggles":{…}}`.
 * A toggle is one more key in `toggles`; the decoder keeps any key, and the page says which ones
 * it does not know. A later format gets a new `v`; this decoder names the version it cannot read.
 */
import type { WorldAction } from 'kms-custom-key-store-mock';
import { decodePayload, encodePayload } from './hash-payload';

const SITUATION_HASH_KEY = 'world';
const FORMAT_VERSION = 1;

export type SituationStep = { kind: 'act'; action: WorldAction } | { kind: 'jump'; ms: number };
export type ToggleValue = boolean | number | string;

export interface Situation {
  steps: SituationStep[];
  /** Mock toggles by name (e.g. an eventual-consistency switch and its seed). */
  toggles: Record<string, ToggleValue>;
}

export type DecodedSituationHash =
  { kind: 'none' } | { kind: 'situation'; situation: Situation } | { kind: 'error'; reason: string };

const isEmptySituation = (situation: Situation) => situation.steps.length === 0 && Object.keys(situation.toggles).length === 0;

/** `world=…` (no `#`), or '' for the scenario's untouched start, which needs nothing in the link. */
export function encodeSituationParam(situation: Situation): string {
  if (isEmptySituation(situation)) return '';
  const steps = situation.steps.map((step) => (step.kind === 'act' ? { act: step.action } : { jump: step.ms }));
  const toggles = Object.keys(situation.toggles).length ? { toggles: situation.toggles } : {};
  return encodePayload(SITUATION_HASH_KEY, JSON.stringify({ v: FORMAT_VERSION, steps, ...toggles }));
}

export function decodeSituationHash(hash: string): DecodedSituationHash {
  const decoded = decodePayload(hash, SITUATION_HASH_KEY, 'world situation');
  if (decoded.kind !== 'text') return decoded;
  let data: unknown;
  try {
    data = JSON.parse(decoded.text);
  } catch {
    return damaged('it is not readable data');
  }
  if (!isRecord(data)) return damaged('it is not a record');
  if (data.v !== FORMAT_VERSION)
    return damaged(`it is in format ${JSON.stringify(data.v)}, and this playground reads format ${FORMAT_VERSION}`);
  const steps = Array.isArray(data.steps) ? data.steps.map(readStep) : undefined;
  if (!steps || steps.some((step) => step === undefined)) return damaged('its list of repairs and time jumps is malformed');
  const toggles = data.toggles === undefined ? {} : readToggles(data.toggles);
  if (!toggles) return damaged('its toggles are malformed');
  return { kind: 'situation', situation: { steps: steps as SituationStep[], toggles } };
}

function readStep(raw: unknown): SituationStep | undefined {
  if (!isRecord(raw)) return undefined;
  if (typeof raw.jump === 'number' && Number.isFinite(raw.jump) && raw.jump > 0) return { kind: 'jump', ms: raw.jump };
  // The action's own fields are checked when it is replayed (an unknown type or a missing
  // cluster is a step that cannot be restored, and the page says so).
  if (isRecord(raw.act) && typeof raw.act.type === 'string') return { kind: 'act', action: raw.act as WorldAction };
  return undefined;
}

function readToggles(raw: unknown): Record<string, ToggleValue> | undefined {
  if (!isRecord(raw)) return undefined;
  const entries = Object.entries(raw);
  if (!entries.every(([, value]) => ['boolean', 'number', 'string'].includes(typeof value))) return undefined;
  return Object.fromEntries(entries) as Record<string, ToggleValue>;
}

function damaged(why: string): DecodedSituationHash {
  return { kind: 'error', reason: `the world situation in the link is damaged (${why}).` };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
