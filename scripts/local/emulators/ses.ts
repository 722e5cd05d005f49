// aws-ses-v2-local: the SES emulator, in this process. It keeps the sent mail in memory and
// shows it in a browser at its root URL (the "mail viewer" npm start prints).
import type { Server } from 'node:http';
import sesEmulator from 'aws-ses-v2-local';

// The package is CommonJS with `exports.default`: Node's ESM loader puts the server function
// at `.default`, while loaders that honour `__esModule` (vitest's) hand it over directly.
const start = ((sesEmulator as unknown as { default?: unknown }).default ??
  sesEmulator) as typeof sesEmulator.default;

export type SesEmulator = { readonly endpoint: string; stop(): Promise<void> };

/**
 * What GetAccount answers: the emulator reads it from AWS_SES_ACCOUNT in its own process
 * (this one). A production-access account with SES's usual starting quota, so that code
 * reading the quota (health, later the campaign rate governor) sees realistic numbers.
 */
export const localSesAccount = {
  DedicatedIpAutoWarmupEnabled: false,
  Details: {
    AdditionalContactEmailAddresses: [],
    ContactLanguage: 'EN',
    MailType: 'TRANSACTIONAL',
    ReviewDetails: { CaseId: 'local', Status: 'GRANTED' },
    UseCaseDescription: 'Local emulator of the CRM',
    WebsiteURL: 'http://127.0.0.1',
  },
  EnforcementStatus: 'HEALTHY',
  ProductionAccessEnabled: true,
  SendingEnabled: true,
  SendQuota: { Max24HourSend: 50_000, MaxSendRate: 14, SentLast24Hours: 0 },
  SuppressionAttributes: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
};

export const startSesEmulator = async (options: { port: number }): Promise<SesEmulator> => {
  process.env.AWS_SES_ACCOUNT ??= JSON.stringify(localSesAccount);
  const server: Server = await start({ host: '127.0.0.1', port: options.port });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
};
