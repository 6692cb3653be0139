import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createParser, EventSourceMessage } from 'eventsource-parser';
import { Principal } from '@campaign/auth';
import { PayloadOf, ScoreChanged } from '@campaign/contracts';
import { eventually, testToken } from '@campaign/testing';
import { EventFeed } from './support';

/** An open `GET /live/scores` of one caller: every event it has received so far. */
class LiveStream {
  readonly events: EventSourceMessage[] = [];
  private readonly abort = new AbortController();

  static async open(app: INestApplication, principal: Principal, query = ''): Promise<LiveStream> {
    const stream = new LiveStream();
    const response = await fetch(`${await app.getUrl()}/live/scores${query}`, {
      headers: { authorization: `Bearer ${await testToken(principal)}` },
      signal: stream.abort.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    void stream.read(response.body as ReadableStream<Uint8Array>);
    await eventually(async () => expect(stream.ofType('ready')).toHaveLength(1));
    return stream;
  }

  ofType(type: string): unknown[] {
    return this.events.filter((event) => event.event === type).map((event) => JSON.parse(event.data));
  }

  close(): void {
    this.abort.abort();
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const parser = createParser({ onEvent: (event) => this.events.push(event) });
    const decoder = new TextDecoder();
    try {
      for await (const chunk of body) parser.feed(decoder.decode(chunk, { stream: true }));
    } catch {
      // aborted by close()
    }
  }
}

export function liveScoresSuite(getApp: () => INestApplication): void {
  describe('live score changes (GET /live/scores)', () => {
    const district = `live-${randomUUID().slice(0, 8)}`;
    const otherDistrict = `live-other-${randomUUID().slice(0, 8)}`;
    const campaignId = `campaign-${randomUUID().slice(0, 8)}`;
    /** The fields of both versions of the event (v1 per line, v2 per subject and batch): the feed reads only the common ones. */
    const change = (subjectId: string) =>
      ({
        campaignId,
        subjectType: 'member',
        subjectId,
        unitId: 'u-school',
        ledgerEntryId: randomUUID(),
        points: 1,
        indicatorId: 'study',
        sourceEventId: null,
        standings: [{ scope: 'member', period: 'campaign', points: 1, delta: 1 }],
        lines: 1,
        sourceEventIds: [randomUUID()],
      }) as PayloadOf<typeof ScoreChanged>;
    const streams: LiveStream[] = [];
    afterAll(() => streams.forEach((stream) => stream.close()));

    it('refuses a caller without a token', async () => {
      const response = await fetch(`${await getApp().getUrl()}/live/scores`);
      expect(response.status).toBe(401);
    });

    it("streams the district's changes only, each with what its caller may see", async () => {
      const app = getApp();
      const admin = await LiveStream.open(app, { sub: 'admin', district, roles: ['district-admin'], units: [] });
      const member = await LiveStream.open(app, { sub: 'm-1', district, roles: ['member'], units: [], memberId: 'm-1' });
      const otherCampaign = await LiveStream.open(app, { sub: 'admin', district, roles: ['district-admin'], units: [] }, '?campaignId=another');
      const outsider = await LiveStream.open(app, { sub: 'admin', district: otherDistrict, roles: ['district-admin'], units: [] });
      streams.push(admin, member, otherCampaign, outsider);
      const feed = await EventFeed.connect(district);
      const otherFeed = await EventFeed.connect(otherDistrict);
      try {
        await feed.publish(ScoreChanged, change('m-2'));
        await feed.publish(ScoreChanged, change('m-1'));
        // Published last: once the outsider has it, every earlier change has passed every listener.
        await otherFeed.publish(ScoreChanged, change('x-1'));
      } finally {
        await feed.close();
        await otherFeed.close();
      }

      await eventually(async () => expect(outsider.ofType('score')).toEqual([expect.objectContaining({ subjectId: 'x-1' })]));
      expect(admin.ofType('score')).toEqual([
        expect.objectContaining({ campaignId, subjectId: 'm-2', unitId: 'u-school' }),
        expect.objectContaining({ campaignId, subjectId: 'm-1' }),
      ]);
      expect(member.ofType('score')).toEqual([
        { campaignId, subjectType: 'member', unitId: 'u-school', occurredAt: expect.any(String) },
        expect.objectContaining({ subjectId: 'm-1' }),
      ]);
      expect(otherCampaign.ofType('score')).toEqual([]);
    });
  });
}
