import { describe, expect, it } from 'vitest';
import { parseRoute } from './routes';

describe('parseRoute', () => {
  it('parseRoute("#/") and parseRoute("") are the projects list', () => {
    expect(parseRoute('#/')).toEqual({ view: 'projects' });
    expect(parseRoute('')).toEqual({ view: 'projects' });
    expect(parseRoute('#')).toEqual({ view: 'projects' });
  });

  it('parseRoute("#/p/name") is the runs table of that project', () => {
    expect(parseRoute('#/p/mnist')).toEqual({ view: 'runs', project: 'mnist' });
  });

  it('parseRoute("#/p/name/") ignores a trailing slash', () => {
    expect(parseRoute('#/p/mnist/')).toEqual({ view: 'runs', project: 'mnist' });
  });

  it('parseRoute("#/p/with%20space/r/abc") is a run page with the project name decoded', () => {
    expect(parseRoute('#/p/with%20space/r/abc')).toEqual({ view: 'run', project: 'with space', runId: 'abc' });
  });

  it('parseRoute() decodes an encoded slash inside a project name without splitting on it', () => {
    expect(parseRoute('#/p/a%2Fb/r/x1')).toEqual({ view: 'run', project: 'a/b', runId: 'x1' });
  });

  it('parseRoute("#/settings") is the settings page', () => {
    expect(parseRoute('#/settings')).toEqual({ view: 'settings' });
    expect(parseRoute('#/settings/')).toEqual({ view: 'settings' });
    expect(parseRoute('#/settings/x')).toEqual({ view: 'notFound', hash: '#/settings/x' });
  });

  it('parseRoute(unknown) is notFound carrying the original hash', () => {
    for (const hash of ['#/nope', '#/p', '#/p/a/b', '#/p/a/x/id', '#/p/a/r/id/extra', '#/r/id']) {
      expect(parseRoute(hash)).toEqual({ view: 'notFound', hash });
    }
  });

  it('parseRoute() with a malformed percent escape is notFound instead of throwing', () => {
    // A hand-typed "#/p/50%" would make decodeURIComponent throw a URIError out of the router.
    expect(parseRoute('#/p/50%')).toEqual({ view: 'notFound', hash: '#/p/50%' });
    expect(parseRoute('#/p/a/r/%E0%A4%A')).toEqual({ view: 'notFound', hash: '#/p/a/r/%E0%A4%A' });
  });
});
