import 'reflect-metadata';
import { ValidationPipe, type INestApplication, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from '@openactes/config';
import express from 'express';
import { AppModule } from './app.module';
import { CodedErrorFilter, type ErrorBody } from './common/coded-error.filter';
import { JsonLogger, requestId } from './common/json-logger';
import { rateLimit } from './common/rate-limit';
import { securityHeaders } from './common/security-headers';

/** Routes whose body is read raw by their controller (archives, DECP files), never parsed as JSON. */
const RAW_BODY_ROUTES = /^\/api\/v1\/(?:transmissions|procurement)(?:[/?]|$)/;

export async function createGatewayApp(config: AppConfig, options: { logger?: LogLevel[] | false } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    logger: options.logger ?? (config.logFormat === 'json' ? new JsonLogger() : ['log', 'warn', 'error']),
    abortOnError: false,
  });
  app.disable('x-powered-by');
  if (config.trustProxyHops > 0) app.set('trust proxy', config.trustProxyHops);
  // Headers first (every answer carries them, 429s included), then the limiter, before any body is read.
  app.use(requestId);
  app.use(securityHeaders(config));
  app.use(rateLimit(config.rateLimit));
  const json = express.json({ limit: '1mb' });
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) =>
    RAW_BODY_ROUTES.test(req.url) ? next() : json(req, res, (err?: unknown) => (err ? refuseBody(err, res) : next())),
  );
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, transform: true }));
  app.useGlobalFilters(new CodedErrorFilter());
  app.enableShutdownHooks();

  const openapi = new DocumentBuilder()
    .setTitle('Open Actes API')
    .setDescription(
      'Receives the acts French local authorities transmit through their dematerialisation platform and publishes them as open data (Licence Ouverte 2.0). Errors are `{ code, message, details? }`.',
    )
    .setVersion('1')
    .setLicense('Licence Ouverte 2.0', 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openapi), { jsonDocumentUrl: 'api/docs/openapi.json' });
  return app;
}

/** Body-parser failures happen before Nest's filter: answer them as coded errors too. */
function refuseBody(err: unknown, res: express.Response): void {
  const type = (err as { type?: unknown }).type;
  const [status, body]: [number, ErrorBody] =
    type === 'entity.too.large'
      ? [413, { code: 'PAYLOAD_TOO_LARGE', message: 'The JSON body exceeds the limit of 1 MB', details: { limitBytes: 1024 * 1024 } }]
      : [400, { code: 'VALIDATION_FAILED', message: type === 'entity.parse.failed' ? 'The body is not valid JSON' : 'The body cannot be read' }];
  res.status(status).json(body);
}
