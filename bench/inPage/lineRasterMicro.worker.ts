/// <reference lib="webworker" />
// The line rasteriser alone, in a worker as the app runs it (bench/lineRasterMicro.mjs): 1,000 lines of 1,000 points
// into a 1,200 × 300 plot box, each raster method on the same lines, rounds interleaved so that a busy machine slows
// both alike. Posts { [case]: milliseconds per round }.
import { seededRandom } from '../../src/lib/seededRandom';
import { LineShare } from '../../src/charts/lineShare';
import type { LineFrame, RasterLine, RasterMethod } from '../../src/charts/lineRasterProtocol';

const WIDTH = 1200;
const HEIGHT = 300;

/** Noisy decays like training losses, some spiking, each line in a palette colour. */
function makeLines(count: number, points: number, alpha: number): RasterLine[] {
  const random = seededRandom(42);
  const colors = ['#4e79a7', '#ff7f00', '#109618', '#f032e6', '#dd4477', '#9c6b4e', '#3b3eac', '#22aa99'];
  return Array.from({ length: count }, (_, l) => {
    const floor = 0.1 + random() * 0.8;
    const ys = Float64Array.from({ length: points }, (_, i) => floor + 2 * Math.exp(-i / (points / 5)) + (random() - 0.5) * 0.1 + (random() < 0.002 ? 1 : 0));
    return { color: colors[l % colors.length]!, ys, alpha, width: 1, band: null };
  });
}

function frameOf(points: number): LineFrame {
  const xPixels = Float64Array.from({ length: points }, (_, i) => (i * (WIDTH - 1)) / (points - 1));
  return { width: WIDTH, height: HEIGHT, xPixels, from: 0, to: points, y: { min: 0, max: 3.5, minPixel: HEIGHT, maxPixel: 0, log: false }, pixelRatio: 1 };
}

interface Case {
  name: string;
  method: RasterMethod;
  lines: RasterLine[];
  /** Times an eye toggle (one line hidden, its share drawn again from the kept geometry) instead of a first draw. */
  toggle?: boolean;
}

async function time(c: Case, frame: LineFrame, round: number): Promise<number> {
  const share = new LineShare();
  share.setLines(c.lines, c.method);
  const hidden = new Uint8Array(c.lines.length);
  if (c.toggle) (await share.render(frame, 'frame')).close();
  hidden[round % c.lines.length] = 1;
  if (c.toggle) share.setHidden(hidden);
  const started = performance.now();
  const bitmap = await share.render(frame, 'frame');
  const ms = performance.now() - started;
  bitmap.close();
  return ms;
}

self.onmessage = async (event: MessageEvent<{ rounds: number; lines: number; points: number }>) => {
  const { rounds, lines: count, points } = event.data;
  const frame = frameOf(points);
  const opaque = makeLines(count, points, 1);
  const cases: Case[] = [
    { name: 'canvas', method: 'canvas', lines: opaque },
    { name: 'spans', method: 'spans', lines: opaque },
    { name: 'spans_translucent', method: 'spans', lines: makeLines(count, points, 0.22) },
    { name: 'canvas_eye_toggle', method: 'canvas', lines: opaque, toggle: true },
    { name: 'spans_eye_toggle', method: 'spans', lines: opaque, toggle: true },
  ];
  const times: Record<string, number[]> = Object.fromEntries(cases.map((c) => [c.name, []]));
  for (let round = 0; round < rounds; round++) for (const c of cases) times[c.name]!.push(await time(c, frame, round));
  self.postMessage(times);
};
