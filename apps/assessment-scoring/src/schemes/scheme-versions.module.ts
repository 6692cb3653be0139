import { Module } from '@nestjs/common';
import { SchemesService } from './schemes.service';

/** The stored scheme versions everything that scores reads; apart from SchemesModule, whose endpoints recompute through the ledger. */
@Module({ providers: [SchemesService], exports: [SchemesService] })
export class SchemeVersionsModule {}
