// The `crm` command tree and its error handling: commander parses, command modules act,
// and every failure ends as one message on stderr and an exit code (2: usage, 1: failure).
import { Command, CommanderError } from 'commander';
import { registerCdkCommands } from './commands/cdk.ts';
import { registerClockCommand } from './commands/clock.ts';
import { registerDevCommand } from './commands/dev.ts';
import { registerDlqCommand } from './commands/dlq.ts';
import { registerExportCommand } from './commands/export.ts';
import { registerImportCommand } from './commands/import.ts';
import { registerResetCommand } from './commands/reset.ts';
import { registerSesEventCommand } from './commands/ses-event.ts';
import { registerTenantCommands } from './commands/tenant.ts';
import { CliError } from './lib/errors.ts';
import { packageVersion } from './lib/paths.ts';

const commandPath = (command: Command): string =>
  command.parent ? `${commandPath(command.parent)} ${command.name()}` : command.name();

const allCommands = (command: Command): Command[] => [command, ...command.commands.flatMap(allCommands)];

export const createProgram = (): Command => {
  const program = new Command('crm')
    .description('Ops CLI of the serverless CRM: tenants, their AWS stacks, and the local runtime.')
    .version(packageVersion(), '-V, --version', 'print the CLI version')
    .helpCommand(true)
    .addHelpText(
      'after',
      `
Run it as \`npm run crm -- <command>\` from the repository (or \`crm <command>\` once linked).

Examples:
  $ npm run crm -- tenant add acme --name "Acme Ltd" --admin-email admin@acme.example \\
      --region eu-central-1 --timezone Europe/Berlin --currency EUR
  $ AWS_PROFILE=prod npm run crm -- deploy acme
  $ npm start                          # the same as: npm run build:web && npm run crm -- dev
  $ npm run crm -- clock --advance 1d`,
    );
  registerTenantCommands(program);
  registerCdkCommands(program);
  registerDevCommand(program);
  registerResetCommand(program);
  registerClockCommand(program);
  registerImportCommand(program);
  registerExportCommand(program);
  registerSesEventCommand(program);
  registerDlqCommand(program);

  for (const command of allCommands(program)) {
    command
      .exitOverride()
      .showHelpAfterError(
        command.registeredArguments.some((argument) => argument.name() === 'cdk-args')
          ? `(run '${commandPath(command)} --help' for usage; options for cdk itself go after --)`
          : `(run '${commandPath(command)} --help' for usage)`,
      )
      .showSuggestionAfterError(true);
  }
  return program;
};

const printError = (message: string, hint: readonly string[] = []): void => {
  process.stderr.write(`error: ${message}\n${hint.map((line) => `${line}\n`).join('')}`);
};

/** Parses argv, runs the command and returns the exit code; never throws. */
export const runCli = async (argv: readonly string[]): Promise<number> => {
  try {
    await createProgram().parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander has printed the message; help and --version end with exit code 0.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof CliError) {
      printError(error.message, error.hint);
      return error.exitCode;
    }
    printError(error instanceof Error ? error.message : String(error));
    if (process.env.CRM_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    else process.stderr.write('(set CRM_DEBUG=1 to see the stack trace)\n');
    return 1;
  }
};
