import { Duration } from 'aws-cdk-lib';
import { Architecture, LoggingFormat, Runtime, Tracing, type ILayerVersion } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type ICommandHooks } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { CfnResource } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { documentLibraries } from './lambda-functions.js';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Metadata key on each function's CloudFormation resource naming its source entry; the local runner reads it. */
export const ENTRY_METADATA_KEY = 'qm:entry';

export interface QmFunctionProps {
  /** Source file relative to the project root, e.g. `functions/handlers/submit-application.handler.ts`. */
  entry: string;
  description: string;
  environment: Record<string, string>;
  timeout?: Duration;
  memorySize?: number;
  reservedConcurrentExecutions?: number;
  /** Folders (relative to the project root) copied into the bundle: target name → source folder. */
  bundledFolders?: Record<string, string>;
  /** Only for asynchronously invoked functions: where an event goes after Lambda's own retries. */
  deadLetterQueue?: IQueue;
  /** The document libraries' layer, for functions that make PDFs or spreadsheets; the bundle leaves those libraries out. */
  documentLibraries?: ILayerVersion;
}

/**
 * How each function is bundled (esbuild through NodejsFunction); `npm run bench:bundles` builds
 * with the same settings. The AWS SDK v3 is provided by the Lambda runtime and stays external;
 * the bench measures whether bundling it instead would pay.
 *
 * CommonJS output (index.js, which the Lambda runtime loads with require()): an ESM bundle imports
 * the external SDK through Node's ESM-to-CommonJS interop, which scans every SDK module with the
 * CommonJS export lexer and resolves it through the ESM loader; that made up about a third of an
 * ESM bundle's cold import. The sources are ESM and stay so; the one `import.meta.url` they use
 * (the fonts beside the bundle) is defined from the CommonJS `__filename`.
 */
export const bundleSettings = {
  format: 'cjs' as const,
  /** The file NodejsFunction writes for that format. */
  outfile: 'index.js',
  target: 'node24',
  minify: true,
  sourceMap: true,
  banner: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;",
  define: { 'import.meta.url': '__importMetaUrl' },
  externalModules: ['@aws-sdk/*'],
};

/**
 * The modules a function's bundle leaves out: the AWS SDK (the runtime has it) and, for a function
 * with the document libraries' layer, those libraries (/opt/nodejs/node_modules has them).
 */
export function externalModules(withDocumentLibraries: boolean): string[] {
  return [...bundleSettings.externalModules, ...(withDocumentLibraries ? documentLibraries : [])];
}

/** One namespace for the system's own metrics (Powertools Metrics, EMF). */
export const METRICS_NAMESPACE = 'QM';

/** Every Lambda of the system is configured alike: Node 24 on arm64, CommonJS bundle, JSON logs, tracing. */
export class QmFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: QmFunctionProps) {
    super(scope, id, {
      entry: path.join(projectRoot, props.entry),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(15),
      ...(props.reservedConcurrentExecutions ? { reservedConcurrentExecutions: props.reservedConcurrentExecutions } : {}),
      ...(props.deadLetterQueue ? { deadLetterQueueEnabled: true, deadLetterQueue: props.deadLetterQueue } : {}),
      ...(props.documentLibraries ? { layers: [props.documentLibraries] } : {}),
      tracing: Tracing.ACTIVE,
      loggingFormat: LoggingFormat.JSON,
      logGroup: new LogGroup(scope, `${id}Logs`, { retention: RetentionDays.SIX_MONTHS }),
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'qm',
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        ...props.environment,
      },
      projectRoot,
      depsLockFilePath: path.join(projectRoot, 'package-lock.json'),
      bundling: {
        format: OutputFormat.CJS,
        target: bundleSettings.target,
        minify: bundleSettings.minify,
        sourceMap: bundleSettings.sourceMap,
        banner: bundleSettings.banner,
        define: bundleSettings.define,
        externalModules: externalModules(props.documentLibraries !== undefined),
        ...(props.bundledFolders ? { commandHooks: copyFolders(props.bundledFolders) } : {}),
      },
    });
    (this.node.defaultChild as CfnResource).addMetadata(ENTRY_METADATA_KEY, props.entry);
  }
}

/** Files the code reads at run time (fonts) are not followed by esbuild: copy them beside the bundle. */
function copyFolders(folders: Record<string, string>): ICommandHooks {
  const quote = (p: string) => `'${p.replaceAll("'", "'\\''")}'`;
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir: string, outputDir: string) =>
      Object.entries(folders).map(([target, source]) => `cp -R ${quote(path.join(inputDir, source))} ${quote(path.join(outputDir, target))}`),
  };
}
