/**
 * The command line: where to connect and how to look. Parsing is kept
 * apart from main.tsx so it can be tested without a terminal.
 */
import { Command, InvalidArgumentError } from 'commander';

/** What the user asked for on the command line. */
export interface CliOptions {
  host: string;
  port: number;
  color: boolean;
  bell: boolean;
  heartbeat: number;
  /** Connect with TLS (implied by --ca and --tls-fingerprint). */
  tls?: boolean;
  /** Trust only the CA (or certificate) in this PEM file. */
  ca?: string;
  /** Trust only a certificate with this SHA-256 fingerprint. */
  tlsFingerprint?: string;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new InvalidArgumentError('Give a port number from 1 to 65535.');
  }
  return port;
}

/** The longest heartbeat interval, safely under the server's 20 s idle limit. */
export const MAX_HEARTBEAT_SECONDS = 15;

function parseHeartbeat(value: string): number {
  const seconds = Number(value);
  if (
    value.trim() === '' ||
    !Number.isInteger(seconds) ||
    seconds < 1 ||
    seconds > MAX_HEARTBEAT_SECONDS
  ) {
    throw new InvalidArgumentError(
      `Give whole seconds from 1 to ${MAX_HEARTBEAT_SECONDS}: the server drops a connection that is silent for 20 s.`,
    );
  }
  return seconds;
}

function parseHost(value: string): string {
  const host = value.trim();
  if (host === '') {
    throw new InvalidArgumentError(
      'Give the server name or address, such as localhost or chat.example.',
    );
  }
  return host;
}

/** Builds the commander program; `version` comes from package.json. */
export function buildProgram(version: string): Command {
  return new Command()
    .name('termchat')
    .description('A full-screen terminal client for the termchat room.')
    .version(version, '-v, --version', 'print the version and exit')
    .helpOption('-h, --help', 'show this help and exit')
    .option(
      '--host <host>',
      'server host name or address',
      parseHost,
      'localhost',
    )
    .option('-p, --port <port>', 'server TCP port', parsePort, 8080)
    .option('--no-color', 'draw without colours (NO_COLOR is honoured too)')
    .option('--no-bell', 'do not ring the terminal bell on mentions')
    .option(
      '--heartbeat <seconds>',
      `seconds between heartbeats, 1 to ${MAX_HEARTBEAT_SECONDS}`,
      parseHeartbeat,
      10,
    )
    .option(
      '--tls',
      'connect with TLS; unknown certificates are pinned on first use',
    )
    .option('--ca <file>', 'with TLS, trust only this CA or certificate (PEM)')
    .option(
      '--tls-fingerprint <sha256>',
      'with TLS, trust only a certificate with this SHA-256 fingerprint',
    );
}

/**
 * Parses argv (as process.argv, with node and script first). A bad flag
 * ends the process with code 2 after commander prints its sentence;
 * --help and --version end it with 0.
 */
export function parseCli(argv: readonly string[], version: string): CliOptions {
  const program = buildProgram(version).exitOverride((error) => {
    process.exit(error.exitCode === 0 ? 0 : 2);
  });
  program.parse([...argv]);
  const options = program.opts<CliOptions>();
  if (options.ca !== undefined || options.tlsFingerprint !== undefined) {
    options.tls = true;
  }
  return options;
}
