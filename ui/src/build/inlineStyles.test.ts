import type { Rollup } from "vite";
import { expect, test } from "vitest";
import { inlineStyles } from "./inlineStyles";

const asset = (fileName: string, source: string) => ({ type: "asset" as const, fileName, name: fileName, source });

function run(bundle: Record<string, unknown>) {
  const hook = inlineStyles().generateBundle as (options: unknown, bundle: Rollup.OutputBundle) => void;
  hook.call({}, {}, bundle as Rollup.OutputBundle);
  return bundle as Record<string, { source: string }>;
}

test("the stylesheet the page links goes into the page, and its file out of the build", () => {
  const bundle = run({
    "index.html": asset(
      "index.html",
      '<head><script type="module" src="/assets/index-a1.js"></script>\n<link rel="stylesheet" crossorigin href="/assets/index-b2.css"></head>',
    ),
    "assets/index-b2.css": asset("assets/index-b2.css", "body{color:red}/* $& </style> */"),
    "assets/other.css": asset("assets/other.css", "p{}"),
  });
  expect(bundle["index.html"].source).toBe(
    '<head><script type="module" src="/assets/index-a1.js"></script>\n<style>body{color:red}/* $& <\\/style> */</style></head>',
  );
  expect(Object.keys(bundle)).toEqual(["index.html", "assets/other.css"]);
});

test("a page without the link is left as it is", () => {
  const page = '<head><link rel="stylesheet" href="/elsewhere.css"></head>';
  const bundle = run({ "index.html": asset("index.html", page), "assets/a.css": asset("assets/a.css", "p{}") });
  expect(bundle["index.html"].source).toBe(page);
  expect(Object.keys(bundle)).toEqual(["index.html", "assets/a.css"]);
});
