// The tenant's SES configuration set: every e-mail goes through it, so its sending events
// (send, delivery, bounce, complaint, open, click, subscription, …) reach the tenant's bus,
// where later features consume them (suppression, campaign results).
//
// SES publishes to EventBridge's *default* bus only (the L2 refuses any other), so the
// events land there and one rule forwards this configuration set's events to the tenant bus.
import { EventBus, type EventPattern, type IEventBus, Rule } from 'aws-cdk-lib/aws-events';
import { EventBus as EventBusTarget } from 'aws-cdk-lib/aws-events-targets';
import {
  ConfigurationSet,
  ConfigurationSetEventDestination,
  EmailSendingEvent,
  EventDestination,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ruleName, sesConfigurationSetName } from '../../functions/lib/resource-names.ts';

export type TenantMailProps = {
  readonly tenantId: string;
  readonly tenantBus: IEventBus;
  readonly deadLetters: IQueue;
};

/** Name, on the default bus, of the rule that forwards SES events to the tenant bus. */
export const sesEventsRuleName = (tenantId: string): string => ruleName(tenantId, 'ses-events');

/** SES events of one configuration set, as SES puts them on the default bus. */
export const sesEventsPattern = (configurationSetName: string): EventPattern => ({
  source: ['aws.ses'],
  detail: { mail: { tags: { 'ses:configuration-set': [configurationSetName] } } },
});

export class TenantMail extends Construct {
  readonly configurationSet: ConfigurationSet;

  constructor(scope: Construct, id: string, props: TenantMailProps) {
    super(scope, id);
    const name = sesConfigurationSetName(props.tenantId);
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: name,
      // Bounced and complaining addresses are never mailed again (DESIGN.md, campaign sending).
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      reputationMetrics: true,
    });
    const defaultBus = EventBus.fromEventBusName(this, 'DefaultBus', 'default');
    new ConfigurationSetEventDestination(this, 'ToEventBridge', {
      configurationSet: this.configurationSet,
      destination: EventDestination.eventBus(defaultBus),
      events: [
        EmailSendingEvent.SEND,
        EmailSendingEvent.DELIVERY,
        EmailSendingEvent.BOUNCE,
        EmailSendingEvent.COMPLAINT,
        EmailSendingEvent.REJECT,
        EmailSendingEvent.DELIVERY_DELAY,
        EmailSendingEvent.RENDERING_FAILURE,
        EmailSendingEvent.OPEN,
        EmailSendingEvent.CLICK,
        EmailSendingEvent.SUBSCRIPTION,
      ],
    });
    new Rule(this, 'ForwardToTenantBus', {
      ruleName: sesEventsRuleName(props.tenantId),
      description: `SES events of configuration set ${name}, forwarded to the tenant bus.`,
      eventBus: defaultBus,
      eventPattern: sesEventsPattern(name),
      targets: [new EventBusTarget(props.tenantBus, { deadLetterQueue: props.deadLetters })],
    });
  }
}
