import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AccessService } from './access.service';
import { MEMBER_CONTEXT_MAX_AGE_MS, MemberContextCache } from './member-context-cache';
import { NameCache } from './name-cache';
import { NamesService } from './names.service';
import { UnitSystemsCache } from './unit-systems-cache';

const caches = [
  { provide: NameCache, inject: [ConfigService], useFactory: (config: ConfigService) => new NameCache(config.getOrThrow<number>('NAME_CACHE_MAX_NAMES')) },
  {
    provide: MemberContextCache,
    inject: [ConfigService],
    useFactory: (config: ConfigService) => new MemberContextCache(config.getOrThrow<number>('MEMBER_CONTEXT_CACHE_MAX_MEMBERS'), MEMBER_CONTEXT_MAX_AGE_MS),
  },
  { provide: UnitSystemsCache, inject: [ConfigService], useFactory: (config: ConfigService) => new UnitSystemsCache(config.getOrThrow<number>('UNIT_SYSTEMS_CACHE_MAX_UNITS')) },
];

/** Who may see what, names beside ids and the caches of the org read model: every feature's, so global. */
@Global()
@Module({ providers: [AccessService, NamesService, ...caches], exports: [AccessService, NamesService, NameCache, MemberContextCache, UnitSystemsCache] })
export class CommonModule {}
