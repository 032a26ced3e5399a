import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crc32c, maskedCrc32c } from './crc32c';
import { decodeEventFile, encodeEventFile, type ScalarPoint } from './events';
import { frameRecord, readRecords } from './tfrecord';

const points: ScalarPoint[] = [
  ...Array.from({ length: 50 }, (_, step) => ({ tag: 'train/loss', step, wallTime: 1_700_000_000 + step, value: Math.fround(1 / (step + 1)) })),
  ...Array.from({ length: 5 }, (_, k) => ({ tag: 'val/acc', step: k * 10, wallTime: 1_700_000_000 + k * 10, value: Math.fround(0.5 + k / 10) })),
  { tag: 'big step', step: 2 ** 40, wallTime: 1_700_000_500.25, value: -Infinity },
];
const texts = [{ tag: 'config', step: 0, text: '{"lr": 0.001, "optimizer": "adam"}' }];

describe('TFRecord and event files', () => {
  it('computes CRC-32C as the standard check value says', () => {
    expect(crc32c(new TextEncoder().encode('123456789')).toString(16)).toBe('e3069283');
  });

  it('round-trips scalars, large steps and texts', () => {
    const decoded = decodeEventFile(encodeEventFile(points, texts, 1_700_000_000));
    const sorted = (list: ScalarPoint[]) => [...list].sort((a, b) => a.step - b.step || a.tag.localeCompare(b.tag));
    expect(sorted(decoded.scalars)).toEqual(sorted(points));
    expect(decoded.texts).toEqual(texts);
    expect(decoded).toMatchObject({ malformed: 0, badChecksums: 0, stoppedBy: null });
  });

  it('skips a record whose data checksum is wrong, and stops at a length it cannot trust or that runs past the end', () => {
    const file = encodeEventFile(points, [], 0);
    const records = readRecords(file).records.length;
    const flipped = file.slice();
    flipped[file.length - 6]! ^= 0xff;
    expect(readRecords(flipped)).toMatchObject({ badChecksums: 1, stoppedBy: null });
    expect(readRecords(flipped).records.length).toBe(records - 1);
    expect(readRecords(file.subarray(0, file.length - 3))).toMatchObject({ stoppedBy: 'truncated' });
    const badLength = file.slice();
    badLength[0]! ^= 1;
    expect(readRecords(badLength)).toMatchObject({ records: [], stoppedBy: 'bad-length' });
    // A length of 2^63 with a valid checksum of its own: nothing is allocated, the file is reported cut short.
    const huge = frameRecord(new Uint8Array(4));
    const header = new DataView(huge.buffer);
    header.setBigUint64(0, 2n ** 63n, true);
    header.setUint32(8, maskedCrc32c(huge.subarray(0, 8)), true);
    expect(readRecords(huge)).toMatchObject({ records: [], stoppedBy: 'truncated' });
  });

  it('never throws on 1,000 damaged files: every damage is counted or stops the read', () => {
    const file = encodeEventFile(points, texts, 0);
    let seed = 11;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    for (let trial = 0; trial < 1000; trial++) {
      const damaged = file.slice(0, file.length - random(40));
      for (let k = 0; k <= random(4); k++) damaged[random(damaged.length)] = random(256);
      const decoded = decodeEventFile(damaged);
      // Either the damage shows in the counts, or what was read is a part of what was written.
      const noticed = decoded.badChecksums + decoded.malformed > 0 || decoded.stoppedBy !== null;
      const written = new Set(points.map((p) => JSON.stringify(p)));
      expect(noticed || decoded.scalars.every((p) => written.has(JSON.stringify(p)))).toBe(true);
    }
  });
});

/**
 * Python with tensorboard and tensorboardX importable: as installed, or installed now into the project's cache
 * (node_modules/.cache/labbook/python). Null, with the reason, where python or the wheels are missing.
 */
function tensorboardPython(): { env: NodeJS.ProcessEnv } | { missing: string } {
  const target = join(process.cwd(), 'node_modules/.cache/labbook/python');
  const env = { ...process.env, PYTHONPATH: [target, process.env.PYTHONPATH].filter(Boolean).join(':') };
  const has = () => spawnSync('python3', ['-c', 'import tensorboard, tensorboardX'], { env }).status === 0;
  if (has()) return { env };
  const pip = spawnSync('python3', ['-m', 'pip', 'install', '--quiet', '--target', target, 'tensorboard', 'tensorboardX'], { env, encoding: 'utf8' });
  return has() ? { env } : { missing: pip.error ? 'python3 is not installed' : `pip could not install tensorboard and tensorboardX: ${pip.stderr.trim().split('\n').pop()}` };
}

describe('TensorBoard itself as the judge', () => {
  const python = tensorboardPython();
  if ('missing' in python) {
    it.skip(`reads our event files, and we read tensorboardX's (${python.missing})`, () => {});
    return;
  }
  const run = (code: string, ...args: string[]) => {
    const ran = spawnSync('python3', ['-c', code, ...args], { env: python.env, encoding: 'utf8' });
    if (ran.status !== 0) throw new Error(ran.stderr);
    return ran.stdout;
  };

  it("TensorBoard's EventAccumulator reads our file with the same steps and values", () => {
    const dir = mkdtempSync(join(tmpdir(), 'tfevents-'));
    const path = join(dir, 'events.out.tfevents.1700000000.labbook');
    writeFileSync(path, encodeEventFile(points, texts, 1_700_000_000));
    const read = JSON.parse(run(readFileSync(join(process.cwd(), 'scripts/python/tensorboard_scalars.py'), 'utf8'), path)) as Record<string, [number, number | string][]>;
    expect(Object.keys(read).sort()).toEqual(['big step', 'train/loss', 'val/acc']);
    expect(read['train/loss']).toEqual(points.filter((p) => p.tag === 'train/loss').map((p) => [p.step, p.value]));
    expect(read['val/acc']).toEqual(points.filter((p) => p.tag === 'val/acc').map((p) => [p.step, p.value]));
    expect(read['big step']).toEqual([[2 ** 40, '-inf']]);
  });

  it("reads what tensorboardX's SummaryWriter writes: scalars, texts, and the rest passed over", () => {
    const dir = mkdtempSync(join(tmpdir(), 'tbx-'));
    run(
      `import sys
from tensorboardX import SummaryWriter
w = SummaryWriter(sys.argv[1])
for step in range(100):
    w.add_scalar('loss', 1.0 / (step + 1), step)
    if step % 10 == 0: w.add_scalar('eval/acc', step / 100.0, step)
w.add_text('notes', 'hello', 0)
w.add_histogram('weights', [0.1, 0.2, 0.3], 0)
w.close()`,
      dir,
    );
    const [file] = readdirSync(dir).filter((f) => f.startsWith('events.out.tfevents'));
    const decoded = decodeEventFile(new Uint8Array(readFileSync(join(dir, file!))));
    expect(decoded).toMatchObject({ malformed: 0, badChecksums: 0, stoppedBy: null });
    const loss = decoded.scalars.filter((p) => p.tag === 'loss');
    expect(loss.map((p) => p.step)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(loss.map((p) => p.value)).toEqual(Array.from({ length: 100 }, (_, i) => Math.fround(1 / (i + 1))));
    expect(decoded.scalars.filter((p) => p.tag === 'eval/acc').map((p) => [p.step, p.value])).toEqual(Array.from({ length: 10 }, (_, k) => [k * 10, Math.fround(k / 10)]));
    expect(decoded.texts.map((t) => [t.tag, t.text])).toEqual([['notes/text_summary', 'hello']]);
  });
});
