import { computeMetrics, fullyCovered, ratio, type GoldDocument } from './metrics';

// "M. Jean DUPONT, 3 rue X. Mme Anne ROUX, maire."
//     3........14  16....23     33......42
const doc: GoldDocument = {
  id: 'd1',
  text: 'M. Jean DUPONT, 3 rue X. Mme Anne ROUX, maire.',
  spans: [
    { start: 3, end: 14, label: 'PERSON', role: 'private', action: 'redact', entity: 'P1' },
    { start: 16, end: 23, label: 'ADDRESS', role: 'private', action: 'redact', entity: 'P1' },
    { start: 29, end: 38, label: 'PERSON', role: 'elected', action: 'keep', entity: 'E1' },
  ],
};

describe(fullyCovered.name, () => {
  it('ignores whitespace inside the span and needs every other code unit redacted', () => {
    const redacted = new Uint8Array(10).fill(1, 0, 4).fill(1, 5, 9);
    expect(fullyCovered('Jean DUPON', redacted, { start: 0, end: 9 })).toBe(true);
    expect(fullyCovered('Jean DUPON', redacted, { start: 0, end: 10 })).toBe(false);
  });
});

describe(computeMetrics.name, () => {
  it('scores a perfect prediction', () => {
    const m = computeMetrics([doc], [{ ranges: [{ start: 3, end: 14 }, { start: 16, end: 23 }] }]);
    expect(m.recall.ALL).toEqual({ hits: 2, total: 2 });
    expect(m.recall.PERSON).toEqual({ hits: 1, total: 1 });
    expect(m.personLeak).toEqual({ hits: 0, total: 1 });
    expect(m.entityDataLeak).toEqual({ hits: 0, total: 1 });
    expect(m.leakFreeDocuments).toEqual({ hits: 1, total: 1 });
    expect(m.keepOverRedaction.ALL).toEqual({ hits: 0, total: 1 });
    expect(m.ordinaryOverRedaction.hits).toBe(0);
  });

  it('counts a partly masked name as a leak, and a touched official as over-redaction', () => {
    // First name only, the official's surname, and "maire" (ordinary text).
    const m = computeMetrics([doc], [{ ranges: [{ start: 3, end: 7 }, { start: 16, end: 23 }, { start: 34, end: 38 }, { start: 40, end: 45 }] }]);
    expect(m.recall.PERSON).toEqual({ hits: 0, total: 1 });
    expect(m.recall.ADDRESS).toEqual({ hits: 1, total: 1 });
    expect(m.charRecall).toEqual({ hits: 4 + 5, total: 10 + 5 });
    expect(m.personLeak).toEqual({ hits: 1, total: 1 });
    expect(m.leakFreeDocuments).toEqual({ hits: 0, total: 1 });
    expect(m.keepOverRedaction.elected).toEqual({ hits: 1, total: 1 });
    // Outside the gold spans: "M." "," ".Mme" ",maire." = 14 non-whitespace code units, "maire" redacted.
    expect(m.ordinaryOverRedaction).toEqual({ hits: 5, total: 14 });
  });
});

describe(ratio.name, () => {
  it('divides, and is NaN for nothing counted', () => {
    expect(ratio({ hits: 1, total: 4 })).toBe(0.25);
    expect(ratio({ hits: 0, total: 0 })).toBeNaN();
    expect(ratio(undefined)).toBeNaN();
  });
});
