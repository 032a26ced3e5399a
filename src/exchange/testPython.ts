import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** Python with the modules a test needs: `run` a snippet with arguments, get its stdout (its stderr is thrown). */
export interface TestPython {
  run(code: string, ...args: string[]): string;
}

/**
 * Python that imports `modules`: as installed, or once pip installs `packages` into the project's cache
 * (node_modules/.cache/labbook/python, where the e2e harness looks too). The reason instead, where python or the
 * packages are missing, for the test to skip with.
 */
export function testPython(modules: readonly string[], packages: readonly string[]): TestPython | { missing: string } {
  const target = join(process.cwd(), 'node_modules/.cache/labbook/python');
  const env = { ...process.env, PYTHONPATH: [target, process.env.PYTHONPATH].filter(Boolean).join(':') };
  const has = () => spawnSync('python3', ['-c', modules.map((m) => `import ${m}`).join('; ')], { env }).status === 0;
  const run = (code: string, ...args: string[]) => {
    const ran = spawnSync('python3', ['-c', code, ...args], { env, encoding: 'utf8' });
    if (ran.status !== 0) throw new Error(ran.stderr);
    return ran.stdout;
  };
  if (has()) return { run };
  const pip = spawnSync('python3', ['-m', 'pip', 'install', '--quiet', '--target', target, ...packages], { env, encoding: 'utf8' });
  return has() ? { run } : { missing: pip.error ? 'python3 is not installed' : `pip could not install ${packages.join(' and ')}: ${pip.stderr.trim().split('\n').pop()}` };
}
