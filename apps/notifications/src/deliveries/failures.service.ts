import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Clock } from '../clock/clock';
import { DirectoryService } from '../directory/directory.service';
import { conflict, notFound } from '../i18n/problems';
import { DeliveryWorker } from './delivery-worker.service';
import { DELIVERY, Delivery } from './delivery.schema';
import { FailureView, failureView } from './failures.dto';

@Injectable()
export class FailuresService {
  constructor(
    @InjectModel(DELIVERY) private readonly deliveries: Model<Delivery>,
    private readonly worker: DeliveryWorker,
    private readonly directory: DirectoryService,
    private readonly clock: Clock,
  ) {}

  async list(district: string, limit: number): Promise<FailureView[]> {
    return this.views(district, await this.deliveries.find({ district, status: 'dead' }).sort({ updatedAt: -1 }).limit(limit).lean<Delivery[]>());
  }

  private async views(district: string, deliveries: Delivery[]): Promise<FailureView[]> {
    const { members } = await this.directory.names(district, { unitIds: [], memberIds: deliveries.map((delivery) => delivery.recipientMemberId) });
    return deliveries.map((delivery) => failureView(delivery, members.get(delivery.recipientMemberId)?.name ?? null));
  }

  /** Gives a dead-lettered delivery a fresh set of attempts; its history of attempts is kept. 404 when none, 409 when not dead. */
  async replay(district: string, deliveryId: string): Promise<FailureView> {
    const delivery = await this.deliveries.findOne({ district, deliveryId }).lean<Delivery>();
    if (!delivery) throw notFound('delivery.not-found', { deliveryId });
    // updateOne then findOne: FerretDB 1.x rejects the projection Mongoose adds to findOneAndUpdate on this schema.
    const result = await this.deliveries.updateOne(
      { district, deliveryId, status: 'dead' },
      { $set: { status: 'pending', attemptCount: 0, nextAttemptAt: this.clock.now(), deferredByQuietHours: false }, $inc: { replays: 1 } },
    );
    if (result.modifiedCount === 0) throw conflict('delivery.not-dead', { deliveryId });
    this.worker.kick();
    const [view] = await this.views(district, [(await this.deliveries.findOne({ district, deliveryId }).lean<Delivery>()) as Delivery]);
    return view;
  }
}
