import { useState, type FormEvent } from 'react';
import { ACTOR_CODE_MAX, ACTOR_NAME_MAX, ActorKind, type Actor, type CreateActorBody } from '../../shared/schemas/actors.ts';
import { errorMessage } from '../api.ts';
import { DEFAULT_ACTOR_KIND } from './CreateActorForm.tsx';
import { useCreateActor } from './mutations.ts';

/** Aliases as typed, one per line (or separated by commas), without blanks or repeats. */
function aliasesOf(typed: string): string[] {
  return [
    ...new Set(
      typed
        .split(/[\n,]/)
        .map((alias) => alias.trim())
        .filter(Boolean),
    ),
  ];
}

/**
 * Adds an actor with everything it needs at once: name, kind, code, aliases and the actor it is
 * part of (a minister of a state), so a new official needs no second edit. A non-admin's is proposed.
 */
export function AddActorForm({ projectId, isAdmin, actors }: { projectId: number; isAdmin: boolean; actors: readonly Actor[] }) {
  const create = useCreateActor(projectId);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<ActorKind>(DEFAULT_ACTOR_KIND);
  const [code, setCode] = useState('');
  const [aliases, setAliases] = useState('');
  const [parentId, setParentId] = useState('');
  const [added, setAdded] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    const body: CreateActorBody = {
      name: name.trim(),
      kind,
      ...(code.trim() ? { code: code.trim() } : {}),
      ...(aliasesOf(aliases).length > 0 ? { aliases: aliasesOf(aliases) } : {}),
      ...(parentId ? { parentId: Number(parentId) } : {}),
    };
    create.mutate(body, {
      onSuccess: (actor) => {
        setAdded(actor.name);
        setName('');
        setCode('');
        setAliases('');
        setParentId('');
      },
    });
  };
  return (
    <form className="add-actor" onSubmit={submit} aria-label="Add an actor">
      <label>
        New actor
        <input value={name} onChange={(event) => setName(event.target.value)} required maxLength={ACTOR_NAME_MAX} />
      </label>
      <label>
        Kind
        <select value={kind} onChange={(event) => setKind(ActorKind.parse(event.target.value))}>
          {ActorKind.options.map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
      </label>
      <label>
        Code
        <input value={code} onChange={(event) => setCode(event.target.value)} maxLength={ACTOR_CODE_MAX} size={6} className="narrow" />
      </label>
      <label>
        Aliases (one per line)
        <textarea value={aliases} onChange={(event) => setAliases(event.target.value)} rows={2} />
      </label>
      <label>
        Part of
        <select value={parentId} onChange={(event) => setParentId(event.target.value)}>
          <option value="">(none)</option>
          {actors.map((actor) => (
            <option key={actor.id} value={actor.id}>
              {actor.name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={create.isPending}>
        {isAdmin ? 'Add actor' : 'Propose actor'}
      </button>
      <p role="status" className="small">
        {added && !create.isPending && !create.isError ? `Added ${added}.` : ''}
      </p>
      {create.isError && (
        <p role="alert" className="error">
          {errorMessage(create.error)}
        </p>
      )}
    </form>
  );
}
