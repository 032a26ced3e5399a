const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

/**
 * 64-bit FNV-1a of a string's UTF-16 code units, as 16 hex digits: a content hash to tell versions of a cell apart.
 * Synchronous and available everywhere, unlike crypto.subtle (missing outside secure contexts, e.g. plain http).
 */
export function fnv1a64Hex(text: string): string {
  let hash = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * FNV_PRIME) & MASK;
  }
  return hash.toString(16).padStart(16, '0');
}
