import { useState } from 'react';
import { api, query, type Dataset, type DatasetVersion } from '../api';
import { Loading, LoadError } from '../components/Feedback';
import { PageTitle } from '../components/PageTitle';
import { useLoad } from '../hooks';
import { formatDateTime } from '../labels';

export function DatasetsPage() {
  const [siren, setSiren] = useState('');
  const [applied, setApplied] = useState('');
  const list = useLoad(() => api<{ items: Dataset[] }>('GET', `/api/v1/datasets${query({ siren: applied, pageSize: 100 })}`), applied);
  return (
    <>
      <PageTitle title="Jeux de données">Jeux de données</PageTitle>
      <form
        className="filters"
        role="search"
        aria-label="Filtrer les jeux de données"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied(siren.trim());
        }}
      >
        <div className="field">
          <label htmlFor="ds-siren">SIREN de la collectivité</label>
          <input id="ds-siren" inputMode="numeric" value={siren} onChange={(e) => setSiren(e.target.value)} />
        </div>
        <button type="submit" className="button">
          Filtrer
        </button>
      </form>
      {list.error !== undefined ? (
        <LoadError error={list.error} />
      ) : !list.data ? (
        <Loading />
      ) : list.data.items.length === 0 ? (
        <p>Aucun jeu de données publié.</p>
      ) : (
        <ul className="datasets">
          {list.data.items.map((d) => (
            <DatasetItem key={d.id} dataset={d} />
          ))}
        </ul>
      )}
    </>
  );
}

function DatasetItem({ dataset }: { dataset: Dataset }) {
  const [open, setOpen] = useState(false);
  const v = dataset.latestVersion;
  return (
    <li className="card">
      <h2 className="h3">{dataset.title}</h2>
      <p className="muted">
        <code>{dataset.id}</code> — mis à jour le {formatDateTime(dataset.modifiedAt)}
      </p>
      <p>
        {v ? `Version ${v.number} : ${v.rowCount} ligne(s), ${v.quarantined} en quarantaine.` : 'Aucune version.'}{' '}
        {dataset.portals?.map((p) => (
          <span key={p.portal} className="badge">
            {p.portal} : {p.status}
          </span>
        ))}
      </p>
      <button type="button" className="button secondary small" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {open ? 'Masquer les versions' : 'Voir les versions'}
        <span className="sr-only"> de {dataset.title}</span>
      </button>
      {open && <Versions id={dataset.id} />}
    </li>
  );
}

function Versions({ id }: { id: string }) {
  const versions = useLoad(() => api<DatasetVersion[]>('GET', `/api/v1/datasets/${encodeURIComponent(id)}/versions`), id);
  if (versions.error !== undefined) return <LoadError error={versions.error} />;
  if (!versions.data) return <Loading />;
  return (
    <table>
      <caption className="sr-only">Versions de {id}</caption>
      <thead>
        <tr>
          <th scope="col">Version</th>
          <th scope="col">Date</th>
          <th scope="col" className="num">Lignes</th>
          <th scope="col" className="num">Ajoutées</th>
          <th scope="col" className="num">Retirées</th>
          <th scope="col" className="num">En quarantaine</th>
          <th scope="col">Fichier</th>
        </tr>
      </thead>
      <tbody>
        {versions.data.map((v) => (
          <tr key={v.number}>
            <th scope="row">{v.number}</th>
            <td>{formatDateTime(v.createdAt)}</td>
            <td className="num">{v.rowCount}</td>
            <td className="num">{v.added}</td>
            <td className="num">{v.removed}</td>
            <td className="num">{v.quarantined}</td>
            <td>
              <a href={v.csv}>
                CSV<span className="sr-only"> de la version {v.number}</span>
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
