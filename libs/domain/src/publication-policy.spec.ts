import { decidePublication, NATURE_ABBREVS } from '@openactes/domain';

describe(decidePublication.name, () => {
  it.each([
    ['DE', 'publish'],
    ['AR', 'publish'],
    ['BF', 'publish'],
    ['AI', 'withhold'],
    ['AU', 'withhold'],
    ['CC', 'review'],
  ] as const)('by default decides %s: %s', (nature, act) => {
    expect(decidePublication({ nature, annexes: [] })).toEqual({ act, annexes: [], reasons: ['nature_default'] });
  });

  it('has a default for every nature', () => {
    for (const nature of NATURE_ABBREVS) expect(decidePublication({ nature, annexes: [] }).act).toMatch(/^(publish|withhold|review)$/);
  });

  it('lets the tenant override the nature, and the act override both', () => {
    const tenantOverrides = { CC: 'publish', AI: 'review' } as const;
    expect(decidePublication({ nature: 'CC', tenantOverrides, annexes: [] })).toMatchObject({ act: 'publish', reasons: ['tenant_override'] });
    expect(decidePublication({ nature: 'DE', tenantOverrides, annexes: [] })).toMatchObject({ act: 'publish', reasons: ['nature_default'] });
    expect(decidePublication({ nature: 'CC', tenantOverrides, actOverride: 'withhold', annexes: [] })).toMatchObject({
      act: 'withhold',
      reasons: ['act_override'],
    });
  });

  it('publishes annexes with their act, except detached signatures and annexes turned off', () => {
    const annexes = [{ fileName: 'a.pdf' }, { fileName: 'b.pdf', publish: false }, { fileName: 'sig.p7s', pieceType: '99_SE' }, { fileName: 'c.pdf', pieceType: '99_SE', publish: true }];
    expect(decidePublication({ nature: 'DE', annexes })).toEqual({
      act: 'publish',
      annexes: [
        { fileName: 'a.pdf', publish: true },
        { fileName: 'b.pdf', publish: false },
        { fileName: 'sig.p7s', publish: false },
        { fileName: 'c.pdf', publish: true },
      ],
      reasons: ['nature_default', 'annex_override:b.pdf', 'signature_file:sig.p7s', 'annex_override:c.pdf'],
    });
  });

  it('never publishes an annex of an act that is not published', () => {
    const { annexes } = decidePublication({ nature: 'CC', annexes: [{ fileName: 'a.pdf', publish: true }] });
    expect(annexes).toEqual([{ fileName: 'a.pdf', publish: false }]);
  });
});
