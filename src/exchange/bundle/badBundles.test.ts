import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChangeFeed } from '../../store/changeFeed';
import { openStore, type LabbookStore } from '../../store/labbookStore';
import { databaseDigest } from '../../store/testDigest';
import { uniqueDbName } from '../../store/testRuns';
import { badBundleCases, type BadBundleCase } from './badBundleCases';
import { BundleError } from './bundleError';
import { exportBundle } from './exportBundle';
import { importBundle } from './importBundle';
import { readBundle } from './readBundle';
import { BUNDLE_PROJECT, fillBundleProject } from './testBundles';

let store: LabbookStore;
let name: string;
let cases: BadBundleCase[];

beforeAll(async () => {
  const source = await openStore({ name: uniqueDbName('bundle-source'), feed: new ChangeFeed(uniqueDbName('feed')) });
  await fillBundleProject(source);
  const { blob } = await exportBundle(source, { projects: [BUNDLE_PROJECT] }, 'test');
  source.close();
  cases = badBundleCases(new Uint8Array(await blob.arrayBuffer()));
  // The target holds the same project already, so a bad bundle that got as far as writing would change it.
  name = uniqueDbName('bundle-target');
  store = await openStore({ name, feed: new ChangeFeed(uniqueDbName('feed')) });
  await fillBundleProject(store);
  await store.whenOverviewPacked();
});
afterAll(() => store.close());

describe('bad bundles', () => {
  it('over a thousand of them are each refused with a message naming what is wrong, and leave every store as it was', async () => {
    const before = await databaseDigest(name);
    const outcomes: string[] = [];
    for (const bad of cases) {
      let refusal: unknown = null;
      try {
        await importBundle(store, await readBundle(new Blob([bad.bytes as Uint8Array<ArrayBuffer>])), 'replace');
      } catch (error) {
        refusal = error;
      }
      const message = refusal instanceof Error ? refusal.message : 'accepted';
      if (!(refusal instanceof BundleError) || !bad.message.test(message)) outcomes.push(`${bad.name}: ${refusal instanceof Error ? `${refusal.name}: ` : ''}${message}`);
      if ((await databaseDigest(name)) !== before) outcomes.push(`${bad.name}: the database changed`);
    }
    expect(cases.length).toBeGreaterThanOrEqual(1000);
    expect(outcomes).toEqual([]);
  }, 120_000);
});
