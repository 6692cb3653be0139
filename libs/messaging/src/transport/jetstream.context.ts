import { BaseRpcContext } from '@nestjs/microservices';
import { JsMsg } from '@nats-io/jetstream';

/** What `@Ctx()` gives an `@InboxEventPattern` handler: the JetStream message being handled. */
export class JetStreamContext extends BaseRpcContext<[JsMsg]> {
  getMessage(): JsMsg {
    return this.args[0];
  }

  getSubject(): string {
    return this.args[0].subject;
  }

  /** 1 on the first delivery; the message is dead-lettered after CONSUMER_MAX_DELIVER. */
  getDeliveryCount(): number {
    return this.args[0].info.deliveryCount;
  }
}

/** What `@Ctx()` gives a `@GroupCommitEventPattern` handler: the messages of the batch, in the payload's order. */
export class JetStreamBatchContext extends BaseRpcContext<[JsMsg[]]> {
  getMessages(): JsMsg[] {
    return this.args[0];
  }
}
