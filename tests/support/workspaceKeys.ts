// Key presses per claim (issue 16, item 7), for the workspace bench (tests/bench/workspace.ts): a
// demo article is labelled to its gold (tests/fixtures/suggestions-gold.json) in headless Chromium
// with the keyboard only, by two annotators: one types every claim, the other accepts the server's
// suggestions where they help. Every key sent is counted; the saved labels are then scored against
// gold by the suggestion bench's rule (with the flags), so a low count cannot come from labelling less.
//
// How a person at the keyboard labels, in both runs: a sentence without a claim is `n`. A claim is
// typed as `Enter`, the shortest prefix of a name, alias or code that the picker ranks first,
// `Enter`, the stance's number, the target's prefix, `Enter`, then `!` / `h` for its flags. With
// suggestions, `a` accepts the first one while it is right or right but for its stance (then the
// stance's number fixes it); at the first that is neither, the rest is typed.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { z } from 'zod';
import { ADMIN_PASSWORD, apiClient, signInWithForm, startServer } from './e2e.ts';
import { matchActors } from '../../client/actors/match.ts';
import { untakenSuggestions, type SuggestedClaim } from '../../client/annotations/claims.ts';
import { Actor } from '../../shared/schemas/actors.ts';
import { AUTHOR_ACTOR } from '../../shared/authorActor.ts';
import { AnnotationList, type Claim } from '../../shared/schemas/annotations.ts';
import { DocumentDetail } from '../../shared/schemas/documents.ts';
import { MemberList } from '../../shared/schemas/members.ts';
import { ProjectList } from '../../shared/schemas/projects.ts';
import { SuggestionList, type Suggestion } from '../../shared/schemas/suggestions.ts';
import { User } from '../../shared/schemas/users.ts';
import { countAsState, emptyTally, precisionRecallF1, scoringKey, tallySentence, type ScoredClaim } from '../../shared/suggestionScore.ts';

/** The demo article the workspace e2e test labels ("Xi and Putin Align Against Israel…"). */
const ARTICLE = 'seeds/003_d573818db18c95cc.txt';

const GoldFile = z.object({
  documents: z.array(
    z.object({
      file: z.string(),
      sentences: z.array(
        z.object({
          index: z.number().int(),
          status: z.string(),
          claims: z
            .array(
              z.object({ speaker: z.string(), stance: z.string(), target: z.string(), negated: z.boolean().optional(), hypothetical: z.boolean().optional() }),
            )
            .optional(),
        }),
      ),
    }),
  ),
});

interface GoldClaim {
  speaker: number;
  stance: string;
  target: number;
  negated: boolean;
  hypothetical: boolean;
}

/** What the speaker picker finds the author/outlet by (client/actors/ActorPicker.tsx). */
const AUTHOR_TERMS: Actor = {
  id: -1,
  projectId: -1,
  name: AUTHOR_ACTOR.name,
  kind: AUTHOR_ACTOR.kind,
  code: null,
  aliases: ['the author', 'the outlet', 'author', 'outlet', 'article', 'the article'],
  parentId: null,
  status: 'accepted',
};

const scored = (c: { speaker: number; stance: string; target: number; negated?: boolean; hypothetical?: boolean }): ScoredClaim => ({
  speaker: { actorId: c.speaker, span: null },
  stance: c.stance,
  target: { actorId: c.target, span: null },
  negated: !!c.negated,
  hypothetical: !!c.hypothetical,
});

export async function keyPressesPerClaim(browser: Browser): Promise<void> {
  const server = await startServer({ PARLEY_DEMO: '1' });
  try {
    const admin = await apiClient(server.url, 'admin', ADMIN_PASSWORD);
    const project = (await admin.get('/projects', ProjectList)).projects[0]!;
    const actors = (await admin.get(`/projects/${project.id}/actors?limit=200`, z.object({ actors: z.array(Actor) }))).actors;
    const countAs = countAsState(actors);
    const documents = (
      await admin.get(
        `/projects/${project.id}/documents?limit=200`,
        z.object({ documents: z.array(z.object({ id: z.number(), source: z.string().nullable() })) }),
      )
    ).documents;
    const doc = await admin.get(`/documents/${documents.find((d) => d.source === ARTICLE.slice('seeds/'.length))!.id}`, DocumentDetail);
    const idOf = (name: string) => actors.find((a) => a.name === name)?.id;
    const goldDoc = GoldFile.parse(JSON.parse(readFileSync(new URL(`../fixtures/suggestions-gold.json`, import.meta.url), 'utf8'))).documents.find(
      (d) => d.file === ARTICLE,
    )!;
    // Gold sentences by id; a claim naming someone outside the registry could not be typed and is left out (none in this article).
    const gold = goldDoc.sentences.map((s) => ({
      sentenceId: doc.sentences[s.index]!.id,
      claims: (s.claims ?? []).flatMap((c): GoldClaim[] => {
        const [speaker, target] = [idOf(c.speaker), idOf(c.target)];
        return speaker && target ? [{ speaker, stance: c.stance, target, negated: !!c.negated, hypothetical: !!c.hypothetical }] : [];
      }),
    }));
    const claimCount = gold.reduce((n, s) => n + s.claims.length, 0);
    const digit = (stance: string) => String(project.stanceLabels.findIndex((label) => label.key === stance) + 1);

    /** The fewest letters that make the picker rank the actor first (the speaker picker puts the author/outlet first when the letters could mean it). */
    const prefixOf = (actorId: number, role: 'speaker' | 'target'): string => {
      const actor = actors.find((a) => a.id === actorId)!;
      let best = actor.name;
      for (const term of [actor.name, ...actor.aliases, ...(actor.code ? [actor.code] : [])])
        for (let n = 1; n < Math.min(term.length, best.length); n++) {
          const prefix = term.slice(0, n);
          if (role === 'speaker' && matchActors([AUTHOR_TERMS], prefix).length > 0) continue;
          if (matchActors(actors, prefix)[0]?.actor.id === actorId) {
            best = prefix;
            break;
          }
        }
      return best;
    };

    const results: string[] = [];
    for (const mode of ['typing every claim', 'accepting suggestions'] as const) {
      const username = mode === 'typing every claim' ? 'bench-typist' : 'bench-accepter';
      const user = await admin.post('/users', User, { username, password: `${username}-password`, role: 'annotator' });
      await admin.post(`/projects/${project.id}/members`, MemberList, { userId: user.id });
      const me = await apiClient(server.url, username, `${username}-password`);
      const served = (await me.get(`/documents/${doc.id}/suggestions`, SuggestionList)).suggestions;
      // bypassCSP: the waits below are evaluated as strings, which the app's CSP forbids.
      const context = await browser.newContext({ baseURL: server.url, bypassCSP: true, viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      await page.goto(server.url);
      await signInWithForm(page, username, `${username}-password`);
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
      const counter = { keys: 0, accepted: 0, restanced: 0 };
      for (const sentence of gold) {
        await openSentence(page, server.url, project.id, doc.id, sentence.sentenceId);
        const suggestions = served.filter((s) => s.sentenceId === sentence.sentenceId);
        if (mode === 'accepting suggestions' && suggestions.length > 0)
          await page.getByRole('list', { name: 'Suggestions' }).getByRole('listitem').first().waitFor();
        await labelSentence(page, counter, sentence.claims, mode === 'accepting suggestions' ? suggestions : [], { digit, prefixOf, countAs });
      }
      await page.getByRole('status').filter({ hasText: 'All changes saved' }).waitFor();
      await context.close();
      // What was saved, scored against gold with the flags.
      const saved = (await me.get(`/documents/${doc.id}/annotations?annotator=me`, AnnotationList)).annotations;
      const tally = emptyTally();
      for (const sentence of gold) {
        const label = saved.find((a) => a.sentenceId === sentence.sentenceId);
        tallySentence(sentence.claims.map(scored), (label?.claims ?? []).map(claimAsScored), countAs, tally, true);
      }
      const { f1 } = precisionRecallF1(tally);
      results.push(
        `  ${mode.padEnd(22)} ${String(counter.keys).padStart(4)} keys, ${(counter.keys / claimCount).toFixed(1).padStart(4)} per claim` +
          `${mode === 'accepting suggestions' ? ` (${counter.accepted} suggestions accepted, ${counter.restanced} of them with the stance changed)` : ''}; ` +
          `saved labels against gold with flags: F1 ${f1?.toFixed(3) ?? '–'} (${tally.tp} right, ${tally.fp} extra, ${tally.fn} missing)`,
      );
    }
    console.log(
      `keys:        "${doc.title}": ${gold.length} gold sentences, ${claimCount} claims, labelled with the keyboard only (navigation not counted; n on sentences without a claim counted)\n${results.join('\n')}`,
    );
  } finally {
    await server.stop();
  }
}

/** A claim the workspace holds, as `untakenSuggestions` reads it. */
const held = (speaker: Claim['speaker'], stance: string, target: Claim['target'], cue: Claim['cue']): Claim => ({
  id: 0,
  speaker,
  stance,
  target,
  cue,
  negated: false,
  hypothetical: false,
  origin: 'manual',
  originModel: null,
  originScore: null,
});

const claimAsScored = (c: Claim): ScoredClaim => ({ speaker: c.speaker, stance: c.stance, target: c.target, negated: c.negated, hypothetical: c.hypothetical });

async function openSentence(page: Page, url: string, projectId: number, documentId: number, sentenceId: number) {
  await page.goto(`${url}/projects/${projectId}/documents/${documentId}?sentence=${sentenceId}`);
  await page.locator(`[role="listbox"][aria-label="Sentences"] [role="option"][aria-selected="true"]`).waitFor();
  await page.getByRole('listbox', { name: 'Sentences' }).focus();
}

interface Helpers {
  digit: (stance: string) => string;
  prefixOf: (actorId: number, role: 'speaker' | 'target') => string;
  countAs: (actorId: number) => number;
}

async function labelSentence(
  page: Page,
  counter: { keys: number; accepted: number; restanced: number },
  claims: readonly GoldClaim[],
  suggestions: readonly Suggestion[],
  { digit, prefixOf, countAs }: Helpers,
) {
  const cards = page.getByRole('list', { name: 'Claims' }).getByRole('listitem');
  const press = async (key: string) => {
    counter.keys++;
    await page.keyboard.press(key);
  };
  const type = async (text: string) => {
    counter.keys += [...text].length;
    await page.keyboard.type(text);
  };
  const focused = (role: string) => page.waitForFunction(`document.activeElement?.getAttribute('role') === ${JSON.stringify(role)}`);
  const flags = async (want: GoldClaim, has: { negated: boolean; hypothetical: boolean }) => {
    if (want.negated !== has.negated) await press('!');
    if (want.hypothetical !== has.hypothetical) await press('h');
  };
  if (claims.length === 0) {
    await press('n');
    return;
  }
  const remaining = [...claims];
  // The claims the workspace holds, as far as which suggestions it still offers goes.
  const taken: Claim[] = [];
  const offered = (): SuggestedClaim[] =>
    untakenSuggestions(
      suggestions.map((s) => ({
        ...s.claim,
        speaker: { actorId: s.claim.speaker.actorId ?? null, span: s.claim.speaker.span ?? null },
        target: { actorId: s.claim.target.actorId ?? null, span: s.claim.target.span ?? null },
        cue: s.claim.cue ?? null,
        negated: !!s.claim.negated,
        hypothetical: !!s.claim.hypothetical,
        source: s.source,
        model: s.model ?? null,
        score: s.score ?? null,
        reason: s.reason ?? null,
      })),
      taken,
    );
  const sameSides = (g: GoldClaim, s: SuggestedClaim) =>
    s.speaker.actorId !== null && s.target.actorId !== null && countAs(s.speaker.actorId) === g.speaker && countAs(s.target.actorId) === g.target;
  for (let first = offered()[0]; first; first = offered()[0]) {
    const exact = remaining.find(
      (g) => scoringKey(scored(g), countAs) === scoringKey({ speaker: first!.speaker, stance: first!.stance, target: first!.target }, countAs),
    );
    const use = exact ?? remaining.find((g) => sameSides(g, first!));
    if (!use) break;
    const before = await cards.count();
    await press('a');
    await page.waitForFunction(`document.querySelectorAll('[aria-label="Claims"] > li').length > ${before}`);
    counter.accepted++;
    if (use.stance !== first.stance) {
      counter.restanced++;
      await press(digit(use.stance));
    }
    await flags(use, first);
    taken.push(held(first.speaker, use.stance, first.target, first.cue));
    remaining.splice(remaining.indexOf(use), 1);
  }
  for (const claim of remaining) {
    const before = await cards.count();
    await press('Enter');
    await focused('combobox');
    await type(prefixOf(claim.speaker, 'speaker'));
    await press('Enter');
    await press(digit(claim.stance));
    await type(prefixOf(claim.target, 'target'));
    await press('Enter');
    await page.waitForFunction(`document.querySelectorAll('[aria-label="Claims"] > li').length > ${before}`);
    await flags(claim, { negated: false, hypothetical: false });
    taken.push(held({ actorId: claim.speaker, span: null }, claim.stance, { actorId: claim.target, span: null }, null));
  }
}
