/**
 * A tiny raw-frame TCP client for tests: it records every frame the
 * server sends and lets a test await the next one that matches.
 */
import net from 'node:net';
import { encodeFrame, FrameDecoder } from '../../shared/frame.ts';
import {
  message,
  MessageType,
  PROTOCOL_VERSION,
  type Message,
} from '../../shared/protocol.ts';

/** How long `nextFrame` waits before failing the test. */
export const FRAME_WAIT_MS = 5000;

type Predicate = (frame: Message) => boolean;

interface Waiter {
  predicate: Predicate;
  resolve: (frame: Message) => void;
}

/** One test connection; see the module comment. */
export class TestClient {
  /** Every frame received, in order, consumed or not. */
  readonly received: Message[] = [];
  /** Resolves when the server closed the connection (or it broke). */
  readonly closed: Promise<void>;
  private readonly unread: Message[] = [];
  private readonly waiters = new Set<Waiter>();
  private readonly decoder = new FrameDecoder(16 * 1024 * 1024);
  private isClosed = false;

  private constructor(readonly socket: net.Socket) {
    socket.on('data', (chunk) => {
      for (const body of this.decoder.push(chunk))
        this.deliver(JSON.parse(body) as Message);
    });
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) =>
      socket.once('close', () => {
        this.isClosed = true;
        resolve();
      }),
    );
  }

  /**
   * Connects to a server on localhost, optionally from another loopback
   * address (127.0.0.2, …) to look like a different client address.
   */
  static connect(port: number, localAddress?: string): Promise<TestClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({
        port,
        host: '127.0.0.1',
        noDelay: true,
        localAddress,
      });
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new TestClient(socket));
      });
    });
  }

  /** Wraps a socket that is already connected (a TLS socket, say). */
  static wrap(socket: net.Socket): TestClient {
    return new TestClient(socket);
  }

  /** True once the server closed the connection. */
  get isOpen(): boolean {
    return !this.isClosed;
  }

  /** Sends a message object as one frame. */
  send(fields: Partial<Message> & { Type: number }): void {
    this.socket.write(encodeFrame(fields));
  }

  /** Writes raw bytes, for framing tests. */
  sendRaw(bytes: Buffer | string): void {
    this.socket.write(bytes);
  }

  /**
   * Resolves with the first unread frame that matches (and marks it
   * read); frames before it stay unread. Rejects after `timeoutMs`.
   */
  nextFrame(
    predicate: Predicate = () => true,
    timeoutMs = FRAME_WAIT_MS,
  ): Promise<Message> {
    const index = this.unread.findIndex(predicate);
    if (index >= 0) return Promise.resolve(this.unread.splice(index, 1)[0]!);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { predicate, resolve };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const seen = JSON.stringify(this.unread.slice(-5));
        reject(
          new Error(
            `no matching frame within ${timeoutMs} ms; last unread: ${seen}`,
          ),
        );
      }, timeoutMs);
      waiter.resolve = (frame) => {
        clearTimeout(timer);
        resolve(frame);
      };
      this.waiters.add(waiter);
    });
  }

  /** Resolves with every unread frame that matches within `ms`. */
  async framesWithin(
    ms: number,
    predicate: Predicate = () => true,
  ): Promise<Message[]> {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return this.unread.filter(predicate);
  }

  /** Registers; resolves with the Type 1 reply. */
  register(name: string, password: string): Promise<Message> {
    this.send(
      message(MessageType.Register, { Sender: name, Content: password }),
    );
    return this.nextFrame((frame) => frame.Type === MessageType.Register);
  }

  /** Logs in (as our own client does, Version 1, unless told otherwise). */
  login(
    name: string,
    password: string,
    version: number | null = PROTOCOL_VERSION,
  ): Promise<Message> {
    this.send(
      message(MessageType.Login, {
        Sender: name,
        Content: password,
        ...(version === null ? {} : { Version: version }),
      }),
    );
    return this.nextFrame((frame) => frame.Type === MessageType.Register);
  }

  /** Sends a room message. */
  say(text: string): void {
    this.send(message(MessageType.Chat, { Content: text }));
  }

  /** Sends a private message. */
  whisper(to: string, text: string): void {
    this.send(message(MessageType.Private, { Receiver: to, Content: text }));
  }

  /** Closes the connection from this side. */
  async close(): Promise<void> {
    this.socket.end();
    this.socket.destroySoon();
    await this.closed;
  }

  private deliver(frame: Message): void {
    this.received.push(frame);
    for (const waiter of this.waiters) {
      if (waiter.predicate(frame)) {
        this.waiters.delete(waiter);
        waiter.resolve(frame);
        return;
      }
    }
    this.unread.push(frame);
  }
}

/** Matches a chat frame carrying an error or notice with `code`. */
export const withCode =
  (code: string): Predicate =>
  (frame) =>
    frame.Code === code;

/** Matches a frame by type and, optionally, its Content. */
export const ofType =
  (type: number, content?: string): Predicate =>
  (frame) =>
    frame.Type === type && (content === undefined || frame.Content === content);
