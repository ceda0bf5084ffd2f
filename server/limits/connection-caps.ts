/**
 * Caps on simultaneous connections per address: all of them, and those
 * not logged in yet (which cost the server without being anyone). Counts
 * live in this process only.
 * Note: not shared through Redis on purpose: a count held elsewhere would
 * outlive a crashed server and lock its users' addresses out.
 */
import { ERRORS } from '../../shared/errors.ts';
import type { LimitSettings } from './limit-settings.ts';

/** A connection's place under the caps, released exactly once. */
export interface Admission {
  /** Moves the connection from "not logged in" to logged in. */
  loggedIn(): void;
  /** Frees the connection's place; safe to call more than once. */
  release(): void;
}

/** The answer to a new connection. */
export type AdmitResult =
  | { ok: true; admission: Admission }
  | { ok: false; code: 'TOO_MANY_CONNECTIONS'; message: string };

/** Counts connections per address; see the module comment. */
export class ConnectionCaps {
  private readonly open = new Map<string, number>();
  private readonly unauthenticated = new Map<string, number>();

  constructor(
    private readonly settings: Pick<
      LimitSettings,
      'maxConnectionsPerIp' | 'maxUnauthenticatedPerIp'
    >,
  ) {}

  /** Admits a connection from `address` or says why not. */
  admit(address: string): AdmitResult {
    const { maxConnectionsPerIp, maxUnauthenticatedPerIp } = this.settings;
    if (
      maxConnectionsPerIp > 0 &&
      this.countOf(this.open, address) >= maxConnectionsPerIp
    ) {
      return refusal(ERRORS.TOO_MANY_CONNECTIONS);
    }
    if (
      maxUnauthenticatedPerIp > 0 &&
      this.countOf(this.unauthenticated, address) >= maxUnauthenticatedPerIp
    ) {
      return refusal(
        'Too many connections from your address are waiting to log in; log in on one of them or close some.',
      );
    }

    add(this.open, address, 1);
    add(this.unauthenticated, address, 1);
    let isWaiting = true;
    let isReleased = false;
    return {
      ok: true,
      admission: {
        loggedIn: () => {
          if (!isWaiting || isReleased) return;
          isWaiting = false;
          add(this.unauthenticated, address, -1);
        },
        release: () => {
          if (isReleased) return;
          isReleased = true;
          add(this.open, address, -1);
          if (isWaiting) add(this.unauthenticated, address, -1);
        },
      },
    };
  }

  /** Open connections from an address, for tests and logs. */
  connectionsFrom(address: string): number {
    return this.countOf(this.open, address);
  }

  /** Connections from an address that have not logged in. */
  waitingFrom(address: string): number {
    return this.countOf(this.unauthenticated, address);
  }

  private countOf(counts: Map<string, number>, address: string): number {
    return counts.get(address) ?? 0;
  }
}

function refusal(message: string): AdmitResult {
  return { ok: false, code: 'TOO_MANY_CONNECTIONS', message };
}

/** Adjusts a count, deleting it at zero so the map never grows stale. */
function add(counts: Map<string, number>, key: string, delta: number): void {
  const next = (counts.get(key) ?? 0) + delta;
  if (next <= 0) counts.delete(key);
  else counts.set(key, next);
}
