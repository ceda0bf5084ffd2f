/**
 * The hub: who is connected, who is online under which name, and fan-out.
 * It takes duplex streams, never ports, so a TCP or TLS listener (or a
 * test's in-memory pair) hands it connections through `accept`.
 */
import type { Duplex } from 'node:stream';
import { canonicalName } from '../shared/names.ts';
import { encodeFrame } from '../shared/frame.ts';
import type { Message } from '../shared/protocol.ts';
import { LocalBus, type Audience, type Bus, type BusEvent } from './bus.ts';
import type { Config } from './config.ts';
import { dispatch } from './dispatcher.ts';
import { presenceFrame } from './frames.ts';
import type { Logger } from './logger.ts';
import {
  addressKey,
  openLimits,
  type Admission,
  type AdmitResult,
  type Limits,
} from './limits/limits.ts';
import { Session } from './session.ts';
import type { Stores, User } from './store/types.ts';

export interface HubOptions {
  stores: Stores;
  config: Config;
  logger: Logger;
  /** Defaults to a LocalBus: one process, no cross-node fan-out. */
  bus?: Bus;
  /** Abuse limits; defaults to in-memory ones from `config`. */
  limits?: Limits;
}

/** Where a connection came from, and its place under the caps if taken. */
export interface ConnectionInfo {
  remoteAddress?: string;
  /**
   * A place `admit` already gave the connection (a TLS listener takes it
   * before the handshake); the hub owns it from here. Without one, the
   * hub admits the connection itself.
   */
  admission?: Admission;
}

/** The chat room itself; see the module comment. */
export class Hub {
  readonly stores: Stores;
  readonly config: Config;
  readonly bus: Bus;
  readonly limits: Limits;
  private readonly logger: Logger;
  private readonly sessions = new Set<Session>();
  // Note: presence is per process; a second process behind the same bus
  // would also need presence shared through it.
  private readonly online = new Map<string, Session>();
  private readonly unsubscribe: () => void;
  /** Each session's place under the per-address connection caps. */
  private readonly admissions = new Map<Session, Admission>();
  private nextId = 1;
  private isStopping = false;

  constructor(options: HubOptions) {
    this.stores = options.stores;
    this.config = options.config;
    this.logger = options.logger;
    this.bus = options.bus ?? new LocalBus();
    this.limits = options.limits ?? openLimits(options.config);
    this.unsubscribe = this.bus.subscribe((event) => this.deliver(event));
  }

  /**
   * Takes a place for a new connection from `remoteAddress` under the
   * per-address caps, or logs the refusal (on `log`) and says why not.
   */
  admit(remoteAddress: string, log: Logger = this.logger): AdmitResult {
    const admitted = this.limits.connections.admit(addressKey(remoteAddress));
    if (!admitted.ok) {
      log.warn({ remote: remoteAddress }, 'too many connections');
    }
    return admitted;
  }

  /** Takes a new connection; the hub owns the stream from here on. */
  accept(stream: Duplex, info: ConnectionInfo = {}): Session {
    const id = this.nextId++;
    const remoteAddress = info.remoteAddress ?? 'unknown';
    const session = new Session({
      id,
      stream,
      remoteAddress,
      config: this.config,
      log: this.logger.child({ conn: id }),
      onFrame: (current, body) => dispatch(this, current, body),
      onClose: (current) => this.detach(current),
    });
    this.sessions.add(session);
    session.log.info({ remote: remoteAddress }, 'connection opened');
    if (this.isStopping) {
      info.admission?.release();
      session.close('SERVER_SHUTDOWN', 'notice');
      return session;
    }
    const admitted: AdmitResult = info.admission
      ? { ok: true, admission: info.admission }
      : this.admit(remoteAddress, session.log);
    if (admitted.ok) this.admissions.set(session, admitted.admission);
    else session.close(admitted.code, 'error', admitted.message);
    return session;
  }

  /** The active session of a user, by any spelling of the name. */
  findOnline(name: string): Session | undefined {
    const session = this.online.get(canonicalName(name));
    return session?.isActive ? session : undefined;
  }

  /** Display names of everyone online, sorted for people to read. */
  onlineNames(): string[] {
    return [...this.online.values()]
      .filter((session) => session.isActive)
      .map((session) => session.user!.name)
      .sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }));
  }

  /**
   * Puts a logged-in session online. A session already online under the
   * name is told it was replaced and closed; nobody hears a leave or
   * join then, since the user never went away.
   */
  signIn(session: Session, user: User, version: number): void {
    session.signIn(user, version);
    this.admissions.get(session)?.loggedIn();
    const previous = this.online.get(user.canonical);
    this.online.set(user.canonical, session);
    if (previous && previous !== session) {
      previous.log.info({ by: session.id }, 'session replaced');
      previous.close('SESSION_REPLACED');
      return;
    }
    session.log.info('joined');
    this.publish(
      { kind: 'room', except: user.canonical },
      presenceFrame(user.name, 'join'),
    );
  }

  /** Sends a message to an audience through the bus. */
  publish(audience: Audience, message: Message): void {
    this.bus.publish({ audience, message });
  }

  /**
   * Stops the room: no new frames are read, frames already received are
   * handled (and stored), then everyone is told and disconnected.
   */
  async stop(): Promise<void> {
    this.isStopping = true;
    const sessions = [...this.sessions];
    for (const session of sessions) session.stopReading();
    await Promise.all(sessions.map((session) => session.settled()));
    for (const session of sessions) session.close('SERVER_SHUTDOWN', 'notice');
    await Promise.all(sessions.map((session) => session.closed));
    this.unsubscribe();
    await this.bus.close();
  }

  // Encodes once, then queues the same Buffer for every recipient.
  private deliver({ audience, message }: BusEvent): void {
    const frame = encodeFrame(message);
    if (audience.kind === 'users') {
      for (const canonical of audience.canonicals) {
        this.online.get(canonical)?.sendFrame(frame, message.Id);
      }
      return;
    }
    for (const [canonical, session] of this.online) {
      if (canonical !== audience.except) session.sendFrame(frame, message.Id);
    }
  }

  private detach(session: Session): void {
    this.sessions.delete(session);
    this.admissions.get(session)?.release();
    this.admissions.delete(session);
    session.log.info({ frames: session.framesHandled }, 'connection closed');
    const user = session.user;
    if (!user || this.online.get(user.canonical) !== session) return;
    this.online.delete(user.canonical);
    if (this.isStopping) return;
    session.log.info('left');
    this.publish(
      { kind: 'room', except: user.canonical },
      presenceFrame(user.name, 'leave'),
    );
  }
}
