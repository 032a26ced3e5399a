import { describe, expect, it } from 'vitest';
import { inferMetricGoal, metricGoal } from './metricGoal';

describe('inferMetricGoal', () => {
  it.each(['loss', 'val/loss', 'train_loss', 'trainLoss', 'val_nll', 'top1_err', 'test/error', 'mse', 'eval.rmse', 'wer', 'valloss'])('inferMetricGoal(%s) is min', (key) => {
    expect(inferMetricGoal(key)).toBe('min');
  });

  it.each(['accuracy', 'val/acc', 'reward', 'f1', 'bert_score', 'interrupts', 'lr', 'epoch'])('inferMetricGoal(%s) is max', (key) => {
    expect(inferMetricGoal(key)).toBe('max');
  });
});

describe('metricGoal', () => {
  it('metricGoal(key, goals) prefers the goal given for the key over the name', () => {
    expect(metricGoal('loss', { loss: 'max' })).toBe('max');
    expect(metricGoal('acc', { loss: 'max' })).toBe('max');
    expect(metricGoal('loss')).toBe('min');
  });
});
