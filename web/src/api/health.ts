// /api/health (public): the tenant's backing services as the API sees them.
import type { HttpClient } from './http-client.ts';

export type HealthCheckName = 'table' | 'bus' | 'queues' | 'email' | 'users' | 'scheduler';

export type HealthCheck = {
  name: HealthCheckName | (string & {});
  status: 'ok' | 'error';
  latencyMs: number;
  detail?: string;
};

export type Health = {
  status: 'ok' | 'degraded';
  tenant: string;
  checks: HealthCheck[];
  scheduler?: { lastHeartbeatAt?: string };
};

export type HealthApi = { get: () => Promise<Health> };

export const healthApi = (http: HttpClient): HealthApi => ({
  // A degraded service may answer 503 with the same body; that is a result to show, not a failure.
  get: () => http.request<Health>('GET', '/api/health', { auth: false, acceptStatus: [503] }),
});
