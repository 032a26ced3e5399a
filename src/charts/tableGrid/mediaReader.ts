/** Reads a stored media file by hash. */
export type MediaReader = (hash: string) => Promise<Blob | undefined>;
