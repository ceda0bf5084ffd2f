/**
 * `npm start`: reads the settings, opens the stores, listens, and shuts
 * down cleanly on SIGINT/SIGTERM. Wiring only; see listen.ts and hub.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { ConfigError, configHelp, loadConfig, type Config } from './config.ts';
import { ListenError, startServer } from './listen.ts';
import { openLimits } from './limits/limits.ts';
import { createLogger, type Logger } from './logger.ts';
import { DEFAULT_REDIS_PREFIX } from './store/open-stores.ts';
import { redisKeys } from './store/redis-keys.ts';
import { openStores } from './store/open-stores.ts';
import { StoreOpenError } from './store/store-errors.ts';

const EXIT_FAILURE = 1;
const EXIT_BAD_CONFIG = 2;

function readConfig(): Config {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(configHelp());
    process.exit(0);
  }
  if (argv.includes('--version') || argv.includes('-v')) {
    const packageJson = JSON.parse(
      readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    process.stdout.write(`${packageJson.version}\n`);
    process.exit(0);
  }
  // A .env file in the working directory fills in unset variables.
  if (existsSync('.env')) process.loadEnvFile('.env');
  try {
    return loadConfig(argv, process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`termchat-server: ${error.message}\n`);
    process.exit(EXIT_BAD_CONFIG);
  }
}

async function openOrExit(config: Config, logger: Logger) {
  try {
    return await openStores({
      databaseUrl: config.databaseUrl,
      redisUrl: config.redisUrl,
      dataFile: config.dataFile,
      historyMaxLen: config.historyMaxLen,
      logger,
    });
  } catch (error) {
    if (!(error instanceof StoreOpenError)) throw error;
    logger.fatal({ err: error.name }, 'cannot open stores');
    process.stderr.write(`termchat-server: ${error.message}\n`);
    process.exit(EXIT_FAILURE);
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  const stores = await openOrExit(config, logger);
  // With Redis the rate limits are shared by every server using it.
  const limits = openLimits(
    config,
    config.redisUrl
      ? {
          redisUrl: config.redisUrl,
          keyPrefix: redisKeys(DEFAULT_REDIS_PREFIX).limit,
        }
      : undefined,
    logger,
  );
  const server = await startServer({ config, stores, logger, limits }).catch(
    async (error: unknown) => {
      if (!(error instanceof ListenError)) throw error;
      logger.fatal({ err: error.code }, 'cannot listen');
      process.stderr.write(`termchat-server: ${error.message}\n`);
      await Promise.allSettled([stores.close(), limits.close()]);
      process.exit(EXIT_FAILURE);
    },
  );
  logger.info(
    {
      host: server.host,
      port: server.port,
      tls: Boolean(config.tlsCert),
      data: stores.describe(),
    },
    `listening on ${server.host}:${server.port}; ${stores.describe()}`,
  );

  const shutdown = (signal: NodeJS.Signals): void => {
    logger.info({ signal }, 'shutting down');
    process.once(signal, () => {
      logger.warn({ signal }, 'second signal, exiting at once');
      process.exit(EXIT_FAILURE);
    });
    server.stop().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(EXIT_FAILURE);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `termchat-server: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(EXIT_FAILURE);
});
