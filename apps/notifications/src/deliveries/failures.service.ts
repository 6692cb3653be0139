import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Clock } from '../clock/clock';
import { DeliveryWorker } from './delivery-worker.service';
import { DELIVERY, Delivery } from './delivery.schema';
import { FailureView, failureView } from './failures.dto';

@Injectable()
export class FailuresService {
  constructor(
    @InjectModel(DELIVERY) private readonly deliveries: Model<Delivery>,
    private readonly worker: DeliveryWorker,
    private readonly clock: Clock,
  ) {}

  async list(district: string, limit: number): Promise<FailureView[]> {
    return (await this.deliveries.find({ district, status: 'dead' }).sort({ updatedAt: -1 }).limit(limit).lean<Delivery[]>()).map(failureView);
  }

  /** Gives a dead-lettered delivery a fresh set of attempts; its history of attempts is kept. */
  async replay(district: string, deliveryId: string): Promise<FailureView> {
    // updateOne then findOne: FerretDB 1.x rejects the projection Mongoose adds to findOneAndUpdate on this schema.
    const result = await this.deliveries.updateOne(
      { district, deliveryId, status: 'dead' },
      { $set: { status: 'pending', attemptCount: 0, nextAttemptAt: this.clock.now() }, $inc: { replays: 1 } },
    );
    const replayed = result.modifiedCount > 0 ? await this.deliveries.findOne({ district, deliveryId }).lean<Delivery>() : null;
    if (!replayed) throw new NotFoundException(`no dead-lettered delivery ${deliveryId}`);
    this.worker.kick();
    return failureView(replayed);
  }
}
