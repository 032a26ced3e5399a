/** The views reachable by URL; routes live in the hash so any static host and sub-path serves them. */
export type Route =
  | { view: 'projects' }
  | { view: 'runs'; project: string }
  | { view: 'run'; project: string; runId: string }
  | { view: 'notebook'; notebookId: string }
  | { view: 'settings' }
  | { view: 'notFound'; hash: string };

/** Parses `#/`, `#/p/<project>`, `#/p/<project>/r/<runId>`, `#/nb/<notebookId>` and `#/settings`. */
export function parseRoute(hash: string): Route {
  let parts: string[];
  try {
    parts = hash.replace(/^#\/?/, '').split('/').filter((p) => p !== '').map(decodeURIComponent);
  } catch {
    // decodeURIComponent throws URIError on a stray "%" (a hand-typed "#/p/50%"); that is an unknown page, not a crash.
    return { view: 'notFound', hash };
  }
  if (parts.length === 0) return { view: 'projects' };
  if (parts[0] === 'settings' && parts.length === 1) return { view: 'settings' };
  if (parts[0] === 'p' && parts.length === 2) return { view: 'runs', project: parts[1]! };
  if (parts[0] === 'nb' && parts.length === 2) return { view: 'notebook', notebookId: parts[1]! };
  if (parts[0] === 'p' && parts.length === 4 && parts[2] === 'r') return { view: 'run', project: parts[1]!, runId: parts[3]! };
  return { view: 'notFound', hash };
}
