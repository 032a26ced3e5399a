import { describe, expect, it } from 'vitest';
import { chartedMetrics } from './chartedMetrics';

describe('chartedMetrics', () => {
  it('charts logged metrics, epoch ones first, without counters, system samples or internal keys, at most 4', () => {
    const metrics = ['_timestamp', 'batch/acc', 'batch/loss', 'batch/step', 'epoch/epoch', 'epoch/loss', 'epoch/val_loss', 'system/tensors'];
    expect(chartedMetrics(metrics)).toEqual(['epoch/loss', 'epoch/val_loss', 'batch/acc', 'batch/loss']);
  });

  it('keeps plainly named metrics between epoch and batch ones', () => {
    expect(chartedMetrics(['loss', 'accuracy', 'step'])).toEqual(['accuracy', 'loss']);
  });
});
