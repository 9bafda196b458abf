import { useState } from 'react';
import { ACT_STATUSES, api, query, type ActPage, type ActSummary } from '../api';
import { Loading, LoadError } from '../components/Feedback';
import { PageTitle } from '../components/PageTitle';
import { StatusBadge } from '../components/StatusBadge';
import { useLoad } from '../hooks';
import { formatDate, formatDateTime, NATURE_LABELS, STATUS_LABELS } from '../labels';
import { href, navigate } from '../router';

export function ActsPage({ params }: { params: URLSearchParams }) {
  const status = params.get('status') ?? '';
  const siren = params.get('siren') ?? '';
  return (
    <>
      <PageTitle title="Actes">Actes</PageTitle>
      <Filters status={status} siren={siren} />
      <ActList key={`${status}|${siren}`} status={status} siren={siren} />
    </>
  );
}

function Filters({ status, siren }: { status: string; siren: string }) {
  const [s, setS] = useState(status);
  const [n, setN] = useState(siren);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    navigate(`${href('actes')}${query({ status: s, siren: n.trim() })}`);
  };
  return (
    <form className="filters" onSubmit={submit} role="search" aria-label="Filtrer les actes">
      <div className="field">
        <label htmlFor="filter-status">Statut</label>
        <select id="filter-status" value={s} onChange={(e) => setS(e.target.value)}>
          <option value="">Tous</option>
          {ACT_STATUSES.map((v) => (
            <option key={v} value={v}>
              {STATUS_LABELS[v]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-siren">SIREN de la collectivité</label>
        <input id="filter-siren" inputMode="numeric" pattern="[0-9]{9}" value={n} onChange={(e) => setN(e.target.value)} aria-describedby="filter-siren-hint" />
        <span id="filter-siren-hint" className="hint">
          9 chiffres, facultatif
        </span>
      </div>
      <button type="submit" className="button">
        Filtrer
      </button>
    </form>
  );
}

/** A paged list of acts (cursor), used by the acts, failures and review pages. */
export function ActList({ status, siren, actions }: { status: string; siren?: string; actions?: (act: ActSummary, reload: () => void) => React.ReactNode }) {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1];
  const page = useLoad(() => api<ActPage>('GET', `/api/v1/acts${query({ status, siren, cursor, limit: 50 })}`), `${status}|${siren}|${cursor}`);
  if (page.error !== undefined) return <LoadError error={page.error} />;
  if (!page.data) return <Loading />;
  const { items, nextCursor } = page.data;
  return (
    <>
      <p role="status" className="muted">
        {items.length === 0 ? 'Aucun acte.' : `${items.length} acte${items.length > 1 ? 's' : ''} sur cette page.`}
      </p>
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="acts-table">
            <caption className="sr-only">Liste des actes</caption>
            <thead>
              <tr>
                <th scope="col">Acte</th>
                <th scope="col">Collectivité</th>
                <th scope="col">Nature</th>
                <th scope="col">Objet</th>
                <th scope="col">Décision</th>
                <th scope="col">Statut</th>
                <th scope="col">Mis à jour</th>
                {actions && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id} data-act-id={a.id} data-siren={a.siren}>
                  <th scope="row">
                    <a href={href('actes', a.id)}>{a.numeroInterne}</a>
                  </th>
                  <td>
                    {a.collectivityName ?? '—'} <span className="muted">{a.siren}</span>
                  </td>
                  <td>{NATURE_LABELS[a.nature] ?? a.nature}</td>
                  <td className="objet">{a.objet ?? <span className="muted">(pas encore anonymisé)</span>}</td>
                  <td>{formatDate(a.decisionDate)}</td>
                  <td>
                    <StatusBadge status={a.status} />
                    {a.failureCode && <code className="failure-code">{a.failureCode}</code>}
                  </td>
                  <td>{formatDateTime(a.updatedAt)}</td>
                  {actions && <td>{actions(a, page.reload)}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="pager">
        {cursors.length > 1 && (
          <button type="button" className="button secondary" onClick={() => setCursors((c) => c.slice(0, -1))}>
            Page précédente
          </button>
        )}
        {nextCursor && (
          <button type="button" className="button secondary" onClick={() => setCursors((c) => [...c, nextCursor])}>
            Page suivante
          </button>
        )}
      </div>
    </>
  );
}
