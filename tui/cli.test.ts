import { describe, expect, it } from 'vitest';
import { buildProgram, parseCli } from './cli.ts';

const argv = (...args: string[]) => ['node', 'termchat', ...args];

describe('command line', () => {
  it('defaults to localhost:8080 with colour, bell and a 10 s heartbeat', () => {
    expect(parseCli(argv(), '1.2.3')).toEqual({
      host: 'localhost',
      port: 8080,
      color: true,
      bell: true,
      heartbeat: 10,
    });
  });

  it('reads --host, --port, --no-color, --no-bell and --heartbeat', () => {
    expect(
      parseCli(
        argv(
          '--host',
          'chat.example',
          '--port',
          '9000',
          '--no-color',
          '--no-bell',
          '--heartbeat',
          '15',
        ),
        '1',
      ),
    ).toEqual({
      host: 'chat.example',
      port: 9000,
      color: false,
      bell: false,
      heartbeat: 15,
    });
  });

  it('refuses a port that is not a port, with a readable error', () => {
    const program = buildProgram('1')
      .exitOverride()
      .configureOutput({ writeErr: () => {} });
    expect(() => program.parse(argv('--port', '99999'))).toThrow(
      /port number from 1 to 65535/,
    );
  });

  it.each(['0', '0.001', '2.5', '16', '30', '3000000', 'ten', ''])(
    'refuses --heartbeat %j and says the server drops silent connections',
    (value) => {
      const program = buildProgram('1')
        .exitOverride()
        .configureOutput({ writeErr: () => {} });
      expect(() => program.parse(argv('--heartbeat', value))).toThrow(
        /whole seconds from 1 to 15: the server drops a connection that is silent for 20 s/,
      );
    },
  );

  it.each(['1', '15'])('accepts --heartbeat %s', (value) => {
    expect(parseCli(argv('--heartbeat', value), '1').heartbeat).toBe(
      Number(value),
    );
  });

  it.each(['', '   '])('refuses an empty --host %j', (value) => {
    const program = buildProgram('1')
      .exitOverride()
      .configureOutput({ writeErr: () => {} });
    expect(() => program.parse(argv('--host', value))).toThrow(
      /Give the server name or address/,
    );
  });

  it('prints the version and the help', () => {
    let out = '';
    const program = buildProgram('4.5.6')
      .exitOverride()
      .configureOutput({ writeOut: (text) => (out += text) });
    expect(() => program.parse(argv('--version'))).toThrow();
    expect(out).toBe('4.5.6\n');
    out = '';
    expect(() => program.parse(argv('--help'))).toThrow();
    expect(out).toContain('--no-color');
    expect(out).toContain('--host <host>');
  });
});
