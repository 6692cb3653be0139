import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Request } from 'express';
import { from, mergeMap, Observable } from 'rxjs';
import { Principal } from '@campaign/auth';
import { withoutInternalFields } from '@campaign/persistence';
import { NamesService } from './names.service';
import { NameSpec, SHOW_NAMES } from './show-names.decorator';

type Row = Record<string, unknown>;

const isRow = (value: unknown): value is Row => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Shapes every response body: internal fields never leave the service (lean reads bypass the schema's toJSON), and
 * routes marked `@ShowNames` show names beside ids.
 */
@Injectable()
export class ResponseInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly names: NamesService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const spec = this.reflector.get<NameSpec | undefined>(SHOW_NAMES, context.getHandler());
    const principal = context.switchToHttp().getRequest<Request & { principal?: Principal }>().principal;
    return next.handle().pipe(mergeMap((body) => from(this.shape(body, spec, principal?.district))));
  }

  private async shape(body: unknown, spec: NameSpec | undefined, district: string | undefined): Promise<unknown> {
    const clean = withoutInternalFields(body);
    if (!spec || !district) return clean;
    if (Array.isArray(clean)) return this.names.attach(district, clean.filter(isRow), spec);
    if (isRow(clean) && Array.isArray(clean.items)) return { ...clean, items: await this.names.attach(district, clean.items.filter(isRow), spec) };
    if (isRow(clean)) return (await this.names.attach(district, [clean], spec))[0];
    return clean;
  }
}
