import { Controller, Get, Injectable } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@campaign/auth';
import { HealthCheck, HealthCheckService, HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';

export type ReadinessProbe = () => Promise<void>;

/** Dependencies (store, broker) register a probe here; readiness fails while any probe throws or the service drains. */
@Injectable()
export class ReadinessRegistry {
  private readonly probes = new Map<string, ReadinessProbe>();
  private draining = false;

  register(name: string, probe: ReadinessProbe): void {
    this.probes.set(name, probe);
  }

  markDraining(): void {
    this.draining = true;
  }

  isDraining(): boolean {
    return this.draining;
  }

  entries(): [string, ReadinessProbe][] {
    return [...this.probes.entries()];
  }
}

const PROBE_TIMEOUT_MS = 2_000;

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly readiness: ReadinessRegistry,
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    const checks = this.readiness.entries().map(([name, probe]) => () => this.runProbe(name, probe));
    checks.push(() => {
      const indicator = this.indicators.check('shutdown');
      return Promise.resolve(this.readiness.isDraining() ? indicator.down({ message: 'draining' }) : indicator.up());
    });
    return this.health.check(checks);
  }

  private async runProbe(name: string, probe: ReadinessProbe): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(name);
    try {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
      });
      await Promise.race([probe(), timeout]).finally(() => clearTimeout(timer));
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
