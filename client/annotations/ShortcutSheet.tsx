import type { StanceLabel } from '../../shared/schemas/projects.ts';
import { Modal } from '../ui/Modal.tsx';

/** Every workspace shortcut, in one place: the sheet and the README's table list the same keys. */
export function shortcutRows(labels: readonly StanceLabel[]): [keys: string[], action: string][] {
  return [
    [['j', '↓'], 'next sentence'],
    [['k', '↑'], 'previous sentence'],
    [['u'], 'next sentence not labelled yet (a document opens at the first one)'],
    [['/'], 'search the sentences (Enter or ↓ next match, Shift+Enter or ↑ previous, Esc closes)'],
    [['g'], 'go to a sentence number'],
    [['Shift+N'], 'next document of your queue, once this one is complete'],
    [
      labels.map((_, i) => String(i + 1)),
      `stance (${labels.map((l, i) => `${i + 1} ${l.name.toLocaleLowerCase()}`).join(', ')}): of the selected claim, of the new claim, or starts a new claim; pressed in the text, the keys stay there (mark the words next)`,
    ],
    [['Enter'], 'add a claim (speaker, stance, target in any order), or go on with the one kept'],
    [['↓'], 'in the speaker picker: the author/outlet and every actor'],
    [['←', '→'], 'move the word cursor in the text (it can go into neighbouring sentences); after s or t it goes on from the marked words'],
    [['Shift+←', 'Shift+→'], 'select words in the text, word by word (or select with the mouse)'],
    [['s'], 'speaker of the current claim: the selected words, or pick an actor when nothing is selected'],
    [['t'], 'target of the current claim: the selected words, or pick an actor when nothing is selected'],
    [['a'], 'accept the first suggestion'],
    [['[', ']'], 'select the previous / next claim of the sentence'],
    [['!'], 'negated on / off (selected claim)'],
    [['h'], 'hypothetical on / off (selected claim)'],
    [['Delete'], 'remove the selected claim (after the last one the sentence is not labelled), or discard the new claim'],
    [['n'], 'the sentence holds no claim'],
    [['x'], 'skip the sentence (asks for a reason)'],
    [['Ctrl+Z'], 'undo the last label change'],
    [['Ctrl+Shift+Z', 'Ctrl+Y'], 'redo'],
    [['c'], 'show / hide the codebook'],
    [['Esc'], 'one step back: the picker list, then the field before; a new claim with content is kept, never dropped; closes a dialog, clears the selection'],
    [['?'], 'this list'],
  ];
}

/** The shortcut sheet (`?`): every key of the workspace; Esc closes it. */
export function ShortcutSheet({ open, onClose, labels }: { open: boolean; onClose: () => void; labels: readonly StanceLabel[] }) {
  return (
    <Modal title="Keyboard shortcuts" open={open} onClose={onClose} className="shortcut-sheet">
      {/* First, above the keys: the dialog opens with the focus on its first control, and a Close
          below the table scrolled the sheet to its end, past the navigation keys at the top. */}
      <button type="button" onClick={onClose}>
        Close <kbd>Esc</kbd>
      </button>
      <table>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {shortcutRows(labels).map(([keys, action]) => (
            <tr key={action}>
              <td>
                {keys.map((key, i) => (
                  <span key={key}>
                    {i > 0 && ' '}
                    <kbd>{key}</kbd>
                  </span>
                ))}
              </td>
              <td>{action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">Keys never fire while you type in a field. Every action also has a button.</p>
    </Modal>
  );
}
