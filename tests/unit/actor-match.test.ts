import { describe, expect, it } from 'vitest';
import { editDistance, hasExactMatch, matchActors, normalize, rankActors } from '../../client/actors/match.ts';
import type { Actor, ActorKind } from '../../shared/schemas/actors.ts';

let nextId = 0;
function actor(name: string, kind: ActorKind, code: string | null = null, aliases: string[] = [], status: Actor['status'] = 'accepted'): Actor {
  return { id: ++nextId, projectId: 1, name, kind, code, aliases, parentId: null, status };
}

const registry: Actor[] = [
  actor('China', 'state', 'CHN', ['Beijing', 'Chinese government', 'Chinese Foreign Ministry']),
  actor('Russia', 'state', 'RUS', ['Moscow', 'Kremlin']),
  actor('United States', 'state', 'USA', ['US', 'U.S.', 'Washington', 'Pentagon']),
  actor('Israel', 'state', 'ISR'),
  actor('Iran', 'state', 'IRN', ['Tehran']),
  actor('Iraq', 'state', 'IRQ', ['Baghdad']),
  actor('Turkey', 'state', 'TUR'),
  actor('Xi Jinping', 'person', null, ['Xi', 'President Xi']),
  actor('Vladimir Putin', 'person', null, ['Putin']),
  actor('UN Security Council', 'organization', null, ['UNSC']),
  actor('Israel–Iran conflict', 'issue'),
  actor('Recep Tayyip Erdoğan', 'person', null, ['Erdoğan']),
  actor('Chinese scholars', 'group'),
];

const names = (query: string, limit?: number) => rankActors(registry, query, limit).map((a) => a.name);

describe('actor type-ahead ranking', () => {
  it('puts an exact alias or code first, before actors whose name merely starts with it', () => {
    expect(names('Xi')[0]).toBe('Xi Jinping');
    expect(names('us')[0]).toBe('United States');
    expect(names('irn')[0]).toBe('Iran');
    expect(names('Israel').slice(0, 2)).toEqual(['Israel', 'Israel–Iran conflict']);
  });

  it('ranks a prefix above a word prefix above a substring', () => {
    // "Chin": China and "Chinese scholars" are prefixes (China shorter); no other actor contains it.
    expect(names('chin')).toEqual(['China', 'Chinese scholars']);
    // "Iran" is exact for Iran; "Israel–Iran conflict" has a word starting with it; Iraq is a typo away.
    expect(names('iran')).toEqual(['Iran', 'Israel–Iran conflict', 'Iraq']);
    const small = [
      actor('Nongovernmental groups', 'group'),
      actor('China', 'state', 'CHN', ['Chinese government']),
      actor('Government of Iraq', 'state'),
      actor('Governor of Texas', 'person'),
    ];
    expect(matchActors(small, 'govern').map((m) => [m.actor.name, m.tier])).toEqual([
      // Equal tiers: the shorter term first.
      ['Governor of Texas', 'prefix'],
      ['Government of Iraq', 'prefix'],
      ['China', 'word'],
      ['Nongovernmental groups', 'substring'],
    ]);
    // Fuzzy comes last: "Governer" is a typo for both, closer to "Governor" than to "Government".
    expect(matchActors(small, 'governer').map((m) => [m.actor.name, m.tier])).toEqual([
      ['Governor of Texas', 'fuzzy'],
      ['Government of Iraq', 'fuzzy'],
    ]);
  });

  it('finds through typos: "Kremlim" is Russia, "Rusia" is Russia, "Putn" is Vladimir Putin', () => {
    const kremlim = matchActors(registry, 'Kremlim');
    expect(kremlim[0]).toMatchObject({ actor: { name: 'Russia' }, tier: 'fuzzy', term: 'Kremlin', field: 'alias', distance: 1 });
    expect(names('Rusia')[0]).toBe('Russia');
    expect(names('Putn')[0]).toBe('Vladimir Putin');
    // A transposition is one edit.
    expect(names('Tukrey')[0]).toBe('Turkey');
  });

  it('finds initials and skipped letters as the weakest match', () => {
    expect(names('vputin')).toEqual(['Vladimir Putin']);
    expect(matchActors(registry, 'unsc')[0]).toMatchObject({ actor: { name: 'UN Security Council' }, tier: 'exact', field: 'alias' });
    expect(matchActors([actor('UN Security Council', 'organization')], 'unsc')[0]).toMatchObject({ tier: 'fuzzy' });
    // The first letter must begin a word: "iran" is not scattered through "Recep Tayyip Erdoğan".
    expect(names('iran')).not.toContain('Recep Tayyip Erdoğan');
  });

  it('ignores case, accents and dots', () => {
    expect(names('erdogan')[0]).toBe('Recep Tayyip Erdoğan');
    expect(names('U.S')[0]).toBe('United States');
    expect(names('  BEIJING ')[0]).toBe('China');
  });

  it('does not guess wildly on short queries', () => {
    // Two letters: no fuzzy matches, so "xx" finds nothing rather than everything with an x.
    expect(names('xx')).toEqual([]);
    expect(names('zzzzzz')).toEqual([]);
  });

  it('prefers an accepted actor over a proposal with an equally good match', () => {
    const withProposal = [...registry, actor('Russian Federation', 'state', null, [], 'proposed'), actor('Russian Navy', 'organization')];
    // Both are prefixes; Russia itself follows as a one-letter typo.
    expect(rankActors(withProposal, 'russian').map((a) => a.name)).toEqual(['Russian Navy', 'Russian Federation', 'Russia']);
  });

  it('lists every actor by name for an empty query and respects the limit', () => {
    expect(names('', 3)).toEqual(['China', 'Chinese scholars', 'Iran']);
    expect(names('i', 2)).toHaveLength(2);
  });

  it('reports an exact match so the picker does not offer to create a duplicate', () => {
    expect(hasExactMatch(registry, 'kremlin')).toBe(true);
    expect(hasExactMatch(registry, 'CHN')).toBe(true);
    expect(hasExactMatch(registry, 'Kreml')).toBe(false);
    expect(hasExactMatch(registry, '  ')).toBe(false);
  });
});

describe('normalize and editDistance', () => {
  it('folds text the way people type it', () => {
    expect(normalize('  The U.S.–Israel   "alliance" ')).toBe('the us israel alliance');
    expect(normalize('Erdoğan’s')).toBe('erdogans');
  });

  it('counts edits and stops early past the limit', () => {
    expect(editDistance('kremlim', 'kremlin', 2)).toBe(1);
    expect(editDistance('tukrey', 'turkey', 2)).toBe(1);
    expect(editDistance('abc', 'abc', 1)).toBe(0);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
  });
});
