import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api.ts';
import { useSignIn } from './mutations.ts';

export function SignInPage() {
  const signIn = useSignIn();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ username, password });
  };

  return (
    <main className="sign-in">
      <h1>Parley</h1>
      <p className="muted">Claim-and-stance annotation for news text.</p>
      <form onSubmit={submit} aria-label="Sign in">
        <label>
          Username
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required autoFocus />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {signIn.isError && (
          <p role="alert" className="error">
            {errorMessage(signIn.error)}
          </p>
        )}
        <button type="submit" disabled={signIn.isPending}>
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
