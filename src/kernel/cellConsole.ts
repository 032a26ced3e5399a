import { formatValue } from './formatValue';

/** Where a cell's console writes. */
export type StreamWriter = (stream: 'stdout' | 'stderr', text: string) => void;

/** A console whose log/info/debug go to stdout and warn/error to stderr of the running cell, formatted as a console would. */
export function createCellConsole(write: StreamWriter): Pick<Console, 'log' | 'info' | 'debug' | 'warn' | 'error'> {
  const line = (args: unknown[]) => `${args.map((a) => formatValue(a)).join(' ')}\n`;
  return {
    log: (...args: unknown[]) => write('stdout', line(args)),
    info: (...args: unknown[]) => write('stdout', line(args)),
    debug: (...args: unknown[]) => write('stdout', line(args)),
    warn: (...args: unknown[]) => write('stderr', line(args)),
    error: (...args: unknown[]) => write('stderr', line(args)),
  };
}
