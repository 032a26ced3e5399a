import { describe, expect, it, vi } from 'vitest';
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
    there.subscribe((n) => seenThere.push(n));
    const arrival = (seen: ChangeNotice[], notice: ChangeNotice) => vi.waitFor(() => expect(seen).toContainEqual(notice));
    const first: ChangeNotice = { type: 'history', runId: 'r', metrics: ['loss'] };
    here.post(first);
    await arrival(seenThere, first);
    // A channel delivers in order: a copy of the first notice, had one been sent, would arrive before each later one.
    const reply: ChangeNotice = { type: 'projects' };
    there.post(reply);
    await arrival(seenHere, reply);
    const last: ChangeNotice = { type: 'settings', key: 'k' };
    here.post(last);
    await arrival(seenThere, last);
    expect(seenThere).toEqual([first, reply, last]);
    expect(seenHere).toEqual([first, reply, last]);
    here.close();
    there.close();
  });
});
