import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, type Act, type ActDocument, type ConsoleConfig, type ReviewText } from '../api';
import { errorText, Loading, LoadError, Success } from '../components/Feedback';
import { PageTitle } from '../components/PageTitle';
import { effectiveSpans, RedactedText } from '../components/RedactedText';
import { StatusBadge } from '../components/StatusBadge';
import { useLoad, usePolling } from '../hooks';
import { formatBytes, formatDate, formatDateTime, NATURE_LABELS } from '../labels';
import { useSession } from '../session';
import { ReviewPanel } from './ReviewPanel';

const MOVING = new Set(['received', 'processing']);
/** After an action (retry, review), how long the page follows the act before its status moves. */
const FOLLOW_MS = 60_000;

export function ActPage({ id }: { id: string }) {
  const act = useLoad(() => api<Act>('GET', `/api/v1/acts/${encodeURIComponent(id)}`), id);
  const [followUntil, setFollowUntil] = useState(0);
  const follow = useCallback(() => setFollowUntil(Date.now() + FOLLOW_MS), []);
  // While the pipeline works on it, or just after an action, the page follows it.
  const moving = act.data !== undefined && MOVING.has(act.data.status);
  usePolling(act.reload, 1000, moving || (followUntil > Date.now() && act.data?.status !== 'published'));
  if (act.error !== undefined && !act.data) {
    return (
      <>
        <PageTitle title="Acte">Acte</PageTitle>
        <LoadError error={act.error} />
      </>
    );
  }
  if (!act.data) return <Loading />;
  return (
    <ActView
      act={act.data}
      reload={() => {
        follow();
        act.reload();
      }}
    />
  );
}

function ActView({ act, reload }: { act: Act; reload: () => void }) {
  const { user } = useSession();
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const run = async (what: () => Promise<unknown>, done: string) => {
    setError(null);
    setMessage(null);
    try {
      await what();
      setMessage(done);
      reload();
    } catch (err) {
      setError(err);
    }
  };

  const reviewed = (done: string) => {
    setError(null);
    setMessage(done);
    reload();
  };

  return (
    <>
      <p className="breadcrumb">
        <a href="#/actes">Actes</a> › {act.numeroInterne}
      </p>
      <PageTitle title={`Acte ${act.numeroInterne}`}>
        Acte {act.numeroInterne} <StatusBadge status={act.status} />
      </PageTitle>
      <div aria-live="polite">
        {message && <Success>{message}</Success>}
        {error !== null && (
          <div className="alert alert-error" role="alert">
            <p>{errorText(error)}</p>
          </div>
        )}
      </div>

      {act.failure && (
        <section className="alert alert-error" aria-labelledby="failure-title">
          <h2 id="failure-title">Échec du traitement</h2>
          <p>
            <code>{act.failure.code}</code> — {act.failure.message}
          </p>
          {user.role === 'admin' && act.status === 'failed' && (
            <button type="button" className="button" onClick={() => void run(() => api('POST', `/api/v1/acts/${act.id}/retry`), 'Traitement relancé.')}>
              Relancer le traitement
            </button>
          )}
        </section>
      )}

      <section aria-labelledby="meta-title">
        <h2 id="meta-title">Métadonnées</h2>
        <dl className="meta">
          <Meta term="Collectivité (SIREN)">{act.siren}</Meta>
          <Meta term="Numéro interne">{act.numeroInterne}</Meta>
          <Meta term="Nature">{NATURE_LABELS[act.nature] ?? act.nature}</Meta>
          <Meta term="Classification">{act.classificationCode}</Meta>
          <Meta term="Date de décision">{formatDate(act.decisionDate)}</Meta>
          <Meta term="Objet">{act.objet ?? '—'}</Meta>
          <Meta term="Objet publié">{act.publishedObjet ?? '—'}</Meta>
          <Meta term="Publié le">{formatDateTime(act.publishedAt)}</Meta>
          <Meta term="Clé">{act.actKey}</Meta>
        </dl>
        {act.warnings.length > 0 && (
          <>
            <h3>Avertissements</h3>
            <ul>
              {act.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          </>
        )}
      </section>

      {(user.role === 'admin' || user.role === 'clerk') && act.status === 'published' && <Unpublish act={act} run={run} requestOnly={user.role === 'clerk'} />}

      <Documents act={act} run={run} canToggle={user.role === 'admin'} />

      {act.status === 'held_for_review' && (user.role === 'admin' || user.role === 'reviewer') ? (
        <ReviewPanel act={act} onDone={reviewed} />
      ) : user.role !== 'clerk' ? (
        <DocumentText actId={act.id} />
      ) : null}

      <Timeline act={act} />
    </>
  );
}

function Meta({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

type Run = (what: () => Promise<unknown>, done: string) => Promise<void>;

function Unpublish({ act, run, requestOnly }: { act: Act; run: Run; requestOnly: boolean }) {
  const [reason, setReason] = useState('');
  const title = requestOnly ? 'Demander la dépublication' : 'Dépublier l’acte';
  return (
    <section aria-labelledby="unpublish-title">
      <h2 id="unpublish-title">{title}</h2>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(() => api('POST', `/api/v1/acts/${act.id}/unpublish`, { reason }), requestOnly ? 'Demande transmise aux administrateurs.' : 'Acte dépublié.');
        }}
      >
        <div className="field">
          <label htmlFor="unpublish-reason">Motif de la dépublication</label>
          <input id="unpublish-reason" required minLength={3} value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
        <button type="submit" className="button danger">
          {requestOnly ? 'Envoyer la demande' : 'Dépublier'}
        </button>
      </form>
    </section>
  );
}

function Documents({ act, run, canToggle }: { act: Act; run: Run; canToggle: boolean }) {
  const published = new Map(act.publishedDocuments.map((d) => [d.id, d]));
  return (
    <section aria-labelledby="documents-title">
      <h2 id="documents-title">Documents</h2>
      <div className="table-wrap">
        <table>
          <caption className="sr-only">Documents de l’acte</caption>
          <thead>
            <tr>
              <th scope="col">Fichier</th>
              <th scope="col">Rôle</th>
              <th scope="col">Taille</th>
              <th scope="col">Publication</th>
              {canToggle && <th scope="col">Publier ce fichier</th>}
            </tr>
          </thead>
          <tbody>
            {act.documents.map((d) => {
              const p = published.get(d.id);
              return (
                <tr key={d.id}>
                  <th scope="row">{d.fileName}</th>
                  <td>{d.role === 'main' ? 'Document principal' : `Annexe${d.pieceType ? ` (${d.pieceType})` : ''}`}</td>
                  <td>{formatBytes(d.sizeBytes)}</td>
                  <td>
                    {p ? (
                      <a href={p.url}>
                        Publié ({p.publishedAs === 'original' ? 'original' : 'texte pseudonymisé'})<span className="sr-only"> : {d.fileName}</span>
                      </a>
                    ) : (
                      'Non publié'
                    )}
                  </td>
                  {canToggle && (
                    <td>
                      <Toggle act={act} doc={d} run={run} />
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Toggle({ act, doc, run }: { act: Act; doc: ActDocument; run: Run }) {
  // Shown at once; the act's next load (after the call) brings the stored value back.
  const [on, setOn] = useState(doc.publish !== false);
  useEffect(() => setOn(doc.publish !== false), [doc.publish]);
  const id = `publish-${doc.id}`;
  return (
    <span className="toggle">
      <input
        type="checkbox"
        id={id}
        checked={on}
        onChange={(e) => {
          setOn(e.target.checked);
          void run(
            () => api('PATCH', `/api/v1/acts/${act.id}/documents/${doc.id}`, { publish: e.target.checked }),
            e.target.checked ? `« ${doc.fileName} » sera publié.` : `« ${doc.fileName} » ne sera pas publié.`,
          );
        }}
      />
      <label htmlFor={id}>
        Publier <span className="sr-only">{doc.fileName}</span>
      </label>
    </span>
  );
}

function DocumentText({ actId }: { actId: string }) {
  const text = useLoad(() => api<ReviewText>('GET', `/api/v1/acts/${actId}/review-text`), actId);
  return (
    <section aria-labelledby="text-title">
      <h2 id="text-title">Texte et occultations</h2>
      {text.error instanceof ApiError && [403, 404, 409].includes(text.error.status) ? (
        <p className="muted">Texte non disponible (pas encore extrait, ou hors de votre périmètre).</p>
      ) : text.error !== undefined ? (
        <LoadError error={text.error} />
      ) : !text.data ? (
        <Loading />
      ) : (
        <>
          <p className="muted">
            Les passages surlignés sont occultés dans la version publiée ({text.data.entities.filter((e) => e.action === 'redact').length} occultation(s)).
          </p>
          <RedactedText text={text.data.text} spans={effectiveSpans(text.data.entities, [])} />
        </>
      )}
    </section>
  );
}

const OUTCOME_LABELS: Record<string, string> = { ok: 'réussi', failed: 'échec', rejected: 'refusé', retrying: 'nouvel essai' };

function Timeline({ act }: { act: Act }) {
  const config = useLoad(() => api<ConsoleConfig>('GET', '/api/v1/console/config'), 'config');
  const ui = config.data?.temporalUiUrl;
  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">Historique</h2>
      <p>
        Workflow <code>{act.workflowId}</code>
        {ui && (
          <>
            {' — '}
            <a href={`${ui.replace(/\/$/, '')}/namespaces/${encodeURIComponent(config.data!.namespace)}/workflows/${encodeURIComponent(act.workflowId)}`} target="_blank" rel="noreferrer">
              Voir le workflow dans Temporal UI<span className="sr-only"> (nouvelle fenêtre)</span>
            </a>
          </>
        )}
      </p>
      <ol className="timeline">
        {act.steps.map((s, i) => (
          <li key={i} className={`step step-${s.outcome}`}>
            <time dateTime={s.at}>{formatDateTime(s.at)}</time> <code>{s.action}</code> — {OUTCOME_LABELS[s.outcome] ?? s.outcome}{' '}
            <span className="muted">par {s.actor}</span>
            {typeof s.details.code === 'string' && <code className="failure-code">{s.details.code}</code>}
          </li>
        ))}
      </ol>
    </section>
  );
}
