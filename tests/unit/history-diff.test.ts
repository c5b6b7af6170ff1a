// The review history's before and after in words (client/review/historyDiff.ts).
import { describe, expect, it } from 'vitest';
import { summariseChange, valueText } from '../../client/review/historyDiff.ts';
import type { Claim } from '../../shared/schemas/annotations.ts';

const claim = (id: number, stance: string): Claim => ({
  id,
  speaker: { actorId: 1, span: null },
  stance,
  target: { actorId: 2, span: { start: 4, end: 10 } },
  cue: null,
  negated: false,
  hypothetical: false,
  origin: 'manual',
});
const line = (c: Claim) => `speaker 1 — ${c.stance} → target 2`;
const label = (status: string, claims: Claim[], note: string | null = null) => ({
  sentenceId: 5,
  annotatorId: 3,
  status,
  claims,
  note,
  version: 2,
  updatedAt: 'x',
});

describe('summariseChange', () => {
  it('names the claims that went and came, not ids, and leaves bookkeeping out', () => {
    const change = summariseChange(
      label('claims', [claim(7, 'condemn'), claim(8, 'mediate')]),
      label('claims', [claim(9, 'support'), claim(8, 'mediate')]),
      line,
    );
    expect(change).toEqual({ fields: [], removedClaims: ['speaker 1 — condemn → target 2'], addedClaims: ['speaker 1 — support → target 2'] });
  });

  it('a first label: every field from nothing; a label taken back: to nothing', () => {
    expect(summariseChange(null, label('no_claim', [], 'unclear'), line)).toEqual({
      fields: [
        { field: 'status', before: '—', after: 'no claim' },
        { field: 'note', before: '—', after: 'unclear' },
      ],
      removedClaims: [],
      addedClaims: [],
    });
    expect(summariseChange(label('claims', [claim(1, 'condemn')]), null, line).removedClaims).toEqual(['speaker 1 — condemn → target 2']);
  });

  it('counts repeated claims, and writes any other value as words', () => {
    const twice = summariseChange(label('claims', [claim(1, 'condemn')]), label('claims', [claim(1, 'condemn'), claim(2, 'condemn')]), line);
    expect(twice.addedClaims).toEqual(['speaker 1 — condemn → target 2']);
    expect(summariseChange({ boilerplate: false }, { boilerplate: true }, line).fields).toEqual([{ field: 'boilerplate', before: 'no', after: 'yes' }]);
    expect(valueText({ start: 3, end: 9, id: 4 })).toBe('start: 3; end: 9');
    expect(valueText([1, 2])).toBe('1, 2');
  });
});
