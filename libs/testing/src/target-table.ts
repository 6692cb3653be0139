import { AUTHORIZATION_TABLE } from './authorization-table';
import { TargetTable } from './target-matrix';

/*
 * Who may act on which real record, per service: each row's statuses are, in order, the district admin's, the unit
 * admin's (of the subtree that holds `inside` and `own`), the member's (whose record `own` is) and another district's
 * admin's. The last column is never a 2xx: a 404 where the role may act in its own district, else the role check's 403.
 * Every service's fixture seeds these records through its API and the events it consumes.
 */
const ALL = [200, 200, 200, 404] as const;
const ADMINS = [200, 200, 403, 404] as const;
const DISTRICT_ADMIN = [200, 403, 403, 404] as const;

export const TARGET_TABLE: Record<keyof typeof AUTHORIZATION_TABLE, TargetTable> = {
  'org-registry': {
    'GET /units/:id': { path: '/units/{unit}', expect: { inside: ADMINS, outside: DISTRICT_ADMIN } },
    'GET /units/:id/subtree': { path: '/units/{unit}/subtree', expect: { inside: ADMINS, outside: DISTRICT_ADMIN } },
    'PATCH /units/:id': { path: '/units/{unit}', body: (ids) => ({ name: ids.unitName }), expect: { inside: ADMINS, outside: DISTRICT_ADMIN } },
    'GET /units/:unitId/leading-groups': { path: '/units/{unit}/leading-groups', expect: { inside: ADMINS, outside: DISTRICT_ADMIN } },
    'GET /members/:id': { path: '/members/{member}', expect: { inside: ADMINS, outside: DISTRICT_ADMIN, own: ALL } },
    'GET /members/:memberId/seats': { path: '/members/{member}/seats', expect: { inside: ADMINS, outside: DISTRICT_ADMIN, own: ALL } },
    'PATCH /members/:id': { path: '/members/{member}', body: { isKeyPost: false }, expect: { inside: ADMINS, outside: DISTRICT_ADMIN, own: ADMINS } },
  },
  'activity-records': {
    'GET /plans/:planId': { path: '/plans/{plan}', expect: { inside: ADMINS, outside: DISTRICT_ADMIN } },
    'GET /activities/:activityId': { path: '/activities/{activity}', expect: { inside: ADMINS, outside: DISTRICT_ADMIN, own: ADMINS } },
    'GET /activities/:activityId/attendance': { path: '/activities/{activity}/attendance', expect: { inside: ADMINS, outside: DISTRICT_ADMIN } },
    'PUT /activities/:activityId/attendance/:memberId': { path: '/activities/{activity}/attendance/{member}', body: { status: 'present' }, expect: { inside: ADMINS, outside: DISTRICT_ADMIN } },
    'GET /submissions/:submissionId': { path: '/submissions/{submission}', expect: { inside: ADMINS, outside: DISTRICT_ADMIN, own: ALL } },
    'GET /members/:memberId/submissions': { path: '/members/{member}/submissions', expect: { inside: ADMINS, outside: DISTRICT_ADMIN, own: ALL } },
    'GET /members/:memberId/study-log': { path: '/members/{member}/study-log', expect: { inside: ADMINS, outside: DISTRICT_ADMIN, own: ALL } },
    'GET /members/:memberId/targets': { path: '/members/{member}/targets', expect: { inside: ADMINS, outside: DISTRICT_ADMIN, own: ALL } },
    'PUT /targets/:targetId/progress': { path: '/targets/{target}/progress', body: { progress: 50 }, expect: { inside: [403, 403, 403, 403], own: [403, 403, 200, 403] } },
    'POST /targets/bulk': {
      path: '/targets/bulk',
      body: (ids) => ({ campaignId: ids.campaign, year: 2026, kind: 'common', title: '每周集中学习', dueAt: '2026-12-31T23:59:59+08:00', filter: { memberIds: [ids.member] } }),
      expect: { inside: [201, 201, 403, 404], outside: [201, 403, 403, 404] },
    },
    'GET /units/:unitId/obligations': { path: '/units/{unit}/obligations', expect: { inside: ADMINS, outside: DISTRICT_ADMIN } },
  },
  'assessment-scoring': {
    'GET /campaigns/:campaignId/standings/:scope/:subjectId (a member)': { path: '/campaigns/{campaign}/standings/member/{member}', expect: { inside: ADMINS, outside: DISTRICT_ADMIN, own: ALL } },
    'GET /campaigns/:campaignId/standings/:scope/:subjectId (a unit)': { path: '/campaigns/{campaign}/standings/unit/{unit}', expect: { inside: ADMINS, outside: DISTRICT_ADMIN } },
    'GET /campaigns/:campaignId/members/:memberId/explain': { path: '/campaigns/{campaign}/members/{member}/explain', expect: { inside: ADMINS, outside: DISTRICT_ADMIN, own: ALL } },
    'GET /campaigns/:campaignId/units/:unitId/explain': { path: '/campaigns/{campaign}/units/{unit}/explain', expect: { inside: ADMINS, outside: DISTRICT_ADMIN } },
    'POST /campaigns/:campaignId/adjustments': {
      path: '/campaigns/{campaign}/adjustments',
      body: (ids) => ({ subjectType: 'member', subjectId: ids.member, indicatorId: 'study', points: 1, reason: '补录学习' }),
      expect: { inside: [201, 403, 403, 404], outside: [201, 403, 403, 404] },
    },
    'PUT /campaigns/:campaignId/appraisal/self-evaluations (a member’s)': {
      path: '/campaigns/{campaign}/appraisal/self-evaluations',
      body: (ids) => ({ subjectType: 'member', subjectId: ids.member, summary: '全面完成创先争优各项任务，集中学习每周一次。', proposedRating: 'excellent' }),
      expect: { inside: [403, 403, 403, 404], own: [403, 403, 200, 404] },
    },
    'PUT /campaigns/:campaignId/appraisal/self-evaluations (a unit’s)': {
      path: '/campaigns/{campaign}/appraisal/self-evaluations',
      body: (ids) => ({ subjectType: 'unit', subjectId: ids.unit, summary: '全面完成创先争优各项任务，集中学习每周一次。', proposedRating: 'excellent' }),
      expect: { inside: [403, 200, 403, 404], outside: [403, 403, 403, 404] },
    },
    // Only the member of `own` has evaluated themselves (the row above): the others' reviews pass who may act, then wait (409).
    'PUT /campaigns/:campaignId/appraisal/reviews': {
      path: '/campaigns/{campaign}/appraisal/reviews',
      body: (ids) => ({ subjectType: 'member', subjectId: ids.member, rating: 'good', comment: '学习认真' }),
      expect: { inside: [409, 409, 403, 404], outside: [409, 403, 403, 404], own: [200, 200, 403, 404] },
    },
  },
  notifications: {
    // A unit admin lists no notifications (GET /notifications), so reads none of its members' either.
    'GET /notifications/:notificationId': { path: '/notifications/{notification}', expect: { inside: DISTRICT_ADMIN, outside: DISTRICT_ADMIN, own: [200, 403, 200, 404] } },
    'POST /me/inbox/:notificationId/read': { path: '/me/inbox/{notification}/read', expect: { inside: [403, 403, 403, 403], own: [403, 403, 200, 403] } },
  },
};
