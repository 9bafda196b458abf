import { useState } from 'react';
import { api, type Act, type Correction, type ReviewText } from '../api';
import { errorText, Loading, LoadError } from '../components/Feedback';
import { effectiveSpans, RedactedText, selectionOffsets } from '../components/RedactedText';
import { useLoad } from '../hooks';
import { ENTITY_LABELS } from '../labels';

/** Review of an act held by the anonymiser: corrections of its spans, a comment, then approve or withhold. */
export function ReviewPanel({ act, onDone }: { act: Act; onDone: (message: string) => void }) {
  const text = useLoad(() => api<ReviewText>('GET', `/api/v1/acts/${act.id}/review-text`), act.id);
  return (
    <section aria-labelledby="review-title" className="card">
      <h2 id="review-title">Relecture</h2>
      {text.error !== undefined ? <LoadError error={text.error} /> : !text.data ? <Loading /> : <Review act={act} review={text.data} onDone={onDone} />}
    </section>
  );
}

function Review({ act, review, onDone }: { act: Act; review: ReviewText; onDone: (message: string) => void }) {
  const [corrections, setCorrections] = useState<Correction[]>([]);
  const [search, setSearch] = useState('');
  const [label, setLabel] = useState('PERSON');
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const spans = effectiveSpans(review.entities, corrections);

  const addRedaction = (start: number, end: number) => {
    setProblem(null);
    if (spans.some((s) => s.start < end && start < s.end)) {
      setProblem('Ce passage chevauche une occultation existante : modifiez celle-ci plutôt.');
      return;
    }
    setCorrections((c) => [...c, { start, end, action: 'redact', label }]);
  };
  const addFromSearch = (e: React.FormEvent) => {
    e.preventDefault();
    const words = search.trim();
    const start = words ? review.text.indexOf(words) : -1;
    if (start < 0) {
      setProblem(`« ${words} » ne figure pas dans le texte.`);
      return;
    }
    addRedaction(start, start + words.length);
    setSearch('');
  };
  const addFromSelection = () => {
    const sel = selectionOffsets();
    if (!sel) setProblem('Sélectionnez d’abord un passage du texte.');
    else addRedaction(sel.start, sel.end);
  };
  const toggle = (span: { start: number; end: number; source: string; redacted: boolean }) => {
    setCorrections((c) => {
      if (span.source === 'added') return c.filter((x) => !(x.action === 'redact' && x.start === span.start));
      const kept = c.find((x) => x.action === 'keep' && x.start === span.start && x.end === span.end);
      return kept ? c.filter((x) => x !== kept) : [...c, { start: span.start, end: span.end, action: 'keep' }];
    });
  };
  const decide = async (decision: 'approve' | 'withhold') => {
    setBusy(true);
    setError(null);
    try {
      await api('POST', `/api/v1/acts/${act.id}/review`, {
        decision,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
        ...(decision === 'approve' && corrections.length ? { corrections } : {}),
      });
      onDone(decision === 'approve' ? 'Acte approuvé : il va être publié.' : 'Acte retenu : il ne sera pas publié.');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p>
        Les passages surlignés seront occultés. Activez une occultation pour la laisser en clair ; ajoutez-en une en sélectionnant un passage ou en le
        saisissant ci-dessous.
      </p>
      <RedactedText text={review.text} spans={spans} onToggle={toggle} />
      <form className="inline-form" onSubmit={addFromSearch} aria-label="Ajouter une occultation">
        <div className="field">
          <label htmlFor="redact-words">Passage à occulter</label>
          <input id="redact-words" value={search} onChange={(e) => setSearch(e.target.value)} aria-describedby="redact-hint" />
          <span id="redact-hint" className="hint">
            Première occurrence dans le texte ; les autres occurrences des mêmes mots sont occultées à la publication.
          </span>
        </div>
        <div className="field">
          <label htmlFor="redact-label">Catégorie</label>
          <select id="redact-label" value={label} onChange={(e) => setLabel(e.target.value)}>
            {Object.entries(ENTITY_LABELS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button secondary">
          Occulter ce passage
        </button>
        <button type="button" className="button secondary" onClick={addFromSelection}>
          Occulter la sélection
        </button>
      </form>
      <div aria-live="polite">
        {problem && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
      </div>
      <h3>Corrections ({corrections.length})</h3>
      {corrections.length === 0 ? (
        <p className="muted">Aucune correction.</p>
      ) : (
        <ul className="corrections">
          {corrections.map((c) => (
            <li key={`${c.action}${c.start}`}>
              {c.action === 'redact' ? 'Occulter' : 'Laisser en clair'} « {review.text.slice(c.start, c.end)} »
              {c.label ? ` (${ENTITY_LABELS[c.label] ?? c.label})` : ''}{' '}
              <button type="button" className="link-button" onClick={() => setCorrections((all) => all.filter((x) => x !== c))}>
                Annuler<span className="sr-only"> cette correction</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="field">
        <label htmlFor="review-comment">Commentaire (facultatif)</label>
        <textarea id="review-comment" rows={3} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />
      </div>
      {error !== null && (
        <div className="alert alert-error" role="alert">
          <p>{errorText(error)}</p>
        </div>
      )}
      <div className="actions">
        <button type="button" className="button" disabled={busy} onClick={() => void decide('approve')}>
          Approuver et publier
        </button>
        <button type="button" className="button danger" disabled={busy} onClick={() => void decide('withhold')}>
          Ne pas publier
        </button>
      </div>
    </>
  );
}
