/**
 * Deadline timers that a stalled event loop cannot fool. Node runs due
 * timers before it reads the sockets, so after the process was stopped
 * (SIGSTOP, a long GC or VM pause) every deadline has passed while the
 * clients' frames still sit unread in the socket buffers. A deadline
 * here decides one turn later, after those reads, on setImmediate.
 */

/** What a deadline does once it has passed. */
export interface DeadlineHandlers {
  /** Runs when nothing moved: the deadline really was missed. */
  expired: () => void;
  /** Runs instead when `progress` moved in that last turn. */
  spared?: () => void;
}

/**
 * A timer (refresh and clearTimeout work as usual) that, once `ms` have
 * passed, compares `progress()` before and after the socket data already
 * waiting has been read, and calls `expired` only if it did not change.
 *
 * Note: clearTimeout cannot stop a decision already under way, so the
 * handlers check that the connection is still open.
 */
export function setDeadline(
  ms: number,
  progress: () => number,
  { expired, spared }: DeadlineHandlers,
): NodeJS.Timeout {
  return setTimeout(() => {
    const before = progress();
    setImmediate(() => {
      if (progress() === before) expired();
      else spared?.();
    });
  }, ms);
}
