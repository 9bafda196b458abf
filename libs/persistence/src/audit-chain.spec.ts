import { auditEventHash, canonicalJson, GENESIS_HASH } from './audit-chain';

const event = {
  at: new Date('2026-11-22T10:00:00.000Z'),
  actor: 'system:worker',
  action: 'act.extract_text',
  subjectType: 'act',
  subjectId: 'a1',
  outcome: 'ok',
  payloadDigest: 'f'.repeat(64),
};

describe(canonicalJson.name, () => {
  it('does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 1, e: 0 }] } })).toBe(canonicalJson({ a: { c: [3, { e: 0, f: 1 }], d: 2 }, b: 1 }));
  });
});

describe(auditEventHash.name, () => {
  it('changes when any field or the previous link changes', () => {
    const h = auditEventHash(GENESIS_HASH, event);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(auditEventHash(GENESIS_HASH, { ...event, outcome: 'failed' })).not.toBe(h);
    expect(auditEventHash('1'.repeat(64), event)).not.toBe(h);
    expect(auditEventHash(GENESIS_HASH, { ...event })).toBe(h);
  });
});
