import { useState } from 'react';
import { api, type Backfill } from '../api';
import { errorText } from '../components/Feedback';
import { PageTitle } from '../components/PageTitle';
import { usePolling } from '../hooks';

const FINISHED = new Set(['completed', 'failed', 'cancelled', 'done']);
const STATUS_LABELS: Record<string, string> = { running: 'En cours', pending: 'En attente', completed: 'Terminé', done: 'Terminé', failed: 'En échec', cancelled: 'Annulé' };

export function BackfillPage() {
  const year = new Date().getFullYear();
  const [form, setForm] = useState({ siren: '', fromYear: String(year - 1), toYear: String(year) });
  const [job, setJob] = useState<{ id: string; progress: Backfill | null } | null>(null);
  const [error, setError] = useState<unknown>(null);

  const poll = () => {
    if (!job) return;
    api<Backfill>('GET', `/api/v1/backfill/${encodeURIComponent(job.id)}`).then(
      (progress) => setJob({ id: job.id, progress }),
      (err: unknown) => setError(err),
    );
  };
  usePolling(poll, 1000, job !== null && !FINISHED.has(job.progress?.status ?? ''));

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const { id } = await api<{ id: string }>('POST', '/api/v1/backfill', { siren: form.siren.trim(), fromYear: Number(form.fromYear), toYear: Number(form.toYear) });
      setJob({ id, progress: null });
    } catch (err) {
      setError(err);
    }
  };
  const p = job?.progress;
  return (
    <>
      <PageTitle title="Rattrapage">Rattrapage</PageTitle>
      <p>Relance le traitement de tous les actes d’une collectivité sur une période (par exemple après une correction de l’anonymiseur).</p>
      <form className="inline-form" onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor="bf-siren">SIREN</label>
          <input id="bf-siren" required inputMode="numeric" pattern="[0-9]{9}" value={form.siren} onChange={(e) => setForm({ ...form, siren: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="bf-from">De l’année</label>
          <input id="bf-from" required type="number" min={2000} max={2100} value={form.fromYear} onChange={(e) => setForm({ ...form, fromYear: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="bf-to">À l’année</label>
          <input id="bf-to" required type="number" min={2000} max={2100} value={form.toYear} onChange={(e) => setForm({ ...form, toYear: e.target.value })} />
        </div>
        <button type="submit" className="button" disabled={job !== null && !FINISHED.has(p?.status ?? '')}>
          Lancer le rattrapage
        </button>
      </form>
      {error !== null && (
        <div className="alert alert-error" role="alert">
          <p>{errorText(error)}</p>
        </div>
      )}
      {job && (
        <section aria-labelledby="bf-progress-title" className="card">
          <h2 id="bf-progress-title">Progression</h2>
          <label htmlFor="bf-progress">
            {p ? `${p.done} / ${p.total} acte(s) traité(s), ${p.failed} en échec — ${STATUS_LABELS[p.status] ?? p.status}` : 'Démarrage…'}
          </label>
          <progress id="bf-progress" max={p?.total || 1} value={p ? p.done + p.failed : 0} />
        </section>
      )}
    </>
  );
}
