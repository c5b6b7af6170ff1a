// The first suggester, as the workspace ran it in the browser before issue 16: a cue lexicon, the
// actor named nearest before a cue as speaker and the first after it as target. Kept only as the
// bench's baseline ("before"), so the rules' figures have something to be compared with; the
// server suggests with ./rules.ts.
import type { Span } from '../../shared/schemas/common.ts';
import type { ActorMention } from '../../shared/suggestions.ts';

const LETTER_OR_DIGIT = '[\\p{L}\\p{N}]';

/** A stance cue word or phrase found in the text. */
export interface CueMatch extends Span {
  stance: string;
}

/** A proposed claim; speaker or target is null when no actor was found on that side of the cue. */
export interface SuggestedClaim {
  stance: string;
  cue: Span;
  speaker: { actorId: number; span: Span } | null;
  target: { actorId: number; span: Span } | null;
}

/**
 * Cue patterns per stance key (regular-expression source, matched case-insensitively as whole
 * words). Stems cover inflections ("criticized", "criticises"); phrases allow any run of spaces.
 */
export const CUE_LEXICON: Readonly<Record<string, readonly string[]>> = {
  condemn: [
    'critici[sz]\\w*',
    'denounc\\w*',
    'accus\\w*',
    'condemn\\w*',
    'condemnation',
    'violations? of',
    'slam(?:s|med|ming)?',
    'blam(?:e|es|ed|ing)',
    'censur\\w*',
    'rebuk\\w*',
    'deplor\\w*',
    'lambast\\w*',
    'oppos(?:e|es|ed|ing)',
    'admonish\\w*|admonition',
  ],
  support: [
    'support(?:s|ed|ing)?',
    'back(?:s|ed|ing)',
    'prais\\w*',
    'strengthen\\w* (?:\\w+ )?cooperation',
    'all(?:y|ies|ied)',
    'endors\\w*',
    'welcom\\w*',
    'applaud\\w*',
    'stands? with',
    'solidarity with',
  ],
  mediate: [
    'mediat\\w*',
    'peace broker',
    'urg(?:e|es|ed|ing) all parties',
    'de-?escalat\\w*',
    'dialogue',
    'cease-?fire',
    'restraint',
    'negotiat\\w*',
    'peace talks',
    'cease hostilities',
  ],
};

/** Finds stance cues of the given stance keys (only keys in the lexicon have cues). */
export function findCues(text: string, stanceKeys: readonly string[], offset = 0, lexicon = CUE_LEXICON): CueMatch[] {
  const found: CueMatch[] = [];
  for (const stance of stanceKeys) {
    const patterns = lexicon[stance];
    if (!patterns || patterns.length === 0) continue;
    const source = patterns.map((p) => `(?:${p.replace(/ /g, '\\s+')})`).join('|');
    const re = new RegExp(`(?<!${LETTER_OR_DIGIT})(?:${source})(?!${LETTER_OR_DIGIT})`, 'giu');
    for (const match of text.matchAll(re)) found.push({ stance, start: match.index + offset, end: match.index + match[0].length + offset });
  }
  return found.sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * Proposes one claim per cue: the speaker is the actor named nearest before the cue, the target
 * the first actor named after it (a different actor from the speaker). `codeAs` maps a named actor
 * to the one a claim should record (e.g. an official to their state, as codebooks usually ask).
 */
export function suggestClaims(found: readonly ActorMention[], cues: readonly CueMatch[], codeAs: (actorId: number) => number = (id) => id): SuggestedClaim[] {
  const mentions = found.map((m) => ({ ...m, actorId: codeAs(m.actorId) }));
  const suggestions: SuggestedClaim[] = [];
  for (const cue of cues) {
    const before = mentions.filter((m) => m.end <= cue.start).at(-1) ?? null;
    const after = mentions.find((m) => m.start >= cue.end && m.actorId !== before?.actorId) ?? null;
    if (!before && !after) continue;
    const ref = (m: ActorMention | null) => (m ? { actorId: m.actorId, span: { start: m.start, end: m.end } } : null);
    suggestions.push({ stance: cue.stance, cue: { start: cue.start, end: cue.end }, speaker: ref(before), target: ref(after) });
  }
  // One proposal per (speaker, stance, target): repeated cues add nothing.
  const seen = new Set<string>();
  return suggestions.filter((s) => {
    const key = `${s.speaker?.actorId}|${s.stance}|${s.target?.actorId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
