import { describe, expect, it } from 'vitest';
import { ChangeFeed, type ChangeNotice } from './changeFeed';
import { uniqueDbName } from './testRuns';

describe('ChangeFeed', () => {
  it('post(notice) reaches local subscribers synchronously', () => {
    const feed = new ChangeFeed(uniqueDbName('feed'));
    const seen: ChangeNotice[] = [];
    feed.subscribe((n) => seen.push(n));
    feed.post({ type: 'projects' });
    expect(seen).toEqual([{ type: 'projects' }]);
    feed.close();
  });

  it('subscribe() returns an unsubscribe function', () => {
    const feed = new ChangeFeed(uniqueDbName('feed'));
    const seen: ChangeNotice[] = [];
    const unsubscribe = feed.subscribe((n) => seen.push(n));
    unsubscribe();
    feed.post({ type: 'projects' });
    expect(seen).toEqual([]);
    feed.close();
  });

  it('post(notice) reaches a feed on the same channel in another tab exactly once, and not the sender twice', async () => {
    const channel = uniqueDbName('feed');
    const here = new ChangeFeed(channel);
    const there = new ChangeFeed(channel);
    const seenHere: ChangeNotice[] = [];
    const seenThere: ChangeNotice[] = [];
    here.subscribe((n) => seenHere.push(n));
    const arrived = new Promise<void>((resolve) => there.subscribe((n) => (seenThere.push(n), resolve())));
    here.post({ type: 'history', runId: 'r', metrics: ['loss'] });
    await arrived;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seenThere).toEqual([{ type: 'history', runId: 'r', metrics: ['loss'] }]);
    expect(seenHere).toEqual([{ type: 'history', runId: 'r', metrics: ['loss'] }]);
    here.close();
    there.close();
  });
});
