import type { ActStatus } from './act-status';

/** Where the act stands with the prefecture, beside its processing status. */
export type PrefectureStatus = 'transmitted' | 'acknowledged' | 'rejected' | 'cancelled';

export const LIFECYCLE_FLAGS = ['courrier_simple', 'demande_pieces', 'lettre_observations', 'defere_ta'] as const;
export type LifecycleFlag = (typeof LIFECYCLE_FLAGS)[number];

export interface ActLifecycleState {
  status: ActStatus;
  prefecture: PrefectureStatus;
  /** The prefecture's IDActe, final once acknowledged. */
  idActe: string | null;
  /** ARActe DateReception: the legal date of transmission. */
  dateReception: string | null;
  rejection: { nature: string; detail: string | null; date: string } | null;
  /** ARAnnulation DateReception; null while only the Annulation is known. */
  cancellationDate: string | null;
  /** Date of the first letter, request, observations or referral to court. */
  flags: Partial<Record<LifecycleFlag, string>>;
}

/**
 * The messages that move an act, with the field names of the parsed ACTES messages
 * (@openactes/formats), so that those can be applied as they are.
 */
export type LifecycleEvent =
  | { kind: 'ARActe'; idActe: string; dateReception: string }
  | { kind: 'AnomalieActe' | 'AnomalieEnveloppe'; date: string; nature: string; detail: string | null }
  | { kind: 'Annulation'; idActe: string }
  | { kind: 'ARAnnulation'; idActe: string; dateReception: string }
  | { kind: 'CourrierSimple' | 'DemandePieceComplementaire' | 'LettreObservations'; idActe: string; dateCourrierPref: string }
  | { kind: 'DefereTA'; idActe: string; dateDepot: string };

export const LIFECYCLE_EVENT_KINDS: readonly LifecycleEvent['kind'][] = [
  'ARActe',
  'AnomalieActe',
  'AnomalieEnveloppe',
  'Annulation',
  'ARAnnulation',
  'CourrierSimple',
  'DemandePieceComplementaire',
  'LettreObservations',
  'DefereTA',
];

export type LifecycleEffect =
  | { type: 'set_final_key'; idActe: string; dateReception: string }
  | { type: 'mark_rejected'; reason: string }
  | { type: 'withdraw_from_publication'; reason: 'rejected' | 'cancelled' }
  /** The act is not published yet: its pipeline must end without publishing. */
  | { type: 'stop_processing' }
  | { type: 'set_flag'; flag: LifecycleFlag; date: string }
  /** A message that contradicts what is known; the state is left as it was. */
  | { type: 'report_conflict'; message: string };

export interface LifecycleStep {
  state: ActLifecycleState;
  effects: LifecycleEffect[];
}

const FLAG_OF = {
  CourrierSimple: 'courrier_simple',
  DemandePieceComplementaire: 'demande_pieces',
  LettreObservations: 'lettre_observations',
  DefereTA: 'defere_ta',
} as const satisfies Record<string, LifecycleFlag>;

export function initialLifecycleState(status: ActStatus = 'received'): ActLifecycleState {
  return { status, prefecture: 'transmitted', idActe: null, dateReception: null, rejection: null, cancellationDate: null, flags: {} };
}

export function isLifecycleEvent<T extends { kind: string }>(message: T): message is Extract<T, { kind: LifecycleEvent['kind'] }> {
  return (LIFECYCLE_EVENT_KINDS as readonly string[]).includes(message.kind);
}

/** Whether the act may (still) be published: neither rejected by the prefecture nor cancelled. */
export function mayPublish(state: ActLifecycleState): boolean {
  return state.prefecture !== 'rejected' && state.prefecture !== 'cancelled';
}

/**
 * Applies a message from (or to) the prefecture. Idempotent: a repeated message changes nothing.
 * Tolerates any order with the processing pipeline: an AR before publication only records the key,
 * a rejection or a cancellation stops the pipeline, or withdraws what it already published.
 */
export function applyActesMessage(state: ActLifecycleState, message: LifecycleEvent): LifecycleStep {
  const unchanged: LifecycleStep = { state, effects: [] };
  const conflict = (text: string): LifecycleStep => ({ state, effects: [{ type: 'report_conflict', message: `${message.kind}: ${text}` }] });
  if ('idActe' in message && state.idActe !== null && message.idActe !== state.idActe) {
    return conflict(`IDActe ${message.idActe} differs from the act's ${state.idActe}`);
  }

  switch (message.kind) {
    case 'ARActe': {
      if (state.idActe !== null) return unchanged;
      if (state.prefecture === 'rejected') return conflict('acknowledged after an anomaly; the act must be sent again');
      const prefecture = state.prefecture === 'transmitted' ? 'acknowledged' : state.prefecture;
      return {
        state: { ...state, prefecture, idActe: message.idActe, dateReception: message.dateReception },
        effects: [{ type: 'set_final_key', idActe: message.idActe, dateReception: message.dateReception }],
      };
    }
    case 'AnomalieActe':
    case 'AnomalieEnveloppe': {
      if (state.prefecture === 'rejected') return unchanged;
      if (state.prefecture !== 'transmitted') return conflict(`anomaly received for an act already ${state.prefecture}`);
      const reason = `${message.kind} ${message.nature}${message.detail ? `: ${message.detail}` : ''}`;
      const ended = end(state.status, 'rejected');
      return {
        state: { ...state, status: ended.status, prefecture: 'rejected', rejection: { nature: message.nature, detail: message.detail, date: message.date } },
        effects: [{ type: 'mark_rejected', reason }, ...ended.effects],
      };
    }
    case 'Annulation':
    case 'ARAnnulation': {
      const cancellationDate = message.kind === 'ARAnnulation' ? message.dateReception : null;
      if (state.prefecture === 'rejected') return unchanged;
      if (state.prefecture === 'cancelled') {
        return state.cancellationDate === null && cancellationDate !== null ? { state: { ...state, cancellationDate }, effects: [] } : unchanged;
      }
      const ended = end(state.status, 'cancelled');
      return { state: { ...state, status: ended.status, prefecture: 'cancelled', cancellationDate }, effects: ended.effects };
    }
    default: {
      const flag = FLAG_OF[message.kind];
      if (state.flags[flag] !== undefined) return unchanged;
      const date = message.kind === 'DefereTA' ? message.dateDepot : message.dateCourrierPref;
      return { state: { ...state, flags: { ...state.flags, [flag]: date } }, effects: [{ type: 'set_flag', flag, date }] };
    }
  }
}

/** Ends an act: withdrawn when it was published, rejected or withdrawn when still in the pipeline. */
function end(status: ActStatus, why: 'rejected' | 'cancelled'): { status: ActStatus; effects: LifecycleEffect[] } {
  if (status === 'published') return { status: 'withdrawn', effects: [{ type: 'withdraw_from_publication', reason: why }] };
  if (status === 'rejected' || status === 'withdrawn') return { status, effects: [] };
  return { status: why === 'rejected' ? 'rejected' : 'withdrawn', effects: [{ type: 'stop_processing' }] };
}
