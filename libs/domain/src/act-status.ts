export const ACT_STATUSES = ['received', 'processing', 'held_for_review', 'published', 'rejected', 'failed', 'withdrawn'] as const;
export type ActStatus = (typeof ACT_STATUSES)[number];

const NEXT: Record<ActStatus, readonly ActStatus[]> = {
  received: ['processing', 'rejected', 'failed', 'withdrawn'],
  processing: ['processing', 'held_for_review', 'published', 'rejected', 'failed', 'withdrawn'],
  held_for_review: ['processing', 'published', 'rejected', 'withdrawn', 'failed'],
  published: ['withdrawn'],
  rejected: [],
  // A prefecture anomaly or a cancellation also ends an act that failed.
  failed: ['processing', 'rejected', 'withdrawn'],
  withdrawn: [],
};

/** Whether the lifecycle allows moving an act from one status to another. */
export function canTransition(from: ActStatus, to: ActStatus): boolean {
  return NEXT[from].includes(to);
}

/** Provisional business key of an act until the prefecture's IDActe is known. */
export function provisionalActKey(act: { siren: string; numeroInterne: string; date: string; nature: string }): string {
  return `${act.siren}-${act.date.replaceAll('-', '')}-${act.numeroInterne}-${act.nature}`;
}
