// The tenant's files bucket: record attachments (attachments/), uploaded import files
// (imports/) and finished exports (exports/). Private, encrypted, TLS only, access-logged;
// browsers reach objects only through presigned URLs the functions issue, so CORS allows the
// web app's origin to PUT and GET. Uploads and exports are temporary and expire; attachments
// stay until removed.
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge } from './nag.ts';

export type TenantFilesProps = {
  /** The web app's origin (https://…cloudfront.net), the only one allowed to upload. */
  readonly appOrigin: string;
  readonly accessLogs: Bucket;
  readonly removalPolicy: RemovalPolicy;
  /** Empty the bucket when the stack is destroyed with --delete-data. */
  readonly deleteData: boolean;
};

export class TenantFiles extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: TenantFilesProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'files/',
      removalPolicy: props.removalPolicy,
      autoDeleteObjects: props.deleteData,
      cors: [
        {
          allowedOrigins: [props.appOrigin],
          allowedMethods: [HttpMethods.PUT, HttpMethods.GET],
          allowedHeaders: ['content-type', 'content-length', 'content-disposition', 'x-amz-*'],
          maxAge: 3600,
        },
      ],
      lifecycleRules: [
        { id: 'uploads', prefix: 'imports/', expiration: Duration.days(30) },
        { id: 'exports', prefix: 'exports/', expiration: Duration.days(7) },
        { id: 'incomplete', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });
    if (props.deleteData) {
      // autoDeleteObjects adds CDK's own custom resource; it runs only when the stack is destroyed.
      const provider = this.node.scope?.node.tryFindChild(
        'Custom::S3AutoDeleteObjectsCustomResourceProvider',
      );
      if (provider) {
        acknowledge(
          provider,
          'IAM4',
          'CDK’s auto-delete provider uses the basic execution role; it only empties this bucket on destroy --delete-data.',
        );
        acknowledge(
          provider,
          'L1',
          'The auto-delete provider’s runtime is chosen by aws-cdk-lib and runs only during a destroy.',
        );
      }
    }
  }
}
