import { TextField } from '@campaign/service-kit';

export class ParticipationQueryDto {
  @TextField('code') campaignId: string;
}
