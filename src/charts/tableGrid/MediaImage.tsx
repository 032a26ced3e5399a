import { createResource, onCleanup, Show } from 'solid-js';
import type { ImageCell } from '../../model/tables/tableTypes';

/** Reads a stored media file by hash. */
export type MediaReader = (hash: string) => Promise<Blob | undefined>;

/** An image cell, read from the store only once it is drawn (a virtualised grid draws only the rows in view). */
export function MediaImage(props: { image: ImageCell; read: MediaReader; size: number }) {
  const [url] = createResource(
    () => props.image.hash,
    async (hash) => {
      const blob = await props.read(hash);
      return blob ? URL.createObjectURL(blob) : null;
    },
  );
  onCleanup(() => {
    const current = url();
    if (current) URL.revokeObjectURL(current);
  });
  const scale = () => props.size / Math.max(props.image.width, props.image.height);
  return (
    <Show when={url()} fallback={<span class="media-missing" style={{ width: `${props.size}px`, height: `${props.size}px` }} />}>
      {(src) => (
        <img
          class="table-image"
          src={src()}
          width={Math.round(props.image.width * scale())}
          height={Math.round(props.image.height * scale())}
          alt={props.image.caption ?? `image ${props.image.width}×${props.image.height}`}
          title={props.image.caption ?? undefined}
        />
      )}
    </Show>
  );
}
