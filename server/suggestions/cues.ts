// The built-in suggester's lexicon: which words signal which stance, and how each kind of cue finds
// its speaker and target (./rules.ts). Patterns are regular-expression source, matched
// case-insensitively as whole words; a space matches any run of spaces. Every entry is a general
// English construction from the demo codebook's stance definitions (seeds/codebook.md §2), not a
// phrase of one article: the gold set (tests/fixtures/suggestions-gold.json) measures them.

/**
 * How a cue finds its sides.
 * - `transitive`: the speaker is named before the cue, the target after it ("X criticized Y",
 *   "X's support for Y", "an admonition aimed at Y").
 * - `mutual`: a relation both sides hold ("X and Y announced a partnership", "stand united"): each
 *   actor of the speaker group towards each other one, or the speaker towards the others.
 * - `mediate`: a call to end or calm a conflict; the target is the conflict (an `issue` actor).
 * - `predicate`: an evaluation of the party named before it ("Israel's actions have gone beyond the
 *   scope of self-defense"); the speaker is whoever says so ("Wang Yi expressed that …").
 * - `reverse`: "vice versa": the claim before it, the other way round.
 */
export type CueKind = 'transitive' | 'predicate' | 'mutual' | 'mediate' | 'reverse';

export interface CueEntry {
  stance: string;
  kind: CueKind;
  pattern: string;
  /** Cooperation with a partner "to resolve" or "on" a conflict also mediates that conflict (codebook §2, support). */
  cooperation?: boolean;
  /** Set by learning (./learning.ts): why this project's gold changed or added the entry, in words. */
  learned?: string;
}

const entries = (stance: string, kind: CueKind, patterns: readonly string[], extra: Partial<CueEntry> = {}): CueEntry[] =>
  patterns.map((pattern) => ({ stance, kind, pattern, ...extra }));

export const CUES: readonly CueEntry[] = [
  ...entries('condemn', 'transitive', [
    'critici[sz](?:e|es|ed|ing)',
    'criticism of',
    'denounc\\w*',
    'accus(?:e|es|ed|ing)',
    'condemn(?:s|ed|ing)?',
    '(?:a |direct )?condemnation of',
    'blam(?:e|es|ed|ing)',
    'censur\\w*',
    'rebuk\\w*',
    'deplor\\w*',
    'lambast\\w*',
    'slam(?:s|med|ming)?',
    'oppos(?:e|es|ed|ing)',
    'admonish\\w*',
    '(?:implicit |explicit )?admonition (?:aimed at|of|to)',
    'align(?:s|ed)? against',
    'biased attitude of',
    '(?:pledged|vowed|threatened) to impose (?:new |further )?sanctions on',
    'attribut(?:e|es|ed|ing) the (?:current )?(?:crisis|conflict|instability|tensions) to',
    'warn(?:s|ed)',
  ]),
  ...entries('support', 'transitive', [
    'support(?:s|ed|ing)? for',
    'in support of',
    'support(?:s|ed|ing)?',
    'back(?:s|ed|ing)',
    'prais\\w*',
    'endors\\w*',
    'welcom(?:e|es|ed|ing)',
    'applaud\\w*',
    '(?:a |key |close )?all(?:y|ies) of',
    'allied with',
    'stands? with',
    'solidarity with',
    'ties with',
    'the need for',
    '(?:the )?establishment of an?',
    '(?:legitimate )?(?:national )?rights of',
    '(?:respect|defend|uphold|safeguard)(?:s|ed|ing)? (?:for )?the (?:sovereignty|territorial integrity)(?: and (?:sovereignty|territorial integrity))? of',
    '(?:quest|push|fight|struggle) for',
    'call(?:s|ed|ing)? for the (?:full )?implementation of',
  ]),
  ...entries(
    'support',
    'transitive',
    [
      'coordinat(?:e|es|ed|ing|ion) with',
      'cooperat(?:e|es|ed|ing|ion) with',
      'strategic contact and cooperation with',
      'communication and coordination with',
      'work(?:s|ed|ing)? together with',
      'align(?:s|ed|ment)? (?:more |most )?(?:closely )?with',
      'collaborat(?:e|es|ed|ing|ion) with',
    ],
    { cooperation: true },
  ),
  ...entries('support', 'mutual', [
    'strategic partners(?:hip)?',
    'partners(?:hip)? in',
    'partnership',
    'stand united',
    'united front',
    'unite(?:s|d)?',
    'have cooperated',
    '(?:strengthen|deepen) their cooperation',
    '(?:are|is) (?:very |remarkably )?similar',
    'close contact and interaction',
    'common interests',
    'work(?:s|ed|ing)? together',
  ]),
  ...entries('condemn', 'predicate', [
    'ha(?:ve|s|d) gone (?:far )?beyond the scope of self-defen[cs]e',
    '(?:is|are|was|were) (?:illegal|excessive|unacceptable|biased|disproportionate)',
  ]),
  ...entries('support', 'reverse', ['and vice versa']),
  ...entries('mediate', 'mediate', [
    'mediat(?:e|es|ed|ing|ion|or)',
    'peace broker',
    '(?:diplomatic )?intermediary',
    'de-?escalat\\w*',
    '(?:reduce|ease|easing|cool|cooling|calm) tensions',
    'calming of',
    'cease hostilities',
    'cessation of hostilities',
    'cease-?fire',
    'restraint',
    'political settlement',
    'peaceful resolution',
    'peace talks',
    'through dialogue',
    'constructive role in resolving',
    'to resolve the situation',
    '(?:four|five|six|\\d+)-point (?:peace )?plan',
    'peace plan',
    'solution to the (?:crisis|conflict)',
    'urg(?:e|es|ed|ing) all parties',
    'all parties concerned',
    'commitment to diplomatic efforts',
  ]),
];

/** Words before a cue, in its clause, that negate it: "did not criticize", "stopped short of condemning". */
export const NEGATION =
  /\b(?:not(?! only)|n['’]t|never|no longer|stopp(?:ed|ing) short of|stops short of|refus(?:ed|es|ing) to|declin(?:ed|es|ing) to|avoid(?:ed|s|ing)?|without)\b/iu;

/** "without (explicitly) naming X": a withheld stance towards X, of the cue before it. */
export const WITHHELD = /\bwithout (?:explicitly |directly |specifically )?(?:naming|mentioning|criticizing|criticising|condemning|blaming)\s+$/iu;

/** Words before a cue that make it only considered: "is deliberating over the potential…", "would support". */
export const HYPOTHETICAL = /\b(?:would|could|might|may|deliberat\w*|consider\w*|potential|possible|possibly|if)\b/iu;

/** Where a clause ends for a cue's target: the next clause states its own stance or none. */
export const CLAUSE_BREAK = /[;:]|[,(]\s*(?:while|with|which|who|but|although|whereas|as)\b|\bthan\b|\bbut\b|\bwhile\b/iu;

/** A reporting verb inside a sentence: who says it is the reporter ("He said that China and Russia share…"). */
export const REPORTED =
  /\b(?:said|says|stated|added|told reporters|expressed|emphasi[sz]ed|affirmed|underlined|reiterated|stressed|noted|insisted|declared)\b(?:\s+that)?/giu;

/** Words before a name that make it an example inside a list, not a party of its own ("all parties, particularly Israel"). */
export const ASIDE = /\b(?:particularly|especially|including|notably|such as|like)\s+(?:the\s+)?$/iu;

/** A relative clause after a target: its verb is the target's ("backed Shia militias that … opposed US presence"). */
export const RELATIVE = /^\s*,?\s*(?:that|who|which)\b/iu;

/** A participle after the main clause: its subject is the sentence's ("…, demonstrating its commitment to …"). */
export const PARTICIPLE = /,\s+(?:\w+ly\s+)?\w+ing\b/iu;

/** A phrase inside a target ("support for Russia's efforts to promote a political settlement"): not a claim of its own (codebook rule 7). */
export const INSIDE_TARGET = /^['’]s?\s+(?:\w+\s+)?(?:efforts?|attempts?|bid|push|plans?|proposals?|initiatives?)\s+to\b/iu;

/** Words that stand for the speaker of an earlier sentence. */
export const PRONOUN = /^(?:he|she|it|the (?:spokes(?:man|woman|person)|minister|president|leader|envoy|ambassador|official))\b/iu;

/** Words that stand for several actors of an earlier sentence ("Both ministers said…"). */
export const PLURAL_PRONOUN = /^(?:they|both(?: \w+)?|the two \w+|the (?:leaders|ministers|parties|two sides|sides)|these (?:countries|nations))\b/iu;

/** A reporting clause after a quote: `”, Geng said`, `” the spokesman said`, `" Mao Ning told reporters`. */
export const REPORTING_VERB = /^\s*(?:said|says|added|adds|told|stated|noted|stressed|declared|wrote|asserted|remarked)\b/iu;

/** A conflict referred to without its name: it is the one named last before (codebook §2, "Which issue?"). */
export const BARE_CONFLICT = /\b(?:the (?:conflict|crisis|war|situation|region)|tensions|hostilities|all parties)\b/iu;
