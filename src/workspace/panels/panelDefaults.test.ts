import { describe, expect, it } from 'vitest';
import type { RunColumn } from '../../model/runTable/runColumns';
import { preferredMetric } from './panelDefaults';

const columns = (...keys: string[]): RunColumn[] => [{ kind: 'config', key: 'loss_scale' }, ...keys.map((key): RunColumn => ({ kind: 'summary', key }))];

describe('preferredMetric', () => {
  it('preferredMetric(columns) is the first loss-like summary metric, never a config key', () => expect(preferredMetric(columns('accuracy', 'val/loss', 'train/loss'))).toBe('val/loss'));
  it('preferredMetric(no loss) is the first summary metric', () => expect(preferredMetric(columns('accuracy', 'reward'))).toBe('accuracy'));
  it('preferredMetric(no summary) is null', () => expect(preferredMetric(columns())).toBeNull());
});
