import { PageTitle } from '../components/PageTitle';
import { href } from '../router';
import { ActList } from './ActsPage';

export function ReviewQueuePage() {
  return (
    <>
      <PageTitle title="File de relecture">File de relecture</PageTitle>
      <p>Actes retenus par l’anonymiseur : ouvrez un acte pour corriger les occultations, puis l’approuver ou le retenir.</p>
      <ActList
        status="held_for_review"
        actions={(act) => (
          <a className="button small" href={href('actes', act.id)}>
            Relire<span className="sr-only"> l’acte {act.numeroInterne}</span>
          </a>
        )}
      />
    </>
  );
}
