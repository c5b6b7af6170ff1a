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
  /** The document's text around a span (the span and up to `CONTEXT` characters either side), and where that text starts. */
  around: (span: Span) => { start: number; text: string };
  /** The claim's sentence: its text and where it starts in the document. */
  sentence: () => { start: number; text: string };
  /** Mentions of any registry actor in a text (offsets into that text), longest name first where names overlap. */
  mentions: (text: string) => ActorMention[];
  /** The registry's actor with this id. */
  actor: (id: number) => NamedActor | undefined;
}

/** How much text either side of a span decides what it names: more than the longest actor name (200). */
export const CONTEXT = 240;

/** A speaker or target as clients send it and the server returns it. */
export interface LinkableRef {
  actorId?: number | null | undefined;
  span?: Span | null | undefined;
}

const ARTICLE = /^the\s+/iu;
const POSSESSIVE = /['’]s?$/u;

/** The registry's mentions in a text of the document, in document offsets. */
function mentionsIn(part: { start: number; text: string }, source: LinkSource): ActorMention[] {
  return source.mentions(part.text).map((mention) => ({ ...mention, start: mention.start + part.start, end: mention.end + part.start }));
}

/**
 * The actor a span names, or null: the span is exactly one mention of the registry's, read in its
 * context ("China", "Beijing", "U.S."), allowing a leading "the" and a trailing possessive ("the
 * Kremlin", "Israel’s"). Reading the context, not the span's text alone, keeps longer names first:
 * "Israel" in "the Israel Defense Forces" names the IDF's mention, not Israel, so it links to no one.
 * A span that only contains a name names no one: "the Chinese embassy in Israel" is not Israel,
 * "China and Russia" is not one actor.
 */
export function actorNamedAt(span: Span, source: LinkSource): number | null {
  const context = source.around(span);
  const text = context.text.slice(span.start - context.start, span.end - context.start);
  const lead = text.length - text.trimStart().length;
  const trimmed = text.trim();
  const article = ARTICLE.exec(trimmed)?.[0].length ?? 0;
  const possessive = POSSESSIVE.exec(trimmed)?.[0].length ?? 0;
  const start = span.start + lead;
  const end = start + trimmed.length;
  const candidates = [
    [start, end],
    [start + article, end],
    [start, end - possessive],
    [start + article, end - possessive],
  ].filter(([from, to]) => from! < to!);
  if (candidates.length === 0) return null;
  const mentions = mentionsIn(context, source);
  for (const [from, to] of candidates) {
    const found = mentions.find((mention) => mention.start === from && mention.end === to);
    if (found) return found.actorId;
  }
  return null;
}

const overlaps = (a: Span, b: Span | null | undefined) => !!b && a.start < b.end && b.start < a.end;

/**
 * The first place in the sentence that names the actor and does not overlap `avoid`; null when
 * none. The whole registry reads the sentence, so a shorter name inside a longer one ("Israel" in
 * "Israel Defense Forces") is not taken for a mention of its own.
 */
export function spanNaming(actorId: number, source: LinkSource, avoid: Span | null | undefined): Span | null {
  const found = mentionsIn(source.sentence(), source).find((mention) => mention.actorId === actorId && !overlaps(mention, avoid));
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
    const actorId = actorNamedAt(ref.span, source);
    return actorId === null ? ref : { ...ref, actorId };
  }
  const span = source.actor(ref.actorId!) ? spanNaming(ref.actorId!, source, avoid) : null;
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
    return { actorId: part.actorId, span: source.actor(part.actorId) ? spanNaming(part.actorId, source, avoid) : null };
  }
  const named = actorNamedAt(part.span, source);
  const oldActor = old?.actorId ?? null;
  if (oldActor === null) return { actorId: named, span: part.span };
  const linked = old?.span != null && actorNamedAt(old.span, source) === oldActor;
  return { actorId: linked && named !== null ? named : oldActor, span: part.span };
}

/** A source over a text at hand and the registry's actors (the workspace has both loaded). */
export function textLinkSource(text: string, sentence: Span, actors: readonly NamedActor[]): LinkSource {
  let matcher: ((text: string) => ActorMention[]) | undefined;
  return {
    around: (span) => {
      const start = Math.max(0, span.start - CONTEXT);
      return { start, text: text.slice(start, Math.min(text.length, span.end + CONTEXT)) };
    },
    sentence: () => ({ start: sentence.start, text: text.slice(sentence.start, sentence.end) }),
    mentions: (part) => (matcher ??= compileActorMatcher(actors))(part),
    actor: (id) => actors.find((actor) => actor.id === id),
  };
}
