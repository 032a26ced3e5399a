/**
 * The few protocol-buffer wire types TensorBoard's Event and Summary messages use, written and read by hand: a
 * general protobuf library would be the largest part of the exporter for five message types.
 */

/** Builds one message: fields appended in order, each with its number and wire type. */
export class ProtoWriter {
  private readonly parts: number[] = [];

  private varint(value: number | bigint): void {
    let v = BigInt.asUintN(64, BigInt(value));
    while (v >= 0x80n) {
      this.parts.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.parts.push(Number(v));
  }

  private key(field: number, wire: number): void {
    this.varint((field << 3) | wire);
  }

  int64(field: number, value: number | bigint): this {
    this.key(field, 0);
    this.varint(value);
    return this;
  }

  double(field: number, value: number): this {
    this.key(field, 1);
    this.parts.push(...new Uint8Array(new Float64Array([value]).buffer));
    return this;
  }

  float(field: number, value: number): this {
    this.key(field, 5);
    this.parts.push(...new Uint8Array(new Float32Array([value]).buffer));
    return this;
  }

  bytes(field: number, value: Uint8Array): this {
    this.key(field, 2);
    this.varint(value.length);
    for (const b of value) this.parts.push(b);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  message(field: number, value: ProtoWriter): this {
    return this.bytes(field, value.finish());
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

/** The varint at `at` and where the next byte is; throws where it is cut short or longer than 10 bytes. */
function varintAt(bytes: Uint8Array, at: number): [bigint, number] {
  let result = 0n;
  for (let shift = 0n; shift < 70n; shift += 7n) {
    if (at >= bytes.length) throw new Error('protobuf: truncated varint');
    const b = bytes[at++]!;
    result |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) return [result, at];
  }
  throw new Error('protobuf: varint longer than 10 bytes');
}

/** One field as read: its number, and its value by wire type (varints as bigint, fixed as their bytes). */
export type ProtoField = { field: number; wire: 0; value: bigint } | { field: number; wire: 1 | 5; bytes: Uint8Array } | { field: number; wire: 2; bytes: Uint8Array };

/** The fields of a message in order; throws on a malformed message (a truncated field, an unknown wire type). */
export function readFields(bytes: Uint8Array): ProtoField[] {
  const fields: ProtoField[] = [];
  let at = 0;
  const varint = (): bigint => {
    const [value, next] = varintAt(bytes, at);
    at = next;
    return value;
  };
  const take = (n: number): Uint8Array => {
    if (n < 0 || at + n > bytes.length) throw new Error('protobuf: field runs past the end of the message');
    const out = bytes.subarray(at, at + n);
    at += n;
    return out;
  };
  while (at < bytes.length) {
    const key = varint();
    const field = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (wire === 0) fields.push({ field, wire, value: varint() });
    else if (wire === 1) fields.push({ field, wire, bytes: take(8) });
    else if (wire === 5) fields.push({ field, wire, bytes: take(4) });
    else if (wire === 2) {
      const length = varint();
      if (length > BigInt(bytes.length)) throw new Error('protobuf: field longer than its message');
      fields.push({ field, wire, bytes: take(Number(length)) });
    } else throw new Error(`protobuf: unsupported wire type ${wire}`);
  }
  return fields;
}

const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** A fixed64 field as a little-endian double. */
export const asDouble = (bytes: Uint8Array) => view(bytes).getFloat64(0, true);
/** A fixed32 field as a little-endian float. */
export const asFloat = (bytes: Uint8Array) => view(bytes).getFloat32(0, true);
/** The first varint of packed varints (a repeated int field's one value). */
export function firstVarint(bytes: Uint8Array): bigint {
  return varintAt(bytes, 0)[0];
}

/** A varint field as a signed 64-bit number (steps beyond 2^53 lose precision). */
export const asInt64 = (value: bigint) => Number(BigInt.asIntN(64, value));
