/// <reference lib="webworker" />
import { startKernel } from './kernel';
import type { KernelEndpoint } from './kernelEndpoint';
import { initTfjsEnvironment } from './tfjsEnvironment';
import { parseBackendSetting } from './backendChoice';

// The page names the worker `labbook-kernel:<backend>`: the backend setting arrives before any message can.
const setting = parseBackendSetting(self.name.split(':')[1]);
void startKernel({ endpoint: self as unknown as KernelEndpoint, detectEnvironment: () => initTfjsEnvironment(setting) });
