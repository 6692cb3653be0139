import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createTransport, Transporter } from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** Stable per delivery, so a mail resent after a crash can be recognised as the same message. */
  messageId: string;
}

/** Email over SMTP with nodemailer; off when SMTP_URL is not configured. */
@Injectable()
export class EmailChannel implements OnApplicationShutdown {
  private readonly transport?: Transporter;
  private readonly from: string;

  constructor(config: ConfigService) {
    const url = config.get<string>('SMTP_URL');
    this.from = config.getOrThrow<string>('MAIL_FROM');
    if (url) this.transport = createTransport(url);
  }

  get enabled(): boolean {
    return Boolean(this.transport);
  }

  async send(mail: OutgoingMail): Promise<void> {
    if (!this.transport) throw new Error('email channel is not configured (SMTP_URL)');
    await this.transport.sendMail({ from: this.from, to: mail.to, subject: mail.subject, text: mail.text, messageId: mail.messageId });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
