import { describe, expect, it } from 'vitest';
import { DEFAULT_PROJECT, InitOptionError, MAX_INIT_NAME_LENGTH, MAX_NOTES_LENGTH, MAX_TAG_LENGTH, MAX_TAGS, validateInitOptions } from './initOptions';

describe('validateInitOptions', () => {
  it('validateInitOptions(undefined) gives the defaults: project "uncategorized", no name or group, no tags or notes', () => {
    expect(validateInitOptions(undefined)).toEqual({ project: DEFAULT_PROJECT, name: null, config: {}, group: null, tags: [], notes: '' });
  });

  it('validateInitOptions(options) trims names, keeps each tag once and leaves other W&B keys alone', () => {
    const fields = validateInitOptions({ project: ' mnist ', name: 'first ', group: 'sweep-1', tags: ['a', ' b', 'a'], notes: '# why', config: { lr: 0.1 }, entity: 'me' });
    expect(fields).toEqual({ project: 'mnist', name: 'first', config: { lr: 0.1 }, group: 'sweep-1', tags: ['a', 'b'], notes: '# why' });
  });

  it.each([
    [{ project: '' }, 'init: "project" must not be empty'],
    [{ project: 42 }, 'init: "project" must be a string; got a number'],
    [{ name: ['run'] }, 'init: "name" must be a string; got an array'],
    [{ name: 'x'.repeat(MAX_INIT_NAME_LENGTH + 1) }, `init: "name" is ${MAX_INIT_NAME_LENGTH + 1} characters; the limit is ${MAX_INIT_NAME_LENGTH}`],
    [{ group: {} }, 'init: "group" must be a string; got an object'],
    [{ tags: 'baseline' }, `init: "tags" must be an array of strings, e.g. tags: ['baseline']; got a string ("baseline")`],
    [{ tags: ['ok', 3] }, 'init: tags[1] must be a string; got a number'],
    [{ tags: ['ok', '  '] }, 'init: tags[1] must not be empty'],
    [{ tags: ['t'.repeat(MAX_TAG_LENGTH + 1)] }, `init: tags[0] is ${MAX_TAG_LENGTH + 1} characters; the limit is ${MAX_TAG_LENGTH}`],
    [{ tags: Array.from({ length: MAX_TAGS + 1 }, (_, i) => `t${i}`) }, `init: ${MAX_TAGS + 1} tags; the limit is ${MAX_TAGS}`],
    [{ notes: 5 }, 'init: "notes" must be a string; got a number'],
    [{ notes: 'n'.repeat(MAX_NOTES_LENGTH + 1) }, `init: "notes" is ${MAX_NOTES_LENGTH + 1} characters; the limit is ${MAX_NOTES_LENGTH}`],
    [{ config: 'lr=0.1' }, 'init: "config" must be an object of key/value pairs; got a string ("lr=0.1")'],
    ['mnist', `init expects an object of options, e.g. init({ project: 'mnist' }); got a string ("mnist")`],
  ])('validateInitOptions(%j) throws InitOptionError naming the option', (options, message) => {
    expect(() => validateInitOptions(options)).toThrow(new InitOptionError(message));
  });

  it('validateInitOptions({config}) with a cycle says the config cannot be stored', () => {
    const config: Record<string, unknown> = {};
    config.self = config;
    expect(() => validateInitOptions({ config })).toThrow(/^init: "config" cannot be stored \(.*circular/i);
  });
});
