import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';

const NOT_A_DTO: unknown[] = [Object, Array, String, Number, Boolean];

/**
 * A body declared as a DTO class must be a JSON object: an array passes class validation as a list of nothing and
 * reached the store as an empty update (notifications answered `PUT /settings` with `[]` by 500).
 */
@Injectable()
export class ObjectBodyPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const declaresDto = typeof metadata.metatype === 'function' && !NOT_A_DTO.includes(metadata.metatype);
    if (metadata.type === 'body' && declaresDto && Array.isArray(value)) throw new BadRequestException(['body must be a JSON object, not an array']);
    return value;
  }
}
