// Memory of a page, and of a page with its workers, after a full garbage collection in each, through CDP.

/** Page memory in use after a full garbage collection, in MB: the JS heap plus typed arrays' backing stores. */
export async function heapMb(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize, backingStorageSize = 0 } = await cdp.send('Runtime.getHeapUsage');
  return (usedSize + backingStorageSize) / 2 ** 20;
}

/**
 * Memory of `page` and of every dedicated worker it runs (raster workers, the kernel), each after its own full garbage
 * collection, in MB: { totalMb, pageMb, workers: [{ name, mb }] }.
 * Workers are separate V8 isolates that the page's Runtime.getHeapUsage does not count. Their CDP targets are reached
 * from the page's session by Target.setAutoAttach; playwright-core's CDPSession cannot address a flattened child
 * session, so this attaches without flattening and talks to each worker through Target.sendMessageToTarget (which
 * Chromium 156 still serves). measureUserAgentSpecificMemory() would need a cross-origin-isolated page, which would
 * change what the app runs with (SharedArrayBuffer, so tfjs's wasm threads), and Performance.getMetrics is per target.
 */
export async function heapWithWorkersMb(context, page) {
  const cdp = await context.newCDPSession(page);
  const workers = new Map();
  cdp.on('Target.attachedToTarget', ({ sessionId, targetInfo }) => {
    if (targetInfo.type === 'worker') workers.set(sessionId, targetInfo.title || targetInfo.url);
  });
  let nextId = 1;
  const replies = new Map();
  cdp.on('Target.receivedMessageFromTarget', ({ message }) => {
    const reply = JSON.parse(message);
    replies.get(reply.id)?.(reply);
    replies.delete(reply.id);
  });
  const sendToWorker = (sessionId, method) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      replies.set(id, (reply) => (reply.error ? reject(new Error(`${method}: ${reply.error.message}`)) : resolve(reply.result)));
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params: {} }) }).catch(reject);
    });
  try {
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
    // Existing workers are announced right after the call; wait until every worker Playwright knows of is attached.
    const deadline = Date.now() + 10_000;
    while (workers.size < page.workers().length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    if (workers.size < page.workers().length) throw new Error(`attached to ${workers.size} of the page's ${page.workers().length} workers`);
    const result = { pageMb: await heapMb(cdp), workers: [] };
    for (const [sessionId, name] of workers) {
      await sendToWorker(sessionId, 'HeapProfiler.collectGarbage');
      const { usedSize, backingStorageSize = 0 } = await sendToWorker(sessionId, 'Runtime.getHeapUsage');
      result.workers.push({ name, mb: (usedSize + backingStorageSize) / 2 ** 20 });
    }
    return { totalMb: result.pageMb + result.workers.reduce((sum, w) => sum + w.mb, 0), ...result };
  } finally {
    await cdp.send('Target.setAutoAttach', { autoAttach: false, waitForDebuggerOnStart: false, flatten: false }).catch(() => undefined);
    for (const sessionId of workers.keys()) await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
    await cdp.detach();
  }
}
