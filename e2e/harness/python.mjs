// Real readers as judges: Python packages (nbformat, pandas, tensorboard, …) check what the app exports, where they are
// installed, on the system or by the unit tests into the project's cache (node_modules/.cache/labbook/python).
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const env = { ...process.env, PYTHONPATH: [path.resolve('node_modules/.cache/labbook/python'), process.env.PYTHONPATH].filter(Boolean).join(path.delimiter) };

/** Whether `python3` can import every one of these modules. */
export function pythonHas(...modules) {
  const found = spawnSync('python3', ['-c', modules.map((m) => `import ${m}`).join('; ')], { encoding: 'utf8', env });
  return found.status === 0;
}

/** Runs a Python snippet with arguments; resolves with its stdout, or throws with its stderr. */
export function runPython(code, ...args) {
  const ran = spawnSync('python3', ['-c', code, ...args], { encoding: 'utf8', env });
  if (ran.status !== 0) throw new Error(`python3 failed: ${ran.stderr || ran.stdout}`);
  return ran.stdout;
}
