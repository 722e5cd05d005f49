// The tenant's Cognito user pool: staff only (no self sign-up), e-mail as the username, one
// group per CRM role (functions/lib/roles.ts), the SPA's app client, and the tenant's first
// admin, whom Cognito e-mails a temporary password with a link to the app.
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolUser,
  CfnUserPoolUserToGroupAttachment,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  UserPool,
  type UserPoolClient,
  type UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { userPoolClientName, userPoolName } from '../../functions/lib/resource-names.ts';
import { type Role, roles } from '../../functions/lib/roles.ts';
import type { Tenant } from '../tenants.ts';
import { acknowledge } from './nag.ts';

export type TenantUsersProps = {
  readonly tenant: Tenant;
  /** The web app's URL, for the invitation e-mail. */
  readonly appUrl: string;
  /** Users and their roles are tenant data: RETAIN unless the operator deletes the data. */
  readonly removalPolicy: RemovalPolicy;
  readonly deletionProtection: boolean;
};

const invitation = (tenant: Tenant, appUrl: string) =>
  tenant.locale === 'en'
    ? {
        emailSubject: `Your CRM account: ${tenant.name}`.slice(0, 140),
        emailBody:
          `An account was created for you in the CRM of ${tenant.name}. Sign in at ${appUrl} ` +
          'as {username} with the temporary password {####}; you will choose your own password then.',
      }
    : {
        emailSubject: `Ваша учётная запись в CRM: ${tenant.name}`.slice(0, 140),
        emailBody:
          `Для вас создана учётная запись в CRM ${tenant.name}. Войдите на ${appUrl} ` +
          'как {username} с временным паролем {####}; при входе вы зададите свой пароль.',
      };

export class TenantUsers extends Construct {
  readonly userPool: UserPool;
  readonly webClient: UserPoolClient;
  readonly groups: ReadonlyMap<Role, UserPoolGroup>;

  constructor(scope: Construct, id: string, props: TenantUsersProps) {
    super(scope, id);
    const { tenant } = props;

    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: userPoolName(tenant.id),
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(7),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // A CRM holds customers' personal data: the Plus plan's threat protection blocks
      // sign-ins with leaked credentials and challenges risky ones (cdk-nag COG3/COG8).
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      userInvitation: invitation(tenant, props.appUrl),
      deletionProtection: props.deletionProtection,
      removalPolicy: props.removalPolicy,
    });
    acknowledge(
      this.userPool,
      'COG2',
      'MFA is optional (TOTP) rather than required: the SPA and the local Cognito emulator only do ' +
        'USER_PASSWORD_AUTH/SRP without an MFA challenge step yet, so required MFA would lock every user out; ' +
        'threat protection (Plus plan, full function) covers risky sign-ins meanwhile.',
    );

    const groups = new Map<Role, UserPoolGroup>();
    roles.forEach((role, precedence) => {
      const group = this.userPool.addGroup(`Group-${role}`, {
        groupName: role,
        description: `CRM role ${role}`,
        // Lower wins when a user is in several groups: admin first.
        precedence,
      });
      group.applyRemovalPolicy(props.removalPolicy);
      groups.set(role, group);
    });
    this.groups = groups;

    this.webClient = this.userPool.addClient('WebClient', {
      userPoolClientName: userPoolClientName(tenant.id),
      // A browser app cannot keep a secret.
      generateSecret: false,
      // USER_PASSWORD_AUTH is what the local emulator supports; SRP keeps the password off the wire.
      authFlows: { userPassword: true, userSrp: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      enableTokenRevocation: true,
    });

    const admin = new CfnUserPoolUser(this, 'AdminUser', {
      userPoolId: this.userPool.userPoolId,
      username: tenant.adminEmail,
      userAttributes: [
        { name: 'email', value: tenant.adminEmail },
        { name: 'email_verified', value: 'true' },
      ],
      desiredDeliveryMediums: ['EMAIL'],
    });
    admin.applyRemovalPolicy(props.removalPolicy);
    const adminGroup = groups.get('admin');
    if (!adminGroup) throw new Error('functions/lib/roles.ts has no "admin" role');
    const membership = new CfnUserPoolUserToGroupAttachment(this, 'AdminInAdminGroup', {
      userPoolId: this.userPool.userPoolId,
      groupName: adminGroup.groupName,
      username: admin.ref,
    });
    membership.applyRemovalPolicy(props.removalPolicy);
    membership.node.addDependency(adminGroup);
  }

  /** The issuer of the pool's tokens, as the API's JWT authorizer checks it. */
  get issuerUrl(): string {
    return `https://cognito-idp.${this.userPool.stack.region}.${this.userPool.stack.urlSuffix}/${this.userPool.userPoolId}`;
  }
}
