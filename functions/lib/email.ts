// The SES v2 client and the tenant's sending settings, created once per function instance.
// Importing this module requires the function to have `sendEmail` access.
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { requireEnv } from './env.ts';

export const ses = new SESv2Client({});
export const configurationSet = requireEnv('SES_CONFIGURATION_SET');
export const mailFrom = requireEnv('MAIL_FROM');
