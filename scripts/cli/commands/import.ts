// `crm import <tenant> <file.csv>`: a CSV of companies or contacts into a tenant's table, in
// this process, with the same domain code the queue worker runs (checks, duplicates, chunks,
// batches, audit, the job's high-water mark) — locally against the running runtime's DynamoDB
// Local, in AWS with the operator's credentials. Ctrl-C stops after the chunk being written;
// `--resume <jobId>` continues from there. The base is read once at the start (keys only) to
// find duplicates, rather than with a Query per row (base-index.ts says why).
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, existsSync, openSync, readSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { basename, resolve } from 'node:path';
import { type Command, Option } from 'commander';
import type {
  ImportJobItem,
  ImportMode,
  ImportRecordType,
  RowIssue,
} from '../../../functions/domain/imports/import-job.entity.ts';
import type { Tenant } from '../../../infra/tenants.ts';
import { CliError, usageError } from '../lib/errors.ts';
import { formatFields, formatTable } from '../lib/output.ts';
import { displayPath } from '../lib/paths.ts';
import { progressBar } from '../lib/progress.ts';
import { openTenantTable } from '../lib/tenant-table.ts';
import { requireTenant } from '../lib/tenants.ts';

type ImportOptions = {
  entity?: ImportRecordType;
  mode: ImportMode;
  dryRun?: boolean;
  mapping?: string;
  resume?: string;
  owner?: string;
  aws?: boolean;
  dataDir?: string;
  concurrency: string;
};

const sha256 = async (path: string): Promise<string> => {
  const hash = createHash('sha256');
  for await (const part of createReadStream(path)) hash.update(part as Buffer);
  return hash.digest('hex');
};

const readHead = (path: string, bytes: number): Buffer => {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const read = readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
};

const printIssues = (issues: readonly RowIssue[], total: number): void => {
  if (total === 0) return;
  const shown = issues.slice(0, 20);
  console.log(
    `\nInvalid rows (${total} problem${total === 1 ? '' : 's'}${total > shown.length ? `, the first ${shown.length} shown` : ''}):`,
  );
  console.log(
    formatTable(
      ['row', 'field', 'column', 'value', 'reason'],
      shown.map((i) => [String(i.row), i.field, i.column ?? '', (i.value ?? '').slice(0, 40), i.message]),
    ),
  );
};

const runImport = async (tenantId: string, file: string, options: ImportOptions): Promise<void> => {
  const tenant: Tenant = requireTenant(tenantId);
  const path = resolve(file);
  if (!existsSync(path)) throw usageError(`no file ${file}`);
  const concurrency = Number(options.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
    throw usageError(`--concurrency: "${options.concurrency}" is not a whole number from 1 to 64`);
  if (!options.resume && !options.entity)
    throw usageError('say what the file holds: --entity company or --entity contact');

  const table = await openTenantTable(tenant, options, 'import into');
  // Loaded now: the domain modules read TABLE_NAME and the endpoint at load, as functions do.
  const jobs = await import('../../../functions/domain/imports/import-jobs.ts');
  const run = await import('../../../functions/domain/imports/import-run.ts');
  const csv = await import('../../../functions/domain/imports/csv-source.ts');
  const fields = await import('../../../functions/domain/imports/import-fields.ts');
  const { loadStaff, snapshotBaseIndex } = await import('../../../functions/domain/imports/base-index.ts');
  const { loadDefinitions } = await import('../../../functions/domain/custom-fields/custom-fields.ts');
  const { startableStatuses } = await import('../../../functions/domain/imports/import-job.entity.ts');

  const now = () => new Date().toISOString();
  const operator = `cli:${userInfo().username}`;
  const staff = await loadStaff();
  const fileSha256 = await sha256(path);

  let job: ImportJobItem;
  if (options.resume) {
    const found = await jobs.readImportJob(options.resume);
    if (!found) throw usageError(`no import ${options.resume} in tenant ${tenant.id}`);
    if (found.source !== 'cli')
      throw usageError(`import ${found.id} was uploaded through the web app; start it there`);
    if (found.fileSha256 !== fileSha256)
      throw usageError(
        `${displayPath(path)} is not the file import ${found.id} was started with (${found.fileName})`,
      );
    if (found.status === 'completed') {
      console.log(`Import ${found.id} is already complete.`);
      return;
    }
    if (options.mapping || options.entity || options.owner)
      process.stderr.write('note: --resume keeps the mapping, entity and owner the import began with\n');
    job = found;
  } else {
    const entity = options.entity as ImportRecordType;
    const ownerEmail = options.owner ?? tenant.adminEmail;
    const ownerId = staff.find(ownerEmail);
    if (!ownerId)
      throw new CliError(
        `no staff member with the e-mail ${ownerEmail} has signed in to tenant ${tenant.id} yet`,
        {
          exitCode: 2,
          hint: [
            'Name the owner of the imported records with --owner <e-mail> (someone who has signed in once).',
          ],
        },
      );
    const size = statSync(path).size;
    if (size === 0) throw usageError(`${file} is empty`);
    const head = readHead(path, 1024 * 1024);
    const sample = await csv.sampleCsv(head, size <= head.length);
    const customFields = await loadDefinitions(entity);
    let columns: readonly (string | null)[];
    try {
      columns = fields.resolveColumns(
        entity,
        sample.headers,
        customFields,
        options.mapping ? fields.parseMappingOption(options.mapping) : {},
      );
    } catch (error) {
      const fieldsList = (error as { fields?: { field: string; message: string }[] }).fields ?? [];
      throw usageError(`the columns of ${file} cannot be imported as ${entity} records:`, [
        ...fieldsList.map((f) => `  ${f.field}: ${f.message}`),
        `Columns: ${sample.headers.join(', ')}`,
        'Map them with --mapping "Column=field,…" (fields: ' +
          fields
            .importTargets(entity, customFields)
            .map((t) => t.field)
            .join(', ') +
          ')',
      ]);
    }
    const totalRows = await csv.countDataRows(createReadStream(path), sample);
    job = jobs.newImportJob(
      {
        recordType: entity,
        source: 'cli',
        fileName: basename(path),
        filePath: path,
        fileSize: size,
        fileSha256,
        mode: options.mode,
        encoding: sample.encoding,
        delimiter: sample.delimiter,
        headers: sample.headers,
        columns,
        totalRows,
        nextOffset: sample.dataOffset,
        defaultOwnerId: ownerId,
        status: 'analyzed',
      },
      { userId: operator, username: operator, roles: [] },
      now(),
    );
    await jobs.putImportJob(job);
    console.log(
      `Import ${job.id}: ${displayPath(path)} → ${entity} records of tenant ${tenant.id} (${table.where})`,
    );
    console.log(
      formatFields([
        ['rows', String(totalRows)],
        ['encoding', `${sample.encoding}, "${sample.delimiter}" between fields`],
        ['duplicates', options.mode],
        ['owner', `${ownerEmail} (unless a row names one)`],
      ]),
    );
    console.log(
      formatTable(
        ['column', 'field'],
        sample.headers.map((h, i) => [h, columns[i] ?? '(not imported)']),
      ),
    );
  }

  const actor = { userId: operator };
  const context = async (index: Parameters<typeof jobs.importContext>[1]['index']) =>
    jobs.importContext(job, {
      actor,
      currency: tenant.currency,
      now,
      concurrency,
      ...(index ? { index } : {}),
    });
  const records = (offset: number, row: number) =>
    csv.csvRecords(createReadStream(path, { start: offset }), {
      encoding: job.encoding ?? 'utf-8',
      delimiter: job.delimiter ?? ',',
      startOffset: offset,
      firstRow: row,
    });

  process.stderr.write('Reading the keys of the base to find duplicates…\n');
  const index = await snapshotBaseIndex(job.recordType, {
    companies:
      job.recordType === 'contact' &&
      (job.columns ?? []).some((c) => c === 'companyId' || c === 'companyInn'),
  });

  if (options.dryRun) {
    const ctx = await context(index);
    const bar = progressBar('rows', job.totalRows ?? 0);
    if (job.nextChunk !== 0)
      throw usageError(`import ${job.id} has begun writing; a dry run is for before it starts`);
    const report = await jobs.runDryRun(ctx, records(job.nextOffset, job.nextRow), (r) =>
      bar.update(r.rowsDone),
    );
    bar.stop();
    console.log(`\nDry run of ${job.id}: nothing was written.`);
    console.log(
      formatFields([
        ['rows', String(report.rowsDone)],
        ['would create', String(report.created)],
        ['would update', String(report.updated)],
        ['would skip', `${report.skipped} (duplicates)`],
        ['invalid', String(report.failed)],
      ]),
    );
    printIssues((await jobs.readIssues(job.id, 'dry-run', 20)).issues, report.issuesTotal);
    console.log(`\nImport it: npm run crm -- import ${tenant.id} ${file} --resume ${job.id}`);
    return;
  }

  const at = now();
  const moved = await run.moveStatus(
    job.id,
    [...startableStatuses, 'running', 'validating', 'cancelling'],
    'running',
    at,
    {
      runStartedAt: at,
      runStartedRows: job.rowsDone,
      ...(job.startedAt ? {} : { startedAt: at }),
    },
  );
  if (!moved) throw new CliError(`import ${job.id} is ${job.status}; it cannot run now`);
  job = (await jobs.readImportJob(job.id)) as ImportJobItem;
  const ctx = await context(index);

  let stopping = false;
  const onSignal = () => {
    if (stopping) {
      process.stderr.write(
        `\nStopped at once. Resume with: npm run crm -- import ${tenant.id} ${file} --resume ${job.id}\n`,
      );
      process.exit(130);
    }
    stopping = true;
    process.stderr.write('\nStopping after the chunk being written (Ctrl-C again to stop at once)…\n');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const startedRows = job.rowsDone;
  const started = Date.now();
  const bar = progressBar('rows', job.totalRows ?? 0);
  bar.update(job.rowsDone);
  let last = job;
  let completed = false;
  try {
    const chunks = jobs.chunksOf(records(job.nextOffset, job.nextRow), {
      index: job.nextChunk,
      offset: job.nextOffset,
      row: job.nextRow,
    });
    let any = false;
    for await (const chunk of chunks) {
      any = true;
      const result = await run.runChunk(ctx, chunk);
      if (!result)
        throw new CliError(`import ${job.id} was changed by someone else meanwhile (another run?)`);
      last = result.job;
      bar.update(last.rowsDone);
      if (chunk.last) completed = true;
      if (stopping && !chunk.last) break;
    }
    if (!any) completed = true;
  } finally {
    bar.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  const seconds = (Date.now() - started) / 1000;
  const rate = seconds > 0 ? ((last.rowsDone - startedRows) / seconds).toFixed(0) : '0';
  if (completed) await run.moveStatus(job.id, ['running'], 'completed', now(), { finishedAt: now() });
  else await run.moveStatus(job.id, ['running'], 'cancelled', now());
  console.log(
    `\n${completed ? 'Imported' : 'Stopped'}: ${last.rowsDone} of ${last.totalRows ?? '?'} rows in ${seconds.toFixed(1)} s (${rate} rows/s)`,
  );
  console.log(
    formatFields([
      ['created', String(last.counts.created)],
      ['updated', String(last.counts.updated)],
      ['skipped', `${last.counts.skipped} (duplicates)`],
      ['invalid', String(last.counts.failed)],
    ]),
  );
  printIssues((await jobs.readIssues(job.id, 'import', 20)).issues, last.issuesTotal);
  if (!completed) {
    console.log(`\nResume with: npm run crm -- import ${tenant.id} ${file} --resume ${job.id}`);
    process.exitCode = 130;
  }
};

export const registerImportCommand = (program: Command): void => {
  program
    .command('import')
    .description("import a CSV of companies or contacts into a tenant's table (resumable)")
    .argument('<tenant>', 'tenant id')
    .argument('<file>', 'CSV file: UTF-8 or Windows-1251, "," or ";" between fields, a header row')
    .addOption(new Option('--entity <type>', 'what the rows are').choices(['company', 'contact']))
    .addOption(
      new Option('--mode <mode>', 'a row that duplicates a record (same INN, e-mail or phone)')
        .choices(['skip', 'update', 'create'])
        .default('skip'),
    )
    .option('--dry-run', 'check every row and count what would happen; write nothing but the report')
    .option(
      '--mapping <column=field,…>',
      'change the suggested mapping: "ИНН=inn,Примечание=" (empty: leave out)',
    )
    .option('--resume <jobId>', 'continue an import that was stopped (same file)')
    .option('--owner <email>', "owner of rows without one (default: the tenant's admin)")
    .option('--aws', "the tenant's table in AWS, with your credentials (default: the local runtime)")
    .option('--data-dir <dir>', "the local runtime's data folder (default: .data in the repository)")
    .option('--concurrency <n>', 'BatchWriteItem calls in flight', '8')
    .addHelpText(
      'after',
      `
Rows whose INN, e-mail or phone match a record (in the base or earlier in the file) are
skipped, update that record (--mode update) or are created anyway (--mode create).
Ctrl-C stops after the chunk being written (500 rows); --resume continues there.

Examples:
  $ npm run crm -- import demo companies.csv --entity company --dry-run
  $ npm run crm -- import demo companies.csv --entity company --mode update --owner anna.smirnova@demo.example
  $ npm run crm -- import demo contacts.csv --entity contact --mapping "Организация=companyId"
  $ npm run crm -- import demo companies.csv --resume 01JD…`,
    )
    .action(runImport);
};
