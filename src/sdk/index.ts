/** The in-cell tracking API: `import { init } from 'labbook'`. */
export { init, log, flush, finish, callback, currentRun, progress, wandb, Run, type InitOptions } from './sdk';
export { Image, type ImageOptions, type ImageSource, type PixelData } from './image';
export { Table, type TableOptions } from './table';
export { Histogram, type HistogramOptions } from './histogram';
export { Html } from './html';
export { datasets, FASHION_MNIST_CLASSES, type FashionMnistOptions, type FashionMnistSplit, type IdxArray } from './datasets';
export { TableValueError } from '../model/tables/tableInference';
export type { ProgressOptions } from './progress';
export type { FitCallbackOptions } from './fitCallback';
export type { FinishOptions, DefineMetricOptions } from './run';
export type { RunConfig } from './runConfig';
export { Interrupted } from './interrupt';
