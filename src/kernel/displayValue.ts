import * as tf from '@tensorflow/tfjs';
import type { DisplayOutput } from '../model/notebook/displayOutput';
import { Image } from '../sdk/image';
import { Run } from '../sdk/run';
import { tensorOutput } from './tensorPreview';
import { toValueTree } from './valueTree';

/** How a value looks in a cell's output: images as pictures, tensors with a preview, runs as their live chart, the rest as an expandable tree. */
export async function displayOutputOf(value: unknown): Promise<DisplayOutput> {
  if (value instanceof Image) return { kind: 'image', png: await value.toPng(), width: value.width, height: value.height, caption: value.caption };
  if (value instanceof tf.Tensor) return tensorOutput(value);
  if (value instanceof Run) return { kind: 'run', runId: value.id, name: value.name, project: value.project };
  return { kind: 'value', value: toValueTree(value) };
}
