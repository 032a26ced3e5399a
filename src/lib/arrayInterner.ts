/**
 * Hands out one array per distinct content: the x columns of many runs logged over the same steps become one object,
 * which saves memory and lets a chart see at a glance (by identity) that the series share their x values.
 */
export class ArrayInterner {
  private readonly seen = new Map<string, Float64Array[]>();

  /** The first array seen with the same values as `array`, or `array` itself. */
  intern(array: Float64Array): Float64Array {
    const shape = `${array.length}:${array[0]}:${array[array.length - 1]}`;
    const candidates = this.seen.get(shape);
    const same = candidates?.find((candidate) => sameValues(candidate, array));
    if (same) return same;
    if (candidates) candidates.push(array);
    else this.seen.set(shape, [array]);
    return array;
  }
}

function sameValues(a: Float64Array, b: Float64Array): boolean {
  if (a === b) return true;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
