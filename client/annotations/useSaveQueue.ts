import { useCallback, useEffect, useState } from 'react';
import { useMutationState } from '@tanstack/react-query';
import { errorMessage } from '../api.ts';
import { saveKey, useSaveAnnotation, type SaveInput } from './mutations.ts';
import type { Annotation } from '../../shared/schemas/annotations.ts';

/** A save the server refused because the label changed elsewhere: the user keeps one version. */
export interface SaveConflict {
  input: SaveInput;
  current: Annotation | null;
}

/** Failed saves are retried again this often (and when the browser comes back online). */
const RETRY_EVERY_MS = 20_000;

const without = <V>(map: ReadonlyMap<number, V>, key: number): ReadonlyMap<number, V> => {
  if (!map.has(key)) return map;
  const next = new Map(map);
  next.delete(key);
  return next;
};

/**
 * The workspace's saves: queued through `useSaveAnnotation`, whether any is pending, the ones that
 * failed for good (kept and retried until they go through, so no label is silently lost) and the
 * conflict waiting for the user's choice.
 */
export function useSaveQueue(documentId: number, annotatorId: number) {
  const [failed, setFailed] = useState<ReadonlyMap<number, { input: SaveInput; message: string }>>(new Map());
  const [conflict, setConflict] = useState<SaveConflict | null>(null);
  const { mutate } = useSaveAnnotation(documentId, annotatorId, {
    onSaved: (input) => setFailed((old) => without(old, input.sentenceId)),
    onFailed: (input, error) => setFailed((old) => new Map(old).set(input.sentenceId, { input, message: errorMessage(error) })),
    onConflict: (input, current) => {
      setFailed((old) => without(old, input.sentenceId));
      setConflict({ input, current });
    },
  });
  const pending = useMutationState({ filters: { mutationKey: saveKey(documentId), status: 'pending' }, select: () => true }).length > 0;

  const retry = useCallback(() => {
    setFailed((old) => {
      for (const { input } of old.values()) mutate(input);
      return new Map();
    });
  }, [mutate]);

  useEffect(() => {
    if (failed.size === 0) return;
    const timer = window.setInterval(retry, RETRY_EVERY_MS);
    window.addEventListener('online', retry);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('online', retry);
    };
  }, [failed.size, retry]);

  const keepMine = () => {
    if (conflict) mutate(conflict.input);
    setConflict(null);
  };
  const keepSaved = () => setConflict(null);

  return {
    save: mutate,
    pending,
    /** Why each failed save failed, one message per sentence. */
    failures: [...failed.values()].map((f) => f.message),
    /** Sentences whose label is not saved: failed for good, or waiting in the conflict dialog. */
    unsaved: failed.size + (conflict ? 1 : 0),
    retry,
    conflict,
    keepMine,
    keepSaved,
  };
}
