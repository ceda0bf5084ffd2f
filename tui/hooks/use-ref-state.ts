/**
 * State that key handlers can read back immediately. Several keys can
 * arrive in one input chunk and be handled before React re-renders, so
 * each handler must see what the previous one wrote.
 */
import { useCallback, useRef, useState } from 'react';

/** Returns the rendered value, a getter for the latest value, and a setter. */
export function useRefState<T>(initial: T): [T, () => T, (next: T) => void] {
  const [value, setValue] = useState(initial);
  const ref = useRef(initial);
  const get = useCallback(() => ref.current, []);
  const set = useCallback((next: T) => {
    ref.current = next;
    setValue(next);
  }, []);
  return [value, get, set];
}
