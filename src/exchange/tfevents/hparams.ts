import type { ConfigScalar } from '../../model/runs/runTypes';
import { asDouble, ProtoWriter, readFields } from './protobuf';

/**
 * TensorBoard's hparams plugin (tensorboard/plugins/hparams: plugin_data.proto, metadata.py): a run's hyperparameters
 * travel as a summary under this tag whose metadata names the plugin and holds an HParamsPluginData message.
 */
export const HPARAMS_PLUGIN = 'hparams';
export const SESSION_START_INFO_TAG = '_hparams_/session_start_info';

/** HParamsPluginData.session_start_info; SessionStartInfo.hparams and .start_time_secs. */
const PLUGIN_DATA_SESSION_START_INFO = 3;
const START_INFO_HPARAMS = 1;
const START_INFO_START_TIME_SECS = 5;
/** google.protobuf.Value's kinds. */
const VALUE_NULL = 1;
const VALUE_NUMBER = 2;
const VALUE_STRING = 3;
const VALUE_BOOL = 4;

/**
 * HParamsPluginData{version 0, session_start_info{hparams, start_time_secs}} as bytes, the hparams in name order as
 * tensorboard's `hp.hparams` writes them. Nulls are left out, as tensorboardX and `hp.hparams` leave out None. The
 * group name is left empty, which makes each run a session group of its own: TensorBoard shows one set of hparams per
 * group, and a Labbook group may hold runs of different configs.
 */
export function encodeSessionStartInfo(hparams: Readonly<Record<string, ConfigScalar>>, startTimeSecs: number): Uint8Array {
  const info = new ProtoWriter();
  for (const [name, value] of Object.entries(hparams).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (value === null) continue;
    const kind = new ProtoWriter();
    if (typeof value === 'number') kind.double(VALUE_NUMBER, value);
    else if (typeof value === 'string') kind.string(VALUE_STRING, value);
    else kind.int64(VALUE_BOOL, value ? 1 : 0);
    info.message(START_INFO_HPARAMS, new ProtoWriter().string(1, name).message(2, kind));
  }
  info.double(START_INFO_START_TIME_SECS, startTimeSecs);
  return new ProtoWriter().message(PLUGIN_DATA_SESSION_START_INFO, info).finish();
}

/**
 * The hparams of an HParamsPluginData holding a session start (null for the plugin's other messages: the experiment,
 * a session's end). Values other than a number, string, bool or null (structs, lists, which neither tensorboardX nor
 * `hp.hparams` writes) are passed over. Throws where the message does not parse.
 */
export function decodeSessionStartInfo(content: Uint8Array): Record<string, ConfigScalar> | null {
  const info = readFields(content).find((f) => f.field === PLUGIN_DATA_SESSION_START_INFO && f.wire === 2);
  if (!info || info.wire !== 2) return null;
  const hparams: Record<string, ConfigScalar> = {};
  for (const entry of readFields(info.bytes)) {
    if (entry.field !== START_INFO_HPARAMS || entry.wire !== 2) continue;
    let name = '';
    let value: ConfigScalar | undefined;
    for (const f of readFields(entry.bytes)) {
      if (f.field === 1 && f.wire === 2) name = new TextDecoder().decode(f.bytes);
      else if (f.field === 2 && f.wire === 2) value = valueOf(f.bytes);
    }
    if (value !== undefined) hparams[name] = value;
  }
  return hparams;
}

function valueOf(bytes: Uint8Array): ConfigScalar | undefined {
  let value: ConfigScalar | undefined;
  // A oneof: the last kind on the wire wins, as protobuf parsers decide.
  for (const f of readFields(bytes)) {
    if (f.field === VALUE_NULL && f.wire === 0) value = null;
    else if (f.field === VALUE_NUMBER && f.wire === 1) value = asDouble(f.bytes);
    else if (f.field === VALUE_STRING && f.wire === 2) value = new TextDecoder().decode(f.bytes);
    else if (f.field === VALUE_BOOL && f.wire === 0) value = f.value !== 0n;
    else if (f.field > VALUE_BOOL) value = undefined;
  }
  return value;
}
