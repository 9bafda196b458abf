import { ACT_STATUSES, api, query, type Stats } from '../api';
import { Loading, LoadError } from '../components/Feedback';
import { PageTitle } from '../components/PageTitle';
import { useLoad } from '../hooks';
import { formatDuration, STATUS_LABELS } from '../labels';
import { href } from '../router';

/** What the issue lists for the dashboard; `rejected` (by the prefecture) is shown too. */
const COLUMNS = ACT_STATUSES;

export function DashboardPage() {
  const stats = useLoad(() => api<Stats>('GET', `/api/v1/admin/stats${query({})}`), 'stats');
  return (
    <>
      <PageTitle title="Tableau de bord">Tableau de bord</PageTitle>
      {stats.error !== undefined ? <LoadError error={stats.error} /> : !stats.data ? <Loading /> : <Dashboard stats={stats.data} />}
    </>
  );
}

function Dashboard({ stats }: { stats: Stats }) {
  return (
    <>
      <section aria-labelledby="kpi-title">
        <h2 id="kpi-title">Vue d’ensemble</h2>
        <ul className="kpis">
          {COLUMNS.map((s) => (
            <li key={s} className={`kpi kpi-${s}`}>
              <a href={`${href('actes')}?status=${s}`}>
                <span className="kpi-value" data-testid={`total-${s}`}>
                  {stats.total[s] ?? 0}
                </span>
                <span className="kpi-label">{STATUS_LABELS[s]}</span>
              </a>
            </li>
          ))}
        </ul>
        <dl className="facts">
          <div>
            <dt>Délai de publication (médiane)</dt>
            <dd>{formatDuration(stats.publicationLag.p50Seconds)}</dd>
          </div>
          <div>
            <dt>Délai de publication (95ᵉ centile)</dt>
            <dd>{formatDuration(stats.publicationLag.p95Seconds)}</dd>
          </div>
          <div>
            <dt>Échecs des dernières 24 h</dt>
            <dd data-testid="failures-24h">{stats.failuresLast24h}</dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="by-siren-title">
        <h2 id="by-siren-title">Par collectivité</h2>
        <div className="table-wrap">
          <table>
            <caption className="sr-only">Nombre d’actes par collectivité et par statut</caption>
            <thead>
              <tr>
                <th scope="col">Collectivité</th>
                {COLUMNS.map((s) => (
                  <th scope="col" key={s} className="num">
                    {STATUS_LABELS[s]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {stats.bySiren.length === 0 && (
                <tr>
                  <td colSpan={COLUMNS.length + 1}>Aucun acte reçu pour l’instant.</td>
                </tr>
              )}
              {stats.bySiren.map((c) => (
                <tr key={c.siren}>
                  <th scope="row">
                    <a href={`${href('actes')}?siren=${c.siren}`}>{c.name}</a> <span className="muted">{c.siren}</span>
                  </th>
                  {COLUMNS.map((s) => (
                    <td key={s} className="num">
                      {c.counts[s] ?? 0}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
