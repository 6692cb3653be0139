import { INestApplication, PayloadTooLargeException, Type, ValidationPipe } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { ErrorRequestHandler } from 'express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { z } from 'zod';
import { ConfigurationError, parseEnv } from './config';
import { ReadinessRegistry } from './health';
import { ObjectBodyPipe } from './object-body.pipe';
import { TextPolicyPipe } from './text-policy';

export interface ServiceDescription {
  name: string;
  title: string;
  description: string;
}

/** The body parser's refusal of a large body as an HttpException, so each service answers it in its error shape. */
function bodyTooLargeAs413(limitMb: number): ErrorRequestHandler {
  return (error: unknown, _request, _response, next) => {
    const tooLarge = (error as { type?: string }).type === 'entity.too.large';
    next(tooLarge ? new PayloadTooLargeException(`the request body is larger than ${limitMb} MB (HTTP_BODY_LIMIT_MB)`) : error);
  };
}

/**
 * Provided by a module that brings a message transport (libs/messaging's JetStream server): connects it to the app as a
 * microservice, so the app is hybrid, HTTP and messages. Declared here because service-kit may not depend on messaging.
 */
export abstract class MessageTransport {
  abstract connectTo(app: INestApplication): void;
}

/** The transport a module of the app provides, if any. */
function messageTransportOf(app: INestApplication): MessageTransport | undefined {
  try {
    return app.get(MessageTransport, { strict: false });
  } catch {
    return undefined;
  }
}

/**
 * Builds the Nest application with the platform's conventions and starts it, message handlers included (they run after
 * every module's init and bootstrap hooks), without listening on HTTP.
 */
export async function createServiceApp(rootModule: Type<unknown>, service: ServiceDescription): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(rootModule, { bufferLogs: true, abortOnError: false });
  const config = app.get(ConfigService);
  const bodyLimitMb = config.getOrThrow<number>('HTTP_BODY_LIMIT_MB');
  // Bulk requests (thousands of attendance rows, HR imports) exceed express's 100 kB default body limit.
  app.useBodyParser('json', { limit: `${bodyLimitMb}mb` });
  app.use(bodyTooLargeAs413(bodyLimitMb));
  app.useLogger(app.get(Logger));
  app.useGlobalPipes(new TextPolicyPipe(), new ObjectBodyPipe(), new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.enableShutdownHooks();
  if (config.get<boolean>('DOCS_ENABLED') !== false) {
    const document = SwaggerModule.createDocument(
      app,
      new DocumentBuilder().setTitle(service.title).setDescription(service.description).setVersion('1').addBearerAuth().build(),
    );
    SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  }
  messageTransportOf(app)?.connectTo(app);
  await app.init();
  await app.startAllMicroservices();
  return app;
}

/** Entry point of every service: a bad configuration prints each bad variable and exits 1 before anything starts. */
export async function runService(rootModule: Type<unknown>, service: ServiceDescription & { envSchema: z.ZodType }): Promise<void> {
  try {
    parseEnv(service.envSchema, process.env);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    process.stderr.write(`${service.name}: ${error.message}\n`);
    process.exit(1);
  }
  const app = await createServiceApp(rootModule, service);
  const config = app.get(ConfigService);
  const readiness = app.get(ReadinessRegistry);
  const shutdownTimeout = config.getOrThrow<number>('SHUTDOWN_TIMEOUT_MS');
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      readiness.markDraining();
      setTimeout(() => process.exit(1), shutdownTimeout).unref();
    });
  }
  await app.listen(config.getOrThrow<number>('PORT'), config.getOrThrow<string>('HOST'));
  app.get(Logger).log(`${service.name} listening on ${await app.getUrl()}`);
}
