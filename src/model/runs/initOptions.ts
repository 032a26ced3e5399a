import { errorMessage } from '../../lib/errorMessage';
import { toConfigTree } from './configFlatten';
import { describeValue } from './describeValue';
import type { ConfigTree } from './runTypes';

/** Longest project, run name and group accepted by init (they are shown in lists, titles and addresses). */
export const MAX_INIT_NAME_LENGTH = 128;
/** Longest tag, as W&B allows. */
export const MAX_TAG_LENGTH = 64;
/** Most tags a run may carry. */
export const MAX_TAGS = 100;
/** Longest notes text (markdown), about 16 pages. */
export const MAX_NOTES_LENGTH = 65_536;
/** The project of a run that names none, as in W&B. */
export const DEFAULT_PROJECT = 'uncategorized';

/** Thrown by init for an option it cannot take; names the option. No run is created and no open run is finished. */
export class InitOptionError extends TypeError {
  override name = 'InitOptionError';
}

/** init's options, checked and in the shape the run record keeps. */
export interface InitFields {
  project: string;
  name: string | null;
  config: ConfigTree;
  group: string | null;
  tags: string[];
  notes: string;
}

/**
 * Checks init's options as run.log checks its values: `project`, `name` and `group` are non-empty strings of at most
 * MAX_INIT_NAME_LENGTH characters (trimmed), `tags` an array of non-empty strings of at most MAX_TAG_LENGTH (repeats
 * kept once), `notes` a string, `config` an object. A missing or null option takes its default. Other keys are left
 * alone, so W&B code passing `entity` or `mode` still runs.
 */
export function validateInitOptions(options: unknown): InitFields {
  if (options === undefined || options === null) options = {};
  if (typeof options !== 'object' || Array.isArray(options)) throw new InitOptionError(`init expects an object of options, e.g. init({ project: 'mnist' }); got ${describeValue(options)}`);
  const given = options as Record<string, unknown>;
  let config: ConfigTree;
  try {
    config = toConfigTree(given.config);
  } catch (error) {
    const reason = errorMessage(error);
    throw new InitOptionError(reason.startsWith('config ') ? `init: "config" ${reason.slice('config '.length)}; got ${describeValue(given.config)}` : `init: "config" cannot be stored (${reason})`);
  }
  return {
    project: shortText(given.project, 'project') ?? DEFAULT_PROJECT,
    name: shortText(given.name, 'name'),
    config,
    group: shortText(given.group, 'group'),
    tags: tagList(given.tags),
    notes: notesText(given.notes),
  };
}

function shortText(value: unknown, option: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new InitOptionError(`init: "${option}" must be a string; got ${describeValue(value)}`);
  const text = value.trim();
  if (text === '') throw new InitOptionError(`init: "${option}" must not be empty`);
  if (text.length > MAX_INIT_NAME_LENGTH) throw new InitOptionError(`init: "${option}" is ${text.length} characters; the limit is ${MAX_INIT_NAME_LENGTH}`);
  return text;
}

function tagList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new InitOptionError(`init: "tags" must be an array of strings, e.g. tags: ['baseline']; got ${describeValue(value)}`);
  const tags = new Set<string>();
  value.forEach((tag: unknown, index) => {
    if (typeof tag !== 'string') throw new InitOptionError(`init: tags[${index}] must be a string; got ${describeValue(tag)}`);
    const text = tag.trim();
    if (text === '') throw new InitOptionError(`init: tags[${index}] must not be empty`);
    if (text.length > MAX_TAG_LENGTH) throw new InitOptionError(`init: tags[${index}] is ${text.length} characters; the limit is ${MAX_TAG_LENGTH}`);
    tags.add(text);
  });
  if (tags.size > MAX_TAGS) throw new InitOptionError(`init: ${tags.size} tags; the limit is ${MAX_TAGS}`);
  return [...tags];
}

function notesText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new InitOptionError(`init: "notes" must be a string; got ${describeValue(value)}`);
  if (value.length > MAX_NOTES_LENGTH) throw new InitOptionError(`init: "notes" is ${value.length} characters; the limit is ${MAX_NOTES_LENGTH}`);
  return value;
}
