import { applyDecorators, ExecutionContext, HttpException, HttpStatus, Injectable, UseGuards } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail, ThrottlerModuleOptions } from '@nestjs/throttler';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { defineCatalogues } from '@campaign/i18n';
import { requestTranslator } from './request-context';

const rateLimitText = requestTranslator(
  defineCatalogues({
    'zh-CN': { 'rate-limited': '请求过于频繁：本区此操作每{{windowSeconds}}秒最多{{limit}}次，请{{retryAfterSeconds}}秒后重试' },
    en: { 'rate-limited': 'too many requests: this district may do this at most {{limit}} times in {{windowSeconds}} s; retry in {{retryAfterSeconds}} s' },
  }),
);

/** The one throttler of expensive endpoints, from RATE_LIMIT_EXPENSIVE_PER_WINDOW and RATE_LIMIT_WINDOW_SECONDS. */
export function expensiveThrottlerOptions(env: { RATE_LIMIT_EXPENSIVE_PER_WINDOW: number; RATE_LIMIT_WINDOW_SECONDS: number }): ThrottlerModuleOptions {
  // Named 'default' so the throttler answers a plain `Retry-After` header.
  return [{ name: 'default', limit: env.RATE_LIMIT_EXPENSIVE_PER_WINDOW, ttl: env.RATE_LIMIT_WINDOW_SECONDS * 1000 }];
}

/**
 * Counts calls per endpoint and per caller's district (in memory: per replica), and answers the one over the limit 429
 * with `Retry-After` and the limit in the platform's error shape. Runs after the token guard, so the principal is known.
 */
@Injectable()
export class DistrictThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const principal = request.principal as { district?: string } | undefined;
    return principal?.district ? `district:${principal.district}` : `ip:${String(request.ip)}`;
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const limit = { limit: detail.limit, windowSeconds: detail.ttl / 1000, retryAfterSeconds: detail.timeToBlockExpire };
    throw new HttpException({ statusCode: HttpStatus.TOO_MANY_REQUESTS, code: 'rate-limited', message: rateLimitText.t('rate-limited', limit), details: [limit] }, HttpStatus.TOO_MANY_REQUESTS);
  }
}

/** An endpoint whose work grows with the district (imports, recomputation): rate-limited per district. */
export function ExpensiveEndpoint(): MethodDecorator {
  return applyDecorators(
    UseGuards(DistrictThrottlerGuard),
    ApiTooManyRequestsResponse({ description: 'the district called this endpoint more than RATE_LIMIT_EXPENSIVE_PER_WINDOW times in RATE_LIMIT_WINDOW_SECONDS; see Retry-After' }),
  );
}
