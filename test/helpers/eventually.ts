/**
 * Retrying an assertion or a request until it passes: for state the
 * server changes a moment after the event a test can see (a place freed
 * on close, a pool that reconnects).
 */

/** How long to keep trying, and how long to wait between tries. */
export interface EventuallyOptions {
  timeoutMs?: number;
  everyMs?: number;
}

/** Resolves with `attempt`'s first success; rethrows its last failure. */
export async function eventually<T>(
  attempt: () => Promise<T>,
  { timeoutMs = 2000, everyMs = 50 }: EventuallyOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }
}
