/**
 * What the page scripts (plain ES2017, no build step) share through `window`, for the type check of
 * `tsconfig.web.json` (`npm run typecheck`). The namespaces are open bags the feature files fill.
 */
interface Window {
  GT_LABELS: Record<string, Record<string, string>>;
  GTApi: any;
  GT: any;
  GTH5: any;
  GTE: any;
  GTB: any;
  [key: string]: any;
}
declare var GTApi: any;
declare var GT_LABELS: Record<string, Record<string, string>>;
