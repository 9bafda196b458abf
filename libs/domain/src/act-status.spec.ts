import { canTransition, provisionalActKey } from '@openactes/domain';

describe(canTransition.name, () => {
  it('lets a failed act be retried but never resurrects a withdrawn one', () => {
    expect(canTransition('failed', 'processing')).toBe(true);
    expect(canTransition('withdrawn', 'processing')).toBe(false);
    expect(canTransition('published', 'processing')).toBe(false);
  });

  it('lets a prefecture anomaly or a cancellation end an act that is not published yet', () => {
    expect(canTransition('failed', 'rejected')).toBe(true);
    expect(canTransition('processing', 'withdrawn')).toBe(true);
    expect(canTransition('rejected', 'withdrawn')).toBe(false);
  });
});

describe(provisionalActKey.name, () => {
  it('is built from SIREN, decision date, internal number and nature', () => {
    expect(provisionalActKey({ siren: '213502388', numeroInterne: '2026_014', date: '2026-03-05', nature: 'DE' })).toBe(
      '213502388-20260305-2026_014-DE',
    );
  });
});
