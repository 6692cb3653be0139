import { DynamicModule, Module, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectConnection, MongooseModule } from '@nestjs/mongoose';
import { Connection, Model } from 'mongoose';
import { ReadinessRegistry } from '@campaign/service-kit';
import { probeStoreKind, storeProfileFor, useStoreProfile } from './store-profile';

@Module({})
class StoreReadiness implements OnModuleInit {
  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly readiness: ReadinessRegistry,
  ) {}

  /**
   * Every model's collection and indexes exist before the application starts (consumers start at bootstrap, after
   * this): a unique index missing while the first events are written would let duplicates in for good.
   */
  async onModuleInit(): Promise<void> {
    this.readiness.register('store', async () => {
      if (!this.connection.db) throw new Error('not connected');
      await this.connection.db.admin().ping();
    });
    await Promise.all(this.connection.modelNames().map((name) => ensureCollectionAndIndexes(this.connection.model(name))));
  }
}

/** A model's collection and indexes; an index build that lost a race with the collection's creation is tried again. */
async function ensureCollectionAndIndexes(model: Pick<Model<object>, 'init' | 'createCollection' | 'createIndexes'>): Promise<void> {
  try {
    await model.init();
  } catch {
    await model.createCollection().catch(() => undefined);
    await model.createIndexes();
  }
}

/**
 * One Mongoose connection per service, to the database named in MONGO_URL (each service has its own), sized for the
 * server it talks to (see `StoreProfile`): the driver's defaults on MongoDB, retryable writes included.
 */
@Module({})
export class PersistenceModule {
  static forRoot(): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        MongooseModule.forRootAsync({
          inject: [ConfigService],
          useFactory: async (config: ConfigService) => {
            const uri = config.getOrThrow<string>('MONGO_URL');
            const profile = storeProfileFor(await probeStoreKind(uri), {
              ferretDbPoolMaxConns: config.get<number>('FERRETDB_POOL_MAX_CONNS'),
              maxPoolSize: config.get<number>('MONGO_MAX_POOL_SIZE'),
            });
            return {
              uri,
              serverSelectionTimeoutMS: 5_000,
              ...(profile.maxPoolSize === undefined ? {} : { maxPoolSize: profile.maxPoolSize }),
              autoIndex: true,
              connectionFactory: (connection: Connection) => {
                useStoreProfile(connection, profile);
                return connection;
              },
            };
          },
        }),
      ],
      providers: [StoreReadiness],
    };
  }
}
