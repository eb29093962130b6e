/**
 * The server package as a library: build the Atlas app and mount it in your own Express (or plain Node) server.
 *
 *   import express from 'express';
 *   import { createApp, loadConfig, openStore, createLogger, Lifecycle } from '@atlas-sharing/server';
 *   const config = loadConfig({ ...process.env, ATLAS_PUBLIC_URL: 'https://portal.example.com/atlas' });
 *   const store = await openStore(config.db);
 *   const lifecycle = new Lifecycle();
 *   host.use('/atlas', createApp({ store, config, logger: createLogger(config.logLevel), lifecycle }));
 *   // on shutdown: await lifecycle.close(); await store.close();
 *
 * The public URL's path (`/atlas` here) tells the app where it is mounted: its public pages load their script and
 * call the API through it. `serve()` is what `atlas-sharing-server serve` runs.
 */
export { createApp, type AppDeps } from './app.js';
export { loadConfig, ConfigError, type Config, type AuthConfig } from './config.js';
export { openStore, isPostgresUrl, type Store, type StoreOptions } from './store/index.js';
export { createLogger, type Logger, type LogLevel } from './logger.js';
export { Lifecycle } from './lifecycle.js';
export { AppError } from './errors.js';
export { serve } from './main.js';
