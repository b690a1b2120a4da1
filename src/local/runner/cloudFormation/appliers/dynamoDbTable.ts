import { CreateTableCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { physicalName, type ResourceApplier } from '../resourceApplier.js';

interface TimeToLiveSpecification {
  readonly AttributeName?: string;
  readonly Enabled?: boolean;
}

/**
 * `AWS::DynamoDB::Table`: CreateTable (on demand, whatever the template's billing mode) and
 * UpdateTimeToLive when the template enables it; Ref is the table name.
 */
export const applyTable: ResourceApplier = async (resource, stack) => {
  const { properties } = resource;
  const name = physicalName(properties.TableName, resource, stack);
  const { dynamodb } = stack.clients;
  await dynamodb.send(
    new CreateTableCommand({
      TableName: name,
      KeySchema: properties.KeySchema as never,
      AttributeDefinitions: properties.AttributeDefinitions as never,
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  const ttl = properties.TimeToLiveSpecification as TimeToLiveSpecification | undefined;
  if (ttl?.Enabled && ttl.AttributeName) {
    await dynamodb.send(
      new UpdateTimeToLiveCommand({
        TableName: name,
        TimeToLiveSpecification: { AttributeName: ttl.AttributeName, Enabled: true },
      }),
    );
  }
  stack.deployment.tables.push(name);
  return { ref: name, attributes: { Arn: stack.arnOf('dynamodb', `table/${name}`) } };
};
