// Real readers as judges: Python packages (nbformat, pandas, …) check what the app exports, where they are installed.
import { spawnSync } from 'node:child_process';

/** Whether `python3` can import every one of these modules. */
export function pythonHas(...modules) {
  const found = spawnSync('python3', ['-c', modules.map((m) => `import ${m}`).join('; ')], { encoding: 'utf8' });
  return found.status === 0;
}

/** Runs a Python snippet with arguments; resolves with its stdout, or throws with its stderr. */
export function runPython(code, ...args) {
  const ran = spawnSync('python3', ['-c', code, ...args], { encoding: 'utf8' });
  if (ran.status !== 0) throw new Error(`python3 failed: ${ran.stderr || ran.stdout}`);
  return ran.stdout;
}
