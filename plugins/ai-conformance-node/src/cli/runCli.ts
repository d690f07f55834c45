import fs from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { KubeConfig } from '@kubernetes/client-node';
import {
  Scorecard,
  getChecklist,
  listChecklistVersions,
} from '@internal/plugin-ai-conformance-common';
import { ClusterUnreachableError } from '../errors';
import { evaluateCluster } from '../evaluate/evaluateCluster';
import { renderJUnit } from '../export/junit';
import { renderProductYaml } from '../export/productYaml';
import { renderReaderRbacYaml } from '../rbac/readerRbac';
import { KubeClusterReader } from '../cluster/KubeClusterReader';
import { sweepProbeLeftovers } from '../probes/sweepProbeLeftovers';
import { EngineLogger } from '../types';
import { formatTable } from './formatTable';

/** Where the CLI writes; the bin passes the process streams, tests pass buffers. @public */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /**
   * Stops the evaluation (the bin aborts it on SIGINT/SIGTERM); active probes still delete what
   * they created before the CLI returns.
   */
  signal?: AbortSignal;
}

/** Exit codes of the CLI. @public */
export const CLI_EXIT = {
  /** Every MUST passes or is not applicable. */
  conformant: 0,
  /** A MUST failed or could not be decided. */
  notConformant: 1,
  /** Bad usage, unreadable input or the cluster could not be reached. */
  usageOrConnection: 2,
} as const;

class UsageError extends Error {}

function loadKubeConfig(file: string, context?: string): KubeConfig {
  if (!fs.existsSync(file)) {
    throw new UsageError(`kubeconfig ${file} does not exist`);
  }
  const kc = new KubeConfig();
  try {
    kc.loadFromFile(file);
  } catch (error) {
    throw new UsageError(
      `kubeconfig ${file} cannot be read: ${(error as Error).message}`,
    );
  }
  if (context) {
    if (!kc.getContextObject(context)) {
      throw new UsageError(
        `context "${context}" is not in ${file}; available: ${
          kc
            .getContexts()
            .map(c => c.name)
            .join(', ') || 'none'
        }`,
      );
    }
    kc.setCurrentContext(context);
  }
  if (!kc.getCurrentCluster()) {
    throw new UsageError(
      `${file} has no current context with a cluster; pass --context`,
    );
  }
  return kc;
}

function parseMetadata(pairs: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0)
      throw new UsageError(`--metadata expects key=value, got "${pair}"`);
    out[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return out;
}

function positiveInt(name: string) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0)
      throw new UsageError(
        `${name} must be a positive integer, got "${value}"`,
      );
    return n;
  };
}

function nonNegativeInt(name: string) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0)
      throw new UsageError(
        `${name} must be a whole number of minutes, got "${value}"`,
      );
    return n;
  };
}

function stderrLogger(io: CliIo, verbose: boolean): EngineLogger {
  const write = (level: string) => (message: string) =>
    io.stderr(`${level} ${message}\n`);
  const noop = () => undefined;
  return {
    debug: verbose ? write('debug') : noop,
    info: verbose ? write('info') : noop,
    warn: write('warn'),
    error: write('error'),
  };
}

function render(
  scorecard: Scorecard,
  output: string,
  template?: string,
  metadata?: Record<string, string>,
): string {
  switch (output) {
    case 'json':
      return `${JSON.stringify(scorecard, null, 2)}\n`;
    case 'junit':
      return `${renderJUnit([scorecard])}\n`;
    case 'product-yaml':
      return renderProductYaml(
        scorecard,
        fs.readFileSync(template!, 'utf8'),
        metadata,
      );
    default:
      return `${formatTable(scorecard)}\n`;
  }
}

/**
 * Runs the CLI with the given arguments (without `node` and the script) and resolves to the exit
 * code. Never throws for expected conditions: they become one line on stderr and exit code 2.
 *
 * @public
 */
export async function runCli(args: string[], io: CliIo): Promise<number> {
  let exitCode: number = CLI_EXIT.conformant;
  const program = new Command('ai-conformance')
    .description(
      'Check Kubernetes clusters against the CNCF Kubernetes AI Conformance checklists',
    )
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  program
    .command('evaluate')
    .description(
      'Evaluate one cluster (the kubeconfig context) and print the verdicts',
    )
    .requiredOption('--kubeconfig <file>', 'kubeconfig of the cluster')
    .option(
      '--context <name>',
      'kubeconfig context to use (default: current-context)',
    )
    .option(
      '--name <cluster>',
      'display name of the cluster (default: the context name)',
    )
    .option(
      '--checklist <version>',
      'checklist version, e.g. 1.35 (default: from the cluster version)',
    )
    .option(
      '--active',
      'also run the active probes (creates and deletes a temporary namespace)',
      false,
    )
    .addOption(
      new Option('--output <format>', 'output format')
        .choices(['table', 'json', 'junit', 'product-yaml'])
        .default('table'),
    )
    .option(
      '--template <file>',
      'official AIConformance-<version>.yaml template (for --output product-yaml)',
    )
    .option(
      '--metadata <key=value...>',
      'PRODUCT.yaml metadata fields (platformName=…, vendorName=…)',
    )
    .option(
      '--timeout <ms>',
      'budget of the whole evaluation (default 60000, plus probe waits with --active)',
      positiveInt('--timeout'),
    )
    .option(
      '--request-timeout <ms>',
      'budget of each API request',
      positiveInt('--request-timeout'),
      15_000,
    )
    .option(
      '--max-response-bytes <n>',
      'largest accepted response',
      positiveInt('--max-response-bytes'),
    )
    .option(
      '--gang-window <ms>',
      'negative gang-scheduling window of the active probe',
      positiveInt('--gang-window'),
    )
    .option('--verbose', 'log requests to stderr', false)
    .action(async opts => {
      if (opts.output === 'product-yaml' && !opts.template) {
        throw new UsageError(
          '--output product-yaml needs --template FILE (the official AIConformance-<version>.yaml)',
        );
      }
      if (opts.template && !fs.existsSync(opts.template)) {
        throw new UsageError(`template ${opts.template} does not exist`);
      }
      if (opts.checklist && !getChecklist(opts.checklist)) {
        throw new UsageError(
          `unknown checklist version "${
            opts.checklist
          }"; known versions: ${listChecklistVersions().join(', ')}`,
        );
      }
      const metadata = parseMetadata(opts.metadata);
      const kubeConfig = loadKubeConfig(opts.kubeconfig, opts.context);
      const scorecard = await evaluateCluster({
        cluster: opts.name ?? kubeConfig.getCurrentContext(),
        kubeConfig,
        checklistVersion: opts.checklist,
        activeProbes: opts.active,
        timeoutMs: opts.timeout,
        requestTimeoutMs: opts.requestTimeout,
        maxResponseBytes: opts.maxResponseBytes,
        probes: opts.gangWindow
          ? { gangNegativeWindowMs: opts.gangWindow }
          : undefined,
        logger: stderrLogger(io, opts.verbose),
        signal: io.signal,
      });
      io.stdout(render(scorecard, opts.output, opts.template, metadata));
      exitCode = scorecard.summary.conformant
        ? CLI_EXIT.conformant
        : CLI_EXIT.notConformant;
    });

  program
    .command('sweep')
    .description(
      'Delete probe namespaces, ClusterQueues and ResourceFlavors left behind by interrupted active runs',
    )
    .requiredOption('--kubeconfig <file>', 'kubeconfig of the cluster')
    .option('--context <name>', 'kubeconfig context to use')
    .option(
      '--older-than <minutes>',
      'only objects older than this',
      nonNegativeInt('--older-than'),
      30,
    )
    .action(async opts => {
      const reader = new KubeClusterReader({
        kubeConfig: loadKubeConfig(opts.kubeconfig, opts.context),
      });
      try {
        const deleted = await sweepProbeLeftovers(reader, {
          olderThanMinutes: opts.olderThan,
        });
        io.stdout(
          deleted.length
            ? `Deleted ${deleted.join(', ')}\n`
            : 'No leftover probe namespaces.\n',
        );
      } finally {
        await reader.close();
      }
    });

  program
    .command('rbac')
    .description(
      'Print the least-privileged reader RBAC (generated from what the checks read)',
    )
    .option(
      '--service-account <namespace/name>',
      'bind it to this ServiceAccount',
      'backstage/ai-conformance-reader',
    )
    .option('--user <name>', 'bind it to this user instead')
    .action(opts => {
      const [namespace, name] = String(opts.serviceAccount).split('/');
      if (!opts.user && (!namespace || !name)) {
        throw new UsageError('--service-account must be <namespace>/<name>');
      }
      io.stdout(
        renderReaderRbacYaml(
          opts.user
            ? { kind: 'User', name: opts.user }
            : { kind: 'ServiceAccount', name, namespace },
        ),
      );
    });

  try {
    await program.parseAsync(args, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are exit code 0; everything else commander reports is a usage error.
      return error.exitCode === 0 ? 0 : CLI_EXIT.usageOrConnection;
    }
    if (error instanceof UsageError) {
      io.stderr(`error: ${error.message}\n`);
      return CLI_EXIT.usageOrConnection;
    }
    if (error instanceof ClusterUnreachableError) {
      io.stderr(`error: ${error.message}\n`);
      return CLI_EXIT.usageOrConnection;
    }
    io.stderr(`error: ${(error as Error)?.message ?? String(error)}\n`);
    return CLI_EXIT.usageOrConnection;
  }
}
