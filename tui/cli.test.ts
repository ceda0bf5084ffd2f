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
          '2.5',
        ),
        '1',
      ),
    ).toEqual({
      host: 'chat.example',
      port: 9000,
      color: false,
      bell: false,
      heartbeat: 2.5,
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
