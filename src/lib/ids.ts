const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A random id of lowercase letters and digits (W&B run ids look like this: `3k9x2mfa`). */
export function randomId(length = 8, random: () => number = Math.random): string {
  let id = '';
  for (let i = 0; i < length; i++) id += ALPHABET[Math.floor(random() * ALPHABET.length)];
  return id;
}
