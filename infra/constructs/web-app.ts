// The SPA for the browser: a private S3 bucket behind CloudFront (Origin Access Control), with
// `/api/*` forwarded to the tenant's HTTP API so that the browser sees one origin (no CORS).
// Client-side routes are rewritten to /index.html by a CloudFront Function on the bucket's
// behaviour only: distribution-wide error responses (403/404 → index.html) would also turn
// the API's 401/403/404 JSON into a 200 HTML page.
import { Duration, Fn, RemovalPolicy as Removal, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as EdgeFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { WebConfig } from '../web-config.ts';
import { acknowledge, wildcardAction, wildcardResource } from './nag.ts';

// Paths without a file extension are client-side routes of the SPA; assets keep their path.
export const spaRoutingCode = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.lastIndexOf('.') <= uri.lastIndexOf('/')) {
    request.uri = '/index.html';
  }
  return request;
}`;

export type WebAppProps = {
  /** `https://<api-id>.execute-api.<region>.amazonaws.com` */
  readonly apiEndpoint: string;
  /** Access logs (S3 and CloudFront) are kept like data: RETAIN unless the data is deleted. */
  readonly logsRemovalPolicy: RemovalPolicy;
  readonly logRetention: RetentionDays;
};

export class WebApp extends Construct {
  readonly bucket: Bucket;
  readonly logsBucket: Bucket;
  readonly distribution: Distribution;
  private readonly logRetention: RetentionDays;

  constructor(scope: Construct, id: string, props: WebAppProps) {
    super(scope, id);
    this.logRetention = props.logRetention;
    const deleteLogs = props.logsRemovalPolicy === Removal.DESTROY;

    this.logsBucket = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront's standard logs are delivered with an ACL grant, which needs ACLs enabled.
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: props.logsRemovalPolicy,
      autoDeleteObjects: deleteLogs,
    });
    acknowledge(
      this.logsBucket,
      'S1',
      'This bucket is the destination of the access logs of the SPA bucket and of CloudFront; logging its own access would log the log deliveries.',
    );

    this.bucket = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: this.logsBucket,
      serverAccessLogsPrefix: 's3/',
      // Only the build output of web/ lives here; every deployment uploads it again.
      removalPolicy: Removal.DESTROY,
      autoDeleteObjects: true,
    });

    const spaRouting = new EdgeFunction(this, 'SpaRouting', {
      code: FunctionCode.fromInline(spaRoutingCode),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Client-side routes of the SPA → /index.html',
    });

    const apiDomain = Fn.select(2, Fn.split('/', props.apiEndpoint));
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'CRM web app and API',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
        functionAssociations: [{ function: spaRouting, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new HttpOrigin(apiDomain, {
            protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [OriginSslPolicy.TLS_V1_2],
          }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          // API Gateway routes on its own Host name; every other viewer header, the
          // Authorization header included, goes through.
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        },
      },
      enableLogging: true,
      logBucket: this.logsBucket,
      logFilePrefix: 'cloudfront/',
    });
    acknowledge(
      this.distribution,
      'CFR1',
      "No geo restriction: a tenant's staff sign in from wherever they work; where the tenant allows access from is a per-tenant business decision, and every API call needs the tenant's JWT.",
    );
    acknowledge(
      this.distribution,
      'CFR2',
      'No WAF yet: a CloudFront web ACL must live in us-east-1 (a second stack per tenant) and costs per tenant; the API is behind the JWT authorizer and stage throttling, sign-in behind Cognito threat protection, and the bucket serves only the public SPA build.',
    );
    acknowledge(
      this.distribution,
      'CFR4',
      'The tenant has no custom domain yet, so the distribution uses the default *.cloudfront.net certificate, for which CloudFront does not let the minimum TLS version be set; with a custom domain and an ACM certificate it becomes TLSv1.2_2021.',
    );
  }

  get url(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }

  /** Uploads the built SPA and `config.json`, then invalidates CloudFront's cache. */
  deploy(webAssetPath: string, config: WebConfig): BucketDeployment {
    // Own role and log group: no AWS managed policy (AWSLambdaBasicExecutionRole) and logs
    // with a retention.
    const logGroup = new LogGroup(this, 'DeploymentLogs', {
      retention: this.logRetention,
      removalPolicy: Removal.DESTROY,
    });
    const role = new Role(this, 'DeploymentRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Uploads the SPA build to its bucket (CDK BucketDeployment)',
    });
    logGroup.grantWrite(role);
    // The build as an asset of our own, so that its bucket (the bootstrap's asset bucket) can
    // be named in the acknowledgment below.
    const build = new Asset(this, 'Build', { path: webAssetPath });
    const deployment = new BucketDeployment(this, 'Deployment', {
      sources: [Source.bucket(build.bucket, build.s3ObjectKey), Source.jsonData('config.json', config)],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      role,
      logGroup,
      memoryLimit: 512,
    });
    const reason =
      "CDK BucketDeployment's grants: read/write/delete of objects in the SPA bucket only (the bucket is the resource), which is what syncing a build with prune needs.";
    for (const action of ['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*']) {
      acknowledge(role, wildcardAction(action), reason);
    }
    acknowledge(role, wildcardResource(this, this.bucket.arnForObjects('*')), reason);
    acknowledge(
      role,
      wildcardResource(this, build.bucket.arnForObjects('*')),
      'Read access to the CDK bootstrap asset bucket, from which the handler fetches the uploaded zips of the build and of config.json.',
    );
    // The handler is a singleton at the stack's root, shared by every BucketDeployment.
    for (const child of Stack.of(this).node.children) {
      if (child.node.id.startsWith('Custom::CDKBucketDeployment')) {
        acknowledge(
          child,
          'L1',
          "The runtime of CDK's BucketDeployment handler is chosen by aws-cdk-lib, not by this project; it runs only during deployments and moves to newer runtimes with aws-cdk-lib upgrades.",
        );
      }
    }
    acknowledge(
      role,
      'IAM5[Resource::*]',
      'Only cloudfront:CreateInvalidation/GetInvalidation, which BucketDeployment grants on `*` (it offers no way to scope them to this distribution) to refresh the cache after an upload; an invalidation only evicts cached copies.',
    );
    return deployment;
  }
}
