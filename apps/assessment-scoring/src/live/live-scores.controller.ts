import { Controller, MessageEvent, Query, Sse } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Observable } from 'rxjs';
import { CurrentPrincipal, Principal } from '@campaign/auth';
import { LiveScoresQueryDto } from './live-scores.dto';
import { visibleChange } from './visible-change';
import { LiveScoresService } from './live-scores.service';

const HEARTBEAT_MS = 15_000;

@ApiTags('live')
@ApiBearerAuth()
@Controller('live')
export class LiveScoresController {
  constructor(private readonly live: LiveScoresService) {}

  @Sse('scores')
  @ApiOkResponse({
    description:
      'Server-sent events: `ready` once the feed is followed, then `score` for each score change of the caller\'s district ' +
      '(a district admin sees every change; others the unit, and the member only when it is themselves), `heartbeat` every 15 s.',
  })
  scores(@CurrentPrincipal() principal: Principal, @Query() query: LiveScoresQueryDto): Observable<MessageEvent> {
    return new Observable<MessageEvent>((subscriber) => {
      let unlisten: (() => void) | undefined;
      let closed = false;
      this.live
        .listen({
          change: (change) => {
            if (change.district !== principal.district) return;
            if (query.campaignId && change.payload.campaignId !== query.campaignId) return;
            subscriber.next({ type: 'score', id: change.eventId, data: visibleChange(principal, change) });
          },
        })
        .then(
          (stop) => {
            if (closed) return stop();
            unlisten = stop;
            subscriber.next({ type: 'ready', data: { at: new Date().toISOString() } });
          },
          (error: Error) => subscriber.error(error),
        );
      const heartbeat = setInterval(() => subscriber.next({ type: 'heartbeat', data: { at: new Date().toISOString() } }), HEARTBEAT_MS);
      return () => {
        closed = true;
        clearInterval(heartbeat);
        unlisten?.();
      };
    });
  }
}
