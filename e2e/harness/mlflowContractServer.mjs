// A tracking server that keeps MLflow's documented REST contract (MLflow 3.5: docs/api_reference/source/rest-api.rst,
// mlflow/server/handlers.py, mlflow/utils/validation.py), for testing sync where no MLflow can be installed. It
// implements what Labbook's sync calls, with MLflow's validation, limits and error bodies, HTTP basic auth as the
// basic-auth app does, and both CORS behaviours of MLflow ≥ 3.5: every preflight answered 200 with the origin echoed,
// and a write from an origin not allowed refused with 403 `Cross-origin request blocked`. Not shaped to the client:
// what MLflow refuses it refuses, what MLflow accepts silently (a long param value, cut) it accepts the same way.
import http from 'node:http';

const LIMITS = { metrics: 1000, paramsOrTags: 100, entities: 1000, requestBytes: 1_000_000, paramValue: 6000, tagValue: 5000, key: 250 };
const NAME = /^[/\p{L}\p{N}_.\- ]*$/u;
const STATUSES = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'];

class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}
const invalid = (message) => new ApiError(400, 'INVALID_PARAMETER_VALUE', message);
const codePoints = (text) => Array.from(text).length;

function validName(kind, name) {
  if (typeof name !== 'string' || name === '') throw invalid(`${kind} name cannot be None. A key name must be provided.`);
  if (!NAME.test(name)) throw invalid(`Invalid ${kind.toLowerCase()} name: '${name}'. Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), and slashes (/).`);
  const parts = name.split('/');
  if (name.startsWith('/') || parts.some((part) => part === '' || part === '.' || part === '..')) throw invalid(`Invalid ${kind.toLowerCase()} name: '${name}'. Names may be treated as files in certain cases, and must not resolve to other names when treated as such.`);
  if (codePoints(name) > LIMITS.key) throw invalid(`${kind} name '${name.slice(0, 250)}' had length ${codePoints(name)}, which exceeded length limit of ${LIMITS.key}`);
}

/** Starts the server on a free loopback port. Options: `auth` ({ user, password }), `allowedOrigins` (list). */
export async function startMlflowServer({ auth = null, allowedOrigins = [] } = {}) {
  const state = { experiments: new Map(), runs: new Map(), requests: 0, nextExperiment: 1 };
  const server = http.createServer((request, response) => void handle(state, { auth, allowedOrigins }, request, response));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.address().port;
  const close = () => {
    const closed = new Promise((resolve) => server.close(resolve));
    server.closeAllConnections();
    return closed;
  };
  // A restart keeps what was stored, as a tracking server's database does; meanwhile connections are refused.
  const start = () => new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}`, state, close, start };
}

async function handle(state, options, request, response) {
  const origin = request.headers.origin;
  const cors = origin ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Headers': 'Authorization, Content-Type', 'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, PATCH, OPTIONS' } : {};
  if (request.method === 'OPTIONS') {
    response.writeHead(200, cors).end();
    return;
  }
  const sameOrigin = !origin || options.allowedOrigins.includes(origin) || /^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(origin);
  if (request.method !== 'GET' && !sameOrigin) {
    response.writeHead(403, { ...cors, 'Content-Type': 'text/plain' }).end('Cross-origin request blocked');
    return;
  }
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  const raw = Buffer.concat(chunks).toString('utf8');
  state.requests++;
  try {
    if (options.auth && request.headers.authorization !== `Basic ${Buffer.from(`${options.auth.user}:${options.auth.password}`).toString('base64')}`) {
      response.writeHead(401, { ...cors, 'Content-Type': 'text/plain', 'WWW-Authenticate': 'Basic realm="mlflow"' }).end('You are not authenticated. Please see https://www.mlflow.org/docs/latest/auth/index.html');
      return;
    }
    const url = new URL(request.url, 'http://server');
    const route = `${request.method} ${url.pathname.replace(/^\/api\/2\.0\/mlflow\//, '')}`;
    if (route.startsWith('POST ') && Buffer.byteLength(raw) > LIMITS.requestBytes && route.endsWith('log-batch')) throw invalid(`Batched logging API requests must be at most ${LIMITS.requestBytes} bytes, got a request of size ${Buffer.byteLength(raw)}.`);
    const body = route.startsWith('POST ') ? JSON.parse(raw || '{}') : Object.fromEntries(url.searchParams);
    const answer = route in ROUTES ? ROUTES[route](state, body) : null;
    if (answer === null) throw new ApiError(404, 'ENDPOINT_NOT_FOUND', `No API route for ${route}`);
    response.writeHead(200, { ...cors, 'Content-Type': 'application/json' }).end(JSON.stringify(answer));
  } catch (error) {
    const status = error instanceof ApiError ? error.status : 400;
    const code = error instanceof ApiError ? error.code : 'BAD_REQUEST';
    response.writeHead(status, { ...cors, 'Content-Type': 'application/json' }).end(JSON.stringify({ error_code: code, message: error.message }));
  }
}

function runOf(state, runId) {
  const run = state.runs.get(runId);
  if (!run) throw new ApiError(404, 'RESOURCE_DOES_NOT_EXIST', `Run '${runId}' not found.`);
  return run;
}

function runInfo(run) {
  return { run_id: run.id, run_uuid: run.id, run_name: run.name, experiment_id: run.experimentId, status: run.status, start_time: run.startTime, end_time: run.endTime, lifecycle_stage: 'active', artifact_uri: `mlflow-artifacts:/${run.experimentId}/${run.id}/artifacts` };
}

const ROUTES = {
  'GET experiments/get-by-name': (state, { experiment_name: name }) => {
    const experiment = [...state.experiments.values()].find((e) => e.name === name);
    if (!experiment) throw new ApiError(404, 'RESOURCE_DOES_NOT_EXIST', `Could not find experiment with name '${name}'`);
    return { experiment: { experiment_id: experiment.id, name: experiment.name, lifecycle_stage: 'active', artifact_location: `mlflow-artifacts:/${experiment.id}` } };
  },
  'POST experiments/create': (state, { name }) => {
    if (typeof name !== 'string' || name === '') throw invalid(`Invalid experiment name: '${name}'`);
    if (name.length > 500) throw invalid('Experiment name exceeds the maximum length of 500 characters');
    if ([...state.experiments.values()].some((e) => e.name === name)) throw new ApiError(400, 'RESOURCE_ALREADY_EXISTS', `Experiment '${name}' already exists.`);
    const id = String(state.nextExperiment++);
    state.experiments.set(id, { id, name });
    return { experiment_id: id };
  },
  'POST runs/create': (state, body) => {
    if (!state.experiments.has(String(body.experiment_id))) throw new ApiError(404, 'RESOURCE_DOES_NOT_EXIST', `No Experiment with id=${body.experiment_id} exists`);
    const id = Array.from({ length: 32 }, () => Math.floor(Math.random() * 16).toString(16)).join('');
    const run = { id, experimentId: String(body.experiment_id), name: body.run_name ?? '', status: 'RUNNING', startTime: Number(body.start_time ?? Date.now()), endTime: null, metrics: [], params: new Map(), tags: new Map() };
    for (const tag of body.tags ?? []) setTag(run, tag);
    state.runs.set(id, run);
    return { run: { info: runInfo(run), data: {} } };
  },
  'POST runs/log-batch': (state, body) => {
    const run = runOf(state, body.run_id);
    const [metrics, params, tags] = [body.metrics ?? [], body.params ?? [], body.tags ?? []];
    const over = (what, limit, count) => {
      if (count > limit) throw invalid(`A batch logging request can contain at most ${limit} ${what}. Got ${count} ${what}. Please split up ${what} across multiple requests and try again.`);
    };
    over('metrics', LIMITS.metrics, metrics.length);
    over('params', LIMITS.paramsOrTags, params.length);
    over('tags', LIMITS.paramsOrTags, tags.length);
    over('metrics, params, and tags', LIMITS.entities, metrics.length + params.length + tags.length);
    for (const metric of metrics) {
      validName('Metric', metric.key);
      const value = typeof metric.value === 'string' && ['NaN', 'Infinity', '-Infinity'].includes(metric.value) ? Number(metric.value) : metric.value;
      if (typeof value !== 'number') throw invalid(`Got invalid value ${metric.value} for metric '${metric.key}'. Please specify value as a valid double (64-bit floating point)`);
      if (!Number.isInteger(Number(metric.timestamp)) || Number(metric.timestamp) < 0) throw invalid(`Got invalid timestamp ${metric.timestamp} for metric '${metric.key}'. Timestamp must be a nonnegative long (64-bit integer)`);
      if (!Number.isInteger(Number(metric.step ?? 0))) throw invalid(`Got invalid step ${metric.step} for metric '${metric.key}'. Step must be a valid long (64-bit integer).`);
    }
    const keys = params.map((p) => p.key);
    if (new Set(keys).size !== keys.length) throw invalid(`Duplicate parameter keys have been submitted: ${keys}.`);
    for (const param of params) {
      validName('Param', param.key);
      const value = String(param.value).slice(0, LIMITS.paramValue);
      const before = run.params.get(param.key);
      if (before !== undefined && before !== value) throw invalid(`Changing param values is not allowed. Param with key='${param.key}' was already logged with value='${before}' for run ID='${run.id}'. Attempted logging new value '${value}'.`);
    }
    for (const param of params) run.params.set(param.key, String(param.value).slice(0, LIMITS.paramValue));
    for (const tag of tags) setTag(run, tag);
    // The file store (3.5's default) keeps exact duplicate points; so does this server, so a resend shows.
    for (const metric of metrics) run.metrics.push({ key: metric.key, value: Number(metric.value), timestamp: Number(metric.timestamp), step: Number(metric.step ?? 0) });
    return {};
  },
  'POST runs/update': (state, body) => {
    const run = runOf(state, body.run_id);
    if (body.status !== undefined && STATUSES.includes(body.status)) run.status = body.status;
    if (body.end_time !== undefined) run.endTime = Number(body.end_time);
    if (typeof body.run_name === 'string') run.name = body.run_name;
    return { run_info: runInfo(run) };
  },
  'POST runs/set-tag': (state, body) => {
    setTag(runOf(state, body.run_id), { key: body.key, value: body.value });
    return {};
  },
  // Pages of at most max_results (MLflow's default and cap: 25,000), page_token an opaque offset here.
  'GET metrics/get-history': (state, { run_id: runId, metric_key: key, max_results: max = '25000', page_token: token = '0' }) => {
    const points = runOf(state, runId).metrics.filter((m) => m.key === key);
    const [from, size] = [Number(token), Math.min(25_000, Number(max))];
    const page = points.slice(from, from + size);
    return { metrics: page, ...(from + size < points.length ? { next_page_token: String(from + size) } : {}) };
  },
  // MLflow's search grammar is larger; this server takes the one form sync uses, a tag's equality, and refuses others
  // as MLflow refuses a filter it cannot parse.
  'POST runs/search': (state, { experiment_ids: ids = [], filter = '' }) => {
    const match = /^tags\.`([^`]+)`\s*=\s*'([^']*)'$/.exec(filter.trim());
    if (!match) throw invalid(`Error on parsing filter '${filter}'`);
    const runs = [...state.runs.values()].filter((run) => ids.includes(run.experimentId) && run.tags.get(match[1]) === match[2]);
    return { runs: runs.map((run) => ({ info: runInfo(run), data: {} })) };
  },
  'GET runs/get': (state, { run_id: runId }) => {
    const run = runOf(state, runId);
    return { run: { info: runInfo(run), data: { params: [...run.params].map(([key, value]) => ({ key, value })), tags: [...run.tags].map(([key, value]) => ({ key, value })) } } };
  },
};

function setTag(run, tag) {
  validName('Tag', tag.key);
  run.tags.set(tag.key, String(tag.value ?? '').slice(0, LIMITS.tagValue));
}
