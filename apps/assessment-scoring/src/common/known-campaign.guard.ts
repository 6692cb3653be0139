import { BadRequestException, CanActivate, ExecutionContext, Injectable, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Request } from 'express';
import { Model } from 'mongoose';
import { Principal } from '@campaign/auth';
import { textProblem } from '@campaign/service-kit';
import { CAMPAIGN_VIEW, CampaignView } from '../integration-events/read-model.schemas';
import { problem } from './error-codes.filter';

/**
 * A route under `campaigns/:campaignId` answers 404 for a campaign the caller's district does not have (another
 * district's is indistinguishable from none), after the roles are checked and before the caller's scope is.
 */
@Injectable()
export class KnownCampaignGuard implements CanActivate {
  constructor(@InjectModel(CAMPAIGN_VIEW) private readonly campaigns: Model<CampaignView>) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const campaignId = request.params.campaignId as string | undefined;
    if (!campaignId || !request.principal) return true;
    // Guards run before the text policy's pipe, and the store refuses a NUL in a query with an internal error.
    const broken = textProblem(campaignId);
    if (broken) throw new BadRequestException([`campaignId ${broken}`]);
    if (await this.campaigns.exists({ district: request.principal.district, campaignId })) return true;
    throw new NotFoundException(problem('error.no-campaign', { campaignId }));
  }
}
