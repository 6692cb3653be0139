import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@campaign/auth';
import { ShowNames } from '../responses/show-names.decorator';
import { ReviewQueueQueryDto } from './review-queue.dto';
import { ReviewQueuePage, ReviewQueueService } from './review-queue.service';

@ApiTags('review queue')
@ApiBearerAuth()
@Controller('review-queue')
export class ReviewQueueController {
  constructor(private readonly queue: ReviewQueueService) {}

  @Get()
  @Roles('district-admin', 'unit-admin')
  @ShowNames({ memberId: 'member', unitId: 'unit' })
  @ApiOkResponse({ description: 'Submissions, completed targets and plans waiting for the caller’s review, oldest first, paged, with names' })
  waiting(@CurrentPrincipal() principal: Principal, @Query() query: ReviewQueueQueryDto): Promise<ReviewQueuePage> {
    return this.queue.waiting(principal, query);
  }
}
