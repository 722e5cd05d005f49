// The tenant's unsubscribe key (docs/campaigns.md "Unsubscribe (RFC 8058)"): a Secrets Manager
// secret whose value CloudFormation generates, so that the key is in no code, template or
// environment. Functions with `access.unsubscribeKey` get its ARN and may read it, nothing more.
import type { RemovalPolicy } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledge } from './nag.ts';

export type UnsubscribeKeyProps = {
  readonly tenantId: string;
  /** Deleting the key breaks the links of every e-mail already sent: it goes with the data. */
  readonly removalPolicy: RemovalPolicy;
};

export class UnsubscribeKey extends Construct {
  readonly secret: Secret;

  constructor(scope: Construct, id: string, props: UnsubscribeKeyProps) {
    super(scope, id);
    this.secret = new Secret(this, 'Secret', {
      description: `HMAC key of the unsubscribe links in marketing e-mail of tenant ${props.tenantId}`,
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      removalPolicy: props.removalPolicy,
    });
    acknowledge(
      this.secret,
      'SMG4',
      'Not rotated automatically: every unsubscribe link in e-mail already sent is signed with this key, and a rotation would silently break them (RFC 8058 asks links to keep working); it is rotated by hand, with a grace period, if it ever leaks.',
    );
  }
}
