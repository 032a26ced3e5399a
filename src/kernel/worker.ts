/// <reference lib="webworker" />
import { startKernel } from './kernel';
import type { KernelEndpoint } from './kernelEndpoint';
import { initTfjsEnvironment } from './tfjsEnvironment';

void startKernel({ endpoint: self as unknown as KernelEndpoint, detectEnvironment: initTfjsEnvironment });
