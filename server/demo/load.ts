import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Db } from '../db/connection.ts';
import { ActorKind } from '../../shared/schemas/actors.ts';
import type { Project } from '../../shared/schemas/projects.ts';
import { createProject } from '../projects/service.ts';
import { importDocuments } from '../documents/service.ts';
import { findActorByName } from '../actors/repo.ts';
import { createActor, updateActor } from '../actors/service.ts';
import { transaction } from '../db/transaction.ts';
import { system } from '../policy.ts';

export const SEEDS_DIR = fileURLToPath(new URL('../../seeds/', import.meta.url));
export const DEMO_PROJECT_NAME = 'China–Russia diplomacy in the Middle East';

const SeedActors = z.array(
  z.strictObject({
    name: z.string().min(1),
    kind: ActorKind,
    code: z.string().nullable(),
    aliases: z.array(z.string()),
    parent: z.string().nullable(),
  }),
);

/** Creates the demo project from seeds/: codebook, actor registry and the seed articles. */
export function loadDemo(db: Db, seedsDir: string = SEEDS_DIR): Project {
  const codebook = readFileSync(join(seedsDir, 'codebook.md'), 'utf8');
  const actors = SeedActors.parse(JSON.parse(readFileSync(join(seedsDir, 'actors.json'), 'utf8')));
  const articles = readdirSync(seedsDir)
    .filter((name) => name.endsWith('.txt'))
    .sort();

  return transaction(db, () => {
    const project = createProject(db, system('demo'), { name: DEMO_PROJECT_NAME, codebook });
    for (const actor of actors) {
      createActor(db, system('demo'), project.id, { name: actor.name, kind: actor.kind, code: actor.code, aliases: actor.aliases });
    }
    // Parents in a second pass, so the file need not list parents before children.
    for (const actor of actors) {
      if (!actor.parent) continue;
      const child = findActorByName(db, project.id, actor.name)!;
      const parent = findActorByName(db, project.id, actor.parent);
      if (!parent) throw new Error(`seeds/actors.json: parent "${actor.parent}" of "${actor.name}" is not in the file`);
      updateActor(db, system('demo'), child.id, { parentId: parent.id });
    }
    importDocuments(
      db,
      system('demo'),
      project.id,
      articles.map((name) => ({ text: readFileSync(join(seedsDir, name), 'utf8'), source: name })),
    );
    return project;
  });
}
