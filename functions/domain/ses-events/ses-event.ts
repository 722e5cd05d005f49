// SES's sending events as EventBridge delivers them (source `aws.ses`, detail-types such as
// `Email Delivered`, `Email Bounced`; the detail is SES's event record with `eventType`). Only
// what the CRM reads is required; the rest passes through. The tags the sender puts on each
// campaign e-mail (`campaign`, `contact`, `run`) come back in `mail.tags`, each as a list.
import { z } from 'zod';

export const sesEventSource = 'aws.ses';

/** The detail-type SES gives each event type it publishes to EventBridge. */
export const sesDetailTypes = {
  Send: 'Email Sent',
  Delivery: 'Email Delivered',
  Bounce: 'Email Bounced',
  Complaint: 'Email Complaint Received',
  Open: 'Email Opened',
  Click: 'Email Clicked',
  Reject: 'Email Rejected',
  DeliveryDelay: 'Email Delivery Delayed',
  'Rendering Failure': 'Email Rendering Failed',
  Subscription: 'Email Subscribed',
} as const;

/** The event types handle-ses-events acts on (the rule passes only these). */
export const handledSesEventTypes = ['Delivery', 'Bounce', 'Complaint', 'Open', 'Click'] as const;

const recipient = z.looseObject({ emailAddress: z.string().min(1) });

export const sesEventSchema = z.looseObject({
  eventType: z.string().min(1),
  mail: z.looseObject({
    timestamp: z.string().min(1),
    messageId: z.string().min(1),
    source: z.string().optional(),
    destination: z.array(z.string()).default([]),
    tags: z.record(z.string(), z.array(z.string())).default({}),
  }),
  delivery: z
    .looseObject({ timestamp: z.string().min(1), recipients: z.array(z.string()).default([]) })
    .optional(),
  bounce: z
    .looseObject({
      bounceType: z.string().min(1),
      bounceSubType: z.string().optional(),
      bouncedRecipients: z.array(recipient).default([]),
      timestamp: z.string().min(1),
    })
    .optional(),
  complaint: z
    .looseObject({
      complainedRecipients: z.array(recipient).default([]),
      timestamp: z.string().min(1),
      complaintFeedbackType: z.string().optional(),
    })
    .optional(),
  open: z.looseObject({ timestamp: z.string().min(1) }).optional(),
  click: z.looseObject({ timestamp: z.string().min(1), link: z.string().min(1) }).optional(),
});

export type SesEvent = z.infer<typeof sesEventSchema>;

/** The campaign e-mail an event is about, from its tags; undefined for other (transactional) mail. */
export const campaignTagsOf = (
  e: SesEvent,
): { campaignId: string; contactId: string; runId?: string } | undefined => {
  const campaignId = e.mail.tags.campaign?.[0];
  const contactId = e.mail.tags.contact?.[0];
  const runId = e.mail.tags.run?.[0];
  return campaignId && contactId ? { campaignId, contactId, ...(runId ? { runId } : {}) } : undefined;
};
