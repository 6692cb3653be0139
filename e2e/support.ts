import { Infrastructure, Platform, SERVICES, ServiceName, SmtpSink, startInfrastructure, startPlatform, startSmtpSink } from '@campaign/testing';
import { LOCAL_AUTH_SECRET } from '../tools/platform/dev-tokens';

/** The four services as separate processes on their own FerretDB and NATS, mailing into an SMTP sink. */
export class PlatformUnderTest {
  private infrastructure?: Infrastructure;
  private smtp?: SmtpSink;
  private platform?: Platform;
  /** Each service's base URL, once started. */
  urls!: Record<ServiceName, string>;

  async start(infrastructureOptions?: Parameters<typeof startInfrastructure>[0]): Promise<void> {
    this.infrastructure = await startInfrastructure(infrastructureOptions);
    this.smtp = await startSmtpSink();
    const platform = await startPlatform({
      infrastructure: this.infrastructure,
      authSecret: LOCAL_AUTH_SECRET,
      logLevel: 'warn',
      env: { notifications: { SMTP_URL: this.smtp.url, MAIL_FROM: 'campaign@e2e.test' } },
    });
    this.platform = platform;
    this.urls = Object.fromEntries(SERVICES.map((service) => [service, platform.url(service)])) as Record<ServiceName, string>;
  }

  /** Stops whatever started, so a start that failed half-way leaves nothing running. */
  async stop(): Promise<void> {
    await this.platform?.stop();
    await this.smtp?.stop();
    await this.infrastructure?.stop();
  }
}
