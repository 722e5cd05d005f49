// The tenant's HTTP API (API Gateway v2): one Lambda integration per function, shared by its
// catalog routes, with one invoke permission per function (not per route: a route costs the
// stack three resources that way, and CloudFormation allows 500 in a stack), the JWT
// authorizer of the tenant's user pool on every route not marked `public`, JSON access logs
// and throttling on the `$default` stage. The browser reaches it through CloudFront's
// `/api/*` behaviour, so it needs no CORS.
import { Names, type RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  type HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { RouteDefinition } from '../../functions/catalog.ts';
import { httpApiName } from '../../functions/lib/resource-names.ts';
import { acknowledge } from './nag.ts';

export type TenantApiProps = {
  readonly tenantId: string;
  /** Steady-state requests per second and burst for the whole stage. */
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  readonly logRetention: RetentionDays;
  readonly logRemovalPolicy: RemovalPolicy;
};

// One JSON object per request, so Logs Insights can query fields; `$context.authorizer.error`
// tells a rejected token from a failing handler.
const accessLogFormat = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    ip: '$context.identity.sourceIp',
    requestTime: '$context.requestTime',
    routeKey: '$context.routeKey',
    status: '$context.status',
    protocol: '$context.protocol',
    responseLength: '$context.responseLength',
    latencyMs: '$context.responseLatency',
    integrationLatencyMs: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
    authorizerError: '$context.authorizer.error',
    userId: '$context.authorizer.claims.sub',
  }),
);

export class TenantApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  private authorizer?: HttpJwtAuthorizer;
  private readonly integrations = new Map<IFunction, HttpLambdaIntegration>();

  constructor(scope: Construct, id: string, props: TenantApiProps) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', {
      apiName: httpApiName(props.tenantId),
      description: `CRM API of tenant ${props.tenantId}`,
      // The `$default` stage is created below, with access logs and throttling.
      createDefaultStage: false,
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy,
    });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: accessLogFormat },
    });
  }

  /** `https://<id>.execute-api.<region>.amazonaws.com`, the origin CloudFront forwards `/api/*` to. */
  get endpoint(): string {
    return this.api.apiEndpoint;
  }

  /** Tokens of this issuer and audience (the SPA's app client) are accepted on non-public routes. */
  useJwtAuthorizer(issuer: string, audience: string): void {
    this.authorizer = new HttpJwtAuthorizer('UserPoolJwt', issuer, {
      authorizerName: 'user-pool',
      jwtAudience: [audience],
      identitySource: ['$request.header.Authorization'],
    });
  }

  /**
   * The function's integration, made on its first route. API Gateway may invoke the function
   * through any route of this API (one permission); only the routes integrated with it do.
   */
  private integrationOf(handler: IFunction): HttpLambdaIntegration {
    let integration = this.integrations.get(handler);
    if (!integration) {
      integration = new HttpLambdaIntegration(`Integration-${Names.uniqueId(handler)}`, handler, {
        scopePermissionToRoute: false,
      });
      this.integrations.set(handler, integration);
    }
    return integration;
  }

  addRoute(route: RouteDefinition, handler: IFunction): HttpRoute {
    if (!route.public && !this.authorizer) {
      throw new Error(
        `route ${route.method} ${route.path} needs the JWT authorizer: call useJwtAuthorizer() first`,
      );
    }
    const id = `Route-${route.method}-${route.path.replace(/[^A-Za-z0-9]+/g, '-')}`;
    const httpRoute = new HttpRoute(this, id, {
      httpApi: this.api,
      routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
      integration: this.integrationOf(handler),
      authorizer: route.public ? undefined : this.authorizer,
    });
    if (route.public) {
      acknowledge(
        httpRoute,
        'APIG4',
        `${route.method} ${route.path} is public by design (functions/catalog.ts): it must answer before anyone ` +
          'has signed in (health checks, monitors) and returns no tenant data.',
      );
    }
    return httpRoute;
  }
}
