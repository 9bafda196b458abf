import { useState } from 'react';
import { api, type Session } from '../api';
import { errorText } from '../components/Feedback';
import { PageTitle } from '../components/PageTitle';

export function LoginPage({ onLogin }: { onLogin: (s: Session) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onLogin(await api<Session>('POST', '/api/v1/session', { username, password }));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <main id="contenu" className="container login">
      <p className="brand">Open Actes</p>
      <PageTitle title="Connexion">Connexion à la console de supervision</PageTitle>
      <form onSubmit={(e) => void submit(e)} className="card form" noValidate>
        {error !== null && (
          <div className="alert alert-error" role="alert" id="login-error">
            <p>{errorText(error)}</p>
          </div>
        )}
        <div className="field">
          <label htmlFor="username">Identifiant</label>
          <input id="username" name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="password">Mot de passe</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </div>
        <button type="submit" className="button" disabled={busy}>
          Se connecter
        </button>
        <p className="oidc">
          <a href="/api/v1/session/oidc">Se connecter avec le fournisseur d’identité</a>
        </p>
      </form>
    </main>
  );
}
