import { Module } from '@nestjs/common';
import { ObligationsService } from './obligations.service';

@Module({ providers: [ObligationsService], exports: [ObligationsService] })
export class ObligationsModule {}
