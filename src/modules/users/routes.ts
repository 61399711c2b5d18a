import { createRoute } from "@hono/zod-openapi";
import { errorResponses } from "../../lib/errors";
import { BEARER, jsonBody, jsonResponse, newRouter, PageQuery, pageOf } from "../../lib/http";
import { CreateUserBody, MeView, UserView } from "../auth/schemas";
import { createStaffUser, getMe, listStaffUsers } from "./service";

type UserRow = Awaited<ReturnType<typeof createStaffUser>>;
const toView = (u: UserRow) => ({
  id: u.id,
  username: u.username,
  role: u.role,
  displayName: u.displayName,
  regionCode: u.regionCode,
  createdAt: u.createdAt.toISOString(),
});

const createUserRoute = createRoute({
  method: "post",
  path: "/api/v1/users",
  tags: ["users"],
  security: BEARER,
  summary: "创建工作人员账号（管理员、人社部门、帮扶干部）",
  request: { body: jsonBody(CreateUserBody) },
  responses: {
    201: jsonResponse(UserView, "已创建"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN", "CONFLICT"),
  },
});

const listUsersRoute = createRoute({
  method: "get",
  path: "/api/v1/users",
  tags: ["users"],
  security: BEARER,
  summary: "本辖区工作人员账号列表",
  request: { query: PageQuery },
  responses: {
    200: jsonResponse(pageOf(UserView, "UserPage"), "账号列表"),
    ...errorResponses("UNAUTHENTICATED", "FORBIDDEN"),
  },
});

const meRoute = createRoute({
  method: "get",
  path: "/api/v1/me",
  tags: ["auth"],
  security: BEARER,
  summary: "当前登录账号",
  responses: {
    200: jsonResponse(MeView, "当前账号"),
    ...errorResponses("UNAUTHENTICATED", "ACCOUNT_DISABLED"),
  },
});

export const usersRouter = newRouter()
  .openapi(createUserRoute, async (c) =>
    c.json(toView(await createStaffUser(c.var.ctx, c.req.valid("json"))), 201),
  )
  .openapi(listUsersRoute, async (c) => {
    const page = await listStaffUsers(c.var.ctx, c.req.valid("query"));
    return c.json({ items: page.items.map(toView), nextCursor: page.nextCursor }, 200);
  })
  .openapi(meRoute, async (c) => {
    const u = await getMe(c.var.ctx);
    return c.json(
      {
        id: u.id,
        role: u.role,
        displayName: u.displayName,
        regionCode: u.regionCode,
        employerId: u.employerId,
        labourerId: u.labourerId,
      },
      200,
    );
  });
