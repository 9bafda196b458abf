import type { NatureAbbrev } from './actes-nomenclature';

export type PublicationChoice = 'publish' | 'withhold' | 'review';

/** Mégalis' defaults: deliberations, regulatory acts and budgets are published, individual acts and others not, contracts reviewed. */
export const DEFAULT_PUBLICATION_BY_NATURE: Readonly<Record<NatureAbbrev, PublicationChoice>> = {
  DE: 'publish',
  AR: 'publish',
  BF: 'publish',
  AI: 'withhold',
  AU: 'withhold',
  CC: 'review',
};

/** Detached electronic signature sent as an annex: not a document to publish. */
const SIGNATURE_PIECE_TYPE = '99_SE';

export interface PublicationPolicyInput {
  nature: NatureAbbrev;
  /** The collectivity's own defaults, by nature. */
  tenantOverrides?: Partial<Record<NatureAbbrev, PublicationChoice>>;
  /** A decision taken for this act (by a clerk or a reviewer). */
  actOverride?: PublicationChoice;
  /** publish, when set, is a decision taken for this annex. */
  annexes: { fileName: string; pieceType?: string | null; publish?: boolean }[];
}

export interface PublicationDecision {
  act: PublicationChoice;
  /** An annex is published only with its act. */
  annexes: { fileName: string; publish: boolean }[];
  /** Codes: nature_default, tenant_override, act_override, then annex_override:<file> or signature_file:<file>. */
  reasons: string[];
}

/** What to publish of an act: the act override wins over the tenant's, which wins over the nature's default. */
export function decidePublication(input: PublicationPolicyInput): PublicationDecision {
  const tenant = input.tenantOverrides?.[input.nature];
  const [act, reason] =
    input.actOverride !== undefined
      ? [input.actOverride, 'act_override']
      : tenant !== undefined
        ? [tenant, 'tenant_override']
        : [DEFAULT_PUBLICATION_BY_NATURE[input.nature], 'nature_default'];
  const reasons = [reason];
  const annexes = input.annexes.map(({ fileName, pieceType, publish }) => {
    if (publish !== undefined) reasons.push(`annex_override:${fileName}`);
    else if (pieceType === SIGNATURE_PIECE_TYPE) reasons.push(`signature_file:${fileName}`);
    const wanted = publish ?? pieceType !== SIGNATURE_PIECE_TYPE;
    return { fileName, publish: act === 'publish' && wanted };
  });
  return { act, annexes, reasons };
}
