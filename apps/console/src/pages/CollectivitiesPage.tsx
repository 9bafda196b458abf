import { useState } from 'react';
import { api, itemsOf, type Collectivity, type PlatformToken } from '../api';
import { errorText, Loading, LoadError } from '../components/Feedback';
import { PageTitle } from '../components/PageTitle';
import { useLoad } from '../hooks';
import { formatDateTime } from '../labels';

export function CollectivitiesPage() {
  return (
    <>
      <PageTitle title="Collectivités et jetons">Collectivités et jetons</PageTitle>
      <Collectivities />
      <Tokens />
    </>
  );
}

function Collectivities() {
  const list = useLoad(() => api<Collectivity[] | { items: Collectivity[] }>('GET', '/api/v1/collectivities').then(itemsOf), 'collectivities');
  const [form, setForm] = useState({ siren: '', name: '', siret: '' });
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api('POST', '/api/v1/collectivities', { siren: form.siren.trim(), name: form.name.trim(), ...(form.siret.trim() ? { siret: form.siret.trim() } : {}) });
      setForm({ siren: '', name: '', siret: '' });
      list.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section aria-labelledby="coll-title">
      <h2 id="coll-title">Collectivités</h2>
      {list.error !== undefined ? (
        <LoadError error={list.error} />
      ) : !list.data ? (
        <Loading />
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">Collectivités enregistrées</caption>
            <thead>
              <tr>
                <th scope="col">Nom</th>
                <th scope="col">SIREN</th>
                <th scope="col">SIRET du siège</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((c) => (
                <tr key={c.siren}>
                  <th scope="row">{c.name}</th>
                  <td>{c.siren}</td>
                  <td>{c.siret ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>Ajouter une collectivité</h3>
      <form className="inline-form" onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor="coll-siren">SIREN</label>
          <input id="coll-siren" required inputMode="numeric" pattern="[0-9]{9}" value={form.siren} onChange={(e) => setForm({ ...form, siren: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="coll-name">Nom</label>
          <input id="coll-name" required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="coll-siret">SIRET du siège (facultatif)</label>
          <input id="coll-siret" inputMode="numeric" pattern="[0-9]{14}" value={form.siret} onChange={(e) => setForm({ ...form, siret: e.target.value })} />
        </div>
        <button type="submit" className="button">
          Ajouter
        </button>
      </form>
      {error !== null && (
        <div className="alert alert-error" role="alert">
          <p>{errorText(error)}</p>
        </div>
      )}
    </section>
  );
}

function Tokens() {
  const list = useLoad(() => api<PlatformToken[] | { items: PlatformToken[] }>('GET', '/api/v1/tokens').then(itemsOf), 'tokens');
  const [platform, setPlatform] = useState('');
  const [sirens, setSirens] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const list2 = sirens.split(/[\s,;]+/).filter(Boolean);
      const res = await api<{ id: string; token: string }>('POST', '/api/v1/tokens', { platform: platform.trim(), sirens: list2 });
      setCreated(res.token);
      setPlatform('');
      setSirens('');
      list.reload();
    } catch (err) {
      setError(err);
    }
  };
  const revoke = async (t: PlatformToken) => {
    if (!window.confirm('Révoquer ce jeton ? La plateforme ne pourra plus transmettre avec.')) return;
    try {
      await api('DELETE', `/api/v1/tokens/${encodeURIComponent(t.id)}`);
      list.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section aria-labelledby="tokens-title">
      <h2 id="tokens-title">Jetons des plateformes</h2>
      {list.error !== undefined ? (
        <LoadError error={list.error} />
      ) : !list.data ? (
        <Loading />
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">Jetons des plateformes de transmission</caption>
            <thead>
              <tr>
                <th scope="col">Plateforme</th>
                <th scope="col">SIREN couverts</th>
                <th scope="col">Créé le</th>
                <th scope="col">État</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((t) => (
                <tr key={t.id}>
                  <th scope="row">{t.platform ?? t.platformName ?? '—'}</th>
                  <td>{t.sirens === '*' ? 'Toutes' : t.sirens.join(', ')}</td>
                  <td>{formatDateTime(t.createdAt)}</td>
                  <td>{t.revokedAt ? `Révoqué le ${formatDateTime(t.revokedAt)}` : 'Actif'}</td>
                  <td>
                    {!t.revokedAt && (
                      <button type="button" className="button small danger" onClick={() => void revoke(t)}>
                        Révoquer<span className="sr-only"> le jeton de {t.platform ?? t.platformName}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>Créer un jeton</h3>
      <form className="inline-form" onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor="token-platform">Plateforme</label>
          <input id="token-platform" required value={platform} onChange={(e) => setPlatform(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="token-sirens">SIREN couverts</label>
          <input id="token-sirens" required value={sirens} onChange={(e) => setSirens(e.target.value)} aria-describedby="token-sirens-hint" />
          <span id="token-sirens-hint" className="hint">
            Séparés par des virgules
          </span>
        </div>
        <button type="submit" className="button">
          Créer le jeton
        </button>
      </form>
      {created && (
        <div className="alert alert-success" role="status">
          <p>Jeton créé. Copiez-le maintenant : il ne sera plus affiché.</p>
          <p>
            <code className="token">{created}</code>
          </p>
        </div>
      )}
      {error !== null && (
        <div className="alert alert-error" role="alert">
          <p>{errorText(error)}</p>
        </div>
      )}
    </section>
  );
}
