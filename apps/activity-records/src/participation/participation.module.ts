import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { AttendanceModule } from '../attendance/attendance.module';
import { StudyLogModule } from '../study-log/study-log.module';
import { SubmissionsModule } from '../submissions/submissions.module';
import { ParticipationController } from './participation.controller';
import { ParticipationService } from './participation.service';

@Module({ imports: [AccessModule, AttendanceModule, StudyLogModule, SubmissionsModule], controllers: [ParticipationController], providers: [ParticipationService] })
export class ParticipationModule {}
