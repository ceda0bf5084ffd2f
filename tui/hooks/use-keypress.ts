/**
 * Subscribes to key presses. Bracketed pastes (between ESC[200~ and
 * ESC[201~) are gathered into one `text` key with the newlines kept, so a
 * multi-line paste becomes one message instead of one per line.
 */
import { useLayoutEffect, useRef } from 'react';
import { useStdin } from 'ink';
import {
  normalisePaste,
  parseKey,
  splitKeys,
  type Keypress,
} from '../input/keys.ts';

/** Calls `handler` for every key while `isActive`. */
export function useKeypress(
  handler: (key: Keypress) => void,
  isActive = true,
): void {
  const { setRawMode, internal_eventEmitter: events } = useStdin();
  const handlerRef = useRef(handler);
  handlerRef.current = handler;

  // Layout effects, not passive ones: they attach and detach within the
  // commit that shows or hides the screen, so a key typed just after the
  // chat screen appears can never reach the login screen it replaced.
  useLayoutEffect(() => {
    if (!isActive) return;
    setRawMode(true);
    return () => setRawMode(false);
  }, [isActive, setRawMode]);

  useLayoutEffect(() => {
    if (!isActive) return;
    let paste: string | null = null;

    const onInput = (sequence: string) => {
      const key = parseKey(sequence);
      if (key.name === 'paste-start') {
        paste = '';
        return;
      }
      if (paste !== null) {
        if (key.name === 'paste-end') {
          const text = normalisePaste(paste);
          paste = null;
          if (text !== '')
            handlerRef.current({ name: 'text', text, ctrl: null });
        } else {
          paste += sequence;
        }
        return;
      }
      for (const each of splitKeys(sequence)) handlerRef.current(each);
    };

    events.on('input', onInput);
    return () => {
      events.off('input', onInput);
    };
  }, [isActive, events]);
}
