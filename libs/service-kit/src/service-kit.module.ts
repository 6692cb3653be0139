import { DynamicModule, Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { ConfigService } from '@nestjs/config';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import { z } from 'zod';
import { BaseEnv, parseEnv } from './config';
import { RequestContextMiddleware } from './context.middleware';
import { HealthController, ReadinessRegistry } from './health';
import { loggerParams } from './logging';
import { HttpMetricsInterceptor, MetricsController, MetricsService } from './metrics';
import { expensiveThrottlerOptions } from './rate-limit';

export const SERVICE_NAME = Symbol('SERVICE_NAME');

export interface ServiceKitOptions<S extends z.ZodType> {
  serviceName: string;
  envSchema: S;
}

/** Configuration, logs, correlation, health, metrics: what every service has, wired once. */
@Global()
@Module({})
export class ServiceKitModule implements NestModule {
  static forRoot<S extends z.ZodType>(options: ServiceKitOptions<S>): DynamicModule {
    // The environment is read when the application is created, not when this module is imported.
    const configProvider = {
      provide: ConfigService,
      useFactory: () => new ConfigService(parseEnv(options.envSchema, process.env) as Record<string, unknown>),
    };
    return {
      module: ServiceKitModule,
      imports: [
        LoggerModule.forRootAsync({
          providers: [configProvider],
          inject: [ConfigService],
          useFactory: (config: ConfigService) => loggerParams(options.serviceName, config.getOrThrow<string>('LOG_LEVEL')),
        }),
        TerminusModule.forRoot({ logger: false }),
        ThrottlerModule.forRootAsync({ useFactory: () => expensiveThrottlerOptions(parseEnv(options.envSchema, process.env) as BaseEnv) }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        configProvider,
        { provide: SERVICE_NAME, useValue: options.serviceName },
        MetricsService,
        ReadinessRegistry,
        { provide: APP_INTERCEPTOR, useClass: HttpMetricsInterceptor },
      ],
      exports: [ConfigService, SERVICE_NAME, MetricsService, ReadinessRegistry],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestContextMiddleware).forRoutes('*path');
  }
}
