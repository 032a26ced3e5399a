const ADJECTIVES = [
  'amber', 'ancient', 'autumn', 'balmy', 'bold', 'brisk', 'celestial', 'clear', 'cosmic', 'crimson', 'dainty', 'dashing',
  'deep', 'dry', 'eager', 'earthy', 'electric', 'elegant', 'fancy', 'fearless', 'fiery', 'fine', 'fluent', 'fragrant',
  'fresh', 'frosty', 'gallant', 'gentle', 'glad', 'glorious', 'golden', 'graceful', 'grateful', 'hardy', 'hearty',
  'helpful', 'honest', 'icy', 'jolly', 'kind', 'lemon', 'light', 'lively', 'lucky', 'lunar', 'magic', 'major', 'misty',
  'morning', 'noble', 'northern', 'olive', 'pleasant', 'polar', 'proud', 'quiet', 'rare', 'restful', 'rich', 'robust',
  'rosy', 'royal', 'ruby', 'rural', 'sandy', 'scarlet', 'serene', 'sharp', 'silver', 'smart', 'smooth', 'snowy', 'solar',
  'spring', 'stellar', 'stoic', 'summer', 'sunny', 'swift', 'twilight', 'valiant', 'vibrant', 'vivid', 'warm', 'wild',
  'wise', 'worthy', 'young', 'zesty',
];
const NOUNS = [
  'aardvark', 'bird', 'breeze', 'brook', 'butterfly', 'capybara', 'cherry', 'cloud', 'comet', 'dawn', 'deluge', 'dew',
  'disco', 'dream', 'dust', 'eon', 'field', 'fire', 'firebrand', 'firefly', 'flower', 'fog', 'forest', 'frog', 'galaxy',
  'glade', 'glitter', 'grass', 'haze', 'hill', 'lake', 'leaf', 'meadow', 'microwave', 'moon', 'morning', 'mountain',
  'night', 'oath', 'ocean', 'paper', 'pine', 'planet', 'plasma', 'pond', 'rain', 'resonance', 'river', 'salad', 'sea',
  'serenity', 'shadow', 'shape', 'sky', 'smoke', 'snow', 'snowflake', 'sound', 'spaceship', 'spark', 'star', 'starlight',
  'sun', 'sunset', 'surf', 'sweep', 'terrain', 'thunder', 'totem', 'tree', 'universe', 'valley', 'violet', 'voice',
  'water', 'wave', 'wildflower', 'wind', 'wood',
];

/** The random part of a run name, `adjective-noun` (e.g. `rosy-sweep`). */
export function randomRunNameStem(random: () => number = Math.random): string {
  const pick = (words: readonly string[]) => words[Math.floor(random() * words.length)] ?? words[0];
  return `${pick(ADJECTIVES)}-${pick(NOUNS)}`;
}

/**
 * A readable run name, `adjective-noun-N`, as W&B makes them (e.g. `rosy-sweep-12`): N is the run's ordinal in its
 * project, so names also tell the order runs were made. The store moves N up until the name is free.
 */
export function runNameWithOrdinal(stem: string, ordinal: number): string {
  return `${stem}-${ordinal}`;
}

/**
 * Bounds [from, to) holding every name runNameWithOrdinal makes from `stem` (and no name of another stem but ones that
 * extend it with `-`): '.' is the code unit after '-', so `stem-…` sorts from `stem-` up to `stem.`.
 */
export function runNameStemBounds(stem: string): [string, string] {
  return [`${stem}-`, `${stem}.`];
}
