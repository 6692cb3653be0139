import { DynamicModule, Module, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectConnection, MongooseModule } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { ReadinessRegistry } from '@campaign/service-kit';

@Module({})
class StoreReadiness implements OnModuleInit {
  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly readiness: ReadinessRegistry,
  ) {}

  onModuleInit(): void {
    this.readiness.register('store', async () => {
      if (!this.connection.db) throw new Error('not connected');
      await this.connection.db.admin().ping();
    });
  }
}

/** One Mongoose connection per service, to the database named in MONGO_URL (each service has its own). */
@Module({})
export class PersistenceModule {
  static forRoot(): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        MongooseModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService) => ({
            uri: config.getOrThrow<string>('MONGO_URL'),
            serverSelectionTimeoutMS: 5_000,
            maxPoolSize: config.getOrThrow<number>('MONGO_MAX_POOL_SIZE'),
            autoIndex: true,
            // FerretDB 1.x has no retryable writes; real MongoDB still retries per its server default.
            retryWrites: false,
          }),
        }),
      ],
      providers: [StoreReadiness],
    };
  }
}
