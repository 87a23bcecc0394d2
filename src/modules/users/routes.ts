import { z } from 'zod';
import type { RouteModule } from '../../platform/http/types';
import { actorOf } from '../../platform/access/user';
import { idParam, okResponse } from '../../platform/http/schemas';
import { PERMISSIONS } from '../../platform/access/permissions';
import * as s from './schema';
import { createUser, getUser, listRoles, listUsers, resetPassword, saveRole, updateUser } from './service';

export const userRoutes: RouteModule = (app, ctx) => {
  app.get('/api/users', {
    config: { access: 'users.read' },
    schema: { tags: ['users'], summary: '用户列表（数据范围内）', querystring: s.userListQuery, response: { 200: s.userList } },
  }, async (req) => listUsers(ctx.db, req.user!, req.query));

  app.get('/api/users/:id', {
    config: { access: 'users.read' },
    schema: { tags: ['users'], summary: '用户详情', params: idParam, response: { 200: s.user } },
  }, async (req) => getUser(ctx.db, req.user!, req.params.id));

  app.post('/api/users', {
    config: { access: 'users.write' },
    schema: { tags: ['users'], summary: '新建用户（角色、数据范围、初始密码）', body: s.createUserInput, response: { 200: s.user } },
  }, async (req) => createUser(ctx.db, req.user!, actorOf(req.user!, req.ip), req.body));

  app.put('/api/users/:id', {
    config: { access: 'users.write' },
    schema: { tags: ['users'], summary: '修改用户、角色和数据范围', params: idParam, body: s.userInput, response: { 200: s.user } },
  }, async (req) => updateUser(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body));

  app.post('/api/users/:id/password', {
    config: { access: 'users.write' },
    schema: { tags: ['users'], summary: '重置用户密码（该用户的会话全部失效）', params: idParam, body: s.resetPasswordBody, response: { 200: okResponse } },
  }, async (req) => {
    await resetPassword(ctx.db, req.user!, actorOf(req.user!, req.ip), req.params.id, req.body.password);
    return { ok: true as const };
  });

  app.get('/api/roles', {
    config: { access: 'authenticated' },
    schema: { tags: ['users'], summary: '角色及其权限', response: { 200: z.array(s.role) } },
  }, async () => listRoles(ctx.db));

  app.get('/api/permissions', {
    config: { access: 'authenticated' },
    schema: { tags: ['users'], summary: '全部权限代码', response: { 200: z.array(s.permissionInfo) } },
  }, async () => Object.entries(PERMISSIONS).map(([code, name]) => ({ code, name })));

  app.post('/api/roles', {
    config: { access: 'users.write' },
    schema: { tags: ['users'], summary: '新建自定义角色', body: s.roleInput, response: { 200: s.role } },
  }, async (req) => saveRole(ctx.db, req.user!, actorOf(req.user!, req.ip), req.body, true));

  app.put('/api/roles/:code', {
    config: { access: 'users.write' },
    schema: { tags: ['users'], summary: '修改自定义角色', params: z.object({ code: s.roleCode }), body: s.roleInput.omit({ code: true }), response: { 200: s.role } },
  }, async (req) => saveRole(ctx.db, req.user!, actorOf(req.user!, req.ip), { ...req.body, code: req.params.code }, false));
};
