import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testPython } from '../testPython';
import { crc32c, maskedCrc32c } from './crc32c';
import { decodeEventFile, encodeEventFile, type ScalarPoint } from './events';
import { decodeSessionStartInfo, encodeSessionStartInfo } from './hparams';
import { readLogdir } from './logdir';
import { ProtoWriter, readFields } from './protobuf';
import { frameRecord, readRecords } from './tfrecord';

const points: ScalarPoint[] = [
  ...Array.from({ length: 50 }, (_, step) => ({ tag: 'train/loss', step, wallTime: 1_700_000_000 + step, value: Math.fround(1 / (step + 1)) })),
  ...Array.from({ length: 5 }, (_, k) => ({ tag: 'val/acc', step: k * 10, wallTime: 1_700_000_000 + k * 10, value: Math.fround(0.5 + k / 10) })),
  { tag: 'big step', step: 2 ** 40, wallTime: 1_700_000_500.25, value: -Infinity },
];
const texts = [{ tag: 'config', step: 0, text: '{"lr": 0.001, "optimizer": "adam"}' }];
const hparams = { lr: 0.001, 'model.name': 'mlp', deep: false, 'model.layers': 3, notes: null };

describe('TFRecord and event files', () => {
  it('computes CRC-32C as the standard check value says, and masks it as TFRecord does', () => {
    expect(crc32c(new TextEncoder().encode('123456789')).toString(16)).toBe('e3069283');
    // TFRecord's mask: rotated right 15 bits, plus 0xa282ead8 (worked out by hand from the check value).
    expect(maskedCrc32c(new TextEncoder().encode('123456789')).toString(16)).toBe('c78ab0e5');
  });

  it('round-trips scalars, large steps and texts', () => {
    const decoded = decodeEventFile(encodeEventFile(points, texts, 1_700_000_000));
    const sorted = (list: ScalarPoint[]) => [...list].sort((a, b) => a.step - b.step || a.tag.localeCompare(b.tag));
    expect(sorted(decoded.scalars)).toEqual(sorted(points));
    expect(decoded.texts).toEqual(texts);
    expect(decoded).toMatchObject({ malformed: 0, badChecksums: 0, stoppedBy: null });
  });

  it('writes a step of scalars as the protobuf encoding of Event{wall_time, step, Summary{value{tag, simple_value}}}', () => {
    const long = 'm'.repeat(200);
    const file = encodeEventFile([{ tag: 'loss', step: 300, wallTime: 1.5, value: 0.25 }, { tag: long, step: 300, wallTime: 1.5, value: -2 }], [], 1);
    const value = (tag: string, v: number) => new ProtoWriter().string(1, tag).float(2, v);
    const expected = new ProtoWriter().double(1, 1.5).int64(2, 300).message(5, new ProtoWriter().message(1, value('loss', 0.25)).message(1, value(long, -2)));
    const [, record] = readRecords(file).records;
    expect(Array.from(record!)).toEqual(Array.from(expected.finish()));
    // The golden bytes of a small one: key 0x09 + float64 1.5, key 0x10 + varint 300 (0xac 0x02), key 0x2a + length…
    const small = readRecords(encodeEventFile([{ tag: 'a', step: 300, wallTime: 1.5, value: 1 }], [], 1)).records[1]!;
    expect(Array.from(small)).toEqual([0x09, 0, 0, 0, 0, 0, 0, 0xf8, 0x3f, 0x10, 0xac, 0x02, 0x2a, 0x0a, 0x0a, 0x08, 0x0a, 0x01, 0x61, 0x15, 0, 0, 0x80, 0x3f]);
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

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe("TensorBoard's hparams plugin data", () => {
  // What tensorboard's protobuf writes for these hparams (plugin_data_pb2, SerializeToString(deterministic=True)).
  const sessionStartInfo =
    '1a3b0a0a0a0464656570120220000a0f0a026c72120911fca9f1d24d62503f0a130a0a6d6f64656c2e6e616d6512051a036d6c702900002040fc54d941';
  const written = { lr: 0.001, 'model.name': 'mlp', deep: false };

  it('writes HParamsPluginData byte for byte as tensorboard does: names sorted, false and zero kept', () => {
    expect(hex(encodeSessionStartInfo({ 'model.name': 'mlp', lr: 0.001, deep: false, dropped: null }, 1_700_000_000.5))).toBe(sessionStartInfo);
  });

  it("writes the summary as hp.hparams does: the tag, an empty float tensor, the plugin's name and data", () => {
    const file = encodeEventFile([], [], 1_700_000_000.5, written);
    const event = readFields(readRecords(file).records[1]!);
    const summary = event.find((f) => f.field === 5)!;
    // summary_v2._summary_pb('_hparams_/session_start_info', data).SerializeToString(deterministic=True)
    expect(hex((summary as { bytes: Uint8Array }).bytes)).toBe(
      '0a720a1c5f68706172616d735f2f73657373696f6e5f73746172745f696e666f42060801120212004a4a0a480a0768706172616d73123d' + sessionStartInfo,
    );
  });

  it('reads the hparams back, and no hparams from the plugin’s other messages', () => {
    expect(decodeSessionStartInfo(Buffer.from(sessionStartInfo, 'hex'))).toEqual(written);
    expect(decodeEventFile(encodeEventFile(points, texts, 0, hparams)).hparams).toEqual({ lr: 0.001, 'model.name': 'mlp', deep: false, 'model.layers': 3 });
    expect(decodeEventFile(encodeEventFile(points, texts, 0)).hparams).toBeNull();
    // HParamsPluginData{session_end_info{status: STATUS_SUCCESS}}, as tensorboardX writes beside the start.
    expect(decodeSessionStartInfo(Uint8Array.of(0x22, 0x02, 0x08, 0x01))).toBeNull();
  });
});

describe('TensorBoard itself as the judge', () => {
  const python = testPython(['tensorboard', 'tensorboardX'], ['tensorboard', 'tensorboardX']);
  if ('missing' in python) {
    it.skip(`reads our event files, and we read tensorboardX's (${python.missing})`, () => {});
    return;
  }
  const { run } = python;

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

  it("TensorBoard's hparams plugin reads our session start: the same hparams, as tensors its data provider lists", () => {
    const dir = mkdtempSync(join(tmpdir(), 'tfevents-hparams-'));
    const path = join(dir, 'events.out.tfevents.1700000000.labbook');
    writeFileSync(path, encodeEventFile(points, texts, 1_700_000_000, hparams));
    const read = JSON.parse(
      run(
        `import json, sys
from google.protobuf import json_format
from tensorboard.backend.event_processing.plugin_event_accumulator import EventAccumulator
from tensorboard.plugins.hparams import metadata
accumulator = EventAccumulator(sys.argv[1])
accumulator.Reload()
content = accumulator.PluginTagToContent(metadata.PLUGIN_NAME)[metadata.SESSION_START_INFO_TAG]
info = metadata.parse_session_start_info_plugin_data(content)
print(json.dumps({'hparams': {k: json_format.MessageToDict(v) for k, v in info.hparams.items()}, 'start': info.start_time_secs, 'tensors': len(accumulator.Tensors(metadata.SESSION_START_INFO_TAG))}))`,
        path,
      ),
    ) as unknown;
    expect(read).toEqual({ hparams: { lr: 0.001, 'model.name': 'mlp', deep: false, 'model.layers': 3 }, start: 1_700_000_000, tensors: 1 });
  });

  /** A log directory tensorboardX writes: a run's scalars, then `add_hparams` once per trial in `trials`. */
  const tensorboardXHparams = (trials: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'tbx-hparams-'));
    run(
      `import json, sys
from tensorboardX import SummaryWriter
w = SummaryWriter(sys.argv[1])
for step in range(3):
    w.add_scalar('loss', 1.0 / (step + 1), step)
for i, hparams in enumerate(json.loads(sys.argv[2])):
    w.add_hparams(hparams, {'hparam/accuracy': 0.5 + i / 4}, name='trial%d' % i)
w.close()`,
      dir,
      trials,
    );
    const files = (readdirSync(dir, { recursive: true }) as string[]).filter((path) => path.includes('events.out.tfevents'));
    return readLogdir(files.map((path) => ({ path: relative(tmpdir(), join(dir, path)), bytes: new Uint8Array(readFileSync(join(dir, path))) })));
  };

  it("imports tensorboardX's add_hparams as the config of the run that wrote it, under the hparams' flat names", () => {
    const { runs } = tensorboardXHparams(JSON.stringify([{ lr: 0.01, optimizer: 'adam', nesterov: true, 'model.layers': 4 }]));
    expect(runs).toHaveLength(1);
    expect(runs[0]!.config).toEqual({ lr: 0.01, optimizer: 'adam', nesterov: true, 'model.layers': 4 });
    expect([...runs[0]!.metrics.keys()].sort()).toEqual(['hparam/accuracy', 'loss']);
  });

  it('imports each trial of a writer that called add_hparams several times as a run with its own config', () => {
    const { runs } = tensorboardXHparams(JSON.stringify([{ lr: 0.1 }, { lr: 0.2 }]));
    expect(runs.map((r) => [r.name.split('/').pop(), r.config, [...r.metrics.keys()]])).toEqual([
      [expect.stringMatching(/^tbx-hparams-/), {}, ['loss']],
      ['trial0', { lr: 0.1 }, ['hparam/accuracy']],
      ['trial1', { lr: 0.2 }, ['hparam/accuracy']],
    ]);
  });
});
