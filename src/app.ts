import Koa from 'koa';
import type { Config } from './config.js';
import type { Db } from './db/open.js';
import { errorEnvelope } from './http/error-envelope.js';
import { createXmlSender, type XmlValidator } from './http/send.js';
import { authenticate, basicAuthenticator, requireXRequestedWith } from './http/auth.js';
import { bodyParser } from './http/params.js';
import { apiRoutes } from './http/api-routes.js';
import { bundledDtds, dtdRoutes } from './http/dtd-routes.js';
import { RecordStore } from './auth-records/store.js';
import { RecordService } from './auth-records/record-service.js';
import { recordEndpoint } from './auth-records/actions.js';
import { RECORD_TYPES } from './auth-records/types/index.js';

export interface AppDeps {
  config: Config;
  db: Db;
  validateXml?: XmlValidator;
}

/** Builds the application without listening. The middleware order is the list below. */
export function createApp({ config, db, validateXml }: AppDeps): Koa {
  const app = new Koa();
  const send = createXmlSender(config.publicUrl, validateXml);
  const service = new RecordService(new RecordStore(db));
  const endpoints = RECORD_TYPES.map((type) => recordEndpoint(type, service, { pageSize: config.pageSize, networks: config.networks }));
  const api = apiRoutes({
    endpoints,
    send,
    publicUrl: config.publicUrl,
    guards: [
      authenticate([basicAuthenticator(config.users)]), // 1. who is calling [Q: 401, 2000]
      requireXRequestedWith(() => true), //               2. X-Requested-With [Q]
      bodyParser(config.maxBody), //                      3. parameters from the body [Q]
    ],
  });

  // 0. every error and unanswered path leaves as a SIMPLE_RETURN, never HTML or a stack trace
  app.use(errorEnvelope(send, config.maxBody));
  // public DTDs at the URLs the DOCTYPEs name
  app.use(dtdRoutes(bundledDtds()).routes());
  // the Qualys endpoints; 4+ (action, method, parameters, values) happen in dispatch
  app.use(api.routes());
  return app;
}
