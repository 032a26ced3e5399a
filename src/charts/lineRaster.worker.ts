/// <reference lib="webworker" />
import { LineShare } from './lineShare';
import { unpackLines, type RasterRequest, type RasterResult } from './lineRasterProtocol';

// Draws its share of each chart's lines off the page's thread (see workerLines.ts). Render requests are coalesced per
// chart: while uPlot settles a chart redraws several times, and only the last frame asked for is worth drawing.
const charts = new Map<number, LineShare>();
const pendingRenders = new Map<number, Extract<RasterRequest, { type: 'render' }>>();
let flushScheduled = false;

async function flushRenders(): Promise<void> {
  const renders = [...pendingRenders];
  pendingRenders.clear();
  for (const [chart, request] of renders) {
    const share = charts.get(chart);
    if (!share) continue;
    try {
      const bitmap = await share.render(request.frame, request.frameKey);
      const result: RasterResult = { chart, key: request.key, view: request.view, bitmap };
      self.postMessage(result, [bitmap]);
    } catch (error) {
      // Reaches the page's worker.onerror; the charts asked for at the same time, and later frames, are still drawn.
      self.reportError(error);
    }
  }
  flushScheduled = false;
  if (pendingRenders.size > 0) scheduleFlush();
}

function scheduleFlush(): void {
  flushScheduled = true;
  setTimeout(() => void flushRenders(), 0);
}

self.onmessage = (event: MessageEvent<RasterRequest>) => {
  const request = event.data;
  switch (request.type) {
    case 'lines': {
      const share = charts.get(request.chart) ?? new LineShare();
      share.setLines(unpackLines(request.lines), request.method);
      charts.set(request.chart, share);
      return;
    }
    case 'hidden':
      charts.get(request.chart)?.setHidden(request.hidden);
      return;
    case 'render':
      pendingRenders.set(request.chart, request);
      if (!flushScheduled) scheduleFlush();
      return;
    case 'drop':
      charts.delete(request.chart);
      pendingRenders.delete(request.chart);
      return;
  }
};
