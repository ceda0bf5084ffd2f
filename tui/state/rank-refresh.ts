/**
 * When the client asks for the ranking: soon after room activity, at
 * most once per interval however busy the room is, and never while an
 * earlier request is still unanswered.
 */

/**
 * The Ref the refresher's own requests carry, so that a refusal of one
 * (scores unavailable) is told apart from a refusal of the user's `rank`.
 */
export const RANK_REFRESH_REF = 'rank-refresh';

/** Timing of the ranking refresh, injectable for tests. */
export interface RankRefreshOptions {
  /** Wait after activity before asking, and the least gap between asks. */
  throttleMs?: number;
  /** Give up waiting for a reply after this long and ask again. */
  replyTimeoutMs?: number;
}

/** The refresher's controls; the bridge calls them as frames arrive. */
export interface RankRefresh {
  /** Something that changes scores happened: ask within `throttleMs`. */
  activity(): void;
  /** Asks right away (login), or soon after the request in flight ends. */
  now(): void;
  /** A ranking reply arrived (any, one asked for with /rank too). */
  replied(): void;
  /** The link dropped: a request in flight will not be answered. */
  reset(): void;
  /** Cancels the pending ask. */
  stop(): void;
}

/**
 * Makes a refresher that calls `request` to send one Type 7 request;
 * `request` returns false when the request could not be sent (offline).
 *
 * Note: the ask trails the activity instead of leading it, so the first
 * message of a burst and the rest of it cost one request, not two.
 */
export function createRankRefresh(
  request: () => boolean,
  options: RankRefreshOptions = {},
): RankRefresh {
  const { throttleMs = 1000, replyTimeoutMs = 10_000 } = options;
  let pending: NodeJS.Timeout | null = null;
  let inFlight: NodeJS.Timeout | null = null;
  let isDirty = false;

  const clearInFlight = () => {
    if (inFlight) clearTimeout(inFlight);
    inFlight = null;
  };
  const send = () => {
    pending = null;
    if (inFlight) {
      isDirty = true;
      return;
    }
    isDirty = false;
    inFlight = setTimeout(() => {
      inFlight = null;
      refresh.activity();
    }, replyTimeoutMs);
    inFlight.unref();
    if (!request()) clearInFlight();
  };
  const schedule = () => {
    if (pending) return;
    pending = setTimeout(send, throttleMs);
    pending.unref();
  };

  const refresh: RankRefresh = {
    activity() {
      if (inFlight) isDirty = true;
      else schedule();
    },
    now() {
      if (pending) clearTimeout(pending);
      send();
    },
    replied() {
      clearInFlight();
      if (isDirty) schedule();
    },
    reset() {
      clearInFlight();
    },
    stop() {
      clearInFlight();
      if (pending) clearTimeout(pending);
      pending = null;
    },
  };
  return refresh;
}
