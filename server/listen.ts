/**
 * Puts a hub on a TCP port: the listener hands each socket to the hub and
 * `stop` shuts the whole server down in order. Used by main and by tests,
 * which listen on port 0.
 */
import net from 'node:net';
import type { Bus } from './bus.ts';
import type { Config } from './config.ts';
import { Hub } from './hub.ts';
import type { Logger } from './logger.ts';
import { openLimits, type Limits } from './limits/limits.ts';
import { createListener, loadTlsOptions } from './tls.ts';
import type { Stores } from './store/types.ts';

export interface ServerOptions {
  config: Config;
  /** Opened stores; the server owns them from here and closes them. */
  stores: Stores;
  logger: Logger;
  bus?: Bus;
  /** Abuse limits; by default in memory, from `config`. Closed on stop. */
  limits?: Limits;
}

/** A listening server. */
export interface RunningServer {
  hub: Hub;
  /** The address and port actually bound (port 0 picks one). */
  host: string;
  port: number;
  /**
   * Stops accepting, finishes frames already received (stored appends
   * included), tells everyone SERVER_SHUTDOWN, closes the connections
   * and the stores. Safe to call twice.
   */
  stop(): Promise<void>;
}

/** The address or port cannot be listened on; `message` says which setting. */
export class ListenError extends Error {
  /** The system error code, such as EADDRINUSE. */
  readonly code: string | undefined;

  constructor(error: NodeJS.ErrnoException, host: string, port: number) {
    super(listenProblem(error, host, port), { cause: error });
    this.name = 'ListenError';
    this.code = error.code;
  }
}

function listenProblem(
  error: NodeJS.ErrnoException,
  host: string,
  port: number,
): string {
  const at = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  switch (error.code) {
    case 'EADDRINUSE':
      return `Port ${port} is in use (PORT/--port): stop the other server or pick another port.`;
    case 'EACCES':
      return `Cannot listen on ${at} (PORT/--port): permission denied; pick a port above 1023.`;
    case 'ENOTFOUND':
    case 'EAI_NONAME':
    case 'EAI_AGAIN':
      return `Cannot listen on ${at} (HOST/--host): no such address.`;
    case 'EADDRNOTAVAIL':
      return `Cannot listen on ${at} (HOST/--host): this machine has no such address.`;
    default:
      return `Cannot listen on ${at} (HOST/--host, PORT/--port): ${error.message}.`;
  }
}

/** Starts listening; rejects with a ListenError when it cannot. */
export async function startServer(
  options: ServerOptions,
): Promise<RunningServer> {
  const { config, stores, logger } = options;
  const tlsOptions = loadTlsOptions(config);
  const limits = options.limits ?? openLimits(config, undefined, logger);
  const hub = new Hub({ config, stores, logger, bus: options.bus, limits });
  const server = createListener(
    tlsOptions,
    (stream, remoteAddress, admission) =>
      hub.accept(stream, { remoteAddress, admission }),
    {
      admit: (remote) => {
        const admitted = hub.admit(remote);
        return admitted.ok ? admitted.admission : undefined;
      },
      onHandshakeError: (error, remote) =>
        logger.info({ remote, err: error.message }, 'tls handshake failed'),
    },
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new ListenError(error, config.host, config.port)),
    );
    server.listen(config.port, config.host, () => {
      server.removeAllListeners('error');
      resolve();
    });
  });
  server.on('error', (error) => logger.error({ err: error }, 'listener error'));
  const address = server.address() as net.AddressInfo;

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      const closed = new Promise<void>((resolve) =>
        server.close(() => resolve()),
      );
      await hub.stop();
      await closed;
      await stores.close();
      await limits.close();
    })();
    return stopping;
  };
  return { hub, host: address.address, port: address.port, stop };
}
