import { createEffect, For, Show } from 'solid-js';
import type { BoxCell, ImageCell } from '../../model/tables/tableTypes';
import { boxColor, MediaImage } from './MediaImage';
import type { MediaReader } from './mediaReader';

/** How large an enlarged image is drawn (its longer side, in CSS pixels). */
const ZOOM_SIZE = 448;

/** An image to enlarge, with its column's box class names. */
export interface ZoomedImage {
  image: ImageCell;
  classes?: Record<string, string>;
}

/**
 * One table's enlarged image: a modal dialog with the image drawn large, its boxes and masks over it under the grid's
 * class toggles and score threshold, and its boxes listed. Escape, the Close button or a click outside closes it.
 */
export function ImageZoom(props: { zoomed: ZoomedImage | null; onClose: () => void; read: MediaReader; showBox: (box: BoxCell) => boolean; showClass: (classId: number) => boolean }) {
  let dialog!: HTMLDialogElement;
  createEffect(() => {
    if (props.zoomed && !dialog.open) dialog.showModal();
    if (!props.zoomed && dialog.open) dialog.close();
  });
  const title = (z: ZoomedImage) => z.image.caption ?? `image ${z.image.width}×${z.image.height}`;
  return (
    <dialog ref={dialog} class="image-zoom" data-testid="image-zoom" aria-label={props.zoomed ? title(props.zoomed) : 'image'} onClose={() => props.onClose()} onClick={(e) => e.target === dialog && dialog.close()}>
      <Show when={props.zoomed}>
        {(z) => (
          <figure class="image-zoom-figure">
            <MediaImage image={z().image} read={props.read} size={ZOOM_SIZE} showBox={props.showBox} showClass={props.showClass} classes={z().classes} still />
            <figcaption>
              <strong>{title(z())}</strong> <span class="muted">{`${z().image.width}×${z().image.height} px`}</span>
              <Show when={(z().image.boxes ?? []).length > 0}>
                <ul class="image-zoom-boxes">
                  <For each={z().image.boxes}>
                    {(box) => (
                      <li classList={{ muted: !props.showBox(box) }}>
                        <span class="box-swatch" style={{ background: boxColor(box.classId) }} /> {box.caption ?? z().classes?.[box.classId] ?? `class ${box.classId}`}
                        {box.score === null ? '' : ` · score ${box.score}`} · {box.group}
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </figcaption>
            <form method="dialog">
              <button data-testid="image-zoom-close" autofocus>
                Close
              </button>
            </form>
          </figure>
        )}
      </Show>
    </dialog>
  );
}
