import { describe, expect, it } from 'vitest';
import { globMatches, stepMetricOf, stepMetricsOfRuns, type StepMetrics } from './stepMetrics';

describe('stepMetricOf', () => {
  it('plots a metric with no definition against the step', () => {
    expect(stepMetricOf(undefined, 'loss')).toBeNull();
    expect(stepMetricOf({ 'val/acc': 'epoch' }, 'loss')).toBeNull();
  });

  it('finds a metric by name and by glob, the exact name first and then the longest glob', () => {
    const defs = { 'epoch/*': 'epoch/epoch', 'epoch/val_*': 'epoch/val_step', 'epoch/val_loss': 'epoch/epoch' };
    expect(stepMetricOf(defs, 'epoch/loss')).toBe('epoch/epoch');
    expect(stepMetricOf(defs, 'epoch/val_acc')).toBe('epoch/val_step');
    expect(stepMetricOf(defs, 'epoch/val_loss')).toBe('epoch/epoch');
    expect(stepMetricOf(defs, 'batch/loss')).toBeNull();
  });

  it('never plots a step metric against itself', () => {
    expect(stepMetricOf({ 'epoch/*': 'epoch/epoch' }, 'epoch/epoch')).toBeNull();
  });

  it('is not fooled by a key named like an Object prototype member', () => {
    expect(stepMetricOf({ 'a/*': 'a/step' }, 'constructor')).toBeNull();
  });
});

describe('globMatches', () => {
  it('matches * as any run of characters, none included', () => {
    expect(globMatches('train/*', 'train/')).toBe(true);
    expect(globMatches('train/*', 'train/loss')).toBe(true);
    expect(globMatches('*/loss', 'val/loss')).toBe(true);
    expect(globMatches('a*b*c', 'abc')).toBe(true);
    expect(globMatches('a*b*c', 'axxbyyc')).toBe(true);
    expect(globMatches('a*b*c', 'acb')).toBe(false);
    expect(globMatches('ab*ba', 'aba')).toBe(false);
    expect(globMatches('val/*', 'train/loss')).toBe(false);
    expect(globMatches('loss', 'loss')).toBe(true);
  });
});

describe('stepMetricsOfRuns', () => {
  it('takes each metric’s step metric from the first run that defines one', () => {
    const runs: { stepMetrics?: StepMetrics }[] = [{}, { stepMetrics: { 'epoch/*': 'epoch/epoch' } }, { stepMetrics: { 'epoch/acc': 'other' } }];
    const map = stepMetricsOfRuns(runs, ['epoch/acc', 'epoch/epoch', 'loss']);
    expect([...map]).toEqual([['epoch/acc', 'epoch/epoch']]);
  });
});
