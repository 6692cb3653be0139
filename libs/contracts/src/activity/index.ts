export * from './campaign.events';
export * from './plan.events';
export * from './activity.events';
export * from './record.events';
export * from './obligation.events';
