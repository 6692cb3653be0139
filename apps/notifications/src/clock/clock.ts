import { Injectable } from '@nestjs/common';

/** The service's notion of "now": one provider, so tests can move time without waiting for it. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
