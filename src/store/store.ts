// Reads and writes the records of records.ts in SSM Parameter Store. The SSM client and its commands load on the
// first read or write: an unchanged deploy never touches the store and should not pay for loading it.
import type { Parameter, SSMClient } from '@aws-sdk/client-ssm';
import { awsError, call, isNotFound } from '../aws/errors';
import { MycopilotError } from '../errors';
import { TAG_APP, TAG_ENV, TAG_SVC } from '../stack/naming';
import {
  ApplicationRecord,
  applicationPath,
  environmentPath,
  EnvironmentRecord,
  environmentsPath,
  ROOT_PATH,
  WorkloadRecord,
  workloadPath,
  workloadsPath,
} from './records';

export class Store {
  /**
   * Records read by this store, by parameter name. A command reads the same application and environment records
   * from several places (`deploy --all` once per workload); within one command only its own writes change them,
   * and a write replaces the entry with what it wrote.
   */
  private readonly read = new Map<string, Promise<string | undefined>>();

  /** An SSM client, or a function that makes one when the store is first used. */
  constructor(private readonly client: SSMClient | (() => Promise<SSMClient>)) {}

  private async ssm(): Promise<{ client: SSMClient; sdk: typeof import('@aws-sdk/client-ssm') }> {
    const client = typeof this.client === 'function' ? await this.client() : this.client;
    return { client, sdk: await import('@aws-sdk/client-ssm') };
  }

  async getApplication(app: string): Promise<ApplicationRecord | undefined> {
    return this.get<ApplicationRecord>(applicationPath(app));
  }

  async requireApplication(app: string): Promise<ApplicationRecord> {
    const record = await this.getApplication(app);
    if (record) return record;
    const known = (await this.listApplications()).map((a) => a.name);
    throw new MycopilotError('NOT_FOUND', `application "${app}" does not exist in this account and Region`, {
      hint: known.length
        ? `Applications here: ${known.join(', ')}. Or create it: mycopilot app init ${app}`
        : `Create it: mycopilot app init ${app}`,
    });
  }

  /** Direct children of /copilot/applications only: environments and workloads live deeper. */
  async listApplications(): Promise<ApplicationRecord[]> {
    const params = await this.list(ROOT_PATH);
    return params
      .filter((p) => p.Name?.split('/').length === 4)
      .map((p) => JSON.parse(p.Value ?? '{}') as ApplicationRecord);
  }

  async createApplication(record: ApplicationRecord): Promise<void> {
    await this.put(applicationPath(record.name), record, 'Copilot Application', { [TAG_APP]: record.name });
  }

  async deleteApplication(app: string): Promise<void> {
    await this.delete(applicationPath(app));
  }

  async getEnvironment(app: string, env: string): Promise<EnvironmentRecord | undefined> {
    return this.get<EnvironmentRecord>(environmentPath(app, env));
  }

  async requireEnvironment(app: string, env: string): Promise<EnvironmentRecord> {
    const record = await this.getEnvironment(app, env);
    if (record) return record;
    const known = (await this.listEnvironments(app)).map((e) => e.name);
    throw new MycopilotError('NOT_FOUND', `environment "${env}" of application "${app}" has not been deployed`, {
      hint: known.length
        ? `Environments of ${app}: ${known.join(', ')}. Or deploy it: mycopilot env deploy --name ${env}`
        : `Deploy it: mycopilot env deploy --name ${env}`,
    });
  }

  async listEnvironments(app: string): Promise<EnvironmentRecord[]> {
    return (await this.list(environmentsPath(app))).map((p) => JSON.parse(p.Value ?? '{}') as EnvironmentRecord);
  }

  async createEnvironment(record: EnvironmentRecord): Promise<void> {
    await this.put(
      environmentPath(record.app, record.name),
      record,
      `The ${record.name} environment of ${record.app}`,
      {
        [TAG_APP]: record.app,
        [TAG_ENV]: record.name,
      },
    );
  }

  async deleteEnvironment(app: string, env: string): Promise<void> {
    await this.delete(environmentPath(app, env));
  }

  async getWorkload(app: string, name: string): Promise<WorkloadRecord | undefined> {
    return this.get<WorkloadRecord>(workloadPath(app, name));
  }

  async listWorkloads(app: string): Promise<WorkloadRecord[]> {
    return (await this.list(workloadsPath(app))).map((p) => JSON.parse(p.Value ?? '{}') as WorkloadRecord);
  }

  async createWorkload(record: WorkloadRecord): Promise<void> {
    await this.put(workloadPath(record.app, record.name), record, `Copilot ${record.type} ${record.name}`, {
      [TAG_APP]: record.app,
      [TAG_SVC]: record.name,
    });
  }

  async deleteWorkload(app: string, name: string): Promise<void> {
    await this.delete(workloadPath(app, name));
  }

  private async get<T>(name: string): Promise<T | undefined> {
    let value = this.read.get(name);
    if (!value) {
      value = this.readParameter(name);
      this.read.set(name, value);
      value.catch(() => this.read.delete(name)); // a failed read is tried again
    }
    const text = await value;
    return text ? (JSON.parse(text) as T) : undefined;
  }

  private async readParameter(name: string): Promise<string | undefined> {
    const { client, sdk } = await this.ssm();
    try {
      const out = await client.send(new sdk.GetParameterCommand({ Name: name }));
      return out.Parameter?.Value || undefined;
    } catch (err) {
      if (isNotFound(err, 'ParameterNotFound')) return undefined;
      throw awsError(`reading ${name}`, err);
    }
  }

  private async list(path: string): Promise<Parameter[]> {
    const { client, sdk } = await this.ssm();
    const params: Parameter[] = [];
    let NextToken: string | undefined;
    do {
      const out = await call(`listing ${path}`, () =>
        client.send(new sdk.GetParametersByPathCommand({ Path: path, Recursive: path === ROOT_PATH, NextToken })),
      );
      params.push(...(out.Parameters ?? []));
      NextToken = out.NextToken;
    } while (NextToken);
    return params.sort((a, b) => (a.Name ?? '').localeCompare(b.Name ?? ''));
  }

  /** Creates the record, or overwrites it (records are rewritten when a deploy learns more). */
  private async put(name: string, value: object, description: string, tags: Record<string, string>): Promise<void> {
    const { client, sdk } = await this.ssm();
    const Value = JSON.stringify(value);
    try {
      await client.send(
        new sdk.PutParameterCommand({
          Name: name,
          Value,
          Type: 'String',
          Description: description,
          Tags: Object.entries(tags).map(([Key, V]) => ({ Key, Value: V })),
        }),
      );
    } catch (err) {
      if ((err as { name?: string }).name !== 'ParameterAlreadyExists') throw awsError(`writing ${name}`, err);
      await call(`writing ${name}`, () =>
        client.send(new sdk.PutParameterCommand({ Name: name, Value, Type: 'String', Overwrite: true })),
      );
    }
    this.read.set(name, Promise.resolve(Value));
  }

  private async delete(name: string): Promise<void> {
    const { client, sdk } = await this.ssm();
    try {
      await client.send(new sdk.DeleteParameterCommand({ Name: name }));
    } catch (err) {
      if (!isNotFound(err, 'ParameterNotFound')) throw awsError(`deleting ${name}`, err);
    }
    this.read.set(name, Promise.resolve(undefined));
  }
}
