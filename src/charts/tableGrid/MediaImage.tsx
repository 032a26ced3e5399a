import { createMemo, createResource, For, onCleanup, Show } from 'solid-js';
import { paletteColor } from '../../model/runs/runColors';
import type { BoxCell, ImageCell } from '../../model/tables/tableTypes';
import { MaskOverlay } from './MaskOverlay';
import type { MediaReader } from './mediaReader';
import { acquireMediaUrl, releaseMediaUrl } from './mediaUrls';
import './tableGrid.css';

/** A transparent 1×1 GIF: an image's source until its file is read. */
const BLANK_IMAGE = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

/** A box class's colour, the same in every image and legend. */
export function boxColor(classId: number): string {
  return paletteColor(classId);
}

/**
 * An image cell, read from the store only once it is drawn (a virtualised grid draws only the rows in view), with the
 * boxes `showBox` keeps drawn over it.
 */
export function MediaImage(props: {
  image: ImageCell;
  read: MediaReader;
  size: number;
  showBox?: (box: BoxCell) => boolean;
  showClass?: (classId: number) => boolean;
  classes?: Record<string, string>;
  /** Drawn at its full size already (enlarged): no zoom on hover. */
  still?: boolean;
}) {
  // The URL is shared with every other image of the same file, and let go when this image goes or shows another.
  const pending = createMemo(() => {
    const hash = props.image.hash;
    onCleanup(() => releaseMediaUrl(hash));
    return acquireMediaUrl(hash, props.read);
  });
  const [url] = createResource(pending, (loading) => loading);
  const scale = () => props.size / Math.max(props.image.width, props.image.height);
  return (
    // The img is there from the start, blank until its file is read: swapping a placeholder for it when the read
    // lands cost every scrolled-in row a second DOM change and layout.
    <span class="table-image-frame" classList={{ still: props.still === true }}>
      <img
        class="table-image"
        classList={{ pending: !url() }}
        src={url() ?? BLANK_IMAGE}
        width={Math.round(props.image.width * scale())}
        height={Math.round(props.image.height * scale())}
        alt={props.image.caption ?? `image ${props.image.width}×${props.image.height}`}
        title={props.image.caption ?? undefined}
      />
      <For each={props.image.masks ?? []}>{(mask) => <MaskOverlay mask={mask} read={props.read} colorOf={boxColor} showClass={props.showClass ?? (() => true)} />}</For>
      <Show when={(props.image.boxes ?? []).length > 0}>
        <svg class="image-boxes" viewBox="0 0 1 1" preserveAspectRatio="none" aria-hidden="true">
          <For each={(props.image.boxes ?? []).filter((box) => props.showBox?.(box) ?? true)}>
            {(box) => (
              <rect
                data-class={box.classId}
                x={box.minX}
                y={box.minY}
                width={box.maxX - box.minX}
                height={box.maxY - box.minY}
                fill="none"
                stroke={boxColor(box.classId)}
                stroke-width="2"
                vector-effect="non-scaling-stroke"
              >
                <title>{[box.caption ?? props.classes?.[box.classId] ?? `class ${box.classId}`, box.score === null ? '' : `score ${box.score}`, box.group].filter(Boolean).join(' · ')}</title>
              </rect>
            )}
          </For>
        </svg>
      </Show>
    </span>
  );
}
