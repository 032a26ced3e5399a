import { concatBytes } from '../../lib/concatArrays';
import type { ConfigScalar } from '../../model/runs/runTypes';
import { decodeSessionStartInfo, encodeSessionStartInfo, HPARAMS_PLUGIN, SESSION_START_INFO_TAG } from './hparams';
import { asDouble, asFloat, asInt64, firstVarint, ProtoWriter, readFields, type ProtoField } from './protobuf';
import { frameRecord, readRecords, type ReadRecords } from './tfrecord';

/** One scalar as TensorBoard keeps it. */
export interface ScalarPoint {
  tag: string;
  step: number;
  /** Seconds since 1970, as TensorBoard's wall_time. */
  wallTime: number;
  value: number;
}

/** A text summary (TensorBoard's text plugin): how a run's config travels. */
export interface TextSummary {
  tag: string;
  step: number;
  text: string;
}

/** The first event of every file TensorBoard writes. */
const FILE_VERSION = 'brain.Event:2';
/** TensorFlow's DataType values that summaries use. */
const DT_FLOAT = 1;
const DT_DOUBLE = 2;
const DT_INT32 = 3;
const DT_STRING = 7;
const DT_INT64 = 9;
/** The tensor TensorBoard's hparams summaries carry beside their metadata: an empty float vector (metadata.NULL_TENSOR). */
const NULL_TENSOR = new ProtoWriter().int64(1, DT_FLOAT).message(2, new ProtoWriter().message(2, new ProtoWriter()));

function event(wallTime: number, step: number): ProtoWriter {
  return new ProtoWriter().double(1, wallTime).int64(2, step);
}

/** A summary value that only carries a plugin's data, as the hparams plugin's do. */
function pluginSummary(tag: string, plugin: string, content: Uint8Array): ProtoWriter {
  const metadata = new ProtoWriter().message(1, new ProtoWriter().string(1, plugin).bytes(2, content));
  return new ProtoWriter().message(1, new ProtoWriter().string(1, tag).message(8, NULL_TENSOR).message(9, metadata));
}

/**
 * An `events.out.tfevents.*` file: the version event, the hparams plugin's session start (where `hparams` are given:
 * flat names, `wallTime` as the start), one event per step with every scalar of that step as a `simple_value`
 * (float32, as TensorBoard's scalars are), then the texts.
 */
export function encodeEventFile(points: readonly ScalarPoint[], texts: readonly TextSummary[], wallTime: number, hparams?: Readonly<Record<string, ConfigScalar>>): Uint8Array {
  const records: Uint8Array[] = [frameRecord(new ProtoWriter().double(1, wallTime).string(3, FILE_VERSION).finish())];
  if (hparams) records.push(frameRecord(event(wallTime, 0).message(5, pluginSummary(SESSION_START_INFO_TAG, HPARAMS_PLUGIN, encodeSessionStartInfo(hparams, wallTime))).finish()));
  const byStep = new Map<number, ScalarPoint[]>();
  for (const point of points) {
    const at = byStep.get(point.step);
    if (at) at.push(point);
    else byStep.set(point.step, [point]);
  }
  const scalars = new ScalarEventWriter();
  for (const [step, values] of [...byStep].sort((a, b) => a[0] - b[0])) records.push(scalars.record(values[0]!.wallTime, step, values));
  for (const text of texts) {
    const metadata = new ProtoWriter().message(1, new ProtoWriter().string(1, 'text'));
    const tensor = new ProtoWriter().int64(1, DT_STRING).message(2, new ProtoWriter()).string(8, text.text);
    const value = new ProtoWriter().string(1, text.tag).message(8, tensor).message(9, metadata);
    records.push(frameRecord(event(wallTime, text.step).message(5, new ProtoWriter().message(1, value)).finish()));
  }
  return concatBytes(records);
}

/** Bytes a varint of a non-negative number below 2^53 takes. */
function varintLength(value: number): number {
  let length = 1;
  for (let v = value; v >= 0x80; v = Math.floor(v / 128)) length++;
  return length;
}

/**
 * One step's scalars as a framed Event record (wall_time, step, a Summary of `simple_value`s), its length worked out
 * first and then written in one buffer. Most of an event file is these records: built through ProtoWriter, a message
 * per value, they took ~4 µs a point; tag names are encoded once per file.
 */
class ScalarEventWriter {
  private readonly tags = new Map<string, Uint8Array>();

  record(wallTime: number, step: number, values: readonly ScalarPoint[]): Uint8Array {
    // Steps outside 0…2^31 (negative, or huge) are rare: the general writer handles their int64 varints.
    if (!(step >= 0 && step < 0x80000000 && Number.isInteger(step))) {
      const summary = new ProtoWriter();
      for (const v of values) summary.message(1, new ProtoWriter().string(1, v.tag).float(2, v.value));
      return frameRecord(event(wallTime, step).message(5, summary).finish());
    }
    const tags = values.map((v) => this.tagBytes(v.tag));
    const valueLengths = tags.map((tag) => 1 + varintLength(tag.length) + tag.length + 5);
    const summaryLength = valueLengths.reduce((sum, length) => sum + 1 + varintLength(length) + length, 0);
    const eventLength = 9 + 1 + varintLength(step) + 1 + varintLength(summaryLength) + summaryLength;
    const data = new Uint8Array(eventLength);
    const view = new DataView(data.buffer);
    let at = 0;
    const varint = (value: number) => {
      for (; value >= 0x80; value >>>= 7) data[at++] = (value & 0x7f) | 0x80;
      data[at++] = value;
    };
    data[at++] = (1 << 3) | 1;
    view.setFloat64(at, wallTime, true);
    at += 8;
    data[at++] = 2 << 3;
    varint(step);
    data[at++] = (5 << 3) | 2;
    varint(summaryLength);
    values.forEach((v, i) => {
      data[at++] = (1 << 3) | 2;
      varint(valueLengths[i]!);
      data[at++] = (1 << 3) | 2;
      varint(tags[i]!.length);
      data.set(tags[i]!, at);
      at += tags[i]!.length;
      data[at++] = (2 << 3) | 5;
      view.setFloat32(at, v.value, true);
      at += 4;
    });
    return frameRecord(data);
  }

  private tagBytes(tag: string): Uint8Array {
    let bytes = this.tags.get(tag);
    if (!bytes) this.tags.set(tag, (bytes = new TextEncoder().encode(tag)));
    return bytes;
  }
}

/** What an event file held: its scalars and texts, and what could not be read (counted, never thrown). */
export interface DecodedEvents extends Omit<ReadRecords, 'records'> {
  scalars: ScalarPoint[];
  texts: TextSummary[];
  /** The hparams of the file's (last) hparams session start, by flat name; null where it has none. */
  hparams: Record<string, ConfigScalar> | null;
  /** Records whose checksum held but whose protobuf did not parse. */
  malformed: number;
}

/**
 * Reads an event file as TensorBoard's and tensorboardX's writers write it: scalars as `simple_value`, or as a scalar
 * tensor (TF2's `tf.summary.scalar`, float, double or integer); texts from the text plugin; the hparams plugin's
 * session start (tensorboardX's `add_hparams`, tensorboard's `hp.hparams`). Other summaries (images, histograms,
 * graphs) are passed over.
 */
export function decodeEventFile(bytes: Uint8Array): DecodedEvents {
  const { records, badChecksums, stoppedBy } = readRecords(bytes);
  const scalars: ScalarPoint[] = [];
  const texts: TextSummary[] = [];
  let hparams: Record<string, ConfigScalar> | null = null;
  let malformed = 0;
  for (const record of records) {
    try {
      let wallTime = 0;
      let step = 0;
      let summary: Uint8Array | null = null;
      for (const f of readFields(record)) {
        if (f.field === 1 && f.wire === 1) wallTime = asDouble(f.bytes);
        else if (f.field === 2 && f.wire === 0) step = asInt64(f.value);
        else if (f.field === 5 && f.wire === 2) summary = f.bytes;
      }
      if (!summary) continue;
      for (const v of readFields(summary)) {
        if (v.field !== 1 || v.wire !== 2) continue;
        const value = readValue(readFields(v.bytes));
        if (value?.kind === 'scalar') scalars.push({ tag: value.tag, step, wallTime, value: value.value });
        else if (value?.kind === 'text') texts.push({ tag: value.tag, step, text: value.text });
        else if (value?.kind === 'hparams') hparams = value.hparams;
      }
    } catch {
      malformed++;
    }
  }
  return { scalars, texts, hparams, malformed, badChecksums, stoppedBy };
}

type SummaryValue =
  | { kind: 'scalar'; tag: string; value: number }
  | { kind: 'text'; tag: string; text: string }
  | { kind: 'hparams'; hparams: Record<string, ConfigScalar> }
  | null;

function readValue(fields: ProtoField[]): SummaryValue {
  let tag = '';
  let simple: number | null = null;
  let tensor: ProtoField[] | null = null;
  let plugin: PluginData = { name: '', content: new Uint8Array() };
  for (const f of fields) {
    if (f.field === 1 && f.wire === 2) tag = new TextDecoder().decode(f.bytes);
    else if (f.field === 2 && f.wire === 5) simple = asFloat(f.bytes);
    else if (f.field === 8 && f.wire === 2) tensor = readFields(f.bytes);
    else if (f.field === 9 && f.wire === 2) plugin = pluginData(readFields(f.bytes));
  }
  if (simple !== null) return { kind: 'scalar', tag, value: simple };
  // tensorboardX writes the hparams with no tensor at all, tensorboard with an empty one.
  if (plugin.name === HPARAMS_PLUGIN && tag === SESSION_START_INFO_TAG) {
    const hparams = decodeSessionStartInfo(plugin.content);
    return hparams && { kind: 'hparams', hparams };
  }
  if (!tensor) return null;
  if (plugin.name === 'text') {
    const text = tensor.find((f) => f.field === 8 && f.wire === 2);
    return text && text.wire === 2 ? { kind: 'text', tag, text: new TextDecoder().decode(text.bytes) } : null;
  }
  const value = tensorScalar(tensor);
  return value === null || (plugin.name !== 'scalars' && plugin.name !== '') ? null : { kind: 'scalar', tag, value };
}

/** SummaryMetadata.plugin_data: the plugin's name and its content (empty where absent). */
interface PluginData {
  name: string;
  content: Uint8Array;
}

function pluginData(metadata: ProtoField[]): PluginData {
  const plugin: PluginData = { name: '', content: new Uint8Array() };
  const data = metadata.find((f) => f.field === 1 && f.wire === 2);
  for (const f of data && data.wire === 2 ? readFields(data.bytes) : []) {
    if (f.field === 1 && f.wire === 2) plugin.name = new TextDecoder().decode(f.bytes);
    else if (f.field === 2 && f.wire === 2) plugin.content = f.bytes;
  }
  return plugin;
}

/** A scalar tensor's value: from tensor_content, or from the typed value list its dtype names. */
function tensorScalar(tensor: ProtoField[]): number | null {
  const dtypeField = tensor.find((f) => f.field === 1 && f.wire === 0);
  const dtype = dtypeField && dtypeField.wire === 0 ? Number(dtypeField.value) : 0;
  const content = tensor.find((f) => f.field === 4 && f.wire === 2);
  const listed = (field: number) => tensor.find((f) => f.field === field);
  const bytesOf = (f: ProtoField | undefined) => (f && f.wire !== 0 ? f.bytes : null);
  const varintOf = (f: ProtoField | undefined) => (f && f.wire === 0 ? f.value : null);
  switch (dtype) {
    case DT_FLOAT: {
      const b = bytesOf(content) ?? bytesOf(listed(5));
      return b && b.length >= 4 ? asFloat(b) : null;
    }
    case DT_DOUBLE: {
      const b = bytesOf(content) ?? bytesOf(listed(6));
      return b && b.length >= 8 ? asDouble(b) : null;
    }
    case DT_INT32:
    case DT_INT64: {
      const b = bytesOf(content);
      if (b && b.length >= 4) return dtype === DT_INT32 ? new DataView(b.buffer, b.byteOffset).getInt32(0, true) : Number(new DataView(b.buffer, b.byteOffset).getBigInt64(0, true));
      const packed = bytesOf(listed(dtype === DT_INT32 ? 7 : 10));
      if (packed) return asInt64(firstVarint(packed));
      const single = varintOf(listed(dtype === DT_INT32 ? 7 : 10));
      return single === null ? null : asInt64(single);
    }
    default:
      return null;
  }
}
