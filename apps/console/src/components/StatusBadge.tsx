import type { ActStatus } from '../api';
import { STATUS_LABELS } from '../labels';

export function StatusBadge({ status }: { status: ActStatus }) {
  return (
    <span className={`badge badge-${status}`} data-status={status}>
      {STATUS_LABELS[status] ?? status}
    </span>
  );
}
