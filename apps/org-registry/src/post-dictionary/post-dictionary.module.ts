import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import { PostDictionaryController } from './post-dictionary.controller';
import { PostDictionaryService } from './post-dictionary.service';

@Module({ imports: [MembersModule], controllers: [PostDictionaryController], providers: [PostDictionaryService] })
export class PostDictionaryModule {}
