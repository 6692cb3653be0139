import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { NamesService } from './names.service';

@Module({ imports: [CampaignsModule], providers: [NamesService], exports: [NamesService] })
export class ResponsesModule {}
