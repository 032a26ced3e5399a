/**
 * Recording stand-ins for the browser's OffscreenCanvas, 2D context, Path2D, ImageData and ImageBitmap, for unit tests
 * of the line rasteriser in Node. They keep what is on each canvas as a list of marks (a stroke of a path, a fill, a
 * bitmap copied in), so a test can ask which lines a bitmap shows and how much drawing a change cost; a bitmap made
 * from ImageData keeps a copy of its pixels.
 */

/** One command of a path, in canvas pixels. */
export type PathCommand = ['M', number, number] | ['L', number, number] | ['A', number, number, number] | ['Z'];

/** Something on a canvas: a stroked or filled path with the style it had, or a bitmap copied in whole. */
export type Mark =
  | { kind: 'stroke'; color: string; alpha: number; width: number; path: PathCommand[] }
  | { kind: 'fill'; color: string; alpha: number; path: PathCommand[] }
  | { kind: 'bitmap'; label: string; x: number; y: number };

/** Path2D that records its commands. */
export class FakePath2D {
  readonly commands: PathCommand[] = [];

  constructor() {
    drawCalls.paths++;
  }

  moveTo(x: number, y: number): void {
    this.commands.push(['M', x, y]);
  }

  lineTo(x: number, y: number): void {
    this.commands.push(['L', x, y]);
  }

  closePath(): void {
    this.commands.push(['Z']);
  }

  /** A full circle is all the rasteriser draws: centre and radius are kept. */
  arc(x: number, y: number, radius: number): void {
    this.commands.push(['A', x, y, radius]);
  }
}

/** An ImageBitmap: a copy of a canvas's marks or of ImageData's pixels, or (made by a test) a bitmap known by its label. */
export class FakeBitmap {
  closed = false;

  constructor(
    readonly label: string,
    readonly marks: readonly Mark[] = [],
    readonly image: FakeImageData | null = null,
  ) {}

  close(): void {
    this.closed = true;
  }
}

/** Counts of the paths made and drawing calls on every fake canvas since the last reset, to measure what a change redraws. */
export const drawCalls = { paths: 0, strokes: 0, fills: 0, clears: 0 };

/** Sets every count of drawCalls back to 0. */
export function resetDrawCalls(): void {
  drawCalls.paths = 0;
  drawCalls.strokes = 0;
  drawCalls.fills = 0;
  drawCalls.clears = 0;
}

/** ImageData: RGBA bytes, straight alpha, row by row. */
export class FakeImageData {
  readonly data: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;

  /** new ImageData(width, height), blank, or new ImageData(data, width, height?) over `data`. */
  constructor(dataOrWidth: Uint8ClampedArray | number, widthOrHeight: number, height?: number) {
    if (typeof dataOrWidth === 'number') {
      [this.width, this.height] = [dataOrWidth, widthOrHeight];
      this.data = new Uint8ClampedArray(dataOrWidth * widthOrHeight * 4);
    } else {
      [this.width, this.height] = [widthOrHeight, height ?? dataOrWidth.length / 4 / widthOrHeight];
      this.data = dataOrWidth;
    }
  }

  /** The pixel at (x, y) as [r, g, b, a]. */
  pixel(x: number, y: number): number[] {
    const at = (y * this.width + x) * 4;
    return [...this.data.subarray(at, at + 4)];
  }
}

/** A 2D context that records marks instead of pixels. Only whole-canvas clears are supported, as the rasteriser uses. */
export class FakeContext {
  globalAlpha = 1;
  strokeStyle = '';
  fillStyle = '';
  lineWidth = 1;
  marks: Mark[] = [];

  clearRect(): void {
    drawCalls.clears++;
    this.marks = [];
  }

  stroke(path: FakePath2D): void {
    drawCalls.strokes++;
    this.marks.push({ kind: 'stroke', color: this.strokeStyle, alpha: this.globalAlpha, width: this.lineWidth, path: [...path.commands] });
  }

  fill(path: FakePath2D): void {
    drawCalls.fills++;
    this.marks.push({ kind: 'fill', color: this.fillStyle, alpha: this.globalAlpha, path: [...path.commands] });
  }

  /** Copies a canvas's or a bitmap's marks; as in a browser, drawing a closed bitmap throws. */
  drawImage(source: FakeCanvas | FakeBitmap, x: number, y: number): void {
    if (source instanceof FakeBitmap && source.closed) throw new Error(`drawImage: bitmap ${source.label} is closed`);
    if (source instanceof FakeBitmap && source.marks.length === 0) this.marks.push({ kind: 'bitmap', label: source.label, x, y });
    else this.marks.push(...(source instanceof FakeBitmap ? source.marks : source.context.marks));
  }
}

/** OffscreenCanvas with a FakeContext. */
export class FakeCanvas {
  readonly context = new FakeContext();

  constructor(
    public width: number,
    public height: number,
  ) {}

  getContext(kind: '2d'): FakeContext {
    if (kind !== '2d') throw new Error(`FakeCanvas has no ${String(kind)} context`);
    return this.context;
  }
}

/** createImageBitmap(canvas or ImageData): a copy of what the canvas shows, or of the pixels, now. */
export function fakeCreateImageBitmap(source: FakeCanvas | FakeImageData): Promise<FakeBitmap> {
  if (source instanceof FakeImageData) return Promise.resolve(new FakeBitmap('', [], new FakeImageData(source.data.slice(), source.width, source.height)));
  return Promise.resolve(new FakeBitmap('', [...source.context.marks]));
}

/** The colours of the lines stroked in a list of marks, in drawing order. */
export function strokedColors(marks: readonly Mark[]): string[] {
  return marks.flatMap((m) => (m.kind === 'stroke' ? [m.color] : []));
}
