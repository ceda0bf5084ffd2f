/**
 * Fan-out between the hub and wherever sessions live. Every frame meant
 * for more than the connection that asked goes through a Bus, so a
 * second server process can later share one (over Redis pub/sub) without
 * the handlers changing.
 */
import type { Message } from '../shared/protocol.ts';

/** Who a published frame is for. */
export type Audience =
  /** Everyone online, except one canonical name when `except` is set. */
  | { kind: 'room'; except?: string }
  /** These users alone, by canonical name. */
  | { kind: 'users'; canonicals: readonly string[] };

/** One published frame and its audience. */
export interface BusEvent {
  audience: Audience;
  message: Message;
}

/** A fan-out channel: publish to it, and every subscriber sees it. */
export interface Bus {
  publish(event: BusEvent): void;
  /** Adds a listener; the returned function removes it. */
  subscribe(listener: (event: BusEvent) => void): () => void;
  close(): Promise<void>;
}

/**
 * The single-process bus: delivery is a synchronous call to each
 * subscriber, so a publish is seen before the publisher's next line.
 */
export class LocalBus implements Bus {
  private readonly listeners = new Set<(event: BusEvent) => void>();

  publish(event: BusEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  subscribe(listener: (event: BusEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
