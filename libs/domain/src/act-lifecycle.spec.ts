import {
  ACT_STATUSES,
  ActLifecycleState,
  applyActesMessage,
  canTransition,
  initialLifecycleState,
  isLifecycleEvent,
  LifecycleEvent,
  mayPublish,
} from '@openactes/domain';

const ID = '035-213502388-20240305-DEL_042-DE';
const AR: LifecycleEvent = { kind: 'ARActe', idActe: ID, dateReception: '2024-03-07' };
const ANOMALY: LifecycleEvent = { kind: 'AnomalieActe', date: '2024-03-07', nature: '002', detail: 'ODT-VERIF-01 : classification' };
const ANNULATION: LifecycleEvent = { kind: 'Annulation', idActe: ID };
const AR_ANNULATION: LifecycleEvent = { kind: 'ARAnnulation', idActe: ID, dateReception: '2024-04-02' };
const ALL_EVENTS: LifecycleEvent[] = [
  AR,
  ANOMALY,
  { kind: 'AnomalieEnveloppe', date: '2024-03-07', nature: '999', detail: null },
  ANNULATION,
  AR_ANNULATION,
  { kind: 'CourrierSimple', idActe: ID, dateCourrierPref: '2024-03-20' },
  { kind: 'DemandePieceComplementaire', idActe: ID, dateCourrierPref: '2024-03-21' },
  { kind: 'LettreObservations', idActe: ID, dateCourrierPref: '2024-03-22' },
  { kind: 'DefereTA', idActe: ID, dateDepot: '2024-05-02' },
];

/** Applies messages in order, collecting every effect. */
function run(state: ActLifecycleState, ...events: LifecycleEvent[]) {
  return events.reduce(
    (acc, event) => {
      const step = applyActesMessage(acc.state, event);
      return { state: step.state, effects: [...acc.effects, ...step.effects] };
    },
    { state, effects: [] as ReturnType<typeof applyActesMessage>['effects'] },
  );
}

describe(applyActesMessage.name, () => {
  it('records the final key of an AR that arrives while the act is still processing', () => {
    const { state, effects } = run(initialLifecycleState('processing'), AR);
    expect(state).toMatchObject({ status: 'processing', prefecture: 'acknowledged', idActe: ID, dateReception: '2024-03-07' });
    expect(effects).toEqual([{ type: 'set_final_key', idActe: ID, dateReception: '2024-03-07' }]);
    expect(mayPublish(state)).toBe(true);
  });

  it('rejects an act in the pipeline on an anomaly, so that it is never published', () => {
    const { state, effects } = run(initialLifecycleState('processing'), ANOMALY);
    expect(state).toMatchObject({ status: 'rejected', prefecture: 'rejected', rejection: { nature: '002', date: '2024-03-07' } });
    expect(effects.map((e) => e.type)).toEqual(['mark_rejected', 'stop_processing']);
    expect(mayPublish(state)).toBe(false);
  });

  it('withdraws an act already published when an anomaly comes after', () => {
    const { state, effects } = run(initialLifecycleState('published'), { kind: 'AnomalieEnveloppe', date: '2024-03-07', nature: '999', detail: null });
    expect(state.status).toBe('withdrawn');
    expect(effects).toEqual([
      { type: 'mark_rejected', reason: 'AnomalieEnveloppe 999' },
      { type: 'withdraw_from_publication', reason: 'rejected' },
    ]);
  });

  it('withdraws a published act on its cancellation, then records the date of the AR', () => {
    const { state, effects } = run(initialLifecycleState('published'), AR, ANNULATION, AR_ANNULATION);
    expect(state).toMatchObject({ status: 'withdrawn', prefecture: 'cancelled', idActe: ID, cancellationDate: '2024-04-02' });
    expect(effects.map((e) => e.type)).toEqual(['set_final_key', 'withdraw_from_publication']);
    expect(mayPublish(state)).toBe(false);
  });

  it('stops the pipeline of an act cancelled before publication', () => {
    const { state, effects } = run(initialLifecycleState('held_for_review'), AR_ANNULATION);
    expect(state).toMatchObject({ status: 'withdrawn', prefecture: 'cancelled', cancellationDate: '2024-04-02' });
    expect(effects).toEqual([{ type: 'stop_processing' }]);
  });

  it('still records the key of an AR that comes after the cancellation', () => {
    const { state, effects } = run(initialLifecycleState('published'), AR_ANNULATION, AR);
    expect(state).toMatchObject({ status: 'withdrawn', prefecture: 'cancelled', idActe: ID });
    expect(effects.map((e) => e.type)).toEqual(['withdraw_from_publication', 'set_final_key']);
  });

  it('raises a flag, with its date, for letters, requests, observations and referrals', () => {
    const { state, effects } = run(initialLifecycleState('published'), AR, ...ALL_EVENTS.slice(5));
    expect(state.status).toBe('published');
    expect(state.flags).toEqual({ courrier_simple: '2024-03-20', demande_pieces: '2024-03-21', lettre_observations: '2024-03-22', defere_ta: '2024-05-02' });
    expect(effects.filter((e) => e.type === 'set_flag')).toHaveLength(4);
  });

  it('is idempotent: a repeated message changes nothing', () => {
    for (const event of ALL_EVENTS) {
      const once = applyActesMessage(initialLifecycleState('published'), event);
      const twice = applyActesMessage(once.state, event);
      expect(twice).toEqual({ state: once.state, effects: [] });
    }
  });

  it('reports a message for another IDActe and leaves the state as it was', () => {
    const { state } = run(initialLifecycleState('published'), AR);
    for (const event of [AR, ANNULATION, ALL_EVENTS[5]]) {
      const step = applyActesMessage(state, { ...event, idActe: '035-213502388-20240305-OTHER-DE' } as LifecycleEvent);
      expect(step.state).toBe(state);
      expect(step.effects.map((e) => e.type)).toEqual(['report_conflict']);
    }
  });

  it('reports an anomaly after an AR, and an AR after an anomaly', () => {
    const acknowledged = run(initialLifecycleState(), AR).state;
    expect(applyActesMessage(acknowledged, ANOMALY).effects.map((e) => e.type)).toEqual(['report_conflict']);
    const rejected = run(initialLifecycleState(), ANOMALY).state;
    expect(applyActesMessage(rejected, AR)).toMatchObject({ state: rejected, effects: [{ type: 'report_conflict' }] });
  });

  it('leaves a rejected act rejected when it is cancelled', () => {
    const rejected = run(initialLifecycleState(), ANOMALY).state;
    expect(applyActesMessage(rejected, ANNULATION)).toEqual({ state: rejected, effects: [] });
  });

  it('only ever moves the status along canTransition', () => {
    const illegal = ACT_STATUSES.flatMap((status) =>
      ALL_EVENTS.map((event) => [status, applyActesMessage(initialLifecycleState(status), event).state.status] as const).filter(
        ([from, to]) => from !== to && !canTransition(from, to),
      ),
    );
    expect(illegal).toEqual([]);
  });
});

describe(isLifecycleEvent.name, () => {
  it('tells lifecycle messages from the others', () => {
    expect(isLifecycleEvent({ kind: 'ARActe' })).toBe(true);
    expect(isLifecycleEvent({ kind: 'RetourClassification' })).toBe(false);
    expect(isLifecycleEvent({ kind: 'acte' })).toBe(false);
  });
});
