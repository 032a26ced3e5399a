/** Types of mlflowContractServer.mjs, for the unit tests that run the client against it. */
export interface ContractRun {
  id: string;
  experimentId: string;
  name: string;
  status: string;
  startTime: number;
  endTime: number | null;
  metrics: { key: string; value: number; timestamp: number; step: number }[];
  params: Map<string, string>;
  tags: Map<string, string>;
}

export interface ContractServer {
  url: string;
  state: { experiments: Map<string, { id: string; name: string }>; runs: Map<string, ContractRun>; requests: number };
  /** Stops listening (dropping open connections), keeping what was stored. */
  close(): Promise<void>;
  /** Listens again on the same port, as a restarted server. */
  start(): Promise<void>;
}

/** Starts the server on a free loopback port. */
export function startMlflowServer(options?: { auth?: { user: string; password: string } | null; allowedOrigins?: string[] }): Promise<ContractServer>;
