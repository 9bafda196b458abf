import 'reflect-metadata';
import { ValidationPipe, type INestApplication, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from '@openactes/config';
import express from 'express';
import { AppModule } from './app.module';
import { CodedErrorFilter } from './common/coded-error.filter';

/** Routes whose body is read raw by their controller (archives), never parsed as JSON. */
const RAW_BODY_ROUTES = /^\/api\/v1\/transmissions(?:[/?]|$)/;

export async function createGatewayApp(config: AppConfig, options: { logger?: LogLevel[] | false } = {}): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config), {
    bodyParser: false,
    logger: options.logger ?? ['log', 'warn', 'error'],
    abortOnError: false,
  });
  const json = express.json({ limit: '1mb' });
  app.use((req: express.Request, res: express.Response, next: express.NextFunction) =>
    RAW_BODY_ROUTES.test(req.url) ? next() : json(req, res, next),
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
