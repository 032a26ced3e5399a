/** The metrics every synthetic run logs at every step, in the order syntheticCurves returns them. */
export const SYNTHETIC_METRICS = ['train/loss', 'train/acc', 'val/loss', 'val/acc'] as const;

const OPTIMIZERS = ['adam', 'adamw', 'sgd', 'rmsprop'] as const;
const BATCH_SIZES = [16, 32, 64, 128, 256] as const;
const WARMUPS = [0, 100, 500, 1000] as const;

/** The 8 config keys of a synthetic run: what a sweep over a small classifier would vary. */
export interface SyntheticConfig {
  [key: string]: number | string;
  lr: number;
  batch_size: number;
  dropout: number;
  optimizer: (typeof OPTIMIZERS)[number];
  layers: number;
  seed: number;
  weight_decay: number;
  warmup: number;
}

const logUniform = (random: () => number, lo: number, hi: number) => Math.exp(Math.log(lo) + random() * (Math.log(hi) - Math.log(lo)));
const pick = <T>(random: () => number, options: readonly T[]): T => options[Math.floor(random() * options.length)]!;
/** Roughly standard normal noise: a sum of three uniforms (4× cheaper than Box–Muller, and 40 M values are drawn). */
const noise = (random: () => number) => (random() + random() + random() - 1.5) * 2;

/** A random config as a sweep would draw it: lr and weight decay log-uniform, the rest from the usual choices. */
export function syntheticConfig(random: () => number): SyntheticConfig {
  return {
    lr: logUniform(random, 1e-5, 1e-1),
    batch_size: pick(random, BATCH_SIZES),
    dropout: Math.round(random() * 50) / 100,
    optimizer: pick(random, OPTIMIZERS),
    layers: 2 + Math.floor(random() * 7),
    seed: Math.floor(random() * 100_000),
    weight_decay: logUniform(random, 1e-6, 1e-2),
    warmup: pick(random, WARMUPS),
  };
}

/**
 * Training curves for steps 0 … steps−1, in SYNTHETIC_METRICS order: a cross-entropy loss falling from ln 10 towards a
 * floor set by the config (lr near 3e-3 is best; sgd is slower; too little dropout overfits, so val/loss turns up),
 * noise that shrinks with the batch size, a few one-step loss spikes, and runs with a large lr that diverge to NaN.
 */
export function syntheticCurves(config: SyntheticConfig, steps: number, random: () => number): Float64Array[] {
  const [trainLoss, trainAcc, valLoss, valAcc] = SYNTHETIC_METRICS.map(() => new Float64Array(steps)) as [Float64Array, Float64Array, Float64Array, Float64Array];
  const lrMiss = Math.log10(config.lr / 3e-3);
  const floor = 0.04 + 0.12 * lrMiss * lrMiss + (config.optimizer === 'sgd' ? 0.08 : 0) + 0.1 / config.layers;
  const tau = (600 / Math.sqrt(config.lr / 1e-3)) * (config.optimizer === 'sgd' ? 2 : 1);
  const jitter = 0.12 / Math.sqrt(config.batch_size / 16);
  const overfit = (0.5 - config.dropout) * 4e-5 * (1 - Math.log10(config.weight_decay / 1e-6) / 8);
  const divergeAt = config.lr > 0.03 && random() < 0.3 ? Math.floor(steps * (0.2 + random() * 0.7)) : Infinity;
  const spikes = new Set(Array.from({ length: Math.floor(random() * 4) }, () => Math.floor(random() * steps)));
  const start = Math.LN10;
  for (let s = 0; s < steps; s++) {
    // Warmup: the lr ramps up linearly, so progress goes with the integral of the ramp.
    const progress = s < config.warmup ? (s * s) / (2 * config.warmup) : s - config.warmup / 2;
    const clean = floor + (start - floor) * Math.exp(-progress / tau);
    const diverged = s >= divergeAt;
    const spike = spikes.has(s) ? 3 + random() * 17 : 1;
    const loss = clean * (1 + jitter * noise(random)) * spike;
    const generalization = 1.08 + Math.max(0, overfit * (s - steps / 3));
    const val = clean * generalization * (1 + (jitter / 3) * noise(random));
    trainLoss[s] = diverged ? NaN : loss;
    trainAcc[s] = diverged ? NaN : accuracyOf(loss);
    valLoss[s] = diverged ? NaN : val;
    valAcc[s] = diverged ? NaN : accuracyOf(val);
  }
  return [trainLoss, trainAcc, valLoss, valAcc];
}

/** A 10-class accuracy for a cross-entropy loss: 0.1 at ln 10, towards 1 as the loss falls. */
function accuracyOf(loss: number): number {
  return Math.min(1, Math.max(0, 0.1 + 0.9 * (1 - loss / Math.LN10)));
}
