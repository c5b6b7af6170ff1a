// The implicit speaker every document has (DESIGN §2): *the author/outlet*, for claims made in the
// article's own voice. It is stored as an ordinary actor of the project, created the first time
// someone picks it, so claims, agreement and export treat it like any other speaker.
import type { ActorKind } from './schemas/actors.ts';

export const AUTHOR_ACTOR: { name: string; kind: ActorKind } = { name: 'the author/outlet', kind: 'organization' };

/** Whether a name is the author/outlet's (case and spacing aside). */
export function isAuthorName(name: string): boolean {
  return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase() === AUTHOR_ACTOR.name;
}
