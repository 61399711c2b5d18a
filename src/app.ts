import { compress } from "hono/compress";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import { authenticate } from "./lib/auth";
import type { Deps } from "./lib/ctx";
import { AppError } from "./lib/errors";
import { newRouter } from "./lib/http";
import { bodyGuard, urlGuard } from "./lib/input-guard";
import { finishDocument } from "./lib/openapi-document";
import { applicationsRouter } from "./modules/applications/routes";
import { authRouter } from "./modules/auth/routes";
import { employersRouter } from "./modules/employers/routes";
import { evidenceRouter, evidenceUpload } from "./modules/employments/evidence-routes";
import { employmentsRouter } from "./modules/employments/routes";
import { healthRouter } from "./modules/health/routes";
import { householdsRouter } from "./modules/households/routes";
import { IMPORT_UPLOAD, importsRouter } from "./modules/imports/routes";
import { jobsRouter } from "./modules/jobs/routes";
import { labourersRouter } from "./modules/labourers/routes";
import { recommendationsRouter } from "./modules/recommendations/routes";
import { regionsRouter } from "./modules/regions/routes";
import { careRouter } from "./modules/retention/care-routes";
import { checkInsRouter } from "./modules/retention/check-in-routes";
import { statsExportRouter } from "./modules/stats/export-routes";
import { statsRouter } from "./modules/stats/routes";
import { paymentBatchesRouter, RETURN_UPLOAD } from "./modules/subsidies/batch-routes";
import { subsidyProgrammesRouter } from "./modules/subsidies/programme-routes";
import { proofUpload, subsidyClaimsRouter } from "./modules/subsidies/routes";
import { trainingRouter } from "./modules/training/routes";
import { usersRouter } from "./modules/users/routes";
import { wechatRouter } from "./modules/wechat/routes";
import { apiDocsRouter } from "./web/api-docs";
import { pagesRouter } from "./web/pages";

/** What is worth gzipping: JSON (the API), HTML (the pages), JS and CSS. */
const COMPRESSIBLE =
  /^(?:application\/(?:json|problem\+json|javascript)|text\/(?:html|javascript|css))(?:[;\s]|$)/i;

/** Builds the whole HTTP app around its dependencies; server.ts listens, tests call app.request(). */
export function createApp(deps: Deps) {
  const app = newRouter();

  // Outermost, so it sees the finished response (error bodies included). JSON, HTML, JS and CSS
  // only: the pages' assets arrive gzipped already (Content-Encoding set, so skipped here) and the
  // XLSX downloads are zip files. Hono skips bodies under 1 KB only when Content-Length is known.
  app.use(compress({ contentTypeFilter: COMPRESSIBLE }));
  app.use(requestId({ headerName: "X-Request-Id", limitLength: 64 }));
  app.use(async (c, next) => {
    const id = c.var.requestId;
    const log = deps.log.child({ requestId: id });
    c.set("actor", { kind: "anonymous" });
    c.set("ctx", { ...deps, log, actor: { kind: "anonymous" }, requestId: id });
    const started = performance.now();
    await next();
    // API answers carry personal data (masked, or in full from the audited reads): no cache keeps them.
    if (c.req.path.startsWith("/api/") && !c.res.headers.has("cache-control"))
      c.res.headers.set("cache-control", "no-store");
    const durationMs = Math.round((performance.now() - started) * 10) / 10;
    const status = c.res.status;
    const line = { method: c.req.method, path: c.req.path, status, durationMs };
    if (status >= 500) log.error(line, "request failed");
    else if (c.req.path !== "/healthz") log.info(line, "request");
  });
  // Before authentication and before any schema reads a body (docs/SECURITY.md, "Input limits").
  app.use("*", urlGuard);
  app.use(
    "/api/*",
    bodyGuard([
      IMPORT_UPLOAD,
      evidenceUpload(deps.config),
      proofUpload(deps.config),
      RETURN_UPLOAD,
    ]),
  );
  app.use("/api/*", authenticate);

  app.onError((err, c) => {
    const requestId = c.var.requestId;
    if (err instanceof AppError) return c.json(err.toBody(), err.status);
    if (err instanceof HTTPException && err.status < 500) {
      // Hono's JSON validator throws this for a body that is not JSON.
      const malformed = /malformed json/i.test(err.message);
      const body = malformed
        ? new AppError("MALFORMED_JSON", "请求内容不是有效的 JSON").toBody()
        : new AppError(
            err.status === 413 ? "PAYLOAD_TOO_LARGE" : "VALIDATION_FAILED",
            err.status === 413 ? "上传内容过大" : "请求格式不正确",
          ).toBody();
      return c.json(body, err.status === 413 ? 413 : 400);
    }
    (c.var.ctx?.log ?? deps.log).error({ err, requestId, path: c.req.path }, "unhandled error");
    return c.json(
      new AppError("INTERNAL", "系统繁忙，请稍后再试", { details: { requestId } }).toBody(),
      500,
    );
  });
  app.notFound((c) => c.json(new AppError("NOT_FOUND", "请求的地址不存在").toBody(), 404));

  app.route("/", healthRouter);
  app.route("/", authRouter);
  app.route("/", usersRouter);
  app.route("/", regionsRouter);
  app.route("/", recommendationsRouter);
  app.route("/", labourersRouter);
  app.route("/", householdsRouter);
  app.route("/", employersRouter);
  app.route("/", trainingRouter);
  app.route("/", jobsRouter);
  app.route("/", applicationsRouter);
  app.route("/", employmentsRouter);
  app.route("/", evidenceRouter);
  app.route("/", checkInsRouter);
  app.route("/", careRouter);
  app.route("/", importsRouter);
  app.route("/", statsRouter);
  app.route("/", statsExportRouter);
  app.route("/", subsidyProgrammesRouter);
  app.route("/", subsidyClaimsRouter);
  app.route("/", paymentBatchesRouter);
  app.route("/", wechatRouter);
  app.route("/", apiDocsRouter);
  app.route("/", pagesRouter);

  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
  });
  const documentConfig = {
    openapi: "3.1.0",
    info: {
      title: "岗通 gangtong API",
      version: "0.1.0",
      description:
        "脱贫劳动力就业帮扶：登记、岗位、匹配推送、交通补贴与监测。错误统一为 { error: { code, message, field?, details? } }。",
    },
  };
  let document: ReturnType<typeof app.getOpenAPI31Document> | undefined;
  app.get("/openapi.json", (c) => {
    document ??= finishDocument(
      app.getOpenAPI31Document(documentConfig),
      deps.config.PUBLIC_URL ?? `http://${deps.config.HOST}:${deps.config.PORT}`,
    );
    return c.json(document);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
