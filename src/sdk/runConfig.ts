import { toConfigTree } from '../model/runs/configFlatten';
import type { ConfigTree } from '../model/runs/runTypes';

/**
 * run.config: the config as a plain object (read and set keys directly) plus W&B's update(). Its values are typed
 * `any`, as W&B's config is dynamic: `tf.layers.dense({ units: config.layer_1 })` type-checks as written, where the
 * stored type (a JSON value) would need a cast in every cell.
 */
export type RunConfig = { [key: string]: any } & {
  /** Merges keys into the config (shallow, like wandb.config.update). */
  update(values: Record<string, unknown>): void;
};

/** Wraps a config tree so it carries a non-enumerable update(), keeping JSON and Object.keys clean. */
export function createRunConfig(tree: ConfigTree): RunConfig {
  const config = tree as RunConfig;
  Object.defineProperty(config, 'update', {
    enumerable: false,
    value(values: Record<string, unknown>) {
      Object.assign(config, toConfigTree(values));
    },
  });
  return config;
}
