import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUrl, MinLength } from 'class-validator';
import { Locale, LOCALES } from './district-settings.schema';

export class UpdateSettingsDto {
  @ApiPropertyOptional({ example: 'Asia/Shanghai', description: 'IANA time zone for quiet hours and digests' })
  @IsOptional()
  @IsString()
  timeZone?: string;

  @ApiPropertyOptional({ enum: LOCALES })
  @IsOptional()
  @IsIn(LOCALES)
  defaultLocale?: Locale;

  @ApiPropertyOptional({ example: 'https://gateway.example.org/campaign', description: 'messaging gateway (WeCom, DingTalk, SMS)' })
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  webhookUrl?: string;

  @ApiPropertyOptional({ description: 'HMAC-SHA256 key of the webhook signature; write-only' })
  @IsOptional()
  @IsString()
  @MinLength(16)
  webhookSecret?: string;
}

export class SettingsView {
  timeZone!: string;
  defaultLocale!: Locale;
  webhookUrl!: string | null;
  hasWebhookSecret!: boolean;
}
