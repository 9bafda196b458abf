import { useState } from 'react';
import { api, type ActSummary } from '../api';
import { errorText } from '../components/Feedback';
import { PageTitle } from '../components/PageTitle';
import { ActList } from './ActsPage';

export function FailuresPage() {
  const [message, setMessage] = useState<string | null>(null);
  const retry = async (act: ActSummary, reload: () => void) => {
    try {
      await api('POST', `/api/v1/acts/${act.id}/retry`);
      setMessage(`Traitement de l’acte ${act.numeroInterne} relancé.`);
    } catch (err) {
      setMessage(`Relance de l’acte ${act.numeroInterne} impossible : ${errorText(err)}`);
    }
    reload();
  };
  return (
    <>
      <PageTitle title="Échecs">Actes en échec</PageTitle>
      <p aria-live="polite" className="live">
        {message}
      </p>
      <ActList
        status="failed"
        actions={(act, reload) => (
          <button type="button" className="button small" onClick={() => void retry(act, reload)}>
            Relancer<span className="sr-only"> l’acte {act.numeroInterne}</span>
          </button>
        )}
      />
    </>
  );
}
