import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from './signature';

export interface WebhookTarget {
  url: string;
  secret: string;
}

/** Generic signed JSON for messaging gateways (WeCom, DingTalk, SMS); any non-2xx answer is a failed attempt. */
@Injectable()
export class WebhookChannel {
  private readonly timeoutMs: number;

  constructor(config: ConfigService) {
    this.timeoutMs = config.getOrThrow<number>('WEBHOOK_TIMEOUT_MS');
  }

  async send(target: WebhookTarget, deliveryId: string, payload: unknown, now: Date): Promise<void> {
    const body = JSON.stringify(payload);
    const timestamp = String(Math.floor(now.getTime() / 1000));
    const response = await fetch(target.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: signWebhook(target.secret, timestamp, body),
        'X-Delivery-Id': deliveryId,
      },
      body,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`webhook answered ${response.status}`);
  }
}
