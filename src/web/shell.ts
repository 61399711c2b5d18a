import { assetUrl } from "./assets";

/**
 * Everything is served by this process (no CDN, no external fonts or images), and scripts only
 * from our own files: a strict policy costs nothing and closes off injected script.
 */
export const PAGE_HEADERS: Record<string, string> = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-cache",
  "content-security-policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
    "form-action 'self'; base-uri 'none'; frame-ancestors 'self'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
};

export interface ShellInput {
  title: string;
  css: string;
  scripts: string[];
  body: string;
  bodyClass?: string;
}

/** The HTML around a page's markup: the page itself is filled in by its script from the JSON API. */
export function shell(p: ShellInput): string {
  const scripts = p.scripts.map((s) => `<script src="${assetUrl(s)}" defer></script>`).join("\n");
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="format-detection" content="telephone=no">
<title>${p.title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${assetUrl(p.css)}">
${scripts}
</head>
<body${p.bodyClass ? ` class="${p.bodyClass}"` : ""}>
${p.body}
<noscript><p class="noscript">请在浏览器设置中打开 JavaScript 后再使用岗通。</p></noscript>
</body>
</html>`;
}
