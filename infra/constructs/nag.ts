// cdk-nag acknowledgments, kept next to the resource they concern. cdk-nag 3 reads CDK's own
// `Validations` metadata, so an acknowledgment on a construct covers it and its children:
// call it on the narrowest construct, and for IAM5 name the exact wildcard finding.
import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** Acknowledges an AwsSolutions rule (e.g. `L1`, `IAM5[Resource::*]`) on one construct. */
export const acknowledge = (scope: IConstruct, rule: string, reason: string): void => {
  Validations.of(scope).acknowledge({ id: `AwsSolutions-${rule}`, reason });
};

// The same flattening cdk-nag applies to a policy resource before naming the finding:
// `{ "Fn::GetAtt": ["Table", "Arn"] }` → `<Table.Arn>`, joins concatenated, `${X}` → `<X>`.
const flatten = (node: unknown): string => {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if (typeof node === 'object' && node !== null) {
    const o = node as Record<string, unknown>;
    if (Array.isArray(o['Fn::Join'])) {
      const [delimiter, items] = o['Fn::Join'] as [string, unknown[]];
      return items.map(flatten).join(delimiter);
    }
    if (o['Fn::Sub'] !== undefined) return flatten(o['Fn::Sub']);
    if (Array.isArray(o['Fn::GetAtt'])) {
      const [resource, attribute] = o['Fn::GetAtt'] as [unknown, unknown];
      return `<${flatten(resource)}.${flatten(attribute)}>`;
    }
    if (o.Ref !== undefined) return `<${flatten(o.Ref)}>`;
  }
  return JSON.stringify(node);
};

/** The IAM5 finding for a wildcard resource, as cdk-nag names it (`IAM5[Resource::<T.Arn>/index/*]`). */
export const wildcardResource = (scope: IConstruct, resource: string): string =>
  `IAM5[Resource::${flatten(Stack.of(scope).resolve(resource))}]`;

/** The IAM5 finding for a wildcard action, e.g. `IAM5[Action::s3:List*]`. */
export const wildcardAction = (action: string): string => `IAM5[Action::${action}]`;
