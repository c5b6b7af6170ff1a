// Linking a claim's speaker or target to the actor registry: a span whose words name an actor gets
// that actor, and an actor picked from the list gets the place where the sentence names it. Pure,
// so the server (which links every save, from any client) and the workspace (which shows the link
// at once) give the same answer. Names are found by the matcher that underlines them in the
// workspace (`compileActorMatcher`, shared/suggestions.ts): name, alias or code, whole words, its
// case rules.
import type { Span } from './schemas/common.ts';
import { compileActorMatcher, type ActorMention, type NamedActor } from './suggestions.ts';

/** Where a linker reads what it needs; each part is asked for only when a ref lacks one side. */
export interface LinkSource {
  /** The document's text of a span. */
  spanText: (span: Span) => string;
  /** The claim's sentence: its text and where it starts in the document. */
  sentence: () => { start: number; text: string };
  /** Mentions of any registry actor in a text (offsets into that text). */
  mentions: (text: string) => ActorMention[];
  /** The registry's actor with this id. */
  actor: (id: number) => NamedActor | undefined;
}

/** A speaker or target as clients send it and the server returns it. */
export interface LinkableRef {
  actorId?: number | null | undefined;
  span?: Span | null | undefined;
}

const ARTICLE = /^the\s+/iu;
const POSSESSIVE = /['’]s?$/u;

/**
 * The actor a span's text names, or null: the whole text is one mention ("China", "Beijing", "U.S."),
 * allowing a leading "the" and a trailing possessive ("the Kremlin", "Israel’s"). A span that only
 * contains a name names no one: "the Chinese embassy in Israel" is not Israel, "China and Russia"
 * is not one actor.
 */
export function actorNamedBy(text: string, mentions: LinkSource['mentions']): number | null {
  const trimmed = text.trim();
  const bare = trimmed.replace(ARTICLE, '');
  for (const candidate of new Set([trimmed, bare, trimmed.replace(POSSESSIVE, ''), bare.replace(POSSESSIVE, '')])) {
    if (!candidate) continue;
    const found = mentions(candidate);
    if (found.length === 1 && found[0]!.start === 0 && found[0]!.end === candidate.length) return found[0]!.actorId;
  }
  return null;
}

const overlaps = (a: Span, b: Span | null | undefined) => !!b && a.start < b.end && b.start < a.end;

// One actor's matcher, kept by the words that name it: saves name the same few actors again and again.
const MATCHERS_KEPT = 256;
const actorMatchers = new Map<string, ReturnType<typeof compileActorMatcher>>();
function matcherOf(actor: NamedActor): ReturnType<typeof compileActorMatcher> {
  const key = JSON.stringify([actor.id, actor.name, actor.code, actor.aliases]);
  let matcher = actorMatchers.get(key);
  if (!matcher) {
    if (actorMatchers.size >= MATCHERS_KEPT) actorMatchers.clear();
    actorMatchers.set(key, (matcher = compileActorMatcher([actor])));
  }
  return matcher;
}

/** The first place in the sentence that names the actor (name, alias or code) and does not overlap `avoid`; null when none. */
export function spanNaming(actor: NamedActor, sentence: { start: number; text: string }, avoid: Span | null | undefined): Span | null {
  const found = matcherOf(actor)(sentence.text, sentence.start).find((mention) => !overlaps(mention, avoid));
  return found ? { start: found.start, end: found.end } : null;
}

/** Whether a ref has one side only, so linking could add the other. */
export const needsLink = (ref: LinkableRef): boolean => (ref.actorId == null) !== (ref.span == null);

/**
 * Completes a ref that has only one side: a span gets the actor it names, an actor the span where the
 * sentence names it (not the other ref's span: "China … China" gives speaker and target one each).
 * A ref with both sides, or with nothing to find, is returned as it is.
 */
export function linkRef<R extends LinkableRef>(ref: R, source: LinkSource, avoid: Span | null | undefined): R {
  if (!needsLink(ref)) return ref;
  if (ref.span) {
    const actorId = actorNamedBy(source.spanText(ref.span), source.mentions);
    return actorId === null ? ref : { ...ref, actorId };
  }
  const actor = source.actor(ref.actorId!);
  const span = actor && spanNaming(actor, source.sentence(), avoid);
  return span ? { ...ref, span } : ref;
}

/** A claim with its speaker and target linked (`linkRef`); the claim itself when neither needs it. */
export function linkClaim<C extends { speaker: LinkableRef; target: LinkableRef }>(claim: C, source: LinkSource): C {
  if (!needsLink(claim.speaker) && !needsLink(claim.target)) return claim;
  const speaker = linkRef(claim.speaker, source, claim.target.span);
  const target = linkRef(claim.target, source, speaker.span);
  return { ...claim, speaker, target };
}

/**
 * A ref after the user set one part of it in the workspace. A picked actor keeps the ref's span (the
 * span is the evidence, the actor its coding: "Xi" may be coded as China) or, without one, gets the
 * sentence's mention of it. A new span gets the actor it names when the ref has none, or when the
 * ref's actor was only what its old span named (re-marking "China" as "Russia" moves the link); an
 * actor chosen apart from its span stays, and so does any actor when the new span names no one.
 */
export function setRefPart(
  old: LinkableRef | null,
  part: { actorId: number } | { span: Span },
  source: LinkSource,
  avoid: Span | null | undefined,
): { actorId: number | null; span: Span | null } {
  if ('actorId' in part) {
    if (old?.span) return { actorId: part.actorId, span: old.span };
    const actor = source.actor(part.actorId);
    return { actorId: part.actorId, span: actor ? spanNaming(actor, source.sentence(), avoid) : null };
  }
  const named = actorNamedBy(source.spanText(part.span), source.mentions);
  const oldActor = old?.actorId ?? null;
  if (oldActor === null) return { actorId: named, span: part.span };
  const linked = old?.span != null && actorNamedBy(source.spanText(old.span), source.mentions) === oldActor;
  return { actorId: linked && named !== null ? named : oldActor, span: part.span };
}

/** A source over a text at hand and the registry's actors (the workspace has both loaded). */
export function textLinkSource(text: string, sentence: Span, actors: readonly NamedActor[]): LinkSource {
  let matcher: ((text: string) => ActorMention[]) | undefined;
  return {
    spanText: (span) => text.slice(span.start, span.end),
    sentence: () => ({ start: sentence.start, text: text.slice(sentence.start, sentence.end) }),
    mentions: (part) => (matcher ??= compileActorMatcher(actors))(part),
    actor: (id) => actors.find((actor) => actor.id === id),
  };
}
