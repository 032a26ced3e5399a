import { createEffect, createResource, onCleanup } from 'solid-js';
import type { MaskCell } from '../../model/tables/tableTypes';
import type { MediaReader } from './mediaReader';

/** How opaque a mask's colours are over its image. */
const MASK_ALPHA = 115;

/** `#rrggbb` as its three channels. */
function rgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1, 7), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/**
 * A class mask drawn over its image: the mask PNG's grey level is each pixel's class id, painted in that class's colour
 * where `showClass` keeps it. The mask is read once; toggling a class repaints from the decoded pixels.
 */
export function MaskOverlay(props: { mask: MaskCell; read: MediaReader; colorOf: (classId: number) => string; showClass: (classId: number) => boolean }) {
  let canvas!: HTMLCanvasElement;
  const [ids] = createResource(
    () => props.mask.hash,
    async (hash) => {
      const blob = await props.read(hash);
      if (!blob) return null;
      const bitmap = await createImageBitmap(blob);
      const scratch = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = scratch.getContext('2d')!;
      context.drawImage(bitmap, 0, 0);
      bitmap.close();
      return context.getImageData(0, 0, scratch.width, scratch.height);
    },
  );
  createEffect(() => {
    const pixels = ids();
    if (!pixels) return;
    canvas.width = pixels.width;
    canvas.height = pixels.height;
    const out = new ImageData(pixels.width, pixels.height);
    const colors = new Map<number, [number, number, number] | null>();
    for (let p = 0; p < pixels.width * pixels.height; p++) {
      const id = pixels.data[p * 4]!;
      let color = colors.get(id);
      if (color === undefined) colors.set(id, (color = props.showClass(id) ? rgb(props.colorOf(id)) : null));
      if (!color) continue;
      out.data.set(color, p * 4);
      out.data[p * 4 + 3] = MASK_ALPHA;
    }
    canvas.getContext('2d')!.putImageData(out, 0, 0);
  });
  onCleanup(() => (canvas.width = 0));
  return <canvas ref={canvas} class="image-mask" data-group={props.mask.group} aria-hidden="true" />;
}
